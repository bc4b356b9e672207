"""Scenario walkthroughs: a picker, then one situation step by step to a scored ending.

The widgets only show the engine's state (``chatdojo.scenario.ScenarioRun``)
and pass choice ids to it; the engine rejects anything it does not know.
"""

from __future__ import annotations

import hmac
import os
import random
from collections.abc import Callable
from html import escape

import ipywidgets as w

from chatdojo.i18n import Strings, pick
from chatdojo.scenario import ScenarioError, ScenarioRun
from chatdojo.scenario.graph import scenario_svg
from chatdojo.scenario.model import Scenario
from chatdojo.scenario.text import plain, shorten
from chatdojo.views.page import Page, app_frame, query_params, safe
from chatdojo.views.render import citations, md

TEXTS = Strings.load("views.scenario")

CSS = """<style>
.cd-app .cd-choice { text-align: left; justify-content: flex-start; margin: 4px 0;
  background: #f0f5ff; border: 1px solid #1a56db; color: #0b2e6e; border-radius: 6px; }
.cd-app .cd-scenario .cd-map-box { overflow-x: auto; max-width: 100%; border: 1px solid #ddd;
  border-radius: 8px; padding: 4px; -webkit-overflow-scrolling: touch; }
.cd-app .cd-scenario .cd-map-box svg { max-width: none; display: block; }
.cd-app .cd-map-html, .cd-app .cd-map-html .widget-html-content { display: block; min-width: 0;
  max-width: 100%; overflow: hidden; }
.cd-app .cd-review > li { margin-bottom: 12px; }
.cd-app .cd-cite > summary { min-height: 44px; padding: 10px 0; cursor: pointer; }
.cd-app .cd-nav { display: flex; flex-wrap: wrap; gap: 8px; width: 100%; }
.cd-app .cd-nav .jupyter-button { flex: 1 1 12em; }
</style>"""


_translate = TEXTS.tr
TRAINER_KEY_ENV = "CHATDOJO_TRAINER_KEY"


def is_trainer(params: dict[str, str]) -> bool:
    """Does the URL carry the trainer's key (``?trainer=KEY``, KEY from CHATDOJO_TRAINER_KEY)?

    Without a configured key nobody is a trainer: learners see the map, which
    gives the best path away, only once they have reached an ending.
    """
    key = os.environ.get(TRAINER_KEY_ENV, "")
    given = params.get("trainer", "")
    return bool(key) and hmac.compare_digest(key.encode(), given.encode())


def _t(page: Page, key: str, **fmt: object) -> str:
    return _translate(key, page.lang, **fmt)


def _full(**kw: str) -> w.Layout:
    return w.Layout(width="100%", **kw)


