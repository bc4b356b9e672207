"""A participant's phone in a live session: code, nickname, then the trainer's questions.

The page polls the database every ~1.5 s (a daemon thread; widget updates are
serialized with a lock) and redraws only when something the participant sees
has changed, so a poll never resets an answer being chosen. A participant
never sees anyone else's answers, only their own verdict.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from html import escape
from typing import Any

import ipywidgets as w

from chatdojo.i18n import pick, translator
from chatdojo.quiz.attempt import shuffled_choices
from chatdojo.quiz.model import AnswerError, Question
from chatdojo.quiz.types import get_type
from chatdojo.views.inputs import PROMPT_KEYS, AnswerInput, build_input, is_empty
from chatdojo.views.page import Page, app_frame, query_params, safe
from chatdojo.views.render import md
from chatdojo.views.store_access import UsesStore

log = logging.getLogger("chatdojo")
POLL_SECONDS = 1.5
MAX_POLL_SECONDS = 8 * 3600  # a long training day

TEXT: dict[str, dict[str, str]] = {
    "title": {"ja": "研修セッションに参加", "en": "Join a live session"},
    "code_help": {
        "ja": "講師が画面に表示している参加コード（4文字）を入力してください。",
        "en": "Enter the join code (4 characters) your trainer shows on the screen.",
    },
    "code_label": {"ja": "参加コード", "en": "Join code"},
    "go": {"ja": "次へ", "en": "Next"},
    "nickname_help": {
        "ja": "表示名（ニックネーム、24文字以内）を決めてください。本名でなくてかまいません。",
        "en": "Choose a nickname (up to 24 characters). It need not be your real name.",
    },
    "nickname_label": {"ja": "表示名", "en": "Nickname"},
    "join": {"ja": "参加する", "en": "Join"},
    "unknown_code": {
        "ja": "その参加コードのセッションはありません。",
        "en": "There is no session with that code.",
    },
    "session_over": {"ja": "このセッションは終了しました。", "en": "This session has ended."},
    "session_full": {"ja": "このセッションは満員です。", "en": "This session is full."},
    "not_participant": {
        "ja": "参加情報が見つかりません。もう一度参加してください。",
        "en": "We could not find you in this session. Please join again.",
    },
    "question_closed": {
        "ja": "この問題の回答は締め切られました。",
        "en": "This question is closed.",
    },
    "name_required": {"ja": "表示名を入力してください。", "en": "Please enter a nickname."},
    "name_too_long": {
        "ja": "表示名は24文字以内にしてください。",
        "en": "Please use at most 24 characters.",
    },
    "name_control": {
        "ja": "表示名に使えない文字が含まれています。",
        "en": "The nickname contains characters that cannot be used.",
    },
    "nickname_taken": {
        "ja": "その表示名は使われています。別の名前にしてください。",
        "en": "That nickname is taken: please choose another.",
    },
    "db_error": {
        "ja": "接続に問題があります。少し待ってから再度お試しください。",
        "en": "Connection problem. Please wait a moment and try again.",
    },
    "joined_as": {"ja": "{name} として参加中", "en": "Joined as {name}"},
    "rejoin": {
        "ja": "ページを閉じてしまったときは、このリンクから続きに戻れます。",
        "en": "If this page closes, this link brings you back where you were.",
    },
    "rejoin_link": {"ja": "続きに戻るリンク", "en": "Link to continue"},
    "waiting": {"ja": "講師が始めるまでお待ちください…", "en": "Waiting for the trainer to start…"},
    "received": {
        "ja": "回答を受け付けました。講師が次に進むまでお待ちください。",
        "en": "Answer received. Wait for the trainer to move on.",
    },
    "closed_unanswered": {
        "ja": "この問題は締め切られました。次の問題をお待ちください。",
        "en": "This question is closed. Wait for the next one.",
    },
    "submit": {"ja": "回答する", "en": "Submit"},
    "next": {"ja": "次の問題へ", "en": "Next question"},
    "all_done": {
        "ja": "すべての問題に回答しました。講師の指示をお待ちください。",
        "en": "You have answered every question. Wait for the trainer.",
    },
    "over": {
        "ja": "セッションは終了しました。おつかれさまでした。",
        "en": "The session is over. Thank you!",
    },
    "your_score": {
        "ja": "あなたの得点: {score:.1f} / {total}",
        "en": "Your score: {score:.1f} of {total}",
    },
}

LIVE_CSS = """
.cd-app .cd-form { display: flex; flex-direction: column; gap: 6px; margin: 6px 0 14px; }
.cd-app .cd-bigcode { font-family: monospace; font-size: 56px; font-weight: bold; letter-spacing: .15em;
  line-height: 1.2; margin: 6px 0; }
