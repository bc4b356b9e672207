"""The page audit: every page and its key states, as a person sees them, in both languages.

Each test audits one page (one page load) in Chromium and measures each state at
375 px (phone) and 1280 px (laptop), or 1920 px for projected pages; see
``tests/e2e/audit/checks.py`` for what is measured. A failure names the page, the
state, the width and the screenshot under ``test-artifacts/audit/``.

The pages are audited ``WORKERS`` at a time (``tests/e2e/pool.py``): the module
fixture starts every selected test's audit job at once, each test waits for its own
job and judges its findings. One server serves them all.

Problems another engineer's slice still causes are listed in ``KNOWN`` with the
owner; each must still occur, so an entry fails the moment its cause is fixed.
"""

from __future__ import annotations

import contextlib
import io
import json
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from .audit.checks import (
    HEIGHTS,
    LAPTOP,
    PHONE,
    PROJECTOR,
    Auditor,
    Known,
    Ledger,
    internal_ids,
    settle,
)
from .conftest import QUESTION, answer_question, page_in
from .pool import Jobs, params, started

pytestmark = [pytest.mark.e2e, pytest.mark.audit]

REPO = Path(__file__).resolve().parents[2]
TOPICS = sorted(p.stem for p in (REPO / "guidance").glob("*.md"))
LANGS = ("ja", "en")
SEED = 7  # the quiz draw of every module page (?seed=)
WORKERS = 3  # pages audited at once (2 cores: the server's kernels are the bottleneck)

LEDGER = Ledger()
KNOWN: tuple[Known, ...] = ()


def new_tab(browser, width: int = PHONE):
    return page_in(browser, width, HEIGHTS[width])


def open_page(tab, server: str, notebook: str, lang: str, ready: str, **query: str) -> None:
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    tab.goto(f"{server}/voila/render/{notebook}?lang={lang}{extra}")
    tab.wait_for_selector(ready)
    settle(tab)


_ONCE: set[str] = set()
_ONCE_LOCK = threading.Lock()


def once(key: str) -> bool:
    """True the first time a key is asked for in this test run (by any worker)."""
    with _ONCE_LOCK:
        first = key not in _ONCE
        _ONCE.add(key)
    return first


def finish(auditors: list[Auditor]) -> None:
    lines = [line for a in auditors for line in LEDGER.verdict(a.problems, KNOWN, a.name)]
    assert not lines, "\n".join(lines)


# -- the audit jobs: each opens one page in a worker's browser and returns its auditors --


def audit_home(browser, site: Site, lang: str) -> list[Auditor]:
    with new_tab(browser) as tab:
        auditor = Auditor(tab, "home", lang)
        open_page(tab, site.server, "home.ipynb", lang, ".cd-module")
        auditor.check("start", axe=True, focus=True)
    return [auditor]


def answer(tab) -> None:
    """Give some answer to whatever question shows (the first option, a 1, the order shown)."""
    answer_question(tab)
    tab.wait_for_selector(".cd-next")


def question_type(tab) -> str:
    if tab.locator(".cd-choices input[type=radio]").count():
        return "choice"
    if tab.locator(".cd-choices input[type=checkbox]").count():
        return "multiple"
    if tab.locator(".cd-match-row select").count():
        return "matching"
    if tab.locator(".cd-order-row").count():
        return "ordering"
    return "numeric"


def switch_language(tab, auditor: Auditor, lang: str) -> None:
    """Flip the page's own language switch (one kernel serves both languages)."""
    tab.locator(".cd-lang button").nth(LANGS.index(lang)).click()
    # the header's title is the last thing a language change re-renders
    tab.wait_for_function(
        "ja => /[\\u3040-\\u30ff\\u4e00-\\u9fff]/.test(document.querySelector('.cd-title')?.innerText) === ja",
        arg=lang == "ja",
    )
    settle(tab)
    auditor.lang = lang


def audit_module(browser, site: Site, topic: str) -> list[Auditor]:
    with new_tab(browser) as tab:
        return [module_states(tab, site.server, topic)]


