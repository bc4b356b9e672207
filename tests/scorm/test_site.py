"""The closed-network edition: static files only, every module in both languages, a quiz
played to the end in Chromium from a plain static server, progress kept in the browser
and shown on the home and completion pages."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chatdojo.cli import main
from chatdojo.content.catalog import Catalog
from chatdojo.content.profiles import DEFAULT_PROFILE
from chatdojo.scorm.data import ExportError
from chatdojo.site.build import build_site

from .test_lms_runtime import play, right_answer


@pytest.fixture(scope="module")
def collector(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A chatdojo server's collect route on its own port and database: (URL, a resume code)."""
    import asyncio
    import os

    import tornado.web

    from chatdojo.scorm import web
    from chatdojo.store.db import shared_store
    from chatdojo.store.learners import create_learner

    url = f"sqlite:///{tmp_path_factory.mktemp('collect') / 'db.sqlite3'}"
    old = os.environ.get("CHATDOJO_DB")
    os.environ["CHATDOJO_DB"] = url
    _info, code = create_learner(shared_store(url), "Collect")
    ready, holder = threading.Event(), {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        server = tornado.web.Application(web.handlers("/")).listen(0, "127.0.0.1")
        holder["port"] = next(iter(server._sockets.values())).getsockname()[1]
        holder["loop"] = loop
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    yield f"http://127.0.0.1:{holder['port']}", code
    holder["loop"].call_soon_threadsafe(holder["loop"].stop)
    if old is None:
        os.environ.pop("CHATDOJO_DB", None)
    else:
        os.environ["CHATDOJO_DB"] = old


@pytest.fixture(scope="module")
def site_dir(
    tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, collector: tuple[str, str]
) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(catalog, out, collect=collector[0])
    return out


def test_every_module_in_both_languages_and_nothing_from_elsewhere(
    site_dir: Path, catalog: Catalog
) -> None:
    for lang in ("ja", "en"):
        for guide_id in catalog.guides:
            assert (site_dir / lang / f"{guide_id}.html").is_file(), (lang, guide_id)
        assert (site_dir / lang / "completion.html").is_file()
    for path in site_dir.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), path
            assert not re.search(r"\sstyle=|\son[a-z]+=", text), path


def test_collect_and_bad_profile_say_so(tmp_path: Path, catalog: Catalog) -> None:
    with pytest.raises(ExportError, match="プロファイル .* はありません.*unknown profile"):
        build_site(catalog, tmp_path, profile_id="nowhere")
    assert main(["export", "site", "--collect", "ftp://127.0.0.1/", "-o", str(tmp_path)]) == 2
    with pytest.raises(ExportError, match="--collect"):
        build_site(catalog, tmp_path, collect="https://u:p@example.org/")


def test_a_guide_limited_to_another_organization_is_left_out(
    tmp_path: Path, catalog: Catalog
) -> None:
    """A guide limited to one organization, over a bank every organization may use: is it
    left out of the other organizations' sites and kept in its own?"""
    guide = next(g for g in catalog.guides.values() if g.quiz and not g.profiles)
    other = next(p for p in catalog.profiles if p != DEFAULT_PROFILE)
    limited = dataclasses.replace(
        catalog, guides={**catalog.guides, guide.id: dataclasses.replace(guide, profiles=(other,))}
    )
    build_site(limited, tmp_path / "standard", profile_id=DEFAULT_PROFILE)
    build_site(limited, tmp_path / "other", profile_id=other)
    for lang in ("ja", "en"):
        assert not (tmp_path / "standard" / lang / f"{guide.id}.html").exists()
        home = (tmp_path / "standard" / lang / "index.html").read_text(encoding="utf-8")
        assert f'"id":"{guide.id}"' not in home
        assert (tmp_path / "other" / lang / f"{guide.id}.html").is_file()
        home = (tmp_path / "other" / lang / "index.html").read_text(encoding="utf-8")
        assert f'"id":"{guide.id}"' in home


