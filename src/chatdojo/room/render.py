"""What each screen of a room shows, built once per room change and shared by every stream.

A :class:`Frame` wraps one database snapshot. Phones, the projector and the
console ask it for a payload ``{"key", "html", ...}``; the HTML of a view is
rendered once per (view, language) and cached, so a change reaches a thousand
phones for the cost of a few renders plus one small JSON per phone.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from markupsafe import Markup

from chatdojo.content.catalog import Catalog
from chatdojo.i18n import pick
from chatdojo.quiz.model import Choice, Question
from chatdojo.quiz.types import get_type
from chatdojo.room.options import opaque
from chatdojo.room.templating import render
from chatdojo.room.text import TEXT, tr
from chatdojo.store.live import SessionInfo, Snapshot
from chatdojo.store.results import Standing, describe, distribution, standings
from chatdojo.views.render import citations, md

GUIDE_URL = "/voila/render/{}.ipynb"


def epoch_ms(when: datetime | None) -> int | None:
    return None if when is None else int(when.replace(tzinfo=UTC).timestamp() * 1000)


def shuffled(question: Question, seed: int) -> list[Choice]:
    """The options in the session's seeded order: the same on every phone and the projector."""
    options = list(question.choices)
    if question.type == "truefalse":
        return options
    rng = random.Random(f"{seed}:{question.id}")
    rng.shuffle(options)
    if question.type == "ordering" and options == list(question.choices) and len(options) > 1:
        options = options[1:] + options[:1]  # never hand out the answer as the starting order
    return options


def session_bank(catalog: Catalog, profile_id: str, quiz_id: str) -> list[Question]:
    """A bank's questions under the server's profile, its facts filled in."""
    from chatdojo.content import banks

    bank = catalog.banks.get(quiz_id)
    profile = catalog.profile(profile_id)
    if bank is None:
        return []
    if hasattr(banks, "questions_for"):
        return list(banks.questions_for(bank, profile))
    policies = profile.policies if profile else {}  # pragma: no cover - older content layer
    return [q for q in bank.questions if q.applies_to(profile_id, policies)]