def module_states(tab, server: str, topic: str) -> Auditor:
    auditor = Auditor(tab, topic, "ja")
    open_page(tab, server, f"{topic}.ipynb", "ja", ".cd-guide h1", seed=str(SEED))
    auditor.check("guide", axe=True, focus=once("guide-focus"))
    switch_language(tab, auditor, "en")
    auditor.check("guide")
    switch_language(tab, auditor, "ja")
    tab.locator(".cd-switch button").nth(1).click()
    tab.wait_for_selector(".cd-check")
    seen: set[tuple[str, str]] = set()
    for n in range(1, 40):
        tab.wait_for_selector(QUESTION)
        if n == 6:
            switch_language(tab, auditor, "en")
        kind = question_type(tab)
        first = (kind, auditor.lang) not in seen
        seen.add((kind, auditor.lang))
        widths = () if first else (PHONE,)
        structure = first and once(f"{kind}-{auditor.lang}")
        auditor.check(f"q{n}-{kind}", axe=structure, focus=structure, widths=widths)
        if kind == "ordering":  # a move rebuilds the rows: focus must follow the moved item
            tab.locator(".cd-order-row button:not([disabled])").first.click()
            auditor.focus_kept(f"q{n}-{kind}-moved")
        answer(tab)
        auditor.focus_kept(f"q{n}-{kind}-checked")
        if first:
            settle(tab)
            auditor.check(f"q{n}-{kind}-answered", axe=structure)
        before = tab.locator(".cd-quiz").inner_text()
        tab.locator(".cd-next").click()
        # the next question (or the results) replaces this one: never measure a half-drawn page
        tab.wait_for_function(
            "before => document.querySelector('.cd-quiz').innerText !== before"
            " && !document.querySelector('.cd-quiz .cd-next')",
            arg=before,
        )
        settle(tab)
        auditor.focus_kept(f"q{n}-next")
        if tab.locator(".cd-retry, .cd-restart").count():
            break
    tab.wait_for_selector(".cd-review")
    auditor.check("review", axe=once("review"))
    switch_language(tab, auditor, "ja")
    auditor.check("review")
    return auditor


def audit_scenarios(browser, site: Site) -> list[Auditor]:
    with new_tab(browser) as tab:
        return [scenario_states(tab, site.server)]


def scenario_states(tab, server: str) -> Auditor:
    auditor = Auditor(tab, "scenarios", "ja")
    open_page(tab, server, "scenarios.ipynb", "ja", ".cd-scenario-card")
    auditor.check("list", axe=True, focus=True)
    tab.locator(".cd-scenario-card button").first.click()
    tab.wait_for_selector(".cd-choice")
    auditor.check("step", axe=True, focus=True)
    switch_language(tab, auditor, "en")
    auditor.check("step", axe=True)
    for _ in range(20):
        if not tab.locator(".cd-choice").count():
            break
        tab.locator(".cd-choice").first.click()
        settle(tab)
    tab.wait_for_selector(".cd-scenario .cd-review")
    auditor.check("ending", axe=True)
    switch_language(tab, auditor, "ja")
    auditor.check("ending")
    return auditor


def audit_advisor(browser, site: Site) -> list[Auditor]:
    with new_tab(browser) as tab:
        auditor = Auditor(tab, "advisor", "ja")
        open_page(tab, site.server, "advisor.ipynb", "ja", ".cd-flag-urgent")
        auditor.check("start", axe=True, focus=True)
        tab.locator(".cd-flag-urgent button").first.click()
        tab.wait_for_selector(".cd-ranking li")
        settle(tab)
        auditor.check("result", axe=True)
        switch_language(tab, auditor, "en")
        auditor.check("result", axe=True)
    return [auditor]


OTHER_PAGES = [
    ("progress.ipynb", ".cd-app", ()),
    ("paper_case_study.ipynb", ".cd-paper-case", ()),
    ("trainer.ipynb", ".cd-app", (PROJECTOR, LAPTOP)),
]