class ScenarioView:
    """One walkthrough: narrative, choice buttons, feedback, ending and review."""

    def __init__(
        self,
        page: Page,
        scenario: Scenario,
        on_list: Callable[[], None] | None = None,
        *,
        seed: int | None = None,
        trainer: bool = False,
    ) -> None:
        self.page = page
        self.scenario = scenario
        self.trainer = trainer
        self.run = ScenarioRun(scenario, seed=random.randrange(1 << 30) if seed is None else seed)
        self.choice_buttons: dict[str, w.Button] = {}
        self.title = w.HTML()
        self.progress = w.IntProgress(min=0, max=max(1, scenario.longest), layout=_full())
        self.progress.add_class("cd-progress")
        self.progress_label = w.HTML()
        self.story = w.HTML(layout=_full())
        self.choices_box = w.VBox(layout=_full())
        self.message = w.HTML()
        self.back_button = w.Button(icon="arrow-left", layout=_full())
        self.restart_button = w.Button(icon="refresh", layout=_full())
        self.list_button = w.Button(icon="list", layout=_full())
        self.map_toggle = w.ToggleButton(value=False, icon="sitemap", layout=_full())
        self.map_toggle.add_class("cd-map-toggle")
        self.map_html = w.HTML(layout=_full())
        self.map_html.add_class("cd-map-html")
        self.back_button.on_click(safe(lambda _b: self.back(), self._say))
        self.restart_button.on_click(safe(lambda _b: self.restart(), self._say))
        if on_list is not None:
            self.list_button.on_click(safe(lambda _b: on_list(), self._say))
        self.map_toggle.observe(safe(lambda _c: self.render_map(), self._say), names="value")
        self.nav = w.HBox(layout=_full())
        self.nav.add_class("cd-nav")
        self.show_list_button = on_list is not None
        self.widget = w.VBox(
            [
                self.title,
                self.progress_label,
                self.progress,
                self.story,
                self.choices_box,
                self.message,
                self.nav,
                self.map_toggle,
                self.map_html,
            ],
            layout=_full(),
        )
        self.widget.add_class("cd-scenario")
        self.render()

    # -- actions (also called directly by tests) ---------------------------------
    def choose(self, choice_id: object) -> bool:
        try:
            self.run.choose(choice_id)
        except ScenarioError as exc:
            self._say(str(exc))
            return False
        self.render(focus=True)
        return True

    def back(self) -> None:
        if self.run.can_back:
            self.run.back()
            self.render(focus=True)

    def restart(self) -> None:
        self.run.restart()
        self.render(focus=True)

    # -- rendering --------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.message.value = (
            f'<div class="cd-error" role="alert">{escape(text)}</div>' if text else ""
        )

    def _md(self, text: dict[str, str] | None) -> str:
        return md(text, self.page.lang, self.page.substitutions(), self.page.catalog)

    def _plain(self, text: dict[str, str] | None) -> str:
        return plain(pick(text, self.page.lang), self.page.substitutions())

    def render(self, focus: bool = False) -> None:
        page, run, scenario = self.page, self.run, self.scenario
        self.message.value = ""
        self.title.value = f"<h2>{escape(pick(scenario.title, page.lang))}</h2>"
        longest = max(scenario.longest, run.position)
        self.progress.max = longest
        self.progress.value = longest if run.finished else run.position
        label = (
            _t(page, "finished", n=run.position)
            if run.finished
            else _t(page, "progress", n=run.position, m=longest)
        )
        self.progress_label.value = f'<p class="cd-note">{escape(label)}</p>'
        parts = ['<div aria-live="polite">']
        last = run.last_choice
        if last is not None:
            parts.append(
                f'<div class="cd-feedback" role="status"><p><strong>{escape(_t(page, "your_choice"))}:</strong> '
                f"{escape(self._plain(last.text))}</p>{self._md(last.feedback) if last.feedback else ''}</div>"
            )
        parts.append(f'<div class="cd-card">{self._md(run.current.text)}</div>')
        if run.finished:
            parts.append(self.ending_html())
        parts.append("</div>")
        self.story.value = "".join(parts)
        self.choice_buttons = {}
        if not run.finished:
            prompt = w.HTML(f"<p><strong>{escape(_t(page, 'choose'))}</strong></p>")
            for choice in run.choices():
                button = w.Button(
                    description=self._plain(choice.text), layout=_full(min_height="44px")
                )
                button.add_class("cd-choice")
                button.on_click(safe(lambda _b, cid=choice.id: self.choose(cid), self._say))
                self.choice_buttons[choice.id] = button
            self.choices_box.children = [prompt, *self.choice_buttons.values()]
        else:
            self.choices_box.children = []
        self.back_button.description = _t(page, "back")
        self.restart_button.description = _t(page, "restart")
        self.list_button.description = _t(page, "to_list")
        self.map_toggle.description = _t(page, "map" if self.trainer else "map_after")
        nav: list[w.Widget] = []
        if run.can_back:
            nav.append(self.back_button)
        if run.taken:
            nav.append(self.restart_button)
        if self.show_list_button:
            nav.append(self.list_button)
        self.nav.children = nav
        self.map_toggle.layout.display = None if self.map_allowed else "none"
        self.render_map()
        if focus:
            target = next(iter(self.choice_buttons.values()), None) or self.restart_button
            target.focus()

    def ending_html(self) -> str:
        page, run = self.page, self.run
        ending = run.ending
        assert ending is not None  # only called once finished
        top = self.scenario.best_scores.get(self.scenario.start, ending.score)
        verdict = _t(page, "best") if ending.best else _t(page, "not_best", s=top)
        state = "cd-correct" if ending.best else ("cd-partly" if ending.score >= 50 else "cd-wrong")
        parts = [
            f'<div class="cd-feedback {state}" role="status"><h3>{escape(_t(page, "ending"))}: '
            f"{escape(_t(page, 'score', s=ending.score))}</h3><p>{escape(verdict)}</p>"
            f"{self._md(ending.debrief)}</div>",
            f"<h3>{escape(_t(page, 'review'))}</h3>",
        ]
        if run.backs:
            parts.append(f'<p class="cd-note">{escape(_t(page, "backs", n=run.backs))}</p>')
        items = []
        for item in run.review():
            scene = escape(shorten(self._plain(item.step.text), 80))
            body = [f"<p>{scene}</p>"]
            if item.choice is not None:
                body.append(
                    f"<p><strong>{escape(_t(page, 'your_choice'))}:</strong> {escape(self._plain(item.choice.text))}</p>"
                )
                if item.kept_best:
                    note = _t(page, "kept")
                else:
                    note = _t(page, "lost", a=item.best_before, b=item.best_after)
                css = "cd-correct" if item.kept_best else "cd-wrong"
                body.append(f'<p class="cd-feedback {css}">{escape(note)}</p>')
            body.append(
                f'<details class="cd-cite"><summary>{escape(_t(page, "cite", n=len(item.rules)))}'
                f"</summary>{citations(item.rules, page.catalog, page.lang)}</details>"
            )
            items.append(f"<li>{''.join(body)}</li>")
        parts.append(f'<ol class="cd-review">{"".join(items)}</ol>')
        return "".join(parts)

    @property
    def map_allowed(self) -> bool:
        """The map is for trainers, and for a learner who has reached an ending."""
        return self.trainer or self.run.finished

    def render_map(self) -> None:
        if not self.map_toggle.value or not self.map_allowed:
            self.map_html.value = ""
            return
        svg = scenario_svg(
            self.scenario,
            self.page.lang,
            self.page.substitutions(),
            visited=[step.id for step in self.run.path],
            order=self.run.order(),
        )
        self.map_html.value = f'<p class="cd-note">{escape(_t(self.page, "map_note"))}</p><div class="cd-map-box">{svg}</div>'


