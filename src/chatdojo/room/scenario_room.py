"""The requests of a scenario room: creating one, phones' votes, the trainer's moves, exports.

Votes go through their own group-commit writer (as answers do, one per process):
a hall votes within the same second and SQLite has one writer.
"""

from __future__ import annotations

import weakref
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from chatdojo.i18n import pick
from chatdojo.room.base import SEAT, RoomError, RoomHandler
from chatdojo.room.forms import whole_number
from chatdojo.room.hub import GroupCommit, Hub
from chatdojo.room.phone import RoomHandlerWithSession
from chatdojo.room.text import tr
from chatdojo.scenario.model import Scenario
from chatdojo.store import live
from chatdojo.store import live_scenario as ls

if TYPE_CHECKING:
    from chatdojo.content.catalog import Catalog
    from chatdojo.store.live import Snapshot

MAX_ID = 80


def offered(catalog: Catalog, profile_id: str | None) -> list[Scenario]:
    """The playable scenarios offered under the server's organization profile.

    A scenario limited to another organization (``profiles:``) or to policies this
    profile does not have (``when:``) is left out, as the learners' pages leave it out.
    """
    profile = catalog.profile(profile_id)
    if profile is None:
        return ls.playable(catalog)
    return [s for s in ls.playable(catalog) if s.applies_to(profile.id, profile.policies)]


def options(
    catalog: Catalog, lang: str, profile_id: str | None = None
) -> list[tuple[str, str, str]]:
    """(id, title, "n steps, e endings") for the console's form, under ``profile_id``."""
    return [
        (
            s.id,
            pick(s.title, lang),
            tr("scenario_info", lang, n=len(s.steps) - len(s.endings), e=len(s.endings)),
        )
        for s in offered(catalog, profile_id)
    ]


class NotForProfile(live.LiveError):
    """A scenario that exists but is not offered under the server's profile (a forged form)."""

    def __init__(self, scenario: Scenario, profile_id: str) -> None:
        limited = bool(scenario.profiles) and profile_id not in scenario.profiles
        super().__init__(
            "scenario_other_profile" if limited else "scenario_other_policy",
            f"scenario {scenario.id} is not offered under profile {profile_id}",
        )
        self.values = {
            "scenario": scenario.id,
            "profile": profile_id,
            "profiles": ", ".join(scenario.profiles),
            "first": scenario.profiles[0] if scenario.profiles else "",
        }


def scenario_of(catalog: Catalog, scenario_id: str) -> Scenario | None:
    found = catalog.scenarios.get(scenario_id)
    return found if isinstance(found, Scenario) else None


async def create(handler: RoomHandler) -> tuple[live.SessionInfo, str]:
    """``POST /room/new`` with ``kind=scenario``: a scenario room (the handler opens its console)."""
    arg = handler.get_body_argument
    catalog = handler.hub.catalog()
    scenario = scenario_of(catalog, arg("scenario", "")[:MAX_ID])
    if scenario is None or not scenario.complete:
        raise live.LiveError("unknown_scenario", "choose a scenario")
    profile = catalog.profile(handler.hub.profile_id)
    if profile is not None and not scenario.applies_to(profile.id, profile.policies):
        raise NotForProfile(scenario, profile.id)
    result: tuple[live.SessionInfo, str] = await handler.hub.run(
        ls.create_session,
        handler.hub.store(),
        scenario,
        time_limit=whole_number(arg("time_limit", "0"), 0),
        late_join=arg("late_join", "") == "on",
    )
    return result


async def control(
    hub: Hub, code: str, token: str, session: live.SessionInfo, action: str, choice: str
) -> None:
    """A trainer action on a scenario room (the console's buttons)."""
    scenario = scenario_of(hub.catalog(), session.quiz_id)
    if scenario is None:
        raise RoomError("bad_request")
    at, _bar, choice_id = choice[: 2 * MAX_ID].rpartition("|")  # "2:reported|tell-facts"
    await hub.run(
        ls.control, hub.store(), code, token, action, scenario, choice_id=choice_id, at=at
    )


def _write_votes(store: Any, code: str, items: list[tuple[Any, ...]]) -> list[Any]:
    """One room's waiting votes, ``(scenario, token, visit, choice)`` each, in one transaction."""
    return ls.vote_many(store, code, items[0][0], [item[1:] for item in items])


_batchers: weakref.WeakKeyDictionary[Hub, GroupCommit] = weakref.WeakKeyDictionary()


def batcher(hub: Hub) -> GroupCommit:
    """This process's writer of votes (group commit, as for answers and joins)."""
    found = _batchers.get(hub)
    if found is None:
        found = _batchers[hub] = GroupCommit(hub, _write_votes)
    return found


class VoteHandler(RoomHandlerWithSession):
    """``POST /room/CODE/vote`` with ``{"q": visit, "a": choice id}``: checked, stored once."""

    def wants_json(self) -> bool:
        return True

    async def post(self, raw: str) -> None:
        code = self.code_of(raw)
        key, choice = self.posted_answer()
        key = key[:MAX_ID]
        if not isinstance(choice, str) or len(choice) > MAX_ID:
            raise RoomError("bad_answer")
        token = await self.signed(SEAT, code)
        if not token:
            raise RoomError("not_participant", HTTPStatus.FORBIDDEN)
        session = await self.session(code)
        scenario = scenario_of(self.hub.catalog(), session.quiz_id)
        if session.kind != ls.KIND or scenario is None:
            raise RoomError("bad_answer")
        try:
            done = await batcher(self.hub).submit(code, (scenario, token, key, choice))
        except live.LiveError as err:
            if err.key in ("bad_answer", "question_closed"):
                status = HTTPStatus.CONFLICT if err.key == "question_closed" else 400
                raise RoomError(err.key, status) from None
            raise RoomError(err.key, HTTPStatus.FORBIDDEN) from None
        except SQLAlchemyError:
            raise RoomError("db_error", HTTPStatus.SERVICE_UNAVAILABLE) from None
        self.json({"ok": True, "q": key, "created": done.created})


def export(
    catalog: Catalog, profile_id: str, snap: Snapshot, lang: str, fmt: str
) -> tuple[bytes, str]:
    """The results download of a scenario room: votes per step (CSV); and each vote (Excel)."""
    from chatdojo.store.results import to_csv
    from chatdojo.store.scenario_results import scenario_workbook, vote_counts

    scenario = scenario_of(catalog, snap.session.quiz_id)
    if scenario is None:
        raise RoomError("not_found", HTTPStatus.NOT_FOUND)
    profile = catalog.profile(profile_id)
    subs = profile.substitutions(lang) if profile else {}
    if fmt == "csv":
        return to_csv(vote_counts(snap, scenario, lang, subs)), "text/csv; charset=UTF-8"
    return (
        scenario_workbook(snap, scenario, lang, subs),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