def audit_other_page(
    browser, site: Site, notebook: str, ready: str, widths: tuple[int, ...]
) -> list[Auditor]:
    name = notebook.removesuffix(".ipynb")
    with new_tab(browser) as tab:
        auditor = Auditor(tab, name, "ja", widths=widths or (PHONE, LAPTOP))
        open_page(tab, site.server, notebook, "ja", ready)
        auditor.check("start", axe=True, focus=True)
        switch_language(tab, auditor, "en")
        auditor.check("start", axe=True)
    return [auditor]


def upload(tab, path: Path) -> None:
    with tab.expect_file_chooser() as chooser:
        tab.locator(".cd-paper-dashboard .widget-upload").click()
    chooser.value.set_files(path)


def audit_paper_dashboard(browser, site: Site) -> list[Auditor]:
    with new_tab(browser) as tab:
        return [paper_states(tab, site)]


def paper_states(tab, site: Site) -> Auditor:
    auditor = Auditor(tab, "paper_dashboard", "ja")
    open_page(tab, site.server, "paper_dashboard.ipynb", "ja", ".cd-paper-dashboard .widget-upload")
    auditor.check("start", axe=True, focus=True)
    upload(tab, REPO / "data" / "paper" / "sample_usage.csv")
    tab.wait_for_selector(".cd-paper-dashboard img")
    settle(tab)
    auditor.check("loaded", axe=True)
    switch_language(tab, auditor, "en")
    auditor.check("loaded", axe=True)
    bad = site.tmp / "usage.csv"
    bad.write_text("this,is\nnot,a usage table\n", encoding="utf-8")
    upload(tab, bad)
    tab.locator(".cd-paper-dashboard [role=alert]:not([hidden])").first.wait_for()
    auditor.check("error", axe=True)
    switch_language(tab, auditor, "ja")
    auditor.check("error")
    return auditor


def audit_live_room(browser, site: Site) -> list[Auditor]:
    created = site.room
    contexts = []

    def open_tab(width: int):
        context = browser.new_context(viewport={"width": width, "height": HEIGHTS[width]})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    try:
        console = open_tab(LAPTOP)
        console.goto(created["dashboard_url"] + "&lang=ja")
        console.locator("[data-action=start]").wait_for()
        screen = open_tab(PROJECTOR)
        projector = Auditor(screen, "room-screen", "ja", widths=(PROJECTOR,))
        screen.goto(created["screen_url"] + "?lang=ja")
        screen.locator(".bigcode").wait_for()
        phones = []
        for lang in LANGS:
            page = open_tab(PHONE)
            auditor = Auditor(page, f"room-phone-{lang}", lang, widths=(PHONE,))
            page.goto(f"{created['join_url']}?lang={lang}")
            page.locator("#nickname").wait_for()
            auditor.check("join", axe=True, focus=True)
            page.locator("#nickname").fill("監査" if lang == "ja" else "Audit")
            page.locator("form button[type=submit]").click()
            page.locator("#live .wait").wait_for()
            auditor.check("lobby", axe=True)
            phones.append((page, auditor))
        screen.get_by_text("参加者 2 人").wait_for()
        projector.check("lobby", axe=True)
        projector.check_fit("lobby")
        console.locator("[data-action=start]").click()
        screen.locator(".stage .qtext").wait_for()
        projector.check("question", axe=True)
        projector.check_fit("question")
        for page, auditor in phones:
            page.locator("form.answer").wait_for()
            auditor.check("question", axe=True, focus=True)
            page.locator("form.answer input, form.answer select").first.wait_for()
            form = page.locator("form.answer")
            if form.locator("input[type=radio], input[type=checkbox]").count():
                form.locator("input[type=radio], input[type=checkbox]").first.check()
            elif form.locator("select").count():
                for select in form.locator("select").all():
                    select.select_option(index=1)
            else:
                form.locator("input[name=a]").fill("1")
            form.locator("button[type=submit]").click()
        console.locator("[data-action=reveal]").click()
        screen.locator(".explanation").wait_for()
        projector.check("reveal", axe=True)
        projector.check_fit("reveal")
        for page, auditor in phones:
            page.locator(".verdict, .explanation").first.wait_for()
            auditor.check("reveal", axe=True)
        return [a for _, a in phones] + [projector]
    finally:
        for context in contexts:
            context.close()


