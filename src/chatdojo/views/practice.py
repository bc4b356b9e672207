"""How a finished attempt is labelled: a real attempt passes or not; a practice retry never "passes".

"Retry only what I missed" builds a practice attempt (``Attempt.practice``):
it is not counted in the learner's record, so its result must not read like
a pass ("3/3 合格です" while the record says "挑戦中").
"""

from __future__ import annotations

from chatdojo.i18n import Strings
from chatdojo.quiz.attempt import Attempt

TEXT = Strings.load("views.practice")

_t = TEXT.tr


def right_count(attempt: Attempt) -> int:
    return sum(1 for o in attempt.outcomes.values() if o.correct)


def verdict(attempt: Attempt, lang: str, passed: str, failed: str) -> str:
    """The line ending a finished attempt: ``passed``/``failed`` for a real one, a practice line else."""
    if attempt.practice:
        return _t("practice", lang, right=right_count(attempt), total=len(attempt.questions))
    return passed if attempt.passed else failed


def badge(attempt: Attempt, lang: str) -> str:
    """A short label shown above a practice attempt's questions ('' for a real attempt)."""
    return _t("practice_badge", lang) if attempt.practice else ""


def state(attempt: Attempt) -> str:
    """The summary's colour class: ``correct`` for a pass (or a practice with nothing missed)."""
    if attempt.practice:
        return "correct" if attempt.questions and not attempt.missed() else "wrong"
    return "correct" if attempt.passed else "wrong"


def pass_mark_note(attempt: Attempt, line: str) -> str:
    """The pass-mark line under a real attempt's score; none under practice (it cannot pass)."""
    return "" if attempt.practice else line