@dataclass
class Frame:
    """One snapshot of a room plus everything derived from it."""

    snapshot: Snapshot
    catalog: Catalog
    profile_id: str
    seq: int = 0
    bank: dict[str, Question] | None = None  # the bank by id, when the caller has it
    _cache: dict[tuple[Any, ...], str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # derived data of other views

    def __post_init__(self) -> None:
        by_id = self.bank
        if by_id is None:
            by_id = {
                q.id: q for q in session_bank(self.catalog, self.profile_id, self.session.quiz_id)
            }
        self.questions = {q: by_id[q] for q in self.session.question_ids if q in by_id}
        self.standings = standings(self.snapshot)
        self.by_person = {s.participant_id: s for s in self.standings}
        # What a phone may show of its own score: in a paced room, not the open question's
        # points before the reveal (the header jumping would give the answer away).
        hidden = self.session.current_question_id
        if self.session.mode == "paced" and hidden and not self.session.revealed:
            shown = replace(
                self.snapshot,
                answers=tuple(a for a in self.snapshot.answers if a.question_id != hidden),
            )
            self.shown_by_person = {s.participant_id: s for s in standings(shown)}
        else:
            self.shown_by_person = self.by_person
        self.answered: dict[int, dict[str, Any]] = {}
        for a in self.snapshot.answers:
            self.answered.setdefault(a.participant_id, {})[a.question_id] = a
        self.active = [p for p in self.snapshot.participants if not p.removed]
        self.removed = {p.id for p in self.snapshot.participants if p.removed}

    @property
    def session(self) -> SessionInfo:
        return self.snapshot.session

    # -- helpers ------------------------------------------------------------------
    def subs(self, lang: str) -> dict[str, str]:
        profile = self.catalog.profile(self.profile_id)
        return profile.substitutions(lang) if profile else {}

    def md(self, text: Any, lang: str) -> Markup:
        return Markup(md(text, lang, self.subs(lang), self.catalog, GUIDE_URL))

    def number_of(self, qid: str) -> int:
        return self.session.question_ids.index(qid) + 1

    def cached(self, key: tuple[Any, ...], build: Any) -> str:
        html = self._cache.get(key)
        if html is None:
            html = self._cache[key] = build()
        return html

    def question_context(self, qid: str, lang: str) -> dict[str, Any]:
        q = self.questions[qid]
        return {
            "q": q,
            "lang": lang,
            "n": self.number_of(qid),
            "m": len(self.session.question_ids),
            "text": self.md(q.text, lang),
            # Phones see the room's opaque ids, never the authored ones (room/options.py).
            "options": [
                (opaque(self.session, q.id, "c", c.id), pick(c.text, lang))
                for c in shuffled(q, self.session.seed)
            ],
            "pairs": [
                (opaque(self.session, q.id, "p", p.id), pick(p.prompt, lang)) for p in q.pairs
            ],
            "unit": pick(q.unit, lang) if q.unit else "",
        }

    def reveal_context(self, qid: str, lang: str) -> dict[str, Any]:
        q = self.questions[qid]
        qtype = get_type(q.type)
        dist = distribution(self.snapshot, q, lang)
        rows = list(dist.counts)
        if q.type in ("single", "multiple", "truefalse"):
            order = [c.id for c in shuffled(q, self.session.seed)]
            rows.sort(key=lambda r: order.index(r[0]) if r[0] in order else 99)
        top = max((r[2] for r in rows), default=0) or 1
        return {
            **self.question_context(qid, lang),
            "rows": [(label, n, right, 100 * n // top) for _k, label, n, right in rows],
            "answered": dist.answered,
            "right": describe(q, qtype.correct_answer(q), lang),
            "explanation": self.md(q.explanation, lang),
            "rules": Markup(citations(q.rules, self.catalog, lang)),
        }

    def time(self) -> dict[str, Any]:
        s = self.session
        return {"deadline": epoch_ms(s.deadline) if s.mode == "paced" else None}

    # -- phones -------------------------------------------------------------------
    def phone(self, pid: int, lang: str) -> dict[str, Any]:
        s = self.session
        if s.kind == "scenario" and s.state != "lobby" and pid not in self.removed:
            from chatdojo.room import scenario_view

            return scenario_view.phone(self, pid, lang)
        mine = self.answered.get(pid, {})
        standing = self.by_person.get(pid)
        shown = self.shown_by_person.get(pid)
        me = {
            "score": _points(shown.total if shown else 0.0),
            "rank": shown.rank if shown else None,
        }
        if pid in self.removed:
            kind: tuple[Any, ...] = ("removed",)
        elif s.state == "lobby":
            kind = ("lobby",)
        elif s.state == "finished":
            kind = ("finished", pid)
        elif s.mode == "self":
            nxt = next((q for q in s.question_ids if q not in mine and q in self.questions), None)
            kind = ("question", nxt) if nxt else ("done",)
        else:
            qid = s.current_question_id
            if qid is None or qid not in self.questions:
                kind = ("wait",)
            elif s.revealed:
                a = mine.get(qid)
                verdict = _verdict(a.score) if a else "none"
                kind = ("reveal", qid, verdict)
            elif qid in mine:
                kind = ("answered", qid)
            else:
                kind = ("question", qid)
        key = (*kind, lang)
        html = self.cached(("phone", *key), lambda: self._phone_html(kind, pid, lang, standing))
        return {"key": ":".join(map(str, key)), "html": html, "me": me, **self.time()}

    def _phone_html(
        self, kind: tuple[Any, ...], pid: int, lang: str, standing: Standing | None
    ) -> str:
        ctx: dict[str, Any] = {"kind": kind[0], "lang": lang, "mode": self.session.mode}
        if kind[0] == "question":
            ctx.update(self.question_context(kind[1], lang))
        elif kind[0] == "reveal":
            ctx.update(self.reveal_context(kind[1], lang), verdict=kind[2])
        elif kind[0] == "finished":
            ctx.update(
                standing=standing,
                asked=len(self.session.asked_ids),
                total=len(self.standings),
                points=_points(standing.total) if standing else "0",
            )
        return render("_phone.html", **ctx)

    # -- projector ----------------------------------------------------------------
    def screen(self, lang: str, join_url: str, qr: str) -> dict[str, Any]:
        s = self.session
        if s.kind == "scenario" and s.state != "lobby":
            from chatdojo.room import scenario_view

            return scenario_view.screen(self, lang, join_url)
        if s.state == "lobby":
            names = tuple(p.nickname for p in self.active)
            kind: tuple[Any, ...] = ("lobby", names)
        elif s.state == "finished":
            kind = ("podium", self.seq)
        elif s.mode == "self":
            done = sum(
                1 for p in self.active if set(self.questions) <= set(self.answered.get(p.id, {}))
            )
            kind = ("self", done, len(self.active))
        else:
            qid = s.current_question_id
            if qid is None or qid not in self.questions:
                kind = ("wait",)
            elif s.revealed:
                kind = ("reveal", qid, s.show_leaderboard, self.seq)
            else:
                kind = ("question", qid)
        key = (*kind, lang)
        html = self.cached(("screen", *key), lambda: self._screen_html(kind, lang, join_url, qr))
        status = ""
        if kind[0] == "question":
            count = sum(1 for p in self.active if kind[1] in self.answered.get(p.id, {}))
            status = tr("answered_n", lang, k=count, n=len(self.active))
        return {"key": str(hash(key)), "html": html, "status": status, **self.time()}

    def _screen_html(self, kind: tuple[Any, ...], lang: str, join_url: str, qr: str) -> str:
        ctx: dict[str, Any] = {
            "kind": kind[0],
            "lang": lang,
            "code": self.session.code,
            "join_url": join_url,
            "qr": Markup(qr),
        }
        if kind[0] == "lobby":
            ctx["names"] = kind[1]
        elif kind[0] == "self":
            ctx.update(done=kind[1], people=kind[2])
        elif kind[0] == "question":
            ctx.update(self.question_context(kind[1], lang))
        elif kind[0] == "reveal":
            ctx.update(self.reveal_context(kind[1], lang), top=self._top(5) if kind[2] else [])
        elif kind[0] == "podium":
            ctx["top"] = self._top(5)
        return render("_screen.html", **ctx)

    def _top(self, n: int) -> list[tuple[int, str, str]]:
        return [(s.rank, s.nickname, _points(s.total)) for s in self.standings[:n]]

    # -- trainer ------------------------------------------------------------------
    def trainer(self, lang: str) -> dict[str, Any]:
        s = self.session
        if s.kind == "scenario":
            from chatdojo.room import scenario_view

            return scenario_view.trainer(self, lang)
        qid = s.current_question_id
        people = []
        for p in self.active:
            mine = self.answered.get(p.id, {})
            done = (qid in mine) if qid else len(mine)
            people.append((p.id, p.nickname, done))
        ctx: dict[str, Any] = {
            "s": s,
            "lang": lang,
            "people": people,
            "asked": len(s.asked_ids),
            "total": len(s.question_ids),
            "top": self._top(10),
            "flags": {k for k in TEXT if k.startswith("flag_")},
        }
        if qid and qid in self.questions:
            ctx["current"] = self.reveal_context(qid, lang) if s.revealed else None
            ctx["question"] = self.question_context(qid, lang)
            ctx["answered"] = sum(1 for _i, _n, d in people if d)
        if s.state == "finished":
            from chatdojo.store.results import session_stats

            ctx["stats"] = [i for i in session_stats(self.snapshot)]
        html = render("_trainer.html", **ctx)
        return {"key": f"t{self.seq}:{lang}", "html": html, **self.time()}


def _verdict(score: float) -> str:
    return "correct" if score >= 0.999 else "partial" if score > 0 else "wrong"


def _points(total: float) -> str:
    return f"{total:.1f}".rstrip("0").rstrip(".") if total else "0"


def answer_counts(snapshot: Snapshot) -> Counter[str]:
    return Counter(a.question_id for a in snapshot.answers)


def feedback_html(
    catalog: Catalog, profile_id: str, question: Question, score: float, lang: str
) -> str:
    """A self-paced participant's verdict, the right answer and the explanation."""
    profile = catalog.profile(profile_id)
    subs = profile.substitutions(lang) if profile else {}
    qtype = get_type(question.type)
    return render(
        "_feedback.html",
        lang=lang,
        verdict=_verdict(score),
        right=describe(question, qtype.correct_answer(question), lang),
        explanation=Markup(md(question.explanation, lang, subs, catalog, GUIDE_URL)),
        rules=Markup(citations(question.rules, catalog, lang)),
    )
