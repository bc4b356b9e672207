"""Widgets driven without a browser: set values, click, assert on the engine's state."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from chatdojo.content.catalog import load_catalog
from chatdojo.content.markdown import render
from chatdojo.views.home_view import home
from chatdojo.views.module_view import module
from chatdojo.views.page import Page, query_params
from chatdojo.views.quiz_view import QuizView


def make_page(root: Path, lang: str = "ja", profile: str = "default") -> Page:
    return Page.from_request(load_catalog(root), {"lang": lang, "profile": profile})


def test_quiz_view_answers_through_widgets(content_root: Path) -> None:
    """Does picking an option and clicking Check score it and show its feedback?"""
    page = make_page(content_root)
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    assert view.check_button in view.body.children
    radio = view.input.widget
    assert isinstance(radio, w.RadioButtons)
    radio.value = "a"
    view.check_button.click()
    outcome = view.attempt.outcomes["b-1"]
    assert outcome.correct
    assert "はい" in view.feedback.value and "003 §2" in view.feedback.value
    view.next_button.click()
    assert view.attempt.finished
    assert "100%" in view.body.children[0].value


def test_quiz_view_requires_an_answer(content_root: Path) -> None:
    """Does clicking Check with nothing chosen ask for an answer instead of scoring?"""
    page = make_page(content_root, "en")
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    view.check_button.click()
    assert view.attempt.outcomes == {}
    assert "Please answer first" in view.message.value


def test_forged_widget_value_is_rejected(content_root: Path) -> None:
    """Is an option id that does not exist (as a forged client could send) refused with a message?"""
    page = make_page(content_root, "en")
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    assert view.check("no-such-option") is None
    assert view.attempt.outcomes == {}
    assert "unknown option" in view.message.value


def test_language_switch_rerenders_quiz(content_root: Path) -> None:
    """Does flipping the language re-render the question and keep the attempt?"""
    page = make_page(content_root)
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    assert "どれ" in view.question_html.value
    view.input.widget.value = "b"
    view.check_button.click()
    page.set(lang="en")
    assert "Which?" in view.question_html.value
    assert "Not quite" in view.feedback.value
    assert view.attempt.outcomes["b-1"].score == 0


def test_retry_missed_from_results(content_root: Path) -> None:
    """After a wrong answer, does 'retry only what I missed' start a new attempt with that question?"""
    page = make_page(content_root, "en")
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    view.check("b")
    view.next()
    assert view.retry_button in view.body.children
    view.retry_button.click()
    assert [q.id for q in view.attempt.questions] == ["b-1"]
    assert not view.attempt.outcomes


def test_module_page_shows_guide_with_profile_facts(content_root: Path) -> None:
    """Does a module show its guide with the chosen profile's facts substituted, and switch to its quiz?"""
    page = make_page(content_root)
    view = module("basics", page, seed=1)
    html = "".join(child.value for child in view.children[-1].children if hasattr(child, "value"))
    assert "所属の規程で定められた担当部署" in html
    assert 'href="#rule-t-1"' in html
    assert view.quiz is None  # built when first opened
    view.switch.value = "quiz"
    assert view.children[-1].children[0] is view.quiz.widget
    assert view.open_quiz() is view.quiz


def test_module_page_for_unknown_topic_says_so(content_root: Path) -> None:
    """Is a missing guide shown as a message rather than an exception?"""
    view = module("nope", make_page(content_root, "en"))
    assert any("could not be loaded" in getattr(c, "value", "") for c in view.children)


def test_home_lists_modules_and_keeps_language(content_root: Path) -> None:
    """Does the home page link every module with its description, carrying lang and profile?"""
    view = home(make_page(content_root, "en"))
    html = view.children[-1].value
    assert "Basics" in html and "The basics" in html
    assert "./basics.ipynb?lang=en&amp;profile=default" in html


