"""What a scenario room shows: the step and its choices, the votes, the ending and the path.

Called by :class:`chatdojo.room.render.Frame` for sessions of kind "scenario". As
for quizzes, each view's HTML is rendered once per (view, language) and shared by
every phone; only a phone's own vote picks which cached variant it gets.
Nothing here reads the database: everything comes from the frame's snapshot.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from markupsafe import Markup

from chatdojo.i18n import pick
from chatdojo.room.templating import render
from chatdojo.room.text import tr
from chatdojo.scenario.model import Scenario, Step
from chatdojo.scenario.rubric import BANDS
from chatdojo.scenario.text import plain, shorten
from chatdojo.store import live_scenario as ls
from chatdojo.views.render import citations


class Frame(Protocol):
    """What the scenario views read of ``room.render.Frame`` (typed here so that this module
    need not import the quiz views, which call it for scenario rooms)."""

    snapshot: Any
    catalog: Any
    seq: int
    extra: dict[str, Any]
    answered: dict[int, dict[str, Any]]
    active: list[Any]
    by_person: dict[int, Any]

    @property
    def session(self) -> Any: ...

    def subs(self, lang: str) -> dict[str, str]: ...

    def md(self, text: Any, lang: str) -> Markup: ...

    def cached(self, key: tuple[Any, ...], build: Any) -> str: ...

    def time(self) -> dict[str, Any]: ...


@dataclass
class Derived:
    """Everything a frame's scenario views need, computed once per snapshot."""

    scenario: Scenario | None
    key: str  # the visit on screen, e.g. "2:reported"
    step: Step | None
    votes: Counter[str]
    mine: dict[int, str]  # participant id -> their vote at this visit


def derived(frame: Frame) -> Derived:
    found = frame.extra.get("scenario")
    if isinstance(found, Derived):
        return found
    s = frame.session
    scenario: Any = frame.catalog.scenarios.get(s.quiz_id)
    key = ls.current_key(s)
    step = scenario.steps.get(ls.step_id_of(key)) if isinstance(scenario, Scenario) else None
    mine = {a.participant_id: str(a.answer) for a in frame.snapshot.answers if a.question_id == key}
    value = Derived(
        scenario if isinstance(scenario, Scenario) else None,
        key,
        step,
        ls.tally(frame.snapshot.answers, key),
        mine,
    )
    frame.extra["scenario"] = value
    return value


def _plain(frame: Frame, text: Any, lang: str) -> str:
    return plain(pick(text, lang), frame.subs(lang))


def _situation(frame: Frame, text: Any, lang: str) -> str:
    """The situation alone, in short: quoted lines (policy notes, a rule quoted) left out."""
    lines = pick(text, lang).splitlines()
    kept = "\n".join(line for line in lines if not line.lstrip().startswith(">"))
    return shorten(plain(kept, frame.subs(lang)), 64)


def _position(key: str) -> int:
    head = key.split(":", 1)[0]
    return int(head) if head.isdigit() else 1


def step_context(frame: Frame, lang: str) -> dict[str, Any]:
    d = derived(frame)
    assert d.scenario is not None and d.step is not None
    step = d.step
    by_id = {c.id: c for c in step.choices}
    return {
        "lang": lang,
        "key": d.key,
        "n": _position(d.key),
        "title": pick(d.scenario.title, lang),
        "text": frame.md(step.text, lang),
        "options": [
            (cid, _plain(frame, by_id[cid].text, lang))
            for cid in ls.shown_choices(step, frame.session.seed)
        ],
    }