class ScenariosPage:
    """The picker and the open walkthrough; one page-level listener re-renders either."""

    def __init__(
        self,
        page: Page,
        scenario_id: str | None = None,
        *,
        seed: int | None = None,
        trainer: bool = False,
    ) -> None:
        self.page = page
        self.seed = seed
        self.trainer = trainer
        self.view: ScenarioView | None = None
        self.start_buttons: dict[str, w.Button] = {}
        self.heading = w.HTML()
        self.message = w.HTML()
        self.content = w.VBox(layout=_full())
        self.widget = w.VBox([self.heading, self.message, self.content], layout=_full())
        page.on_change(safe(self.render, self._say))
        if scenario_id:
            self.open(scenario_id)
        self.render()

    @property
    def scenarios(self) -> dict[str, Scenario]:
        """The scenarios offered under the page's organization profile."""
        profile = self.page.profile
        found: dict[str, Scenario] = self.page.catalog.scenarios  # type: ignore[assignment]
        if profile is None:
            return found
        return {k: s for k, s in found.items() if s.applies_to(profile.id, profile.policies)}

    def _say(self, text: str) -> None:
        self.message.value = (
            f'<div class="cd-error" role="alert">{escape(text)}</div>' if text else ""
        )

    def open(self, scenario_id: str) -> ScenarioView | None:
        scenario = self.scenarios.get(scenario_id)
        if scenario is None:
            self._say(_t(self.page, "unknown", id=scenario_id))
            self.view = None
        else:
            self._say("")
            self.view = ScenarioView(
                self.page, scenario, on_list=self.show_list, seed=self.seed, trainer=self.trainer
            )
        self.render()
        return self.view

    def show_list(self) -> None:
        self.view = None
        self.render()

    def tab_title(self) -> dict[str, str]:
        """The open scenario's title, or the page's heading on the list."""
        return dict(self.view.scenario.title) if self.view else TEXTS["heading"]

    def render(self) -> None:
        page = self.page
        if page.title is not None and page.title != self.tab_title():
            page.set_title(self.tab_title())
        if self.view is not None:
            self.heading.value = ""
            self.view.render()
            self.content.children = [self.view.widget]
            return
        self.heading.value = (
            f"<h1>{escape(_t(page, 'heading'))}</h1><p>{escape(_t(page, 'intro'))}</p>"
        )
        if not self.scenarios:
            self.content.children = [w.HTML(f"<p>{escape(_t(page, 'empty'))}</p>")]
            return
        cards: list[w.Widget] = []
        self.start_buttons = {}
        for scenario in self.scenarios.values():
            link = escape(page.link("scenarios.ipynb", scenario=scenario.id))
            info = _t(  # steps where a choice is made: the same count as the live room's /room/new
                page,
                "steps",
                n=len(scenario.steps) - len(scenario.endings),
                e=len(scenario.endings),
            )
            card_html = w.HTML(
                f"<h2>{escape(pick(scenario.title, page.lang))}</h2>"
                f"<p>{escape(pick(scenario.summary, page.lang))}</p>"
                f'<p class="cd-note">{escape(info)}</p><a href="{link}">{escape(_t(page, "link"))}</a>',
                layout=_full(),
            )
            button = w.Button(
                description=_t(page, "start"),
                button_style="primary",
                layout=_full(min_height="44px"),
            )
            button.on_click(safe(lambda _b, sid=scenario.id: self.open(sid), self._say))
            self.start_buttons[scenario.id] = button
            card = w.VBox([card_html, button], layout=_full())
            card.add_class("cd-card")
            card.add_class("cd-scenario-card")
            cards.append(card)
        self.content.children = cards


def scenarios_page(page: Page | None = None, params: dict[str, str] | None = None) -> w.Widget:
    """The whole page; ``?scenario=<id>`` opens one scenario directly.

    ``?trainer=KEY`` (the server's CHATDOJO_TRAINER_KEY) shows the map from the first
    step; ``?seed=N`` fixes the order of the choices (otherwise random per visit).
    """
    params = query_params() if params is None else params
    page = page or Page.from_request(params=params)
    seed = params.get("seed", "")
    controller = ScenariosPage(
        page,
        params.get("scenario"),
        seed=int(seed[:9]) if seed.isdigit() else None,
        trainer=is_trainer(params),
    )
    errors = page.content_errors()
    header = page.header(page_title=controller.tab_title())
    frame = app_frame(w.HTML(CSS), header, *([errors] if errors else []), controller.widget)
    frame.controller = controller  # type: ignore[attr-defined]  # tests drive the page through this
    return frame
