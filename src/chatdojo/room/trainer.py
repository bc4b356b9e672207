"""The trainer's side: creating a session, the console, its actions, the projector, exports."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Awaitable, Callable
from http import HTTPStatus

from sqlalchemy.exc import SQLAlchemyError

from chatdojo.content.catalog import Catalog
from chatdojo.quiz.model import Question
from chatdojo.room.base import TRAINER, RoomError, RoomHandler
from chatdojo.room.phone import RoomHandlerWithSession
from chatdojo.room.render import session_bank
from chatdojo.room.text import settings_error
from chatdojo.store import live

MAX_IDS = 200


def network_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses (what phones on the same network can reach)."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    try:  # the address of the default route; a UDP "connect" sends nothing
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.connect(("10.254.254.254", 1))
            found.add(sock.getsockname()[0])
    except OSError:
        pass
    return sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)


def loopback_only(listen_ip: str) -> bool:
    try:
        return ipaddress.ip_address(listen_ip or "127.0.0.1").is_loopback
    except ValueError:
        return listen_ip == "localhost"


def applicable(catalog: Catalog, profile_id: str, quiz_id: str) -> list[Question]:
    return session_bank(catalog, profile_id, quiz_id)


def _int(text: str, default: int | None = None) -> int | None:
    text = (text or "").strip()
    if not text:
        return default
    if not text.isdigit() or len(text) > 9:
        raise live.LiveError("bad_number", f"{text[:20]!r} is not a whole number")
    return int(text)


class NewHandler(RoomHandler):
    """``/room/new``: choose a quiz, the questions, timing and scoring; create the session."""

    def form(self, error: str = "", status: int = 200) -> None:
        catalog = self.hub.catalog()
        banks = [
            (b, applicable(catalog, self.hub.profile_id, b.id))
            for b in catalog.banks.values()
            if b.questions
        ]
        from chatdojo.room.scenario_room import options

        scenarios = options(catalog, self.lang)
        self.page("new.html", status, banks=banks, scenarios=scenarios, error=error)

    def get(self) -> None:
        self.form()

    async def post(self) -> None:
        if self.get_body_argument("kind", "") == "scenario":
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
        selection = arg("select", "all")
        if selection == "count":
            chosen = live.pick_questions(
                questions, count=_int(arg("count", "")), seed=_int(arg("seed", ""), 0)
            )
        elif selection == "ids":
            ids = [i.strip() for i in arg("ids", "")[:4000].split(",") if i.strip()]
            if not ids or len(ids) > MAX_IDS:
                raise live.LiveError("unknown_question", "list the question ids to ask")
            chosen = live.pick_questions(questions, ids=ids)
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
            self.form(settings_error(err.key, self.lang), HTTPStatus.BAD_REQUEST)
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
        base = self.base_url()
        addresses = network_addresses()
        self.page(
            "trainer.html",
            s=info,
            code=code,
            join_url=f"{base}/room/{code}",
            screen_url=f"{base}/room/{code}/screen",
            loopback=loopback_only(self.listen_ip),
            addresses=addresses,
            serve_hint=f"chatdojo serve --host 0.0.0.0 --port {self.request.host.rsplit(':', 1)[-1]}",
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
            elif info.kind == "scenario":
                from chatdojo.room.scenario_room import control

                choice = self.get_body_argument("choice", "")
                await control(self.hub, code, token, info, action, choice)
            elif action in live.ACTIONS:
                await self.hub.run(live.control, self.hub.store(), code, token, action, seconds=15)
            else:
                raise RoomError("bad_request")
        except live.LiveError as err:
            raise RoomError("bad_request" if err.key == "bad_number" else err.key) from None
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
            stats_table,
            to_csv,
            to_xlsx,
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
            data = to_xlsx(frame, stats_table(snap))
            self.set_header(
                "Content-Type",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        self.set_header("Content-Disposition", f'attachment; filename="session-{code}.{fmt}"')
        self.finish(data)