def reveal_context(frame: Frame, lang: str) -> dict[str, Any]:
    d = derived(frame)
    assert d.step is not None
    ctx = step_context(frame, lang)
    ahead = ls.leaders(d.votes, d.step)
    top = max(d.votes.values(), default=0) or 1
    by_id = {c.id: c for c in d.step.choices}
    rows = []
    for cid, label in ctx["options"]:
        count = d.votes.get(cid, 0)
        feedback = frame.md(by_id[cid].feedback, lang) if by_id[cid].feedback else ""
        rows.append((cid, label, count, (100 * count // top) // 5 * 5, feedback, cid in ahead))
    labels = dict(ctx["options"])
    if len(ahead) == 1:
        room = tr("room_goes", lang, choice=labels[ahead[0]])
    else:
        room = tr("room_tied" if ahead else "room_none", lang)
    return {
        **ctx,
        "rows": rows,
        "voted": sum(d.votes.values()),
        "room": room,
        "single": len(ahead) == 1,
        "any_lead": bool(ahead),
        "rules": Markup(citations(d.step.rules, frame.catalog, lang)),
    }


def path_items(frame: Frame, lang: str) -> list[tuple[int, str, str, str]]:
    """(position, the situation in short, the choice followed, how it was decided)."""
    d = derived(frame)
    if d.scenario is None:
        return []
    out = []
    visits = frame.session.question_ids
    for i, (step_id, choice_id, how, room) in enumerate(frame.session.path):
        step = d.scenario.steps.get(step_id)
        choice = step.choice(choice_id) if step else None
        if step is None or choice is None:
            continue
        votes = ls.tally(frame.snapshot.answers, visits[i]) if i < len(visits) else Counter()
        if how == "majority":
            said = tr("how_majority", lang, k=votes.get(choice_id, 0), n=sum(votes.values()))
        elif how == "override" and room and step.choice(room):
            said = tr("how_override", lang, room=_plain(frame, step.choice(room).text, lang))  # type: ignore[union-attr]
        elif how == "override":
            said = tr("how_override_tie", lang)
        else:
            said = tr(f"how_{how}" if how in ("tie", "none") else "how_none", lang)
        scene = _situation(frame, step.text, lang)
        out.append((i + 1, scene, _plain(frame, choice.text, lang), said))
    return out


def ending_context(frame: Frame, lang: str) -> dict[str, Any]:
    d = derived(frame)
    ctx: dict[str, Any] = {"lang": lang, "path": path_items(frame, lang), "ending": None}
    if d.scenario is not None:
        ctx["title"] = pick(d.scenario.title, lang)
    if d.step is not None and d.step.ending is not None and d.scenario is not None:
        end = d.step.ending
        low, high = BANDS.get(end.harm, (0, 100))
        top = d.scenario.best_scores.get(d.scenario.start, end.score)
        ctx.update(
            ending=end,
            harm=tr(f"harm_{end.harm}", lang) if end.harm in BANDS else end.harm,
            band=tr("ending_score", lang, s=end.score, low=low, high=high),
            verdict=tr("ending_best", lang) if end.best else tr("ending_better", lang, s=top),
            text=frame.md(d.step.text, lang),
            debrief=frame.md(end.debrief, lang),
        )
    return ctx


def _ending_html(frame: Frame, lang: str) -> Markup:
    html = frame.cached(
        ("scenario-ending", lang),
        lambda: frame_render("_scenario_ending.html", **ending_context(frame, lang)),
    )
    return Markup(html)


def frame_render(template: str, **ctx: Any) -> str:
    return render(template, **ctx)


def _points(total: float) -> str:
    return f"{total:.2f}".rstrip("0").rstrip(".") if total else "0"


# -- phones ------------------------------------------------------------------------------


def phone(frame: Frame, pid: int, lang: str) -> dict[str, Any]:
    s, d = frame.session, derived(frame)
    mine = d.mine.get(pid, "")
    if s.state == "finished" or d.step is None or d.scenario is None:
        kind: tuple[Any, ...] = ("finished", pid)
    elif s.revealed:
        kind = ("reveal", d.key, mine)
    elif mine:
        kind = ("voted", d.key, mine)
    else:
        kind = ("question", d.key)
    key = (*kind, lang)
    html = frame.cached(("scenario-phone", *key), lambda: _phone_html(frame, kind, pid, lang))
    standing = frame.by_person.get(pid)
    total = standing.total if standing else 0.0
    if s.state == "running" and not s.revealed and d.step is not None:
        current = frame.answered.get(pid, {}).get(d.key)
        total -= current.score if current else 0.0  # a vote's points show after the reveal
    me = {"score": _points(total), "rank": None}
    return {"key": ":".join(map(str, key)), "html": html, "me": me, **frame.time()}


def _phone_html(frame: Frame, kind: tuple[Any, ...], pid: int, lang: str) -> str:
    ctx: dict[str, Any] = {"kind": kind[0], "lang": lang}
    d = derived(frame)
    if kind[0] == "question":
        ctx.update(step_context(frame, lang))
    elif kind[0] in ("voted", "reveal"):
        ctx.update(
            reveal_context(frame, lang) if kind[0] == "reveal" else step_context(frame, lang)
        )
        choice = d.step.choice(kind[2]) if d.step and kind[2] else None
        ctx["mine"] = _plain(frame, choice.text, lang) if choice else ""
        if choice is not None and d.scenario is not None and d.step is not None:
            best = d.scenario.best_scores
            p = ls.points(d.scenario, d.step, choice.id)
            before, after = best.get(d.step.id, 0), best.get(choice.next, 0)
            ctx["note"] = (
                tr("kept_best", lang, p=_points(p))
                if after >= before
                else tr("lowered_best", lang, a=before, b=after, p=_points(p))
            )
            ctx["kept"] = after >= before
    else:
        ctx["ending_html"] = _ending_html(frame, lang)
        standing = frame.by_person.get(pid)
        if standing is not None:
            ctx["summary"] = tr(
                "your_votes",
                lang,
                k=standing.answered,
                m=standing.correct,
                p=_points(standing.total),
            )
    return frame_render("_scenario_phone.html", **ctx)


# -- projector ---------------------------------------------------------------------------


def screen(frame: Frame, lang: str, join_url: str) -> dict[str, Any]:
    s, d = frame.session, derived(frame)
    if s.state == "finished" or d.step is None:
        kind: tuple[Any, ...] = ("ending",)
    elif s.revealed:
        kind = ("reveal", d.key)
    else:
        kind = ("step", d.key)
    key = (*kind, lang)
    html = frame.cached(
        ("scenario-screen", *key), lambda: _screen_html(frame, kind[0], lang, join_url)
    )
    status = ""
    if kind[0] == "step":
        voted = sum(1 for p in frame.active if p.id in d.mine)
        status = tr("voted_n", lang, k=voted, n=len(frame.active))
    return {"key": "s:" + ":".join(key), "html": html, "status": status, **frame.time()}


def _screen_html(frame: Frame, kind: str, lang: str, join_url: str) -> str:
    ctx: dict[str, Any] = {"kind": kind, "lang": lang, "code": frame.session.code}
    if kind == "step":
        ctx.update(step_context(frame, lang))
    elif kind == "reveal":
        ctx.update(reveal_context(frame, lang))
    else:
        ctx["ending_html"] = _ending_html(frame, lang)
    return frame_render("_scenario_screen.html", **ctx)


# -- console -----------------------------------------------------------------------------


def trainer(frame: Frame, lang: str) -> dict[str, Any]:
    s, d = frame.session, derived(frame)
    people = [(p.id, p.nickname, p.id in d.mine) for p in frame.active]
    ctx: dict[str, Any] = {
        "s": s,
        "lang": lang,
        "people": people,
        "title": pick(d.scenario.title, lang) if d.scenario else s.quiz_id,
        "path": path_items(frame, lang),
        "playing": s.state == "running" and d.step is not None and not d.step.is_ending,
    }
    if ctx["playing"]:
        ctx["step"] = reveal_context(frame, lang) if s.revealed else step_context(frame, lang)
        ctx["voted"] = sum(1 for _i, _n, v in people if v)
    if s.state == "finished":
        ctx["ending_html"] = _ending_html(frame, lang)
    html = frame_render("_scenario_trainer.html", **ctx)
    return {"key": f"t{frame.seq}:{lang}", "html": html, **frame.time()}
