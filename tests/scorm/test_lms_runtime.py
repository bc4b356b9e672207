"""The package in a real SCORM 1.2 run-time: scorm-again's Scorm12API on a test LMS page
on 127.0.0.1, the package in an iframe, played in Chromium; the CMI values it writes are
checked exactly (full marks, a failing run, a resumed run) and the page alone says that
nothing is recorded."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chatdojo.content.catalog import Catalog
from chatdojo.i18n import pick
from chatdojo.quiz.model import Question
from chatdojo.quiz.types import get_type
from chatdojo.scorm.data import PAGE_TEXT, plan
from chatdojo.scorm.package import build_package

from .helpers import unzip

REPO = Path(__file__).resolve().parents[2]
# bcp-telework, 6 questions drawn with seed 53: one of each of the six types.
MODULE, COUNT, SEED, MASTERY = "bcp-telework", 6, 53, 80
LETTERS = "abcdefghijklmnopqrstuvwxyz"
TIMESPAN = re.compile(r"^\d{4}:\d{2}:\d{2}\.\d{2}$")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def scorm_again() -> Path:
    """scorm-again installed by scripts/install-js-deps.sh (pinned, cached)."""
    cache = REPO / ".cache" / "js"
    subprocess.run(["bash", str(REPO / "scripts/install-js-deps.sh"), str(cache)], check=True)
    return cache / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, scorm_again: Path
) -> Iterator[str]:
    root = tmp_path_factory.mktemp("lms")
    for name, body in unzip(
        build_package(catalog, MODULE, count=COUNT, seed=SEED, mastery=MASTERY)
    ).items():
        (root / "pkg").mkdir(exist_ok=True)
        (root / "pkg" / name).write_bytes(body)
    for name in ("lms.html", "lms.js"):
        shutil.copy(Path(__file__).with_name("lms") / name, root / name)
    shutil.copy(scorm_again, root / "scorm12.min.js")

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def questions(catalog: Catalog) -> list[Question]:
    return plan(catalog, MODULE, count=COUNT, seed=SEED).questions


def right_answer(q: Question) -> Any:
    return get_type(q.type).correct_answer(q)


def wrong_answer(q: Question) -> Any:
    ids = [c.id for c in q.choices]
    right = right_answer(q)
    if q.type in ("single", "truefalse"):
        return next(i for i in ids if i != right)
    if q.type == "multiple":
        return [right[0], *[i for i in ids if i not in right][:1]]  # one right, one wrong
    if q.type == "matching":
        first = q.pairs[0].id
        return {
            p.id: (right[p.id] if p.id == first else next(i for i in ids if i != right[p.id]))
            for p in q.pairs
        }
    if q.type == "ordering":
        return list(reversed(right))
    return (q.number or 0) + q.tolerance + 100


def engine_score(q: Question, answer: Any) -> float:
    qtype = get_type(q.type)
    return qtype.score(q, qtype.normalize(q, answer))


def percent(fraction: float) -> str:
    """What the package writes for score.raw: 0-100 with at most two decimals."""
    value = int(fraction * 10000 + 0.5) / 100
    return f"{value:.2f}".rstrip("0").rstrip(".")


def response(q: Question, answer: Any) -> str:
    """SCORM 1.2's student_response / pattern formats (options by their place in the bank)."""
    ids = [c.id for c in q.choices]
    if q.type == "truefalse":
        return "t" if answer == "true" else "f"
    if q.type == "single":
        return LETTERS[ids.index(answer)]
    if q.type in ("multiple", "ordering"):
        return ",".join(LETTERS[ids.index(a)] for a in answer)
    if q.type == "matching":
        return ",".join(
            f"{n}.{LETTERS[ids.index(answer[p.id])]}"
            for n, p in enumerate(q.pairs, 1)
            if p.id in answer
        )
    return f"{float(answer):.10g}"


def play(frame: Any, q: Question, answer: Any, then: Any = None) -> None:
    """Answer one question through the page's own controls, then check and go on."""
    frame.wait_for_selector(".cd-check")
    name = f"cd-{q.id}"
    if q.type in ("single", "truefalse"):
        frame.check(f'input[name="{name}"][value="{answer}"]')
    elif q.type == "multiple":
        for item in answer:
            frame.check(f'input[name="{name}"][value="{item}"]')
    elif q.type == "matching":
        for pair_id, target in answer.items():
            frame.select_option(f"#{name}-{pair_id}", target)
    elif q.type == "ordering":
        for index, step in enumerate(answer):
            while True:
                order = frame.eval_on_selector_all(
                    ".cd-order-row", "rows => rows.map(r => r.dataset.id)"
                )
                at = order.index(step)
                if at == index:
                    break
                frame.click(f'.cd-order-row[data-id="{step}"] .cd-move[data-dir="up"]')
    else:
        frame.fill(".cd-number", f"{answer:.10g}")
    frame.click(".cd-check")
    frame.wait_for_selector(".cd-next")
    if then is not None:
        then(frame)
    frame.click(".cd-next")


def open_lms(browser: Any, site: str, initial: dict | None = None) -> tuple[Any, Any, Any]:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site}/lms.html")
    page.evaluate("([init, src]) => launch(init, src)", [initial, "pkg/index.html"])
    frame = page.frame_locator("#sco")
    frame.locator("#cd-app[data-ready='1']").wait_for()
    sco = next(f for f in page.frames if f.url.endswith("pkg/index.html"))
    if sco.is_visible("#cd-guide"):  # a first launch opens on the guide
        sco.click(".cd-tab >> nth=1")
    return page, sco, errors


