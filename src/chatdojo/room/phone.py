"""The participant side: entering a code, joining, the live stream and answering."""

from __future__ import annotations

import ipaddress
import json
import os
from functools import cache
from http import HTTPStatus
from typing import Any

import tornado.iostream
from sqlalchemy.exc import SQLAlchemyError

from chatdojo.quiz.model import AnswerError
from chatdojo.room import options
from chatdojo.room.base import SEAT, TRAINER, RoomError, RoomHandler
from chatdojo.room.render import Frame, feedback_html
from chatdojo.room.text import tr
from chatdojo.store import live
from chatdojo.store.ratelimit import GuessLimiter, per
from chatdojo.store.validate import InputError

EVENT_ROLES = ("phone", "screen", "trainer")
SEATS_PER_ADDRESS = 60  # seats one address may take in one room per hour (a family of phones
# behind one Wi-Fi is fine; one script taking the room is not); CHATDOJO_SEATS_PER_ADDRESS


@cache
def seat_limiter() -> GuessLimiter:
    """Seats taken per (room, client address) in this process, in a moving hour."""
    raw = os.environ.get("CHATDOJO_SEATS_PER_ADDRESS", "").strip()
    seats = int(raw) if raw.isdigit() and 0 < int(raw) <= 100_000 else SEATS_PER_ADDRESS
    return GuessLimiter({"seat": per(seats, 3600)}, "seats")


def limits_seats_of(address: str) -> bool:
    """Is the per-address seat limit applied to this client? Not to loopback unless
    CHATDOJO_SEATS_PER_ADDRESS is set: the machine itself (benches) takes no stranger's seat."""
    if os.environ.get("CHATDOJO_SEATS_PER_ADDRESS", "").strip():
        return True
    try:
        return not ipaddress.ip_address(address).is_loopback
    except ValueError:
        return True


class RoomHandlerWithSession(RoomHandler):
    async def session(self, code: str) -> live.SessionInfo:
        """The session of ``code``; unknown codes count as guesses (rate-limited per address)."""
        client = self.request.remote_ip or "?"
        if await self.guess_wait(code):  # never for a valid seat or trainer (base.vouched)
            raise RoomError("too_many_tries", HTTPStatus.TOO_MANY_REQUESTS)
        fresh = self.hub.fresh_session(code)  # a room in play: no database read per request
        if fresh is not None:
            return fresh
        try:
            return await self.hub.run(live.get_session, self.hub.store(), code)
        except live.LiveError:
            self.limiter.failed(client=client)
            raise RoomError("unknown_code", HTTPStatus.NOT_FOUND) from None
        except SQLAlchemyError:
            raise RoomError("db_error", HTTPStatus.SERVICE_UNAVAILABLE) from None

    def posted_answer(self) -> tuple[str, Any]:
        """The JSON body ``{"q": id, "a": value}`` of an answer or a vote, or RoomError."""
        try:
            body = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise RoomError("bad_answer") from None
        if not isinstance(body, dict) or not isinstance(body.get("q"), str):
            raise RoomError("bad_answer")
        return body["q"], body.get("a")

    async def participant(self, code: str) -> live.ParticipantInfo | None:
        token = await self.signed(SEAT, code)
        if not token:
            return None
        known = self.hub.known_seat(code, token)  # a room in play: no database read
        if known is not None:
            if known.removed:
                raise RoomError("removed", HTTPStatus.FORBIDDEN)
            return known
        try:
            return await self.hub.run(live.rejoin, self.hub.store(), code, token)
        except live.LiveError as err:
            if err.key == "removed":  # the trainer removed this seat: say so, offer no new one
                raise RoomError("removed", HTTPStatus.FORBIDDEN) from None
            return None


class EnterHandler(RoomHandlerWithSession):
    """``/room``: type the join code (or arrive with ``?code=``)."""

    async def get(self) -> None:
        raw = self.get_query_argument("code", "")
        if raw:
            code = self.code_of(raw)
            try:
                await self.session(code)
            except RoomError as err:
                self.page("enter.html", err.status, error=err.key, code=raw[:20])
                return
            self.redirect(f"/room/{code}")
            return
        self.page("enter.html", code="")


class PhoneHandler(RoomHandlerWithSession):
    """``/room/CODE``: the join form, or the live page for a phone holding a seat."""

    async def get(self, raw: str) -> None:
        code = self.code_of(raw)
        session = await self.session(code)
        seat = self.get_query_argument("seat", "")
        if seat:  # the rejoin link: move the seat into the cookie, drop it from the address
            try:
                await self.hub.run(live.rejoin, self.hub.store(), code, seat[:64])
            except live.LiveError:
                raise RoomError("not_participant", HTTPStatus.FORBIDDEN) from None
            await self.set_signed(SEAT, code, seat[:64])
            self.redirect(f"/room/{code}")
            return
        person = await self.participant(code)
        if person is None:
            self.join_form(session)
            return
        self.page(
            "phone.html",
            code=code,
            nickname=person.nickname,
            rejoin=f"{self.base_url()}/room/{code}?seat={await self.signed(SEAT, code)}",
        )

    def join_form(
        self, session: live.SessionInfo, error: str = "", nickname: str = "", status: int = 200
    ) -> None:
        closed = ""
        if session.state == "finished":
            closed = "session_over"
        elif session.state == "running" and not session.late_join:
            closed = "late_join_closed"
        elif session.locked:
            closed = "room_locked"
        if not error and not nickname and status == 200:
            self.shared_page(
                ("join", session.code, closed),
                "join.html",
                code=session.code,
                closed=closed,
                error="",
                nickname="",
            )
            return
        self.page(
            "join.html",
            status,
            code=session.code,
            error=error,
            closed=closed,
            nickname=nickname,
        )


