"""Quiz engine: scoring per question type, server-side answer validation, attempts."""

from __future__ import annotations

import pytest

from chatdojo.quiz.attempt import AnswerFinal, Attempt, draw, shuffled_choices
from chatdojo.quiz.model import AnswerError, Choice, Pair, Question
from chatdojo.quiz.types import QUESTION_TYPES, get_type

T = {"ja": "テキスト", "en": "text"}


def q(qid: str, qtype: str, **kw) -> Question:
    return Question(id=qid, type=qtype, text=T, explanation=T, rules=("r-1",), **kw)


SINGLE = q(
    "s",
    "single",
    choices=(Choice("a", T, True, T), Choice("b", T, False, T), Choice("c", T, False, T)),
)
MULTI = q(
    "m",
    "multiple",
    choices=(
        Choice("a", T, True, T),
        Choice("b", T, True, T),
        Choice("c", T, False, T),
        Choice("d", T, False, T),
    ),
)
TF = q("t", "truefalse", choices=(Choice("true", T, False, T), Choice("false", T, True, T)))
MATCH = q(
    "x",
    "matching",
    choices=(Choice("chat", T), Choice("mail", T), Choice("phone", T)),
    pairs=(
        Pair("p1", T, "chat", T),
        Pair("p2", T, "mail", T),
        Pair("p3", T, "phone", T),
        Pair("p4", T, "chat", T),
    ),
)
ORDER = q(
    "o",
    "ordering",
    choices=(
        Choice("s1", T, True),
        Choice("s2", T, True),
        Choice("s3", T, True),
        Choice("s4", T, True),
    ),
)
NUM = q(
    "n", "numeric", number=8778, tolerance=2, extra={"feedback_correct": T, "feedback_wrong": T}
)


def score(question: Question, raw) -> float:
    qtype = get_type(question.type)
    return qtype.score(question, qtype.normalize(question, raw))


def test_registry_has_the_six_types() -> None:
    """Are all six question types registered under their names?"""
    assert list(QUESTION_TYPES) == [
        "single",
        "multiple",
        "truefalse",
        "matching",
        "ordering",
        "numeric",
    ]


@pytest.mark.parametrize(
    ("question", "raw", "expected"),
    [
        (SINGLE, "a", 1.0),
        (SINGLE, "b", 0.0),
        (MULTI, ["a", "b"], 1.0),
        (MULTI, ["a"], 0.5),
        (MULTI, ["a", "c"], 0.0),
        (MULTI, ["a", "b", "c", "d"], 0.0),
        (MULTI, ["a", "b", "c"], 0.5),
        (TF, False, 1.0),
        (TF, "true", 0.0),
        (MATCH, {"p1": "chat", "p2": "mail", "p3": "phone", "p4": "chat"}, 1.0),
        (MATCH, {"p1": "chat", "p2": "chat"}, 0.25),
        (ORDER, ["s1", "s2", "s3", "s4"], 1.0),
        (ORDER, ["s2", "s1", "s3", "s4"], 0.5),
        (NUM, "8,777", 1.0),
        (NUM, 8781, 0.0),
        (NUM, " 8778 ", 1.0),
    ],
)
def test_scoring(question: Question, raw, expected: float) -> None:
    """Does each type score full, partial and zero credit as documented?"""
    assert score(question, raw) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("question", "raw"),
    [
        (SINGLE, "z"),
        (SINGLE, ["a"]),
        (SINGLE, None),
        (SINGLE, "a" * 1000),
        (MULTI, "a"),
        (MULTI, ["a", "a"]),
        (MULTI, ["a", "zz"]),
        (TF, "maybe"),
        (TF, 1),
        (MATCH, {"p9": "chat"}),
        (MATCH, {"p1": "fax"}),
        (MATCH, ["chat"]),
        (ORDER, ["s1", "s2", "s3"]),
        (ORDER, ["s1", "s1", "s2", "s3"]),
        (ORDER, ["s1", "s2", "s3", "s5"]),
        (NUM, "abc"),
        (NUM, "nan"),
        (NUM, True),
        (NUM, {"x": 1}),
    ],
)
def test_forged_answers_are_rejected(question: Question, raw) -> None:
    """Is an answer that does not fit the question rejected (anyone can send any widget value)?"""
    with pytest.raises(AnswerError):
        get_type(question.type).normalize(question, raw)


