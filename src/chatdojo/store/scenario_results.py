"""A scenario room's results as tables: votes per step and choice, and every phone's vote.

Pure functions over a snapshot and the scenario, shared by the console's CSV/Excel
download and ``chatdojo session results``; headers in the trainer's language.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from chatdojo.i18n import pick
from chatdojo.scenario.model import Scenario
from chatdojo.scenario.text import plain, shorten
from chatdojo.store import live_scenario as ls
from chatdojo.store.live import Snapshot
from chatdojo.store.results import local_time, rounded, standings, time_header, to_xlsx_sheets

COUNT_COLUMNS: dict[str, dict[str, str]] = {
    "ja": {
        "position": "場面の順",
        "step": "場面ID",
        "situation": "場面",
        "choice": "選択肢ID",
        "label": "選択肢",
        "votes": "票数",
        "followed": "進んだ選択肢",
        "how": "決め方",
    },
    "en": {
        "position": "position",
        "step": "step",
        "situation": "situation",
        "choice": "choice",
        "label": "choice_text",
        "votes": "votes",
        "followed": "followed",
        "how": "decided_by",
    },
}
VOTE_COLUMNS: dict[str, dict[str, str]] = {
    "ja": {
        "nickname": "ニックネーム",
        "position": "場面の順",
        "step": "場面ID",
        "choice": "選択肢ID",
        "label": "選択肢",
        "points": "得点",
        "voted_at": "投票日時",
    },
    "en": {
        "nickname": "nickname",
        "position": "position",
        "step": "step",
        "choice": "choice",
        "label": "choice_text",
        "points": "points",
        "voted_at": "voted_at",
    },
}
HOW_WORDS = {
    "ja": {"majority": "多数決", "tie": "同数・講師が選択", "none": "投票なし・講師が選択"}
    | {"override": "講師が選択"},
    "en": {"majority": "majority", "tie": "tie, trainer's pick", "none": "no votes, trainer's pick"}
    | {"override": "trainer's choice"},
}


def vote_counts(
    snapshot: Snapshot, scenario: Scenario, lang: str, subs: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per visited step and choice: its votes, and whether the room followed it."""
    session, subs = snapshot.session, subs or {}
    lang = "en" if lang == "en" else "ja"
    rows = []
    for i, key in enumerate(session.asked_ids):
        step = scenario.steps.get(ls.step_id_of(key))
        if step is None or step.is_ending:
            continue
        votes = ls.tally(snapshot.answers, key)
        left = session.path[i] if i < len(session.path) else None
        for choice in step.choices:
            followed = left is not None and left[1] == choice.id
            rows.append(
                {
                    "position": i + 1,
                    "step": step.id,
                    "situation": shorten(plain(pick(step.text, lang), subs), 120),
                    "choice": choice.id,
                    "label": plain(pick(choice.text, lang), subs),
                    "votes": votes.get(choice.id, 0),
                    "followed": ("はい" if lang == "ja" else "yes") if followed else "",
                    "how": HOW_WORDS[lang].get(left[2], left[2]) if followed and left else "",
                }
            )
    header = COUNT_COLUMNS[lang]
    return pd.DataFrame(rows, columns=list(header)).rename(columns=header)


def votes_frame(
    snapshot: Snapshot, scenario: Scenario, lang: str, subs: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per stored vote, in the order votes arrived; local times."""
    lang, subs = ("en" if lang == "en" else "ja"), subs or {}
    names = {p.id: p.nickname for p in snapshot.participants}
    rows = []
    for a in snapshot.answers:
        step = scenario.steps.get(ls.step_id_of(a.question_id))
        choice = step.choice(str(a.answer)) if step else None
        rows.append(
            {
                "nickname": names.get(a.participant_id, "?"),
                "position": a.question_id.split(":", 1)[0],
                "step": ls.step_id_of(a.question_id),
                "choice": str(a.answer),
                "label": plain(pick(choice.text, lang), subs) if choice else "",
                "points": rounded(a.score),
                "voted_at": local_time(a.created_at),
            }
        )
    header = dict(VOTE_COLUMNS[lang])
    header["voted_at"] = time_header(header["voted_at"])
    return pd.DataFrame(rows, columns=list(header)).rename(columns=header)


PEOPLE_COLUMNS: dict[str, dict[str, str]] = {
    "ja": {
        "rank": "順位",
        "nickname": "ニックネーム",
        "total": "合計得点",
        "kept_best": "最善の道を保った回数",
        "voted": "投票した場面数",
        "steps": "投票のあった場面数",
    },
    "en": {
        "rank": "rank",
        "nickname": "nickname",
        "total": "total",
        "kept_best": "kept_best",
        "voted": "voted",
        "steps": "steps",
    },
}
SHEETS = {
    "ja": {"counts": "場面別の票数", "votes": "投票", "people": "参加者別"},
    "en": {"counts": "votes per step", "votes": "votes", "people": "participants"},
}


def people_frame(snapshot: Snapshot, lang: str) -> pd.DataFrame:
    """One row per participant: points over the steps asked, how often the best stayed in reach."""
    lang = "en" if lang == "en" else "ja"
    kept: dict[int, int] = {}
    for a in snapshot.answers:
        kept[a.participant_id] = kept.get(a.participant_id, 0) + (a.score >= 0.999)
    steps = len(snapshot.session.asked_ids)
    rows = [
        {
            "rank": s.rank,
            "nickname": s.nickname,
            "total": rounded(s.total),
            "kept_best": kept.get(s.participant_id, 0),
            "voted": s.answered,
            "steps": steps,
        }
        for s in standings(snapshot)
    ]
    header = PEOPLE_COLUMNS[lang]
    return pd.DataFrame(rows, columns=list(header)).rename(columns=header)


def scenario_workbook(
    snapshot: Snapshot, scenario: Scenario, lang: str, subs: Mapping[str, str] | None = None
) -> bytes:
    """The Excel file of a scenario room: votes per step, every vote, one row per participant."""
    names = SHEETS["en" if lang == "en" else "ja"]
    return to_xlsx_sheets(
        {
            names["counts"]: vote_counts(snapshot, scenario, lang, subs),
            names["votes"]: votes_frame(snapshot, scenario, lang, subs),
            names["people"]: people_frame(snapshot, lang),
        }
    )
