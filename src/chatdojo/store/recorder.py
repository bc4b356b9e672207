"""Recording a self-paced quiz answer: the ``on_outcome`` hook of ``QuizView``.

Every answer is logged. An attempt counts towards a module's progress (best
score, attempts, passed) only when it is *full*: "retry only what I missed"
attempts are practice (``Attempt.practice``) and hold fewer questions, so a learner cannot pass a
module by answering just the two questions they got wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from chatdojo.quiz.attempt import Attempt
from chatdojo.quiz.model import Outcome, Question
from chatdojo.store.db import Store
from chatdojo.store.learners import record_answer


def record_outcome(
    attempt: Attempt,
    question: Question,
    outcome: Outcome,
    *,
    store: Store,
    learner_id: int,
    module_id: str,
    full_size: int | None = None,
) -> bool:
    """Store one answer; when it completes a full attempt, update the module's progress.

    Returns False when this attempt already has an answer to this question
    (nothing is changed: the first answer is final).

    ``full_size`` is the number of questions a fresh attempt has (default: this
    attempt's size, i.e. every attempt counts).
    """
    size = len(attempt.questions)
    complete = size > 0 and all(q.id in attempt.outcomes for q in attempt.questions)
    finished = None
    if complete and not attempt.practice and size >= (full_size or size):
        finished = (question.bank, attempt.fraction, attempt.passed)
    return record_answer(
        store,
        learner_id,
        module_id,
        question.id,
        outcome.answer,
        outcome.score,
        attempt=attempt.key,
        finished=finished,
    )


def recorder_for(
    store: Store, learner_id: int, module_id: str, full_size: int | None = None
) -> Callable[[Attempt, Question, Outcome], bool]:
    """``record_outcome`` bound to one learner and module, ready for ``QuizView(on_outcome=…)``."""
    return partial(
        record_outcome, store=store, learner_id=learner_id, module_id=module_id, full_size=full_size
    )
