"""Question statistics on small data computed by hand (Moodle's definitions)."""

from __future__ import annotations

import math
import statistics

import pytest

from chatdojo.store.stats import (
    flags_for,
    item_statistics,
    pearson,
    sample_sd,
    score_matrix,
    stats_frame,
)

# Four participants, five questions (1 = right, 0 = wrong, - = never answered).
TABLE = """
     q1 q2 q3 q4 q5   total
A     1  1  1  1  0     4
B     1  1  0  1  0     3
C     1  0  0  1  0     2
D     0  -  1  1  0     2
"""
QUESTIONS = TABLE.split()[:5]
ROWS = [
    (line.split()[0], q, float(mark))
    for line in TABLE.strip().splitlines()[1:]
    for q, mark in zip(QUESTIONS, line.split()[1:6], strict=True)
    if mark != "-"
]


@pytest.fixture
def by_id():
    return {s.question_id: s for s in item_statistics(score_matrix(ROWS, QUESTIONS))}


def test_facility_is_mean_score_share(by_id):
    """Is the facility index the mean mark divided by the maximum (q1: 3 of 4 = 0.75)?"""
    assert [by_id[q].facility for q in QUESTIONS] == pytest.approx([0.75, 0.5, 0.5, 1.0, 0.0])


def test_sd_uses_n_minus_one(by_id):
    """Is SD the sample standard deviation (q1: sqrt(0.75 / 3) = 0.5; q2: sqrt(1/3))?"""
    assert by_id["q1"].sd == pytest.approx(0.5)
    assert by_id["q2"].sd == pytest.approx(math.sqrt(1 / 3))
    assert by_id["q4"].sd == pytest.approx(0.0)


def test_discrimination_correlates_with_rest_of_test(by_id):
    """Is D Pearson's r of the item against the total *minus the item* (hand-computed)?"""
    # q2: x = [1,1,0,0], rest = [3,2,2,2] → r = 0.5 / sqrt(1 * 0.75) = 0.57735
    assert by_id["q2"].discrimination == pytest.approx(0.5 / math.sqrt(0.75))
    # q3: x = [1,0,0,1], rest = [3,3,2,1] → r = -0.5 / sqrt(1 * 2.75) = -0.30151
    assert by_id["q3"].discrimination == pytest.approx(-0.5 / math.sqrt(2.75))
    # q1: x = [1,1,1,0], rest = [3,2,1,2] → r = 0
    assert by_id["q1"].discrimination == pytest.approx(0.0, abs=1e-12)
    # a question everyone got right (or wrong) cannot discriminate at all
    assert by_id["q4"].discrimination is None and by_id["q5"].discrimination is None


def test_flags(by_id):
    """Are too easy, too hard, negative and weak discrimination flagged at the documented thresholds?"""
    assert by_id["q4"].flags == ("too_easy",)
    assert by_id["q5"].flags == ("too_hard",)
    # four people are too few to judge discrimination (MIN_DISCRIMINATION_N): D shown, not flagged
    assert by_id["q3"].discrimination < 0 and by_id["q3"].flags == ()
    assert by_id["q1"].flags == ()
    assert by_id["q2"].flags == ()
    # the same room three times over (12 people): the same D values are now flagged
    rows = [(f"{p}{k}", q, mark) for k in range(3) for p, q, mark in ROWS]
    big = {s.question_id: s for s in item_statistics(score_matrix(rows, QUESTIONS))}
    assert big["q3"].discrimination < 0 and big["q3"].flags == ("negative_discrimination",)
    assert big["q1"].flags == ("weak_discrimination",)
    assert flags_for(0.5, -0.5, n=9) == () and flags_for(0.5, -0.5, n=10) == (
        "negative_discrimination",
    )
    assert flags_for(0.9, 0.2) == ()  # the thresholds themselves are not flagged
    assert flags_for(0.91, None) == ("too_easy",)
    assert flags_for(0.19, -0.01) == ("too_hard", "negative_discrimination")


def test_unanswered_counts_as_zero_but_is_reported(by_id):
    """Does D's missing q2 count as 0 marks while 'answered' shows 3 of 4?"""
    assert by_id["q2"].attempts == 4 and by_id["q2"].answered == 3


