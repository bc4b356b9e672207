"""Who has completed the self-paced training: one row per learner, for managers.

A learner completes when every module with a quiz is passed; the report lists
each module's best score so a manager sees who is close and who has not started.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from chatdojo.store.db import Store
from chatdojo.store.models import Learner, ModuleProgress


def completion_rows(store: Store, module_ids: Sequence[str]) -> list[dict[str, object]]:
    """Rows of name, first/last visit, modules passed, completed (with date), best score per module."""
    with store.read() as s:
        learners = list(s.scalars(select(Learner).order_by(Learner.created_at, Learner.id)))
        progress: dict[int, dict[str, ModuleProgress]] = {}
        for entry in s.scalars(select(ModuleProgress)):
            progress.setdefault(entry.learner_id, {})[entry.module_id] = entry
        rows: list[dict[str, object]] = []
        for learner in learners:
            mine = progress.get(learner.id, {})
            passed = [m for m in module_ids if m in mine and mine[m].passed]
            done = bool(module_ids) and len(passed) == len(module_ids)
            dates = [d for m in passed if (d := mine[m].passed_at) is not None]
            completed_at: datetime | None = max(dates) if done and dates else None
            row: dict[str, object] = {
                "learner": learner.display_name,
                "first_visit": learner.created_at.date().isoformat(),
                "last_visit": learner.last_seen_at.date().isoformat(),
                "modules_passed": len(passed),
                "modules_total": len(module_ids),
                "completed": done,
                "completed_on": completed_at.date().isoformat() if completed_at else "",
            }
            for module_id in module_ids:
                best = mine.get(module_id)
                row[f"best:{module_id}"] = round(best.best_score, 3) if best else None
            rows.append(row)
        return rows