# -- the tests: each judges the findings of its own page's job ------------------------


class Site:
    """What the audit jobs share: the server, a folder, a live session made in advance."""

    def __init__(self, server: str, server_db: str, tmp: Path) -> None:
        self.server, self.tmp = server, tmp
        from chatdojo.cli import main

        argv = ["session", "create", "--quiz", "communication-method", "--count", "1"]
        argv += ["--seed", "3", "--paced", "--db", server_db, "--base-url", server, "--json"]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):  # before any worker runs: no thread shares stdout
            assert main(argv) == 0
        self.room: dict[str, str] = json.loads(out.getvalue())


JOBS: dict[str, Callable[..., list[Auditor]]] = {  # test -> its job (the test's parameters follow)
    "test_home": audit_home,
    "test_module": audit_module,
    "test_scenarios": audit_scenarios,
    "test_advisor": audit_advisor,
    "test_other_page": audit_other_page,
    "test_paper_dashboard": audit_paper_dashboard,
    "test_live_room": audit_live_room,
}


@pytest.fixture(scope="module")
def audits(request: pytest.FixtureRequest, server: str, server_db: str, tmp_path_factory):
    """Every selected audit test's job, started at once, ``WORKERS`` pages at a time."""
    site = Site(server, server_db, tmp_path_factory.mktemp("audit"))
    internal_ids()  # computed once, before the workers ask for it

    def job_of(item: pytest.Item):
        job = JOBS.get(getattr(item, "originalname", item.name))
        return (partial(job, **params(item)), (site,)) if job else None

    with started(request, job_of, WORKERS) as jobs:
        yield jobs


def judge(audits: Jobs, request: pytest.FixtureRequest) -> None:
    finish(audits.result(request))


@pytest.mark.parametrize("lang", LANGS)
def test_home(audits, request, lang: str) -> None:
    """Home: the module cards in this language."""
    judge(audits, request)


@pytest.mark.parametrize("topic", TOPICS)
def test_module(audits, request, topic: str) -> None:
    """A module in both languages: the guide, every question drawn, the review.

    One page load serves both languages (the in-page switch; loading a page directly
    in English is covered by test_every_page). Every question is measured unanswered
    on the phone, the first of each type in a language also answered and at 1280 px;
    the first half of the quiz in Japanese, the second in English. axe-core and the
    focus ring check structure, the same for every module: each question type, the
    module switch and the review once per run (axe takes seconds a call), every guide.
    """
    judge(audits, request)


def test_scenarios(audits, request) -> None:
    """Scenarios: the list, a step, and an ending with its review, in both languages."""
    judge(audits, request)


def test_advisor(audits, request) -> None:
    """The advisor: the questions and a result, in both languages."""
    judge(audits, request)


@pytest.mark.parametrize(("notebook", "ready", "widths"), OTHER_PAGES)
def test_other_page(audits, request, notebook: str, ready: str, widths) -> None:
    """Progress, the case study and the live pages as they open, in both languages."""
    judge(audits, request)


def test_paper_dashboard(audits, request) -> None:
    """The paper dashboard: empty, loaded with the sample, and a file it cannot read."""
    judge(audits, request)


def test_live_room(audits, request) -> None:
    """The live room: lobby, question and reveal on a phone (ja, en) and on the projector
    (1920x1080, and without scrolling at 1280x720, 1366x768 and 1024x768)."""
    judge(audits, request)


def test_known_issues_still_occur() -> None:
    """Runs last: a known issue that no audited page shows any more has been fixed; drop it."""
    lines = LEDGER.fixed(KNOWN)
    assert not lines, "\n".join(lines)