def test_content_errors_are_shown_on_the_page(content_root: Path) -> None:
    """Does a broken content file appear on the page as path:line, with the rest still working?"""
    (content_root / "quizzes" / "broken.md").write_text("no front matter\n", encoding="utf-8")
    view = home(make_page(content_root, "en"))
    text = " ".join(getattr(c, "value", "") for c in view.children)
    assert "quizzes/broken.md:1: missing YAML front matter" in text
    assert "Basics" in view.children[-1].value


def test_raw_html_in_content_is_escaped() -> None:
    """Can content inject script? (Raw HTML must be escaped, javascript: links not linked.)"""
    html = render("<script>alert(1)</script> [x](javascript:alert(1)) {{ k }}", {"k": "<b>"})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "&lt;b&gt;" in html


def test_query_params_are_read_and_bounded(monkeypatch) -> None:
    """Are URL parameters read from Voila's QUERY_STRING and cut to a sane length?"""
    monkeypatch.setenv("QUERY_STRING", "lang=en&profile=" + "x" * 500)
    params = query_params()
    assert params["lang"] == "en" and len(params["profile"]) == 100


def test_module_page_records_a_learner_from_the_url(
    content_root: Path, tmp_path: Path, monkeypatch
) -> None:
    """Opened with ?learner=CODE, does a module page save the quiz to that learner's progress?"""
    from chatdojo.store import db as store_db
    from chatdojo.store.learners import create_learner, progress

    monkeypatch.setenv("CHATDOJO_DB", f"sqlite:///{tmp_path / 'learners.db'}")
    store = store_db.shared_store()
    info, code = create_learner(store, "Taro")
    page = Page.from_request(load_catalog(content_root), {"lang": "en", "learner": code})
    view = module("basics", page, seed=1)
    quiz = view.open_quiz()
    assert "Taro" in quiz.widget.children[0].value
    assert f"learner={code}" in page.link("home.ipynb")
    quiz.check("a")
    quiz.next()
    assert progress(store, info.id)["basics"].passed


def test_home_shows_a_learners_progress(content_root: Path, tmp_path: Path, monkeypatch) -> None:
    """With ?learner=CODE, does the home page show how many modules are passed and mark them?"""
    from chatdojo.store import db as store_db
    from chatdojo.store.learners import create_learner

    monkeypatch.setenv("CHATDOJO_DB", f"sqlite:///{tmp_path / 'home.db'}")
    store = store_db.shared_store()
    info, code = create_learner(store, "Jiro")
    page = Page.from_request(load_catalog(content_root), {"lang": "en", "learner": code})
    assert "Jiro: 0 of 1 modules passed" in home(page).children[-1].value
    view = module("basics", page, seed=1)
    view.open_quiz().check("a")
    view.quiz.next()
    html = home(page).children[-1].value
    assert "Jiro: 1 of 1 modules passed" in html and "✓ Passed" in html


def test_does_every_page_carry_its_language_and_tab_title() -> None:
    """Does the hidden page meta name the page's language and title, and follow the switch?"""
    import re

    from chatdojo.content.catalog import load_catalog
    from chatdojo.views.home_view import home
    from chatdojo.views.module_view import module
    from chatdojo.views.page import Page
    from chatdojo.views.scenario_view import scenarios_page

    catalog = load_catalog()

    def meta(widget) -> tuple[str, str]:
        found = []

        def walk(node) -> None:
            value = getattr(node, "value", None)
            if isinstance(value, str) and "cd-page-meta" in value:
                found.append(value)
            for child in getattr(node, "children", ()):
                walk(child)

        walk(widget)
        assert len(found) == 1, found
        lang = re.search(r'data-lang="([^"]*)"', found[0]).group(1)
        title = re.search(r'data-title="([^"]*)"', found[0]).group(1)
        return lang, title

    page = Page(catalog=catalog)
    view = module("communication-method", page)
    assert meta(view) == ("ja", "連絡手段の選び方 | ChatDojo")
    page.set(lang="en")
    assert meta(view)[0] == "en" and meta(view)[1].endswith(" | ChatDojo")
    assert "連絡" not in meta(view)[1]

    page = Page(catalog=catalog)
    view = home(page)
    assert meta(view) == ("ja", "ChatDojo 業務チャット研修")

    page = Page(catalog=catalog)
    frame = scenarios_page(page, params={})
    assert meta(frame) == ("ja", "シナリオ演習 | ChatDojo")
    scenario = next(iter(catalog.scenarios.values()))
    frame.controller.open(scenario.id)  # type: ignore[attr-defined]
    assert meta(frame)[1] == f"{scenario.title['ja']} | ChatDojo"