def test_partial_marks_are_scaled_by_maximum():
    """With a maximum of 2 marks, do marks 2 and 1 give facility 0.75 and SD scaled by 2?"""
    matrix = score_matrix([("A", "q", 2.0), ("B", "q", 1.0)], ["q"])
    (item,) = item_statistics(matrix, max_scores={"q": 2.0})
    assert item.facility == pytest.approx(0.75)
    assert item.sd == pytest.approx(math.sqrt(0.5) / 2)


def test_pearson_matches_the_standard_library():
    """Does our r agree with statistics.correlation on arbitrary data?"""
    xs, ys = [0.0, 0.5, 1.0, 1.0, 0.25], [3.0, 2.0, 4.5, 5.0, 1.0]
    assert pearson(xs, ys) == pytest.approx(statistics.correlation(xs, ys))
    assert pearson([1.0], [2.0]) is None
    assert sample_sd([1.0]) is None


def test_empty_session_gives_empty_statistics():
    """Does a session without answers give one row per question with no numbers, not an error?"""
    items = item_statistics(score_matrix([], ["q1", "q2"]))
    assert [(i.question_id, i.attempts, i.facility, i.discrimination) for i in items] == [
        ("q1", 0, None, None),
        ("q2", 0, None, None),
    ]
    assert list(stats_frame(items)["question_id"]) == ["q1", "q2"]


def test_discriminative_efficiency_against_hand_computation(by_id):
    """Is E = 100·cov/covmax with covmax from both series sorted (Moodle), computed by hand?"""
    # q2: x = [1,1,0,0], rest = [3,2,2,2]: cov = 1/6; sorted pairs give the same 1/6 → 100
    assert by_id["q2"].efficiency == pytest.approx(100.0)
    # q3: x = [1,0,0,1], rest = [3,3,2,1]: cov = -1/6; sorted x [0,0,1,1] with rest [1,2,3,3]
    # gives covmax = 0.5 → E = 100 · (-1/6) / 0.5 = -33.3
    assert by_id["q3"].efficiency == pytest.approx(-100 / 3)
    # no discrimination where the item does not vary
    assert by_id["q4"].efficiency is None and by_id["q5"].efficiency is None


def test_rounding_noise_is_zero_not_negative():
    """Is a discrimination of -1.7e-17 (floating-point noise) reported as 0, not flagged negative?"""
    xs = [0.2, 1 / 3, 1 / 3, 1.0, 0.2]
    others = [0.30000000000000004, 3.0, 0.6000000000000001, 0.6000000000000001, 0.0]
    assert pearson(xs, others) != 0.0  # the raw correlation is noise, not exactly zero
    rows = [(p, "q", x) for p, x in enumerate(xs)] + [(p, "o", y) for p, y in enumerate(others)]
    (item,) = [s for s in item_statistics(score_matrix(rows, ["q", "o"])) if s.question_id == "q"]
    assert item.discrimination == 0.0
    assert "negative_discrimination" not in item.flags


def test_unasked_questions_have_no_statistics_and_no_flags():
    """Is a bank question nobody was asked left out, not flagged 'too hard', and out of the totals?"""
    rows = [("A", "q1", 1.0), ("B", "q1", 0.0), ("C", "q1", 1.0)]
    items = item_statistics(score_matrix(rows, ["q1", "q2"]), asked=["q1"])
    by = {i.question_id: i for i in items}
    assert by["q2"].asked is False
    assert (by["q2"].facility, by["q2"].flags) == (None, ())
    assert by["q1"].asked is True and by["q1"].facility == pytest.approx(2 / 3)
    frame = stats_frame(items)
    assert list(frame["asked"]) == [True, False]


def test_maximum_mark_zero_has_no_facility():
    """Does a question worth 0 marks get no facility (not 0 and 'too hard')?"""
    matrix = score_matrix([("A", "q", 0.0), ("B", "q", 0.0)], ["q"])
    (item,) = item_statistics(matrix, max_scores={"q": 0.0})
    assert item.facility is None and item.sd is None
    assert "too_hard" not in item.flags