def test_multiple_feedback_covers_picked_and_missed() -> None:
    """Does multiple choice explain both what was picked and the correct options missed?"""
    fb_q = q(
        "mf",
        "multiple",
        choices=(
            Choice("a", T, True, {"ja": "A", "en": "A"}),
            Choice("b", T, True, {"ja": "B", "en": "B"}),
            Choice("c", T, False, {"ja": "C", "en": "C"}),
            Choice("d", T, False, {"ja": "D", "en": "D"}),
        ),
    )
    feedback = get_type("multiple").feedback(fb_q, ("a", "c"))
    assert [f["en"] for f in feedback] == ["A", "B", "C"]


POOL = [SINGLE, MULTI, TF, MATCH, ORDER, NUM]


def test_draw_is_seeded_and_bounded() -> None:
    """Does the same seed draw the same questions, a different seed usually others?"""
    first = [x.id for x in draw(POOL, 3, seed=7)]
    assert first == [x.id for x in draw(POOL, 3, seed=7)]
    assert len(first) == 3 and len(set(first)) == 3
    orders = {tuple(x.id for x in draw(POOL, None, seed=s)) for s in range(20)}
    assert len(orders) > 5


def test_option_shuffle_is_seeded_and_ordering_never_presolved() -> None:
    """Are options shuffled per seed, and is an ordering question never shown already in order?"""
    assert [c.id for c in shuffled_choices(SINGLE, 1)] == [
        c.id for c in shuffled_choices(SINGLE, 1)
    ]
    for seed in range(50):
        assert [c.id for c in shuffled_choices(ORDER, seed)] != ["s1", "s2", "s3", "s4"]
    assert [c.id for c in shuffled_choices(TF, 3)] == ["true", "false"]


def test_attempt_scores_reviews_and_retries_missed() -> None:
    """Does an attempt total the score, apply the pass mark, review every answer and retry only misses?"""
    attempt = Attempt.start(POOL, seed=3, pass_mark=0.8)
    answers = {
        "s": "a",
        "m": ["a"],
        "t": "true",
        "x": {"p1": "chat", "p2": "mail", "p3": "phone", "p4": "chat"},
        "o": ["s1", "s2", "s3", "s4"],
        "n": 8778,
    }
    while not attempt.finished:
        current = attempt.current
        assert current is not None
        attempt.answer(current.id, answers[current.id])
        attempt.advance()
    assert attempt.score == pytest.approx(4.5)
    assert attempt.fraction == pytest.approx(0.75)
    assert not attempt.passed
    review = attempt.review("en")
    assert len(review) == 6 and all(item.explanation == T for item in review)
    assert {item.question.id for item in review if not item.outcome.correct} == {"m", "t"}
    retry = attempt.retry_missed()
    assert sorted(x.id for x in retry.questions) == ["m", "t"]
    retry.answer("m", ["a", "b"])
    retry.answer("t", "false")
    assert retry.practice and retry.fraction == pytest.approx(1.0)
    assert not retry.passed  # practice never passes (issue 11: no "3/3 合格" on a retry)


def test_answer_to_a_question_outside_the_attempt_is_rejected() -> None:
    """Can a client score a question that is not in its attempt? (It must not.)"""
    attempt = Attempt.start([SINGLE], seed=1)
    with pytest.raises(AnswerError):
        attempt.answer("m", ["a"])


def test_profile_conditions() -> None:
    """Is a question limited to a profile or a policy shown only where it holds?"""
    limited = q("p", "single", choices=SINGLE.choices, profiles=("kusatsu-city",))
    policy = q("w", "single", choices=SINGLE.choices, when={"screenshots": "banned"})
    assert limited.applies_to("kusatsu-city") and not limited.applies_to("default")
    assert policy.applies_to("x", {"screenshots": "banned"})
    assert not policy.applies_to("x", {"screenshots": "not_specified"})


def test_a_checked_answer_is_final() -> None:
    """Can a second answer to a checked question change its outcome? (It must not: issue 9 item 4.)"""
    attempt = Attempt.start([SINGLE], seed=1)
    first = attempt.answer("s", "b")
    assert not first.correct
    with pytest.raises(AnswerFinal) as refused:
        attempt.answer("s", "a")
    assert refused.value.outcome is first
    assert isinstance(refused.value, AnswerError)
    assert attempt.outcomes["s"] is first and attempt.score == 0


def test_attempts_have_distinct_keys_and_retries_are_practice() -> None:
    """Does every attempt get its own key (one stored row per attempt and question)?"""
    one, two = Attempt.start([SINGLE], seed=1), Attempt.start([SINGLE], seed=1)
    assert one.key != two.key and not one.practice
    one.answer("s", "b")
    retry = one.retry_missed()
    assert retry.practice and retry.key != one.key