def written(page: Any) -> dict[str, str]:
    """The last value the SCO wrote to each CMI element."""
    return {element: value for element, value in page.evaluate("lmsLog")}


def check_interactions(
    values: dict[str, str], questions: list[Question], answers: list[Any], first: int = 0
) -> None:
    for offset, (q, answer) in enumerate(zip(questions, answers, strict=True)):
        n = first + offset
        base = f"cmi.interactions.{n}."
        score = engine_score(q, answer)
        assert values[base + "id"] == q.id
        assert (
            values[base + "type"]
            == {
                "single": "choice",
                "multiple": "choice",
                "truefalse": "true-false",
                "matching": "matching",
                "ordering": "sequencing",
                "numeric": "numeric",
            }[q.type]
        )
        assert values[base + "student_response"] == response(q, answer)
        assert values[base + "correct_responses.0.pattern"] == response(q, right_answer(q))
        assert values[base + "result"] == ("correct" if score >= 0.999 else "wrong")
        assert values[base + "weighting"] == "1"
        assert TIMESPAN.match(values[base + "latency"])
        assert re.match(r"^\d{2}:\d{2}:\d{2}$", values[base + "time"])


def finish_checks(page: Any, values: dict[str, str], fraction: float) -> None:
    raw = percent(fraction)
    assert values["cmi.core.score.raw"] == raw
    assert (values["cmi.core.score.min"], values["cmi.core.score.max"]) == ("0", "100")
    status = "passed" if float(raw) >= MASTERY else "failed"
    assert values["cmi.core.lesson_status"] == status
    assert values["cmi.core.exit"] == ""
    assert values["cmi.core.lesson_location"] == "results"
    assert TIMESPAN.match(values["cmi.core.session_time"])
    assert len(values["cmi.suspend_data"]) <= 4096
    calls = page.evaluate("lmsCalls")
    assert calls[0] == "LMSInitialize" and calls[-2:] == ["LMSFinish", "LMSGetLastError"]
    assert "LMSCommit" in calls and calls.count("LMSFinish") == 1
    assert page.evaluate("lmsErrors") == []
    assert page.evaluate("API.cmi.core.lesson_status") == status


def test_full_marks_and_a_failing_run(browser: Any, site: str, questions: list[Question]) -> None:
    for answers in ([right_answer(q) for q in questions], [wrong_answer(q) for q in questions]):
        page, sco, errors = open_lms(browser, site)
        for q, answer in zip(questions, answers, strict=True):
            play(sco, q, answer)
        sco.wait_for_selector(".cd-review")
        values = written(page)
        fraction = sum(engine_score(q, a) for q, a in zip(questions, answers, strict=True)) / len(
            questions
        )
        finish_checks(page, values, fraction)
        check_interactions(values, questions, answers)
        assert errors == []
        page.close()
    assert fraction < MASTERY / 100  # the second run failed


def test_resumed_run(browser: Any, site: str, questions: list[Question]) -> None:
    answers = [wrong_answer(questions[0]), *[right_answer(q) for q in questions[1:]]]
    page, sco, errors = open_lms(browser, site)
    for q, answer in zip(questions[:2], answers[:2], strict=True):
        play(sco, q, answer)
    page.evaluate("document.getElementById('sco').src = 'about:blank'")  # the learner leaves
    page.wait_for_function("lmsCalls.includes('LMSFinish')")
    first = written(page)
    assert first["cmi.core.exit"] == "suspend"
    assert first["cmi.core.lesson_location"] == "q3"
    assert first["cmi.core.lesson_status"] == "incomplete"
    assert "cmi.core.score.raw" not in first
    check_interactions(first, questions[:2], answers[:2])
    suspend = first["cmi.suspend_data"]
    page.close()

    initial = {
        "core": {"entry": "resume", "lesson_location": "q3", "lesson_status": "incomplete"},
        "suspend_data": suspend,
    }
    page, sco, errors = open_lms(browser, site, initial)
    assert "3 / 6" in sco.inner_text(".cd-progress-label")
    for q, answer in zip(questions[2:], answers[2:], strict=True):
        play(sco, q, answer)
    sco.wait_for_selector(".cd-review")
    values = written(page)
    fraction = sum(engine_score(q, a) for q, a in zip(questions, answers, strict=True)) / len(
        questions
    )
    finish_checks(page, values, fraction)
    check_interactions(values, questions[2:], answers[2:], first=0)
    assert errors == []
    page.close()


def test_standalone_page_says_nothing_is_recorded(
    browser: Any, site: str, questions: list[Question]
) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{site}/pkg/index.html")
    page.wait_for_selector("#cd-app[data-ready='1']")
    assert pick(PAGE_TEXT["not_recorded"], "ja") in page.inner_text("#cd-lms-status")
    page.click(".cd-tab >> nth=1")
    q = questions[0]

    def feedback_shown(frame: Any) -> None:
        box = frame.inner_text(".cd-feedback")
        assert "正解" in box and "解説" in box and "根拠" in box
        assert all(
            frame.eval_on_selector_all(
                ".cd-answer input, .cd-answer select", "els => els.map(e => e.disabled)"
            )
        )

    play(page, q, right_answer(q), feedback_shown)
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context={"include": [[".cd-app"]]})
    serious = [
        f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    assert not serious, serious
    assert "2 / 6" in page.inner_text(".cd-progress-label")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width}px wide on a 375-px screen"
    assert errors == []
    page.close()
