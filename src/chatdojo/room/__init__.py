"""The live room, served by the ChatDojo process itself: no kernel per participant.

Tornado handlers added to the Voila application (same host and port): the phone
page, the projector screen, the trainer console, Server-Sent Events per room,
answers and trainer actions. State lives in the database (see ``store.live``);
templates in ``templates/``, one script and one stylesheet in ``static/``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import tornado.web

STATIC = Path(__file__).with_name("static")
CODE = r"([A-Za-z0-9]{1,12})"
log = logging.getLogger("chatdojo.room")


def warm(hub: Any) -> None:
    """Open the database and the catalogue at start-up, not on the first phone's request.

    Opening the store imports Alembic and migrates (~1 s): paid by the first request it
    blocked the event loop while a hall was joining. A failure here is only logged; the
    room tries again on each request and says so in the phone's language.
    """
    try:
        hub.store()
        hub.catalog()
    except Exception as exc:
        log.warning("room: could not open the database or content at start-up: %s", exc)
    from chatdojo.store.validate import name_key

    name_key("warm")  # loads the look-alike table (~0.5 s) before the first phone joins


def handlers(
    prefix: str = "/",
    listen_ip: str = "127.0.0.1",
    *,
    store: Any = None,
    catalog: Any = None,
) -> list[tuple[str, Any, dict]]:
    """The room's routes under ``prefix`` for a Tornado application (store/catalog: for tests)."""
    from chatdojo.content.catalog import load_catalog
    from chatdojo.room import phone, scenario_room, trainer
    from chatdojo.room.base import NotFound
    from chatdojo.room.hub import Hub, throttled
    from chatdojo.store.db import shared_store
    from chatdojo.store.ratelimit import JOIN_RULES, GuessLimiter

    hub = Hub(
        store=(lambda: store) if store is not None else (lambda: shared_store()),
        catalog=(lambda: catalog) if catalog is not None else throttled(load_catalog),
        profile_id=os.environ.get("CHATDOJO_PROFILE") or "default",
    )
    if store is None:
        warm(hub)
    kw = {"hub": hub, "limiter": GuessLimiter(JOIN_RULES, "room-join"), "listen_ip": listen_ip}
    root = prefix.rstrip("/") + "/room"
    return [
        (rf"{root}/static/(.*)", tornado.web.StaticFileHandler, {"path": str(STATIC)}),
        (rf"{root}/?", phone.EnterHandler, kw),
        (rf"{root}/new", trainer.NewHandler, kw),
        (rf"{root}/{CODE}", phone.PhoneHandler, kw),
        (rf"{root}/{CODE}/join", phone.JoinHandler, kw),
        (rf"{root}/{CODE}/answer", phone.AnswerHandler, kw),
        (rf"{root}/{CODE}/vote", scenario_room.VoteHandler, kw),
        (rf"{root}/{CODE}/events", phone.EventsHandler, kw),
        (rf"{root}/{CODE}/screen", trainer.ScreenHandler, kw),
        (rf"{root}/{CODE}/trainer", trainer.TrainerHandler, kw),
        (rf"{root}/{CODE}/control", trainer.ControlHandler, kw),
        (rf"{root}/{CODE}/results\.(csv|xlsx)", trainer.ExportHandler, kw),
        (rf"{root}/.*", NotFound, kw),
    ]
