"""The trainer's side: creating a session, the console, its actions, the projector, exports."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Awaitable, Callable
from http import HTTPStatus

from sqlalchemy.exc import SQLAlchemyError

from chatdojo.content.catalog import Catalog
from chatdojo.quiz.model import Question
from chatdojo.room import security
from chatdojo.room.address import loopback_only, network_addresses
from chatdojo.room.base import TRAINER, RoomError, RoomHandler
from chatdojo.room.forms import whole_number as _int
from chatdojo.room.phone import RoomHandlerWithSession
from chatdojo.room.render import session_bank
from chatdojo.room.text import settings_error, tr
from chatdojo.store import live

__all__ = ["loopback_only", "network_addresses", "room_key"]

MAX_IDS = 200
NEW_COOKIE = "cd_new"  # signed: this browser gave the trainer key (opens /room/new)
KEY_ENV = "CHATDOJO_TRAINER_KEY"
_PROCESS_KEY = secrets.token_urlsafe(12)  # no key configured: nobody can guess this one


def room_key() -> str:
    """The trainer key ``chatdojo serve`` prints (``$CHATDOJO_TRAINER_KEY``)."""
    key = os.environ.get(KEY_ENV, "").strip()
    return key if len(key) >= 8 else _PROCESS_KEY


def _key_mark(key: str) -> str:
    """What the cookie holds: a digest of the key, so a new key voids old cookies."""
    return hashlib.sha256(f"chatdojo-room-new:{key}".encode()).hexdigest()[:32]


def applicable(catalog: Catalog, profile_id: str, quiz_id: str) -> list[Question]:
    return session_bank(catalog, profile_id, quiz_id)


class NewHandler(RoomHandler):
    """``/room/new``: choose a quiz, the questions, timing and scoring; create the session.

    Only a browser that gave the trainer key (``?trainer=KEY`` from ``serve``'s output, or
    the key typed into the form) may create rooms: anyone on the network can reach this page.
    """

    def form(self, error: str = "", status: int = 200) -> None:
        catalog = self.hub.catalog()
        profile_id = self.hub.profile_id
        found = ((b, applicable(catalog, profile_id, b.id)) for b in catalog.banks.values())
        banks = [(b, qs) for b, qs in found if qs]  # none for this organization: not offered
        from chatdojo.room.scenario_room import options

        scenarios = options(catalog, self.lang, profile_id)
        self.page("new.html", status, banks=banks, scenarios=scenarios, error=error)

    def locked(self, error: str = "", status: int = HTTPStatus.FORBIDDEN) -> None:
        self.page("new.html", status, locked=True, error=error, banks=[], scenarios=[])

    async def unlocked(self) -> bool:
        value = security.unsign(await self.secret(), NEW_COOKIE, self.get_cookie(NEW_COOKIE))
        return value is not None and hmac.compare_digest(value, _key_mark(room_key()))

    async def try_key(self, given: str) -> bool:
        """Check a typed or linked key (wrong keys count as guesses); set the cookie if right."""
        client = self.request.remote_ip or "?"
        if self.limiter.blocked(client=client):
            raise RoomError("too_many_tries", HTTPStatus.TOO_MANY_REQUESTS)
        if not hmac.compare_digest(given.strip()[:200].encode(), room_key().encode()):
            self.limiter.failed(client=client)
            return False
        self.set_cookie(
            NEW_COOKIE,
            security.sign(await self.secret(), NEW_COOKIE, _key_mark(room_key())),
            path="/room/new",
            httponly=True,
            samesite="Lax",
            secure=self.request.protocol == "https",
            expires_days=security.SEAT_DAYS,
        )
        return True

    async def get(self) -> None:
        given = self.get_query_argument("trainer", "")
        if given:
            if await self.try_key(given):
                self.redirect("/room/new")  # the key leaves the address bar and the history
                return
            self.locked(tr("wrong_key", self.lang))
            return
        if not await self.unlocked():
            self.locked(status=HTTPStatus.OK)
            return
        self.form()

    async def post(self) -> None:
        kind = self.get_body_argument("kind", "")
        if kind == "key":
            if await self.try_key(self.get_body_argument("trainer_key", "")):
                self.redirect("/room/new", status=303)
            else:
                self.locked(tr("wrong_key", self.lang))
            return
        if not await self.unlocked():
            self.locked(tr("need_key", self.lang))
            return
        if kind == "scenario":
            from chatdojo.room.scenario_room import create

            await self.open_room(lambda: create(self))
            return
        await self.open_room(self.create_quiz_room)

    async def create_quiz_room(self) -> tuple[live.SessionInfo, str]:
        arg = self.get_body_argument
        quiz_id = arg("quiz", "")[:80]
        questions = applicable(self.hub.catalog(), self.hub.profile_id, quiz_id)
        if not questions:
            raise live.LiveError("no_questions", "choose a quiz")
        # One count control: what was typed decides (a number typed is never ignored).
        ids = [i.strip() for i in arg("ids", "")[:4000].replace("、", ",").split(",") if i.strip()]
        count = _int(arg("count", ""))
        if ids and count is not None and count != len(ids):
            raise live.LiveError("count_and_ids", "give a number or a list of ids, not both")
        if ids:
            if len(ids) > MAX_IDS:
                raise live.LiveError("unknown_question", "list the question ids to ask")
            chosen = live.pick_questions(questions, ids=ids)
        elif count is not None:
            chosen = live.pick_questions(questions, count=count, seed=_int(arg("seed", ""), 0))
        else:
            chosen = questions
        result: tuple[live.SessionInfo, str] = await self.hub.run(
            live.create_session,
            self.hub.store(),
            quiz_id,
            chosen,
            paced=arg("mode", "paced") == "paced",
            time_limit=_int(arg("time_limit", "0"), 0),
            late_join=arg("late_join", "") == "on",
            speed_bonus=arg("speed_bonus", "") == "on",
        )
        return result

    async def open_room(
        self, create: Callable[[], Awaitable[tuple[live.SessionInfo, str]]]
    ) -> None:
        """Create a room from the form; then its console, or the form again saying why not."""
        try:
            info, token = await create()
        except live.LiveError as err:
            values = getattr(err, "values", {})
            self.form(settings_error(err.key, self.lang, **values), HTTPStatus.BAD_REQUEST)
            return
        except SQLAlchemyError:
            raise RoomError("db_error", HTTPStatus.SERVICE_UNAVAILABLE) from None
        await self.set_signed(TRAINER, info.code, token)
        self.redirect(f"/room/{info.code}/trainer", status=303)


class TrainerBase(RoomHandlerWithSession):
    async def authorize(self, code: str) -> tuple[live.SessionInfo, str]:
        await self.session(code)  # unknown codes count as guesses
        token = await self.signed(TRAINER, code)
        try:
            info = await self.hub.run(live.authorize_trainer, self.hub.store(), code, token)
        except live.LiveError:
            raise RoomError("not_trainer", HTTPStatus.FORBIDDEN) from None
        assert token is not None
        return info, token


class TrainerHandler(TrainerBase):
    """``/room/CODE/trainer``: the console. A ``?token=`` moves into a cookie, then leaves the URL."""

    async def get(self, raw: str) -> None:
        code = self.code_of(raw)
        token = self.get_query_argument("token", "")
        if token:
            await self.session(code)
            try:
                await self.hub.run(live.authorize_trainer, self.hub.store(), code, token[:64])
            except live.LiveError:
                raise RoomError("not_trainer", HTTPStatus.FORBIDDEN) from None
            await self.set_signed(TRAINER, code, token[:64])
            self.redirect(f"/room/{code}/trainer")
            return
        info, _token = await self.authorize(code)
        public = self.public()
        base = public.url
        port = self.local_port()
        self.page(
            "trainer.html",
            s=info,
            code=code,
            join_url=f"{base}/room/{code}",
            screen_url=f"{base}/room/{code}/screen",
            problem=public.problem,
            loopback=public.problem == "loopback",  # behind a proxy with --public-url: fine
            addresses=network_addresses() if public.problem else [],
            serve_hint=f"chatdojo serve --host 0.0.0.0 --port {port}",
            url_hint=f"chatdojo serve --host 0.0.0.0 --port {port} --public-url http://ADDRESS:{port}",
        )


class ControlHandler(TrainerBase):
    """``POST /room/CODE/control``: start, reveal, next, skip, add time, leaderboard, end, remove."""

    def wants_json(self) -> bool:
        return True

    async def post(self, raw: str) -> None:
        code = self.code_of(raw)
        info, token = await self.authorize(code)
        action = self.get_body_argument("action", "")[:20]
        try:
            if action == "remove":
                pid = _int(self.get_body_argument("participant", ""))
                await self.hub.run(live.remove_participant, self.hub.store(), code, token, pid or 0)
            elif action == "late_join":
                on = self.get_body_argument("value", "") == "on"
                await self.hub.run(live.configure, self.hub.store(), code, token, late_join=on)
            elif action == "lock":  # no new joins; seated phones continue
                on = self.get_body_argument("value", "") == "on"
                await self.hub.run(live.configure, self.hub.store(), code, token, locked=on)
            elif action == "capacity":  # seats for this room; empty: the server's default
                seats = _int(self.get_body_argument("value", "")[:12], 0)
                await self.hub.run(live.configure, self.hub.store(), code, token, capacity=seats)
            elif info.kind == "scenario":
                from chatdojo.room.scenario_room import control

                choice = self.get_body_argument("choice", "")
                await control(self.hub, code, token, info, action, choice)
            elif action in live.ACTIONS:
                await self.hub.run(live.control, self.hub.store(), code, token, action, seconds=15)
            else:
                raise RoomError("bad_request")
        except live.LiveError as err:
            bad_number = err.key == "bad_number" and action == "capacity"
            key = "bad_capacity" if bad_number else err.key
            raise RoomError("bad_request" if key == "bad_number" else key) from None
        except SQLAlchemyError:
            raise RoomError("db_error", HTTPStatus.SERVICE_UNAVAILABLE) from None
        await self.hub.nudge(code)
        self.json({"ok": True})


class ScreenHandler(RoomHandlerWithSession):
    """``/room/CODE/screen``: the projector. It never shows the trainer token or live answers."""

    async def get(self, raw: str) -> None:
        code = self.code_of(raw)
        await self.session(code)
        self.page("screen.html", code=code)


class ExportHandler(TrainerBase):
    """``/room/CODE/results.csv|xlsx``: every answer (and statistics) in the trainer's language."""

    async def get(self, raw: str, fmt: str) -> None:
        from chatdojo.store.results import (
            answers_frame,
            session_questions,
            session_workbook,
            to_csv,
        )

        code = self.code_of(raw)
        await self.authorize(code)
        snap = await self.hub.run(live.snapshot, self.hub.store(), code)
        if snap.session.kind == "scenario":
            from chatdojo.room.scenario_room import export

            data, ctype = export(self.hub.catalog(), self.hub.profile_id, snap, self.lang, fmt)
            self.set_header("Content-Type", ctype)
            self.set_header("Content-Disposition", f'attachment; filename="session-{code}.{fmt}"')
            self.finish(data)
            return
        questions = session_questions(self.hub.catalog(), snap.session)
        frame = answers_frame(snap, questions, self.lang)
        if fmt == "csv":
            data = to_csv(frame)
            self.set_header("Content-Type", "text/csv; charset=UTF-8")
        else:
            data = session_workbook(snap, questions, self.lang)
            self.set_header(
                "Content-Type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        self.set_header("Content-Disposition", f'attachment; filename="session-{code}.{fmt}"')
        self.finish(data)