@pytest.fixture(scope="module")
def served(site_dir: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.e2e
def test_quiz_to_the_end_and_the_completion_page(
    served: str, catalog: Catalog, collector: tuple[str, str], browser: Any
) -> None:
    bank = catalog.banks["chat-etiquette"]
    by_id = {q.id: q for q in bank.questions}
    with contextlib.closing(browser.new_context(viewport={"width": 375, "height": 800})) as ctx:
        page = ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{served}/ja/index.html")  # the resume code for --collect, kept here
        page.wait_for_selector("#cd-app[data-ready='1']")
        page.fill("#cd-code", collector[1])
        page.click("#cd-code-form button")
        page.goto(f"{served}/ja/chat-etiquette.html")
        page.wait_for_selector("#cd-app[data-ready='1']")
        assert "このブラウザー" in page.inner_text("#cd-lms-status")
        page.click(".cd-tab >> nth=1")
        for _ in range(bank.draw or len(bank.questions)):
            q = by_id[page.get_attribute("#cd-quiz", "data-question") or ""]
            play(page, q, right_answer(q))
        page.wait_for_selector(".cd-review")
        page.wait_for_selector("#cd-lms-status:has-text('送りました')")
        from chatdojo.store.db import shared_store
        from chatdojo.store.learners import progress, resume

        store = shared_store()
        learner = resume(store, collector[1])
        assert learner is not None and progress(store, learner.id)["chat-etiquette"].passed
        page.goto(f"{served}/ja/index.html")
        page.wait_for_selector("#cd-app[data-ready='1']")
        assert "合格 100%" in page.inner_text("#cd-modules")
        page.goto(f"{served}/ja/completion.html")
        page.wait_for_selector("#cd-app[data-ready='1']")
        page.fill("#cd-name", "山田 花子")
        table = page.inner_text(".cd-completion")
        assert "山田 花子" in table and "合格" in table and "未受験" in table
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # a scenario: first choice at every step to an ending, the debrief, the map
        scenario = catalog.scenarios["lost-phone"]
        page.goto(f"{served}/ja/scenarios.html")
        page.click('[data-scenario="lost-phone"] a')
        page.wait_for_selector("#cd-app[data-ready='1']")
        for _ in range(40):
            if page.query_selector(".cd-choice") is None:
                break
            page.click(".cd-choice >> nth=0")
        text = page.inner_text("#cd-scenario")
        assert "結末" in text and "たどった道筋の振り返り" in text
        scores = {s.ending.score for s in scenario.endings if s.ending}
        assert any(f"得点 {s} / 100" in text for s in scores)
        reached = next(s for s in scores if f"得点 {s} / 100" in text)
        page.click(".cd-map-toggle")
        assert page.query_selector(".cd-map-box svg") is not None
        visited = page.eval_on_selector_all(
            ".cd-map-box g.cd-visited", "gs => gs.map(g => g.dataset.step)"
        )
        assert scenario.start in visited and 1 < len(visited) < len(scenario.steps)
        page.goto(f"{served}/ja/scenarios.html")
        page.wait_for_selector("#cd-app[data-ready='1']")
        badge = page.inner_text('[data-scenario="lost-phone"] .cd-badge')
        assert badge == f"これまでの最高点 {reached}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # the advisor: answers looked up in the page equal the engine's recommendation
        from chatdojo.advisor.engine import recommend
        from chatdojo.advisor.situation import Situation

        page.goto(f"{served}/ja/advisor.html")
        page.wait_for_selector("#cd-app[data-ready='1']")
        for flags in (
            {},
            {"external": True, "personal_data": True},
            {"urgent": True, "after_hours": True},
        ):
            page.click('button[type="reset"]')
            for flag in flags:
                page.check(f'input[name="{flag}"][value="1"]')
            shown = page.get_attribute("#cd-advice .cd-correct", "data-method")
            want = recommend(Situation.from_flags(flags), catalog.profile("default")).method
            assert shown == want, flags
        assert errors == []


def test_scenario_endings_and_review_equal_the_engine(catalog: Catalog) -> None:
    """Random walks through every scenario: the static page's ending, score and review
    (best score before/after each choice) equal chatdojo.scenario.run's."""
    import json
    import random
    import shutil
    import subprocess
    from importlib.resources import files

    from chatdojo.scenario.run import ScenarioRun
    from chatdojo.site.scenarios import scenario_json

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    rng = random.Random(18)
    data, walks = {}, []
    for scenario in catalog.scenarios.values():
        data[scenario.id] = scenario_json(scenario, catalog, "ja", {})
        for _ in range(30):
            run, taken = ScenarioRun(scenario), []
            while not run.finished and len(taken) < 40:
                choice = rng.choice(run.current.choices)
                run.choose(choice.id)
                taken.append(choice.id)
            walks.append((scenario.id, taken))
    script = Path(__file__).with_name("scenario_cases.js")
    engine = str(files("chatdojo.site").joinpath("static", "scenario.js"))
    result = subprocess.run(
        [node, str(script), engine],
        input=json.dumps({"scenarios": data, "walks": walks}),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for (sid, taken), got in zip(walks, json.loads(result.stdout), strict=True):
        run = ScenarioRun.replay(catalog.scenarios[sid], taken)
        assert got["finished"] == run.finished and got["score"] == run.score, (sid, taken)
        want = [
            {
                "step": item.step.id,
                "choice": item.choice.id if item.choice else None,
                "before": item.best_before,
                "after": item.best_after,
                "kept": item.kept_best,
            }
            for item in run.review()
        ]
        assert got["review"] == want, (sid, taken)