def test_are_right_and_wrong_told_by_words_and_marks(content_root: Path) -> None:
    """Do the feedback and every review card name the verdict with a mark, not by colour only?"""
    page = make_page(content_root, "en")
    view = QuizView(page, page.catalog.banks["basics"], seed=1)
    view.check("b")  # a wrong answer
    assert "✗" in view.feedback.value and "Not quite" in view.feedback.value
    view.next()
    review = next(c.value for c in view.body.children if "cd-review" in getattr(c, "value", ""))
    assert review.count('class="cd-verdict"') == len(view.attempt.questions)
    assert "✗" in review and "Not quite" in review


def test_is_a_numeric_answer_shown_as_typed() -> None:
    """Is a numeric answer shown back as 576, not 576.0, and a score as 7.5 or 8?"""
    from chatdojo.quiz.model import Question
    from chatdojo.views.inputs import build_input
    from chatdojo.views.quiz_view import number

    catalog = load_catalog()
    question = next(
        q
        for bank in catalog.banks.values()
        for q in bank.questions
        if isinstance(q, Question) and q.type == "numeric"
    )
    shown = build_input(question, [], "ja", 576.0)
    assert shown.widget.children[0].value == "576"
    assert (number(8.0), number(7.5), number(0.0)) == ("8", "7.5", "0")


def _question(kind: str):
    from chatdojo.quiz.model import Question

    catalog = load_catalog()
    for bank in catalog.banks.values():
        for q in bank.questions:
            if isinstance(q, Question) and q.type == kind:
                return catalog, bank, q
    raise AssertionError(kind)


def test_ordering_buttons_name_item_and_direction_and_keep_focus(monkeypatch) -> None:
    """Do ↑/↓ say which item moves which way, and does focus follow the moved item?"""
    from chatdojo.i18n import pick
    from chatdojo.views.inputs import build_input

    focused: list[w.Widget] = []
    monkeypatch.setattr(w.DOMWidget, "focus", lambda self: focused.append(self))
    _catalog, _bank, question = _question("ordering")
    field = build_input(question, list(question.choices), "ja", None)
    rows = field.widget.children
    first = pick(question.choices[0].text, "ja")[:20]
    down = rows[0].children[2]
    assert first in down.tooltip and "下へ" in down.tooltip
    assert "上へ" in rows[1].children[1].tooltip
    names = [b.tooltip for r in rows for b in r.children[1:]]
    assert len(set(names)) == len(names)  # every button has its own name
    down.click()
    assert field.get()[1] == question.choices[0].id
    moved = field.widget.children[1].children[2]  # the same item's ↓, now in row 2
    assert focused == [moved] and first in moved.tooltip
    last = field.widget.children[-1].children[2]
    assert last.disabled
    field.widget.children[-2].children[2].click()  # moved to the end: focus on its ↑
    assert focused[-1] is field.widget.children[-1].children[1]


def test_numeric_field_has_a_label_and_focus_never_falls_to_body(monkeypatch) -> None:
    """Is the numeric field labelled (not only a placeholder); after check/next is a control focused?"""
    from chatdojo.quiz.types import get_type
    from chatdojo.views.inputs import build_input

    catalog, _bank, question = _question("numeric")
    text = build_input(question, [], "en", None).widget.children[0]
    assert text.description == "Answer (number)"
    focused: list[w.Widget] = []
    monkeypatch.setattr(w.DOMWidget, "focus", lambda self: focused.append(self))
    page = Page.from_request(catalog, {"lang": "en"})
    bank = next(iter(catalog.banks.values()))
    view = QuizView(page, bank, seed=1)
    while not view.attempt.finished:
        q = view.attempt.current
        answer = get_type(q.type).correct_answer(q)
        view.check(list(answer) if isinstance(answer, tuple) else answer)
        assert focused[-1] is view.next_button
        view.next_button.click()
        if not view.attempt.finished:
            target = focused[-1]
            assert target is not view.next_button and not getattr(target, "disabled", False)
    assert focused[-1] is view.restart_button  # all right: nothing to retry