.cd-app .cd-bar { background: #1a56db; height: 18px; min-width: 2px; }
.cd-app .cd-bar-right { background: #0a7a2f; }
.cd-app .cd-dist td { vertical-align: middle; }
.cd-app .cd-chips span { display: inline-block; border: 1px solid #bbb; border-radius: 12px;
  padding: 2px 10px; margin: 2px; }
.cd-app .cd-qr svg { width: 100%; max-width: 320px; height: auto; }
.cd-app .cd-timer { font-family: monospace; font-size: 22px; }
"""


tr = translator(TEXT)


class Poller:
    """Call ``tick`` every ``interval`` seconds on a daemon thread until stopped.

    Polling ends by itself after ``max_seconds``: every widget update counts as
    kernel activity, so a page left open (or closed without ending the session)
    must not keep its kernel from being culled forever.
    """

    def __init__(
        self, interval: float, tick: Callable[[], None], max_seconds: float = MAX_POLL_SECONDS
    ) -> None:
        self.interval = interval
        self.tick = tick
        self.max_seconds = max_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="chatdojo-poll", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        deadline = time.monotonic() + self.max_seconds
        while not self._stop.wait(self.interval) and time.monotonic() < deadline:
            try:
                self.tick()
            except Exception:  # a failed poll is retried at the next tick
                log.exception("poll failed")

    def stop(self) -> None:
        self._stop.set()


class LiveView(UsesStore):
    """Widgets over ``chatdojo.store.live``; tests call ``enter_code``/``join``/``answer``/``refresh``."""

    def __init__(
        self,
        page: Page,
        store: Any = None,
        params: dict[str, str] | None = None,
        *,
        poll: bool = True,
    ) -> None:
        from chatdojo.store.codes import normalize_code

        params = query_params() if params is None else params
        self.page = page
        self._store = store
        self.lock = threading.RLock()
        self.code = normalize_code(params.get("code"))
        self.token: str | None = params.get("p") or None
        self.session: Any = None
        self.participant: Any = None
        self.answers: dict[str, Any] = {}
        self.showing: str | None = None  # self-paced: question whose feedback stays up until Next
        self.input: AnswerInput | None = None
        self._key: object = None
        self.poller: Poller | None = None
        self.poll = poll  # tests drive refresh() themselves
        self.code_input = w.Text(layout=w.Layout(width="100%"), continuous_update=False)
        self.nick_input = w.Text(layout=w.Layout(width="100%"), continuous_update=False)
        self.go_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.join_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.submit_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.next_button = w.Button(layout=w.Layout(width="100%"))
        self.message = w.HTML()
        self.body = w.VBox(layout=w.Layout(width="100%"))
        self.go_button.on_click(safe(lambda _b: self.enter_code(), self._fail))
        self.join_button.on_click(safe(lambda _b: self.join(), self._fail))
        self.submit_button.on_click(safe(lambda _b: self.answer(), self._fail))
        self.next_button.on_click(safe(lambda _b: self.next(), self._fail))
        page.on_change(safe(lambda: self.refresh(force=True), self._fail))
        if self.code:
            self.enter_code(self.code)
        else:
            self.refresh(force=True)

    # -- data -------------------------------------------------------------------
    def questions(self) -> dict[str, Question]:
        from chatdojo.store.results import session_questions

        return (
            {q.id: q for q in session_questions(self.page.catalog, self.session)}
            if self.session
            else {}
        )

    def current(self) -> Question | None:
        from chatdojo.store.live import next_question_id

        if self.session is None or self.participant is None:
            return None
        qid = self.showing or next_question_id(self.session, self.answers)
        return self.questions().get(qid or "")

    # -- actions ----------------------------------------------------------------
    def enter_code(self, code: str | None = None) -> bool:
        from chatdojo.store.codes import normalize_code
        from chatdojo.store.live import LiveError, get_session, rejoin

        with self.lock:
            self.code = normalize_code(self.code_input.value if code is None else code)
            try:
                self.session = get_session(self.store(), self.code)
            except LiveError as exc:
                self.session = None
                self.refresh(force=True)
                return self._say(exc.key)
            if self.token:
                try:
                    self.participant = rejoin(self.store(), self.code, self.token)
                except LiveError:
                    self.participant, self.token = None, None
            self.refresh(force=True)
            self._start_polling()
            return True

    def join(self, nickname: str | None = None) -> bool:
        from chatdojo.store.live import LiveError, join
        from chatdojo.store.validate import InputError

        with self.lock:
            if self.session is None:
                return False
            try:
                self.participant, self.token = join(
                    self.store(), self.code, self.nick_input.value if nickname is None else nickname
                )
            except (InputError, LiveError) as exc:
                return self._say(exc.key)
            self.refresh(force=True)
            return True

    def answer(self, raw: Any = None) -> Any:
        """Submit ``raw`` (default: the input's value) for the question on screen."""
        from chatdojo.store.live import LiveError, submit

        with self.lock:
            question = self.current()
            if question is None:
                return None
            if raw is None and self.input is not None:
                raw = self.input.get()
            if is_empty(raw):
                self.message.value = self._alert(self.page.t("answer_required"))
                return None
            try:
                done = submit(self.store(), self.code, self.token, question, raw)
            except AnswerError as exc:
                self.message.value = self._alert(str(exc))
                return None
            except LiveError as exc:
                self._say(exc.key)
                self.refresh()
                return None
            if self.session.mode == "self":
                self.showing = question.id
            self.refresh(force=True)
            return done

    def next(self) -> None:
        with self.lock:
            self.showing = None
            self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Re-read the session and redraw if what this participant sees has changed."""
        with self.lock:
            if self.session is not None:
                from chatdojo.store.live import answers_of, get_session

                self.session = get_session(self.store(), self.code)
                if self.participant is not None:
                    self.answers = answers_of(self.store(), self.participant.id)
            s = self.session
            if s is not None and s.state == "finished" and self.poller is not None:
                self.poller.stop()  # nothing can change any more
            key = (
                self.page.lang,
                self.code,
                self.participant.id if self.participant else None,
                (s.state, s.current_index, s.revealed) if s else None,
                tuple(sorted(self.answers)),
                self.showing,
            )
            if force or key != self._key:
                self._key = key
                self.render()

    def _start_polling(self) -> None:
        if self.poller is None and self.poll:
            self.poller = Poller(POLL_SECONDS, self.refresh)
            self.poller.start()

    # -- rendering --------------------------------------------------------------
    def _fail(self, text: str) -> None:
        log.warning("live page: %s", text)
        self._say("db_error")

    def _alert(self, text: str) -> str:
        return f'<div class="cd-error" role="alert">{escape(text)}</div>'

    def _say(self, key: str) -> bool:
        self.message.value = self._alert(tr(key, self.page.lang))
        return False

    def render(self) -> None:
        lang = self.page.lang
        self.go_button.description = tr("go", lang)
        self.join_button.description = tr("join", lang)
        self.submit_button.description = tr("submit", lang)
        self.next_button.description = tr("next", lang)
        self.code_input.placeholder = "ABCD"
        self.nick_input.placeholder = tr("nickname_label", lang)
        title = w.HTML(f"<h1>{escape(tr('title', lang))}</h1>")
        if self.session is None:
            form = w.VBox(
                [
                    w.HTML(
                        f"<p>{escape(tr('code_help', lang))}</p><label>{escape(tr('code_label', lang))}</label>"
                    ),
                    self.code_input,
                    self.go_button,
                ],
                layout=w.Layout(width="100%"),
            )
            form.add_class("cd-form")
            self.body.children = [title, self.message, form]
            return
        bank = self.page.catalog.banks.get(self.session.quiz_id)
        quiz_title = w.HTML(
            f"<h2>{escape(pick(bank.title, lang) if bank else self.session.quiz_id)}</h2>"
        )
        if self.participant is None:
            if self.session.state == "finished":
                self.body.children = [
                    title,
                    quiz_title,
                    w.HTML(f"<p>{escape(tr('session_over', lang))}</p>"),
                ]
                return
            form = w.VBox(
                [
                    w.HTML(
                        f"<p>{escape(tr('nickname_help', lang))}</p><label>{escape(tr('nickname_label', lang))}</label>"
                    ),
                    self.nick_input,
                    self.join_button,
                ],
                layout=w.Layout(width="100%"),
            )
            form.add_class("cd-form")
            self.body.children = [title, quiz_title, self.message, form]
            return
        self.message.value = ""
        self.body.children = [quiz_title, self._who(lang), *self._stage(lang), self.message]

    def _who(self, lang: str) -> w.HTML:
        link = self.page.link("live.ipynb", code=self.code, p=self.token or "")
        return w.HTML(
            f'<p class="cd-note"><strong>{escape(tr("joined_as", lang, name=self.participant.nickname))}</strong><br>'
            f'{escape(tr("rejoin", lang))} <a href="{escape(link)}">{escape(tr("rejoin_link", lang))}</a></p>'
        )

    def _note(self, key: str, lang: str, **fmt: Any) -> w.HTML:
        return w.HTML(
            f'<p class="cd-feedback" role="status" aria-live="polite">{escape(tr(key, lang, **fmt))}</p>'
        )

    def _stage(self, lang: str) -> list[w.Widget]:
        s = self.session
        if s.state == "lobby":
            return [self._note("waiting", lang)]
        if s.state == "finished":
            total = sum(a.score for a in self.answers.values())
            return [
                self._note("over", lang),
                self._note("your_score", lang, score=total, total=len(s.question_ids)),
            ]
        question = self.current()
        if question is None:
            return [self._note("all_done" if s.mode == "self" else "waiting", lang)]
        mine = self.answers.get(question.id)
        header = w.HTML(
            f'<p aria-live="polite">{escape(self.page.t("question_n_of_m", n=s.question_ids.index(question.id) + 1, m=len(s.question_ids)))}</p>'
            + md(question.text, lang, self.page.substitutions(), self.page.catalog)
        )
        if mine is None and s.mode == "paced" and s.revealed:
            return [header, self._note("closed_unanswered", lang)]
        self.input = build_input(
            question, shuffled_choices(question, s.seed), lang, mine.answer if mine else None
        )
        if mine is None:
            prompt = w.HTML(
                f'<p class="cd-note">{escape(self.page.t(PROMPT_KEYS[question.type]))}</p>'
            )
            return [header, prompt, self.input.widget, self.submit_button]
        self.input.disable()
        if s.mode == "paced" and not s.revealed:
            return [header, self.input.widget, self._note("received", lang)]
        parts: list[w.Widget] = [
            header,
            self.input.widget,
            w.HTML(self._feedback(question, mine, lang)),
        ]
        if s.mode == "self":
            parts.append(self.next_button)
        return parts

    def _feedback(self, question: Question, mine: Any, lang: str) -> str:
        verdict = "correct" if mine.score >= 0.999 else ("partly" if mine.score > 0 else "wrong")
        qtype = get_type(question.type)
        subs = self.page.substitutions()
        try:
            feedback = qtype.feedback(question, mine.answer)
        except (AnswerError, KeyError, TypeError, ValueError):
            feedback = ()
        parts = [
            f'<div class="cd-feedback cd-{verdict}" role="status" aria-live="polite">',
            f"<p><strong>{escape(self.page.t(verdict))}</strong></p>",
        ]
        parts += [md(fb, lang, subs, self.page.catalog) for fb in feedback]
        parts.append(f"<p><strong>{escape(self.page.t('explanation'))}</strong></p>")
        parts.append(md(question.explanation, lang, subs, self.page.catalog))
        parts.append("</div>")
        return "".join(parts)


def live_page(
    page: Page | None = None, *, store: Any = None, params: dict[str, str] | None = None
) -> w.Widget:
    params = query_params() if params is None else params
    page = page or Page.from_request(params=params)
    view = LiveView(page, store=store, params=params)
    frame = app_frame(w.HTML(f"<style>{LIVE_CSS}</style>"), page.header(), view.body)
    frame.view = view  # type: ignore[attr-defined]
    return frame
