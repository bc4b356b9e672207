"""``--collect``: the static site's finished attempts reach a learner's record on the
server, re-scored by the engine, stored once, refused when forged or malformed."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import tornado.web
from tornado.testing import AsyncHTTPTestCase

from chatdojo.content.banks import questions_for
from chatdojo.content.catalog import load_catalog
from chatdojo.quiz.types import get_type
from chatdojo.scorm import web
from chatdojo.site.build import build_site, collect_target

MODULE = "chat-etiquette"


class CollectTest(AsyncHTTPTestCase):
    @pytest.fixture(autouse=True)
    def _db(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        monkeypatch.setenv("CHATDOJO_DB", f"sqlite:///{tmp_path / 'collect.sqlite3'}")
        from chatdojo import learner_web
        from chatdojo.store.db import shared_store
        from chatdojo.store.learners import create_learner
        from chatdojo.store.ratelimit import RESUME_RULES, GuessLimiter

        # fresh guessing counts for each test, the server's own limiter back afterwards
        monkeypatch.setattr(learner_web, "resume_limiter", GuessLimiter(RESUME_RULES, "t"))
        self.store = shared_store()
        self.learner, self.code = create_learner(self.store, "山田")
        yield

    def get_app(self) -> tornado.web.Application:
        return tornado.web.Application(web.handlers("/"), xsrf_cookies=True)

    def attempt(self, right: bool = True) -> list[list[object]]:
        catalog = load_catalog()
        bank = catalog.banks[MODULE]
        pool = questions_for(bank, catalog.profile("default"))[: bank.draw]
        out: list[list[object]] = []
        for q in pool:
            qtype = get_type(q.type)
            answer = qtype.correct_answer(q)
            if not right and q.type in ("single", "truefalse"):
                answer = next(c.id for c in q.choices if c.id != answer)
            out.append([q.id, list(answer) if isinstance(answer, tuple) else answer])
        return out

    def post(self, body: object, content_type: str = "application/json") -> tuple[int, dict]:
        response = self.fetch(
            "/chatdojo/collect",
            method="POST",
            body=json.dumps(body),
            headers={"Content-Type": content_type, "Origin": "http://intranet.example"},
        )
        return response.code, json.loads(response.body or b"{}")

    def test_stored_once_and_rescored(self) -> None:
        from chatdojo.store.learners import progress

        body = {"code": self.code, "module": MODULE, "profile": "default", "attempt": "ab" * 16}
        code, reply = self.post({**body, "answers": self.attempt(), "score": 0})
        assert code == 200 and reply["score"] == 100 and reply["passed"] is True
        assert reply["stored"] == 10
        code, again = self.post({**body, "answers": self.attempt()})
        assert code == 200 and again["stored"] == 0  # the same attempt: stored once
        state = progress(self.store, self.learner.id)[MODULE]
        assert state.passed and state.attempts == 1
        code, reply = self.post({**body, "attempt": "cd" * 16, "answers": self.attempt(False)})
        assert code == 200 and reply["passed"] is False and reply["score"] < 100

    def test_forged_and_malformed_posts_are_refused(self) -> None:
        good = {"code": self.code, "module": MODULE, "profile": "default", "attempt": "ef" * 16}
        answers = self.attempt()
        assert self.post({**good, "answers": answers}, "text/plain")[0] == 415
        assert self.post({**good, "code": "nope-nope", "answers": answers})[0] == 403
        status, reply = self.post({**good, "module": "x", "answers": answers})
        assert status == 400 and reply["error"].startswith("module")
        assert self.post({**good, "answers": answers[:3]})[0] == 400
        assert self.post({**good, "answers": [answers[0]] * 10})[0] == 400
        status, reply = self.post({**good, "answers": [[answers[0][0], "zzz"], *answers[1:]]})
        assert status == 400 and "answers[0]" in reply["error"]
        assert self.post({**good, "attempt": "../x", "answers": answers})[0] == 400
        assert self.post([1, 2])[0] == 400
        big = {**good, "answers": answers, "pad": "x" * 40000}
        assert self.post(big)[0] == 413

    def test_preflight_allows_json_without_credentials(self) -> None:
        response = self.fetch("/chatdojo/collect", method="OPTIONS")
        assert response.code == 204
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in response.headers

    def test_wrong_codes_are_limited(self) -> None:
        body = {"module": MODULE, "profile": "default", "attempt": "aa" * 16, "answers": []}
        codes = [self.post({**body, "code": f"wrong-{n}"})[0] for n in range(40)]
        assert 429 in codes


def test_site_built_with_collect_points_its_pages_at_the_server(tmp_path: Path) -> None:
    url, origin = collect_target("https://train.city.example/chatdojo/")
    assert url == "https://train.city.example/chatdojo/chatdojo/collect"
    build_site(load_catalog(), tmp_path, collect="https://train.city.example/chatdojo/")
    page = html.unescape((tmp_path / "ja" / f"{MODULE}.html").read_text(encoding="utf-8"))
    assert f"connect-src 'self' {origin};" in page and f'"collect":"{url}"' in page
    assert 'id="cd-code-form"' in (tmp_path / "ja" / "index.html").read_text(encoding="utf-8")
