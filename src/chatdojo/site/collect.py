"""``POST /chatdojo/collect``: the static site sends a finished attempt to a chatdojo serve.

The learner types the resume code the app gave them into the static site once. Each
finished quiz sends ``{code, module, profile, attempt, answers: [[question id, answer]...]}``.
The server re-scores every answer with the quiz engine (the page's score is never
trusted), stores the attempt in the learner's record through ``store.learners`` — one row
per attempt and question, so a resent attempt is stored once — and answers with the score.

Cross-site by design (the site lives on another web server), and safe against XSRF: no
cookie or other ambient credential is read, only a JSON body (which makes browsers send a
CORS preflight) carrying the learner's code; wrong codes count against the same guessing
limits as the app's resume form.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import tornado.web

from chatdojo.content.banks import questions_for
from chatdojo.quiz.model import AnswerError
from chatdojo.quiz.types import get_type
from chatdojo.store import codes

log = logging.getLogger("chatdojo")
PATH = "/chatdojo/collect"
MAX_BODY = 32 * 1024
ATTEMPT = re.compile(r"^[0-9a-f]{16,64}$")


class CollectError(ValueError):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def check(body: dict[str, Any], catalog: Any) -> tuple[str, str, str, list[tuple[str, Any, float]]]:
    """Validate and re-score a posted attempt: (module, bank id, attempt, [(qid, answer, score)])."""
    module = body.get("module")
    profile_id = body.get("profile")
    attempt = body.get("attempt")
    answers = body.get("answers")
    if not isinstance(module, str) or module not in catalog.guides:
        raise CollectError(400, "module: unknown module")
    if not isinstance(profile_id, str) or profile_id not in catalog.profiles:
        raise CollectError(400, "profile: unknown profile")
    if not isinstance(attempt, str) or not ATTEMPT.match(attempt):
        raise CollectError(400, "attempt: 16-64 hexadecimal characters expected")
    bank = catalog.banks.get(catalog.guides[module].quiz or "")
    if bank is None:
        raise CollectError(400, "module: has no quiz")
    pool = {q.id: q for q in questions_for(bank, catalog.profile(profile_id))}
    expected = min(bank.draw or len(pool), len(pool))
    if not isinstance(answers, list) or len(answers) != expected:
        raise CollectError(
            400, f"answers: a list of {expected} [question id, answer] pairs expected"
        )
    scored: list[tuple[str, Any, float]] = []
    for index, item in enumerate(answers):
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise CollectError(400, f"answers[{index}]: [question id, answer] expected")
        question = pool.get(item[0])
        if question is None or any(item[0] == done for done, _a, _s in scored):
            raise CollectError(400, f"answers[{index}]: unknown or repeated question id")
        qtype = get_type(question.type)
        try:
            answer = qtype.normalize(question, item[1])
        except AnswerError as exc:
            raise CollectError(400, f"answers[{index}]: {exc}") from None
        scored.append((question.id, answer, qtype.score(question, answer)))
    return module, bank.id, attempt, scored


class CollectHandler(tornado.web.RequestHandler):
    def set_default_headers(self) -> None:
        self.set_header("Access-Control-Allow-Origin", "*")  # no credentials are ever read
        self.set_header("Access-Control-Allow-Methods", "POST")
        self.set_header("Access-Control-Allow-Headers", "Content-Type")
        self.set_header("Access-Control-Max-Age", "600")
        self.set_header("Cache-Control", "no-store")

    def check_xsrf_cookie(self) -> None:
        """No cookie is used here: the learner's code in the JSON body is the credential."""

    def options(self) -> None:
        self.set_status(204)
        self.finish()

    def reply(self, status: int, **data: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    async def post(self) -> None:
        from chatdojo.learner_web import resume_limiter

        if not self.request.headers.get("Content-Type", "").startswith("application/json"):
            return self.reply(415, error="Content-Type: application/json expected")
        if len(self.request.body) > MAX_BODY:
            return self.reply(413, error=f"body over {MAX_BODY} bytes")
        try:
            body = json.loads(self.request.body)
        except (ValueError, RecursionError):
            return self.reply(400, error="body: not JSON")
        if not isinstance(body, dict):
            return self.reply(400, error="body: a JSON object expected")
        code = codes.normalize_code(str(body.get("code", ""))[:64])
        client = self.request.remote_ip or "?"
        key = codes.digest(code) if code else ""
        wait = resume_limiter.blocked(client=client, code=key)
        if wait:
            self.set_header("Retry-After", str(wait))
            return self.reply(429, error="too many wrong codes: wait and try again")
        loop = tornado.ioloop.IOLoop.current()
        try:
            result = await loop.run_in_executor(None, _store, body, code)
        except CollectError as exc:
            if exc.status == 403:
                resume_limiter.failed(client=client, code=key)
            return self.reply(exc.status, error=str(exc))
        except Exception:
            log.exception("collect: the store could not be used")
            return self.reply(503, error="the server could not store the result; try later")
        return self.reply(200, **result)


def _store(body: dict[str, Any], code: str) -> dict[str, Any]:
    from chatdojo.content.catalog import load_catalog
    from chatdojo.store.db import shared_store
    from chatdojo.store.learners import record_answer, resume

    store = shared_store()
    learner = resume(store, code) if code else None  # the code first: every guess counts
    if learner is None:
        raise CollectError(403, "code: unknown resume code")
    catalog = load_catalog()
    module, bank_id, attempt, scored = check(body, catalog)
    fraction = sum(s for _q, _a, s in scored) / len(scored)
    bank = catalog.banks[bank_id]
    passed = fraction + 1e-9 >= bank.pass_mark
    new = 0
    for index, (qid, answer, score) in enumerate(scored):
        last = index == len(scored) - 1
        finished = (bank_id, fraction, passed) if last else None
        new += record_answer(
            store,
            learner.id,
            module,
            qid,
            answer,
            score,
            attempt=f"site-{attempt}",
            finished=finished,
        )
    return {"stored": new, "score": round(fraction * 100, 2), "passed": passed}


def handlers(base_url: str = "/") -> list[tuple[str, Any, dict[str, Any]]]:
    return [(base_url.rstrip("/") + PATH, CollectHandler, {})]
