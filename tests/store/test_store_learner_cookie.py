"""A learner recognised on every page by a cookie; resume codes rate-limited (issues 9 and 11)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import tornado.httpclient
import tornado.testing
import tornado.web
from sqlalchemy import event

from chatdojo import learner_web
from chatdojo.content.catalog import load_catalog
from chatdojo.store import codes, learners
from chatdojo.store.db import open_store
from chatdojo.store.ratelimit import GuessLimiter, kernel_limiter, per
from chatdojo.views import learner_hook
from chatdojo.views.learner_hook import attach, cookie_code, identify, keeping_card
from chatdojo.views.page import Page
from chatdojo.views.progress_view import ProgressView, quiz_modules
from chatdojo.views.quiz_view import QuizView


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def db(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'cookie.sqlite3'}")
    yield store
    store.close()


@pytest.fixture(autouse=True)
def fresh_limits():
    kernel_limiter().reset()
    learner_web.resume_limiter.reset()
    learner_web.new_limiter.reset()
    yield


def test_new_resume_codes_are_longer_and_old_ones_still_work(db):
    """Are new codes 12 characters (3 groups of 4), while an 8-character code still resumes?"""
    info, code = learners.create_learner(db, "Aiko")
    assert len(code) == 12 and codes.format_resume_code(code).count("-") == 2
    old = "ABCDEFGH"
    with db.write() as s:
        from chatdojo.store.models import Learner

        s.get(Learner, info.id).resume_hash = codes.digest(old)
    assert learners.resume(db, "abcd-efgh") == info


def test_a_failed_lookup_is_read_only(db):
    """Does a wrong resume code write nothing (no write transaction, no SQLite write lock)?"""
    learners.create_learner(db, "Ben")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        assert learners.resume(db, "ZZZZ-ZZZZ-ZZZZ") is None
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert statements and not {"UPDATE", "INSERT", "DELETE"} & set(statements)
    assert "BEGIN IMMEDIATE" not in " ".join(statements)


def test_cookie_is_read_from_the_request_header():
    """Is the learner cookie found among other cookies, and a forged value ignored?"""
    env = {"HTTP_COOKIE": "_xsrf=2|abc; chatdojo_learner=ABCDEFGHJKMN; other=1"}
    assert cookie_code(env) == "ABCDEFGHJKMN"
    assert identify({}, env).source == "cookie"
    assert identify({"learner": "abcd-efgh"}, env).source == "url"
    for bad in ("chatdojo_learner=<script>", "chatdojo_learner=ABC", "x" * 9000, '"; ='):
        assert cookie_code({"HTTP_COOKIE": bad}) == ""


def test_module_quiz_records_for_the_cookie_learner(catalog, db, monkeypatch):
    """Without ?learner=, does a module quiz record for the learner of the cookie?"""
    info, code = learners.create_learner(db, "Chie")
    monkeypatch.setenv("HTTP_COOKIE", f"chatdojo_learner={code}")
    page = Page(catalog=catalog, lang="en")
    guide, bank = quiz_modules(page)[0]
    quiz = QuizView(page, bank, seed=1)
    banner = attach(quiz, page, params={}, store=db)
    assert "kept in Chie&#x27;s progress" in banner.value
    assert codes.format_resume_code(code) in banner.value
    assert "learner=" not in banner.value  # the code stays out of links
    from chatdojo.quiz.types import get_type

    while not quiz.attempt.finished:
        q = quiz.attempt.current
        answer = get_type(q.type).correct_answer(q)
        quiz.check(list(answer) if isinstance(answer, tuple) else answer)
        quiz.next()
    assert learners.progress(db, info.id)[guide.id].passed
    card = keeping_card(page, params={}, store=db)
    assert "Chie" in card.value


def test_progress_page_rate_limits_wrong_codes(catalog, db):
    """After a few wrong codes on one page, does it ask to wait N seconds (and not look up)?"""
    page = Page(catalog=catalog, lang="en")
    view = ProgressView(page, store=db, params={})
    for i in range(5):
        assert view.resume(f"ZZZZ-ZZZZ-ZZZ{'ABCDE'[i]}") is False
        assert "not found" in view.message.value
    _, code = learners.create_learner(db, "Dan")
    assert view.resume(code) is False  # even the right code waits: the page is blocked
    assert "wait" in view.message.value and "seconds" in view.message.value


def test_limiter_counts_per_key_and_overall():
    """Does a limiter block one client after its failures, others only after the overall limit?"""
    limiter = GuessLimiter({"client": per(3, 60), "all": per(5, 60)})
    for _ in range(3):
        assert limiter.blocked(client="a") == 0
        limiter.failed(client="a")
    assert 0 < limiter.blocked(client="a") <= 60
    assert limiter.blocked(client="b") == 0
    limiter.failed(client="b")
    limiter.failed(client="c")
    assert limiter.blocked(client="d") > 0  # 5 failures overall


class HandlerTest(tornado.testing.AsyncHTTPTestCase):
    """The server's cookie handler, on a real Tornado app."""

    db_url = ""

    def get_app(self) -> tornado.web.Application:
        return tornado.web.Application(learner_web.handlers("/"), xsrf_cookies=True)

    def post(self, fields: dict[str, str], origin: str | None = "self", site: str | None = None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin == "self":
            headers["Origin"] = f"http://127.0.0.1:{self.get_http_port()}"
        elif origin:
            headers["Origin"] = origin
        if site:
            headers["Sec-Fetch-Site"] = site
        return self.fetch(
            "/chatdojo/learner",
            method="POST",
            body=urlencode(fields),
            headers=headers,
            follow_redirects=False,
            raise_error=False,
        )


@pytest.fixture
def handler_case(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    monkeypatch.setenv("CHATDOJO_DB", url)
    case = HandlerTest()
    case.setUp()
    yield case, url
    case.tearDown()


def status_of(response) -> dict[str, str]:
    query = parse_qs(urlsplit(response.headers["Location"]).query)
    return {k: v[-1] for k, v in query.items()}


def test_handler_issues_a_code_in_an_httponly_cookie(handler_case):
    """Does 'keep my results' create a learner and set an HttpOnly SameSite cookie, not a URL?"""
    case, url = handler_case
    response = case.post(
        {"action": "new", "name": "", "lang": "ja", "next": "/voila/render/x.ipynb?lang=ja"}
    )
    assert response.code == 303
    cookie = response.headers["Set-Cookie"]
    assert "chatdojo_learner=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    code = cookie.split("chatdojo_learner=")[1].split(";")[0]
    assert status_of(response)["learner_status"] == "new"
    assert code not in response.headers["Location"]
    store = open_store(url)
    try:
        assert learners.find(store, code).display_name == "学習者"
    finally:
        store.close()


def test_handler_refuses_cross_site_posts_and_foreign_next(handler_case):
    """Are a post from another origin refused and a 'next' on another host ignored?"""
    case, _ = handler_case
    assert case.post({"action": "new"}, origin="http://evil.invalid").code == 403
    assert case.post({"action": "new"}, origin=None).code == 403
    assert case.post({"action": "new"}, origin="null").code == 403
    # a browser's own word wins: same-origin passes even with Origin: null (no-referrer pages)
    assert case.post({"action": "new"}, origin="null", site="same-origin").code == 303
    for site in ("cross-site", "same-site", "none"):
        assert case.post({"action": "new"}, site=site).code == 403
    response = case.post({"action": "new", "next": "//evil.invalid/x"})
    assert urlsplit(response.headers["Location"]).path == "/"


def test_handler_rate_limits_wrong_codes_with_a_wait(handler_case):
    """After 5 wrong tries of one code, does the handler answer 'wait N seconds' without a lookup?"""
    case, _ = handler_case
    for _ in range(5):
        response = case.post({"action": "resume", "code": "ZZZZ-ZZZZ-ZZZZ", "next": "/p"})
        assert status_of(response)["learner_status"] == "unknown"
        assert "Set-Cookie" not in response.headers
    blocked = status_of(case.post({"action": "resume", "code": "ZZZZ-ZZZZ-ZZZZ", "next": "/p"}))
    assert blocked["learner_status"] == "wait" and 0 < int(blocked["wait"]) <= 600
    for i in range(5):  # other codes from the same client: blocked after 10 failures in all
        case.post({"action": "resume", "code": f"YYYY-YYYY-YYY{'ABCDE'[i]}", "next": "/p"})
    again = status_of(case.post({"action": "resume", "code": "XXXX-XXXX-XXXX", "next": "/p"}))
    assert again["learner_status"] == "wait"


def test_handler_reports_an_unusable_database(handler_case, monkeypatch):
    """With an unreachable database, does the page get 'store_unavailable' (no traceback, no cookie)?"""
    case, _ = handler_case
    monkeypatch.setenv("CHATDOJO_DB", "postgresql+psycopg://u:p@127.0.0.1:9/none?connect_timeout=1")
    response = case.post({"action": "new", "name": "A", "next": "/p"})
    assert status_of(response)["learner_status"] == "store_unavailable"
    assert "Set-Cookie" not in response.headers


def test_status_messages_in_the_page_language(catalog):
    """Is each handler status shown in the page's language, with the wait in seconds?"""
    page = Page(catalog=catalog, lang="en")
    assert "wait 42 seconds" in learner_hook.status_html(
        page, {"learner_status": "wait", "wait": "42"}
    )
    page.set(lang="ja")
    assert "42 秒" in learner_hook.status_html(page, {"learner_status": "wait", "wait": "42"})
    assert learner_hook.status_html(page, {"learner_status": "<script>"}) == ""


def test_handler_refuses_a_name_the_certificate_cannot_print(handler_case):
    """Is a name with an emoji refused with its own status, and no learner or cookie made?"""
    case, _ = handler_case
    response = case.post({"action": "new", "name": "Ken 😀", "next": "/p"})
    assert status_of(response)["learner_status"] == "name_glyphs"
    assert "Set-Cookie" not in response.headers


def test_handler_names_a_readonly_database(handler_case, monkeypatch, tmp_path):
    """With a read-only database, is 'keep my results' answered 'read-only' in the page's language?"""
    case, url = handler_case
    open_store(url).close()  # created and migrated, then opened read-only by the server
    path = url.removeprefix("sqlite:///")
    monkeypatch.setenv("CHATDOJO_DB", f"sqlite:///file:{path}?mode=ro&uri=true")
    status = status_of(case.post({"action": "new", "name": "A", "next": "/p"}))
    assert status["learner_status"] == "store_readonly"
    page = Page(catalog=load_catalog(), lang="ja")
    assert "読み取り専用" in learner_hook.status_html(page, status)


def test_home_page_shows_the_cookie_learners_modules(catalog, db, monkeypatch):
    """Does the home page greet the cookie's learner with their module record (no ?learner=)?"""
    from chatdojo.views import home_view

    info, code = learners.create_learner(db, "Eri")
    guide, bank = quiz_modules(Page(catalog=catalog))[0]
    learners.record_answer(
        db, info.id, guide.id, "q", "a", 1.0, attempt="t", finished=(bank.id, 1.0, True)
    )
    monkeypatch.setenv("HTTP_COOKIE", f"chatdojo_learner={code}")
    monkeypatch.setattr("chatdojo.store.db.shared_store", lambda url=None: db)
    mine = home_view.learner_progress(Page(catalog=catalog, lang="en"))
    assert mine is not None and mine[0] == "Eri" and mine[1][guide.id].passed


FULL_WIDTH = str.maketrans(
    "ABCDEFGHJKMNPQRSTUVWXYZ23456789-",
    "ＡＢＣＤＥＦＧＨＪＫＭＮＰＱＲＳＴＵＶＷＸＹＺ２３４５６７８９－",
)


def test_full_width_and_untidy_codes_resume(db, catalog, handler_case):
    """Does a code typed on a Japanese keyboard (full-width, lower case, spaces, no dashes) resume?"""
    info, code = learners.create_learner(db, "Fumi")
    shown = codes.format_resume_code(code)
    typed = (
        shown.translate(FULL_WIDTH),  # Ｑ６ＢＥ－…
        f" {code[:4].lower()}\u3000{code[4:8].lower()} {code[8:]} ",  # ideographic space
        code.lower(),
        shown.translate(FULL_WIDTH).replace("－", ""),
    )
    for text in typed:
        assert learners.resume(db, text) == info, text
    # the progress page's field: a wrong full-width code keeps what was typed
    view = ProgressView(Page(catalog=catalog, lang="ja"), store=db, params={})
    view.code_input.value = "ＺＺＺＺ－ＺＺＺＺ－ＺＺＺＺ"
    assert view.resume() is False
    assert view.code_input.value == "ＺＺＺＺ－ＺＺＺＺ－ＺＺＺＺ"
    view.code_input.value = typed[0]
    assert view.resume() is True and view.learner == info
    # the server's form handler
    case, url = handler_case
    store = open_store(url)
    try:
        _, web_code = learners.create_learner(store, "Goro")
    finally:
        store.close()
    response = case.post(
        {"action": "resume", "code": codes.format_resume_code(web_code).translate(FULL_WIDTH)}
    )
    assert status_of(response)["learner_status"] == "resumed"
    assert f"chatdojo_learner={web_code}" in response.headers["Set-Cookie"]


def test_closing_asks_first_and_the_same_name_offers_the_old_record(handler_case, catalog, db):
    """Does closing ask first and show the code; does the same name again offer to resume?"""
    page = Page(catalog=catalog, lang="ja")
    form = learner_hook.forget_form(page, "ABCD-EFGH-JKMN")
    assert form.startswith("<details") and "<summary>" in form  # a confirm step (keyboard: Enter)
    assert "ABCD-EFGH-JKMN" in form.split("<form")[0]  # the code shown before the button
    view = ProgressView(page, store=db, params={})
    code = view.start("Hana")
    view.sign_out_button.click()
    assert view.learner is not None and codes.format_resume_code(code) in view.message.value
    view.sign_out_button.click()
    assert view.learner is None

    case, url = handler_case
    store = open_store(url)
    try:
        info, web_code = learners.create_learner(store, "Ｈａｎａ")
    finally:
        store.close()
    cookie = {"Cookie": f"chatdojo_learner={web_code}"}

    def post(fields, headers):
        return case.fetch(
            "/chatdojo/learner",
            method="POST",
            body=urlencode({"next": "/p", **fields}),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Sec-Fetch-Site": "same-origin",
                **headers,
            },
            follow_redirects=False,
            raise_error=False,
        )

    closed = post({"action": "forget"}, cookie)
    assert f"chatdojo_learner_prev={web_code}" in str(closed.headers.get_list("Set-Cookie"))
    prev = {"Cookie": f"chatdojo_learner_prev={web_code}"}
    offered = post({"action": "new", "name": "hana"}, prev)  # same name, other width and case
    assert status_of(offered)["learner_status"] == "same_name"
    assert "chatdojo_learner=" not in str(offered.headers.get_list("Set-Cookie"))
    back = post({"action": "resume_old"}, prev)
    assert status_of(back)["learner_status"] == "resumed"
    assert f"chatdojo_learner={web_code}" in str(back.headers.get_list("Set-Cookie"))
    anew = post({"action": "new", "name": "hana", "again": "1"}, prev)
    assert status_of(anew)["learner_status"] == "new"
    other = post({"action": "new", "name": "Kenji"}, prev)
    assert status_of(other)["learner_status"] == "new"
    assert "前の記録で続ける" in learner_hook.Keeping(page, {"learner_status": "same_name"}).html()


def test_a_resumed_record_brings_its_organization(handler_case, catalog, db, monkeypatch):
    """Resumed on another device (no cookies), is the organization the record's, not 標準?"""
    other = next(p for p in catalog.profiles if p != "default")
    page = Page(catalog=catalog, lang="ja", profile_id=other)
    assert f'name="profile" value="{other}"' in learner_hook.keep_form(page)
    case, url = handler_case
    made = case.post({"action": "new", "name": "Iku", "profile": other, "next": "/p"})
    code = made.headers["Set-Cookie"].split("chatdojo_learner=")[1].split(";")[0]
    resumed = case.post({"action": "resume", "code": code, "next": "/p"})  # a fresh device
    assert f"chatdojo_profile={other}" in str(resumed.headers.get_list("Set-Cookie"))
    monkeypatch.setenv("HTTP_COOKIE", f"chatdojo_learner={code}; chatdojo_profile={other}")
    assert Page.from_request(catalog, {"lang": "ja"}).profile_id == other
    # the progress page's own field does the same
    info, typed = learners.create_learner(db, "Jun", other)
    assert learners.find(db, typed).profile == other
    view = ProgressView(Page(catalog=catalog, lang="ja"), store=db, params={})
    assert view.resume(typed) and view.page.profile_id == other and view.page.chosen
    assert learners.create_learner(db, "Ko", "<bad>")[0].profile is None
