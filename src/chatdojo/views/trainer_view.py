"""The trainer's dashboard for a live session, meant for the projector.

``trainer.ipynb?code=XXXX&token=…`` shows the join code, URL and QR code, who
joined, the answer distribution per question, % correct, an optional
leaderboard and a timer, refreshed from the database every ~1.5 s. Without
the trainer token it shows nothing of the session. Without a code it offers
to create a session.
"""

from __future__ import annotations

import base64
import logging
import threading
from datetime import datetime
from html import escape
from typing import Any

import ipywidgets as w

from chatdojo.i18n import pick, translator
from chatdojo.views.live_view import LIVE_CSS, POLL_SECONDS, Poller
from chatdojo.views.page import Page, app_frame, query_params, safe
from chatdojo.views.render import md
from chatdojo.views.store_access import UsesStore

log = logging.getLogger("chatdojo")

TEXT: dict[str, dict[str, str]] = {
    "title": {"ja": "講師用：セッション運営", "en": "Trainer: run a session"},
    "intro": {
        "ja": "確認テストを選んでセッションを作ると、参加コードとQRコードが表示されます。"
        "参加者はスマートフォンでコードを入力して参加します。",
        "en": "Pick a quiz and create a session to get a join code and QR code. "
        "Participants join on their phones with the code.",
    },
    "cli_hint": {
        "ja": "コマンドでも作れます: chatdojo session create --quiz ID --paced",
        "en": "Or from a terminal: chatdojo session create --quiz ID --paced",
    },
    "quiz": {"ja": "確認テスト", "en": "Quiz"},
    "mode": {"ja": "進め方", "en": "Mode"},
    "paced": {"ja": "講師が1問ずつ進める", "en": "I pace the room"},
    "self": {"ja": "各自のペースで", "en": "Everyone at their own pace"},
    "create": {"ja": "セッションを作成", "en": "Create session"},
    "no_quiz": {"ja": "確認テストがありません。", "en": "There is no quiz."},
    "keep_link": {
        "ja": "講師用リンク（この画面に戻るためのもの。参加者には見せないでください）",
        "en": "Trainer link (brings you back here; do not show it to participants)",
    },
    "not_trainer": {
        "ja": "このページを開くには、セッション作成時の講師用リンク（token 付き）が必要です。",
        "en": "This page needs the trainer link (with its token) given when the session was created.",
    },
    "db_error": {"ja": "データベースに接続できません。", "en": "The database cannot be reached."},
    "join_with": {"ja": "参加コード", "en": "Join code"},
    "address": {"ja": "参加者が使うアドレス", "en": "Address participants use"},
    "bad_address": {
        "ja": "http:// で始まるアドレスを入力してください。",
        "en": "Enter an address starting with http://",
    },
    "state_lobby": {"ja": "受付中", "en": "Waiting to start"},
    "state_running": {"ja": "実施中", "en": "Running"},
    "state_finished": {"ja": "終了", "en": "Finished"},
    "joined": {"ja": "参加者 {n} 人", "en": "{n} joined"},
    "start": {"ja": "開始", "en": "Start"},
    "reveal": {"ja": "正解を表示", "en": "Show answer"},
    "next": {"ja": "次の問題", "en": "Next question"},
    "finish": {"ja": "セッションを終了", "en": "End session"},
    "leaderboard": {"ja": "ランキングを表示", "en": "Show leaderboard"},
    "elapsed": {"ja": "経過時間", "en": "Elapsed"},
    "answered": {"ja": "回答 {n} 件・正答率 {pct}", "en": "answers: {n}, correct: {pct}"},
    "overview": {"ja": "問題ごとの状況", "en": "Per question"},
    "stats": {"ja": "問題の統計（Moodle 方式）", "en": "Question statistics (as in Moodle)"},
    "stats_note": {
        "ja": "容易度 = 平均得点率、識別度 = その問題と残りの問題の合計点との相関。"
        "容易度 > 0.90 は易しすぎ、< 0.20 は難しすぎ、識別度 < 0 は問題の見直しが必要です。",
        "en": "Facility = mean score share; discrimination = correlation of the item with the "
        "rest of the test. Facility > 0.90 is too easy, < 0.20 too hard; negative "
        "discrimination means the question needs review.",
    },
    "csv": {"ja": "結果をCSVで保存", "en": "Download results (CSV)"},
    "xlsx": {"ja": "結果をExcelで保存", "en": "Download results (Excel)"},
    "qr_title": {"ja": "参加用QRコード", "en": "QR code to join"},
    "too_easy": {"ja": "易しすぎ", "en": "too easy"},
    "too_hard": {"ja": "難しすぎ", "en": "too hard"},
    "negative_discrimination": {"ja": "識別度が負", "en": "negative discrimination"},
    "weak_discrimination": {"ja": "識別度が弱い", "en": "weak discrimination"},
}