class JoinHandler(PhoneHandler):
    """``POST /room/CODE/join``: a nickname in, a signed seat cookie out."""

    async def post(self, raw: str) -> None:  # type: ignore[override]
        code = self.code_of(raw)
        session = await self.session(code)
        if await self.participant(code) is not None:
            self.redirect(f"/room/{code}", status=303)  # already seated: a double submit
            return
        nickname = self.get_body_argument("nickname", "")[:200]
        client = self.request.remote_ip or "?"  # the real client behind a trusted proxy
        address = f"{code}:{client}" if limits_seats_of(client) else ""
        if address and seat_limiter().blocked(everyone=False, seat=address):
            self.join_form(session, "join_limit", nickname, HTTPStatus.TOO_MANY_REQUESTS)
            return
        try:
            person, token = await self.hub.joins.submit(code, nickname)
        except InputError as err:
            self.join_form(session, err.key, nickname, HTTPStatus.BAD_REQUEST)
            return
        except live.LiveError as err:
            self.join_form(session, err.key, nickname, HTTPStatus.CONFLICT)
            return
        except SQLAlchemyError:
            raise RoomError("db_error", HTTPStatus.SERVICE_UNAVAILABLE) from None
        if address:
            seat_limiter().failed(seat=address)  # counts a seat taken from this address
        self.hub.remember_seat(code, token, person)
        await self.set_signed(SEAT, code, token)
        self.redirect(f"/room/{code}", status=303)


class AnswerHandler(RoomHandlerWithSession):
    """``POST /room/CODE/answer`` with ``{"q": id, "a": answer}``: validated, stored once."""

    def wants_json(self) -> bool:
        return True

    async def post(self, raw: str) -> None:
        code = self.code_of(raw)
        qid, value = self.posted_answer()
        token = await self.signed(SEAT, code)
        if not token:
            raise RoomError("not_participant", HTTPStatus.FORBIDDEN)
        session = await self.session(code)
        catalog = self.hub.catalog()
        question = self.hub.questions(session.quiz_id).get(qid)
        if question is None or question.id not in session.question_ids:
            raise RoomError("bad_answer")
        try:
            value = options.to_authored(session, question, value)
        except options.UnknownOption:
            raise RoomError("unknown_option") from None
        try:
            done = await self.hub.answers.submit(code, (token, question, value))
        except AnswerError:
            raise RoomError("bad_answer") from None
        except live.LiveError as err:
            status = HTTPStatus.CONFLICT if err.key == "question_closed" else HTTPStatus.FORBIDDEN
            raise RoomError(err.key, status) from None
        except SQLAlchemyError:
            raise RoomError("db_error", HTTPStatus.SERVICE_UNAVAILABLE) from None
        out: dict[str, Any] = {"ok": True, "q": question.id, "created": done.created}
        if session.mode == "self":  # at one's own pace the verdict comes at once
            out["html"] = feedback_html(
                catalog, self.hub.profile_id, question, done.outcome.score, self.lang
            )
        self.json(out)


class EventsHandler(RoomHandlerWithSession):
    """``/room/CODE/events?as=phone|screen|trainer``: the room's Server-Sent Events stream."""

    closed = False

    def on_connection_close(self) -> None:
        self.closed = True

    async def get(self, raw: str) -> None:
        code = self.code_of(raw)
        role = self.get_query_argument("as", "phone")
        if role not in EVENT_ROLES:
            raise RoomError("bad_request")
        await self.session(code)
        viewer: Any = None
        if role == "phone":
            try:
                viewer = await self.participant(code)
            except RoomError:
                self.set_header("Content-Type", "text/event-stream; charset=UTF-8")
                html = f'<p class="error" role="alert">{tr("removed", self.lang)}</p>'
                await self.send({"key": f"removed:{self.lang}", "html": html}, 0)
                return
        elif role == "trainer":
            token = await self.signed(TRAINER, code)
            try:
                await self.hub.run(live.authorize_trainer, self.hub.store(), code, token)
            except live.LiveError:
                raise RoomError("not_trainer", HTTPStatus.FORBIDDEN) from None
        self.set_header("Content-Type", "text/event-stream; charset=UTF-8")
        self.set_header("X-Accel-Buffering", "no")
        self.write("retry: 2000\n\n")
        if role == "phone" and viewer is None:
            await self.send({"key": "noseat"}, 0)
            return
        lang, join_url = self.lang, f"{self.base_url()}/room/{code}"
        qr = _qr(join_url, lang) if role == "screen" else ""
        room = self.hub.room(code)
        room.join()
        try:
            if room.frame is None:
                await room.refresh()
            last = ""
            while not self.closed:
                frame: Frame | None = room.frame
                if room.error or frame is None:
                    data, seq = {"key": "dberror"}, 0
                elif role == "phone":
                    data, seq = frame.phone(viewer.id, lang), frame.seq
                elif role == "screen":
                    data, seq = frame.screen(lang, join_url, qr), frame.seq
                else:
                    data, seq = frame.trainer(lang), frame.seq
                text = json.dumps(data, ensure_ascii=False)
                if text != last:
                    last = text
                    await self.send(text, seq)
                if not await room.wait():
                    self.write(": keep-alive\n\n")
                    await self.flush()
        except tornado.iostream.StreamClosedError:
            pass
        finally:
            room.leave()

    async def send(self, data: dict[str, Any] | str, seq: int) -> None:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        self.write(f"id: {seq}\ndata: {text}\n\n")
        await self.flush()


def _qr(url: str, lang: str) -> str:
    from chatdojo.room.address import qr_svg
    from chatdojo.room.text import tr

    return qr_svg(url, tr("qr_title", lang))  # drawn once per address and language
