"""The situation quiz: its Markdown content, its checks and the comparison engine."""

from __future__ import annotations

import pytest

from chatdojo.advisor import Situation, recommend
from chatdojo.advisor.quiz import SituationQuiz
from chatdojo.advisor.situations import load_situations, read_situations
from chatdojo.content.errors import ErrorSink

from .paths import FILES, REPO


@pytest.fixture(scope="module")
def situations(catalog):
    found, sink = read_situations(REPO, catalog.rules)
    assert sink.sorted() == []
    assert found is not None
    return found


def test_about_ten_situations_in_both_languages(situations):
    """Does the quiz have about ten situations, each in Japanese and English with rules?"""
    assert 8 <= len(situations.items) <= 15
    for item in situations.items:
        assert item.text["ja"] and item.text["en"] and item.rules


def test_quiz_covers_every_rule_of_section_2(situations):
    """Is every method of 003 §2 the advisor's answer to at least one situation?"""
    expected = {item.expected for item in situations.items}
    assert expected >= {"face_to_face", "web_meeting", "phone", "mail", "chat"}


def test_advisor_agrees_with_each_expected_answer(situations, methods, catalog):
    """Under the neutral profile, does the advisor answer each situation as its author expects?"""
    profile = catalog.profiles["default"]
    for item in situations.items:
        rec = recommend(item.situation("default"), profile, methods=methods)
        assert rec.method == item.expected, item.id


def test_situations_snapshot(situations, methods, catalog, data_regression):
    """Has the advisor's ranking for any situation changed (review the diff if so)?"""
    profile = catalog.profiles["default"]
    data_regression.check(
        {
            item.id: recommend(item.situation("default"), profile, methods=methods).ranking
            for item in situations.items
        }
    )


BROKEN = [
    ("sit-unknown-flag.md", "sit-unknown-flag.md:11: unknown flag 'raining'"),
    ("sit-bad-expected.md", "sit-bad-expected.md:11: 'expected' must be one of"),
    (
        "sit-duplicate-id.md",
        "sit-duplicate-id.md:12: duplicate situation id 's1' (first on line 6)",
    ),
    ("sit-missing-english.md", "sit-missing-english.md:9: 'text' is missing its English text (en)"),
    ("sit-unknown-rule.md", "sit-unknown-rule.md:10: unknown rule id '003-9-99'"),
    ("sit-unknown-rule.md", "sit-unknown-rule.md:9: flag 'urgent' must be true or false"),
    ("sit-bad-yaml.md", "sit-bad-yaml.md:9: situation: bad YAML"),
]


@pytest.mark.parametrize(("name", "expected"), BROKEN)
def test_broken_situations_name_file_and_line(name, expected, catalog):
    """Is each kind of broken situation block reported as path:line: message?"""
    sink = ErrorSink(FILES)
    load_situations(FILES / name, sink, catalog.rules)
    messages = [str(e) for e in sink.sorted()]
    assert any(m.startswith(expected) for m in messages), messages


def test_broken_yaml_is_not_also_called_empty(catalog):
    """Is a block with bad YAML reported once, not also as 'no situation blocks'?"""
    sink = ErrorSink(FILES)
    load_situations(FILES / "sit-bad-yaml.md", sink, catalog.rules)
    assert len(sink.errors) == 1


def _quiz(situations, methods, profile):
    return SituationQuiz(
        situations.items, lambda s: recommend(s, profile, methods=methods), profile=profile.id
    )


def test_quiz_compares_pick_with_advice(situations, methods, catalog):
    """Does a wrong pick show the advisor's choice, the pick's rank and the reasons?"""
    quiz = _quiz(situations, methods, catalog.profiles["default"])
    first = quiz.current
    assert first is not None and first.expected == "chat"
    result = quiz.answer("mail")
    assert not result.matches
    assert result.advice.method == "chat"
    assert result.rank == 5
    assert result.advice.reasons
    assert quiz.score == 0


def test_quiz_accepts_a_tie(situations, methods, catalog):
    """Is phone accepted where the advisor ranks phone and face-to-face equal?"""
    tied = next(i for i in situations.items if i.id == "sit-06")
    quiz = SituationQuiz(
        [tied], lambda s: recommend(s, catalog.profiles["default"], methods=methods)
    )
    result = quiz.answer("phone")
    assert result.advice.method == "face_to_face"
    assert result.matches and quiz.score == 1


def test_quiz_runs_to_the_end_and_restarts(situations, methods, catalog):
    """Does answering every situation as expected score full marks, and restart clear it?"""
    quiz = _quiz(situations, methods, catalog.profiles["default"])
    while not quiz.finished:
        quiz.advance()  # ignored until answered
        quiz.answer(quiz.current.expected)
        quiz.advance()
    assert quiz.score == len(situations.items)
    quiz.restart()
    assert quiz.position == 0 and quiz.answers == {}


def test_quiz_refuses_unknown_method(situations, methods, catalog):
    """Is a forged method id refused instead of scored?"""
    quiz = _quiz(situations, methods, catalog.profiles["default"])
    with pytest.raises(ValueError, match="unknown method"):
        quiz.answer("fax")


def test_situation_flags_build_a_situation(situations):
    """Do a block's flags become a Situation with the rest false?"""
    item = next(i for i in situations.items if i.id == "sit-04")
    assert item.situation("default") == Situation(meeting=True, offsite=True, external=True)