tr = translator(TEXT)


def qr_svg(url: str, title: str) -> str:
    """An inline SVG QR code (segno), with a title for screen readers."""
    import segno

    svg = segno.make(url, error="m").svg_inline(scale=8, border=2, title=title)
    return str(svg)


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def elapsed(since: datetime | None, now: datetime) -> str:
    if since is None:
        return "00:00"
    seconds = max(0, int((now - since).total_seconds()))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class TrainerView(UsesStore):
    def __init__(
        self,
        page: Page,
        store: Any = None,
        params: dict[str, str] | None = None,
        *,
        poll: bool = True,
    ) -> None:
        from chatdojo.store.codes import normalize_code
        from chatdojo.store.links import request_base_url

        params = query_params() if params is None else params
        self.page = page
        self._store = store
        self.lock = threading.RLock()
        self.code = normalize_code(params.get("code"))
        self.token = params.get("token") or ""
        self.session: Any = None
        self.snapshot: Any = None
        self.denied = False
        self.created_link = ""
        self.base_url = request_base_url()
        self.poller: Poller | None = None
        self.poll = poll  # tests drive refresh() themselves
        self._key: object = None
        banks = [b for b in page.catalog.banks.values() if b.questions]
        self.quiz_select = w.Dropdown(
            options=[(b.id, b.id) for b in banks], layout=w.Layout(width="100%")
        )
        self.mode_select = w.ToggleButtons(
            options=[("paced", "paced"), ("self", "self")],
            value="paced",
            style={"button_width": "auto"},
        )
        self.create_button = w.Button(button_style="primary", layout=w.Layout(width="100%"))
        self.address = w.Text(
            value=self.base_url, layout=w.Layout(width="100%"), continuous_update=False
        )
        self.leaderboard = w.Checkbox(value=False, indent=False)
        self.buttons = {
            a: w.Button(layout=w.Layout(width="auto"))
            for a in ("start", "reveal", "next", "finish")
        }
        self.buttons["start"].button_style = "primary"
        self.buttons["next"].button_style = "primary"
        self.message = w.HTML()
        self.join_panel = w.HTML()
        self.status = w.HTML()
        self.timer = w.HTML()
        self.board = w.HTML(layout=w.Layout(width="100%"))
        self.downloads = w.HTML()
        self.body = w.VBox(layout=w.Layout(width="100%"))
        self.create_button.on_click(safe(lambda _b: self.create(), self._fail))
        for action, button in self.buttons.items():
            button.on_click(safe(lambda _b, a=action: self.act(a), self._fail))
        self.address.observe(safe(lambda _c: self.set_address(), self._fail), names="value")
        self.leaderboard.observe(
            safe(lambda _c: self.refresh(force=True), self._fail), names="value"
        )
        page.on_change(safe(lambda: self.refresh(force=True), self._fail))
        if self.code:
            self.open()
        else:
            self.render()

    # -- actions ----------------------------------------------------------------
    def open(self) -> bool:
        from chatdojo.store.live import LiveError, authorize_trainer

        with self.lock:
            try:
                self.session = authorize_trainer(self.store(), self.code, self.token)
            except LiveError:
                self.session, self.denied = None, True
                self.render()
                return False
            self.denied = False
            self.refresh(force=True)
            if self.poller is None and self.poll:
                self.poller = Poller(POLL_SECONDS, self.refresh)
                self.poller.start()
            return True

    def create(self, quiz_id: str | None = None, paced: bool | None = None) -> str:
        """Create a session for a bank; returns the dashboard link (holding the token)."""
        from chatdojo.quiz.model import Question
        from chatdojo.store.links import dashboard_url
        from chatdojo.store.live import create_session

        quiz_id = quiz_id or self.quiz_select.value
        bank = self.page.catalog.banks[quiz_id]
        profile = self.page.profile
        policies = profile.policies if profile else {}
        questions: list[Question] = [
            q for q in bank.questions if q.applies_to(self.page.profile_id, policies)
        ]
        paced = self.mode_select.value == "paced" if paced is None else paced
        info, token = create_session(self.store(), bank.id, questions, paced=paced)
        self.code, self.token = info.code, token
        self.created_link = dashboard_url(self.base_url, info.code, token)
        self.open()
        return self.created_link

    def act(self, action: str) -> None:
        from chatdojo.store.live import control

        with self.lock:
            self.session = control(self.store(), self.code, self.token, action)
            self.refresh(force=True)

    def set_address(self) -> None:
        from chatdojo.store.links import clean_base_url

        base = clean_base_url(self.address.value)
        if base is None:
            self.message.value = f'<div class="cd-error" role="alert">{escape(tr("bad_address", self.page.lang))}</div>'
            return
        self.message.value = ""
        self.base_url = base
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Re-read the session; redraw the board when answers or state changed, the timer always."""
        from chatdojo.store.live import snapshot

        with self.lock:
            if self.session is None:
                return
            self.snapshot = snapshot(self.store(), self.code)
            self.session = self.snapshot.session
            if self.session.state == "finished" and self.poller is not None:
                self.poller.stop()  # no answer can arrive any more
            self._tick_timer()
            key = (self.snapshot, self.page.lang, self.leaderboard.value, self.base_url)
            if force or key != self._key:
                self._key = key
                self.render()

    # -- rendering --------------------------------------------------------------
    def _fail(self, text: str) -> None:
        log.warning("trainer page: %s", text)
        self.message.value = (
            f'<div class="cd-error" role="alert">{escape(tr("db_error", self.page.lang))}</div>'
        )

    def _tick_timer(self) -> None:
        from chatdojo.store.models import utcnow

        s = self.session
        since = s.question_opened_at if s.mode == "paced" else s.started_at
        end = s.finished_at or utcnow()
        label = escape(tr("elapsed", self.page.lang))
        shown = elapsed(since if s.state != "lobby" else None, end)
        value = f'<span class="cd-timer" role="timer">{label} {shown}</span>'
        if self.timer.value != value:
            self.timer.value = value

    def render(self) -> None:
        lang = self.page.lang
        title = w.HTML(f"<h1>{escape(tr('title', lang))}</h1>")
        if self.session is None:
            if self.denied:
                self.body.children = [
                    title,
                    w.HTML(
                        f'<div class="cd-error" role="alert">{escape(tr("not_trainer", lang))}</div>'
                    ),
                ]
            else:
                self.body.children = [title, *self._create_form(lang)]
            return
        for action, button in self.buttons.items():
            button.description = tr(action, lang)
        self.leaderboard.description = tr("leaderboard", lang)
        self._render_join(lang)
        self._render_board(lang)
        s = self.session
        visible = {
            "start": s.state == "lobby",
            "reveal": s.mode == "paced" and s.state == "running" and not s.revealed,
            "next": s.mode == "paced" and s.state == "running",
            "finish": s.state != "finished",
        }
        controls = w.HBox(
            [b for a, b in self.buttons.items() if visible[a]],
            layout=w.Layout(flex_flow="row wrap"),
        )
        address = w.VBox(
            [w.HTML(f"<label>{escape(tr('address', lang))}</label>"), self.address],
            layout=w.Layout(width="100%"),
        )
        parts: list[w.Widget] = [
            self.join_panel,
            self.status,
            self.timer,
            controls,
            self.message,
            self.leaderboard,
            self.board,
            self.downloads,
            address,
        ]
        if self.created_link:
            parts.append(
                w.HTML(
                    f'<p class="cd-note">{escape(tr("keep_link", lang))}<br>'
                    f'<a href="{escape(self.created_link)}">{escape(self.created_link)}</a></p>'
                )
            )
        self.body.children = parts

    def _create_form(self, lang: str) -> list[w.Widget]:
        if not self.quiz_select.options:
            return [w.HTML(f"<p>{escape(tr('no_quiz', lang))}</p>")]
        quiz, mode = self.quiz_select.value, self.mode_select.value
        self.quiz_select.options = [
            (pick(b.title, lang), b.id) for b in self.page.catalog.banks.values() if b.questions
        ]
        self.mode_select.options = [(tr("paced", lang), "paced"), (tr("self", lang), "self")]
        self.quiz_select.value, self.mode_select.value = quiz, mode
        self.create_button.description = tr("create", lang)
        form = w.VBox(
            [
                w.HTML(f"<label>{escape(tr('quiz', lang))}</label>"),
                self.quiz_select,
                w.HTML(f"<label>{escape(tr('mode', lang))}</label>"),
                self.mode_select,
                self.create_button,
            ],
            layout=w.Layout(width="100%"),
        )
        form.add_class("cd-form")
        intro = f"<p>{escape(tr('intro', lang))}</p><p class='cd-note'>{escape(tr('cli_hint', lang))}</p>"
        return [w.HTML(intro), self.message, form]

    def _render_join(self, lang: str) -> None:
        from chatdojo.store.links import join_url

        url = join_url(self.base_url, self.code)
        self.join_panel.value = (
            f'<div class="cd-card" style="text-align:center">'
            f"<div>{escape(tr('join_with', lang))}</div>"
            f'<div class="cd-bigcode">{escape(self.code)}</div>'
            f'<div><a href="{escape(url)}">{escape(url)}</a></div>'
            f'<div class="cd-qr">{qr_svg(url, tr("qr_title", lang))}</div></div>'
        )

    def _render_board(self, lang: str) -> None:
        from chatdojo.store.results import distribution, leaderboard, session_questions

        s, snap = self.session, self.snapshot
        self.status.value = (
            f"<p><strong>{escape(tr('state_' + s.state, lang))}</strong> · "
            f"{escape(tr(s.mode, lang))} · {escape(tr('joined', lang, n=len(snap.participants)))}</p>"
            f'<div class="cd-chips">{"".join(f"<span>{escape(p.nickname)}</span>" for p in snap.participants)}</div>'
        )
        questions = session_questions(self.page.catalog, s)
        html: list[str] = []
        current = s.current_question_id
        if current is not None:
            q = next((q for q in questions if q.id == current), None)
            if q is not None:
                n = s.question_ids.index(q.id) + 1
                html.append(
                    f"<h2>{escape(self.page.t('question_n_of_m', n=n, m=len(s.question_ids)))}</h2>"
                )
                html.append(md(q.text, lang, self.page.substitutions(), self.page.catalog))
                html.append(self._distribution_html(distribution(snap, q, lang), lang, s.revealed))
        if s.mode == "self" or s.state == "finished":
            html.append(f"<h2>{escape(tr('overview', lang))}</h2>")
            for i, q in enumerate(questions, start=1):
                d = distribution(snap, q, lang)
                text = md(q.text, lang, self.page.substitutions(), self.page.catalog)
                html.append(f'<div class="cd-card"><strong>{i}.</strong> {text}')
                # Self-paced participants see their verdict at once, so % correct is no secret.
                html.append(self._distribution_html(d, lang, True) + "</div>")
        if self.leaderboard.value:
            rows = "".join(
                f"<tr><td>{rank}</td><td>{escape(name)}</td><td>{score:.1f}</td></tr>"
                for rank, (name, score, _n) in enumerate(leaderboard(snap)[:10], start=1)
            )
            html.append(f"<h2>{escape(tr('leaderboard', lang))}</h2><table>{rows}</table>")
        if s.state == "finished":
            html.append(self._stats_html(lang))
        self.board.value = "".join(html)
        self.downloads.value = self._downloads_html(lang) if s.state == "finished" else ""

    def _distribution_html(self, d: Any, lang: str, show_right: bool) -> str:
        top = max((c for _k, _l, c, _r in d.counts), default=0) or 1
        rows = []
        for _key, label, count, right in d.counts:
            mark = " ✓" if right and show_right else ""
            css = "cd-bar cd-bar-right" if right and show_right else "cd-bar"
            rows.append(
                f"<tr><td>{escape(label)}{mark}</td><td>{count}</td>"
                f'<td style="width:40%"><div class="{css}" style="width:{100 * count // top}%"></div></td></tr>'
            )
        summary = tr(
            "answered", lang, n=d.answered, pct=pct(d.percent_correct) if show_right else "–"
        )
        return f'<p aria-live="polite">{escape(summary)}</p><table class="cd-dist">{"".join(rows)}</table>'

    def _stats_html(self, lang: str) -> str:
        from chatdojo.store.results import session_stats

        def num(x: float | None) -> str:
            return "–" if x is None else f"{x:.2f}"

        rows = "".join(
            f"<tr><td>{escape(i.question_id)}</td><td>{i.answered}</td><td>{num(i.facility)}</td>"
            f"<td>{num(i.sd)}</td><td>{num(i.discrimination)}</td>"
            f"<td>{escape(', '.join(tr(f, lang) for f in i.flags))}</td></tr>"
            for i in session_stats(self.snapshot)
        )
        head = "<tr><th>ID</th><th>n</th><th>F</th><th>SD</th><th>D</th><th></th></tr>"
        return (
            f"<h2>{escape(tr('stats', lang))}</h2><p class='cd-note'>{escape(tr('stats_note', lang))}</p>"
            f"<table>{head}{rows}</table>"
        )

    def _downloads_html(self, lang: str) -> str:
        from chatdojo.store.results import (
            answers_frame,
            session_questions,
            stats_table,
            to_csv,
            to_xlsx,
        )

        questions = session_questions(self.page.catalog, self.session)
        answers = answers_frame(self.snapshot, questions, lang)
        csv = base64.b64encode(to_csv(answers)).decode("ascii")
        xlsx = base64.b64encode(to_xlsx(answers, stats_table(self.snapshot))).decode("ascii")
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = f"session-{self.code}"
        return (
            '<div class="cd-cert-actions">'
            f'<a href="data:text/csv;base64,{csv}" download="{name}.csv">{escape(tr("csv", lang))}</a> · '
            f'<a href="data:{mime};base64,{xlsx}" download="{name}.xlsx">{escape(tr("xlsx", lang))}</a></div>'
        )


def trainer_page(
    page: Page | None = None, *, store: Any = None, params: dict[str, str] | None = None
) -> w.Widget:
    params = query_params() if params is None else params
    page = page or Page.from_request(params=params)
    view = TrainerView(page, store=store, params=params)
    frame = app_frame(w.HTML(f"<style>{LIVE_CSS}</style>"), page.header(), view.body)
    frame.view = view  # type: ignore[attr-defined]
    return frame