def test_language_and_organization_follow_the_browser_then_the_choice(monkeypatch) -> None:
    """Does a page follow Accept-Language until the learner chooses, then keep the choice?"""
    from chatdojo.views.page import browser_lang

    catalog = load_catalog()
    other = next(p for p in catalog.profiles if p != "default")
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "en-US,en;q=0.9,ja;q=0.8")
    monkeypatch.delenv("HTTP_COOKIE", raising=False)
    assert Page.from_request(catalog, {}).lang == "en"
    assert Page.from_request(catalog, {"lang": "ja"}).lang == "ja"  # a link's language
    assert browser_lang({"HTTP_ACCEPT_LANGUAGE": "fr, ja;q=0.5, en;q=0.4"}) == "ja"
    assert browser_lang({"HTTP_ACCEPT_LANGUAGE": "en;q=0, x" * 300}) is None
    page = Page.from_request(catalog, {})
    meta = page.meta()
    assert 'data-chosen="0"' in meta.value  # not chosen: the template keeps nothing
    header = page.header(show_profile=True)
    toggle = next(c for c in header.children if isinstance(c, w.ToggleButtons))
    select = next(c for c in header.children if isinstance(c, w.Dropdown))
    toggle.value = "ja"
    select.value = other
    assert 'data-chosen="1"' in meta.value and f'data-profile="{other}"' in meta.value
    # the template's script stored the choice in cookies: Back to an old ?lang=en URL keeps it
    monkeypatch.setenv("HTTP_COOKIE", f"chatdojo_lang=ja; chatdojo_profile={other}")
    again = Page.from_request(catalog, {"lang": "en", "profile": "default"})
    assert (again.lang, again.profile_id) == ("ja", other)
    monkeypatch.setenv("HTTP_COOKIE", "chatdojo_lang=xx; chatdojo_profile=<script>")
    bad = Page.from_request(catalog, {"lang": "en"})
    assert (bad.lang, bad.profile_id) == ("en", "default")


def test_the_template_loads_the_page_script() -> None:
    """Is chatdojo-a11y.js (loading text, aria-pressed, kept choices) in the page template?"""
    from importlib.resources import files

    folder = files("chatdojo").joinpath("share/voila/templates/chatdojo")
    assert 'include_js("static/chatdojo-a11y.js")' in folder.joinpath("index.html.j2").read_text()
    script = folder.joinpath("static/chatdojo-a11y.js").read_text()
    assert "aria-pressed" in script and "Loading widget..." in script


def test_every_guide_citation_lands_on_its_source_once() -> None:
    """Does every #rule- link in each guide have its anchor on the page, each citation listed once?"""
    import re

    from chatdojo.views.module_view import guide_html

    catalog = load_catalog()
    checked = 0
    for lang in ("ja", "en"):
        page = Page.from_request(catalog, {"lang": lang})
        for guide_id in catalog.guides:
            html = guide_html(page, guide_id)
            targets = set(re.findall(r'href="#(rule-[^"]+)"', html))
            anchors = re.findall(r'id="(rule-[^"]+)"', html)
            assert targets <= set(anchors), (guide_id, lang, targets - set(anchors))
            assert len(anchors) == len(set(anchors))  # no duplicate ids
            cites = re.findall(r"<li><strong>([^<]+)</strong><ul>", html)
            assert len(cites) == len(set(cites)), (guide_id, cites)  # "003 §3" once
            checked += len(targets)
    assert checked > 50
