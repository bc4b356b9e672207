"""Answer patterns a test-wise learner could use: are they measured and limited?"""

from __future__ import annotations

from chatdojo.content import giveaways as g
from chatdojo.content.questions import Choice, Pair, Question


def single(qid: str, key: str, *others: str) -> Question:
    choices = (Choice("a", {"ja": key, "en": key}, True),) + tuple(
        Choice(f"o{i}", {"ja": t, "en": t}) for i, t in enumerate(others)
    )
    return Question(qid, "single", {"ja": "?"}, {"ja": "."}, (), choices=choices)


def truefalse(qid: str, answer: bool) -> Question:
    choices = (Choice("true", {"ja": "正"}, answer), Choice("false", {"ja": "誤"}, not answer))
    return Question(qid, "truefalse", {"ja": "?"}, {"ja": "."}, (), choices=choices)


def test_display_width_counts_full_width_as_two() -> None:
    """Is 「ＡＢ」 as wide as 'abcd' (what a learner sees, not the character count)?"""
    assert g.display_width("ＡＢ") == g.display_width("abcd") == 4
    assert g.display_width("メール") == 6


def test_longest_key_is_counted_and_a_tie_is_not() -> None:
    """Does a key that is strictly the widest count, and a tie not?"""
    assert g.key_is_longest(single("q1", "チャットで共有する", "電話", "紙"), "ja")
    assert not g.key_is_longest(single("q2", "電話", "チャット", "紙"), "ja")
    assert not g.key_is_longest(single("q3", "ab", "cd"), "en")


def test_bank_over_the_limit_is_named() -> None:
    """Is a bank whose key is the longest in 2 of 3 questions reported, and 1 of 3 not?"""
    over = [single("q1", "long key", "x"), single("q2", "long key", "y"), single("q3", "a", "bb")]
    assert any(
        "b1: the key is the longest option in 2 of 3" in v for v in g.violations({"b1": over})
    )
    fine = [single("q1", "long key", "x"), single("q2", "a", "yy"), single("q3", "a", "bb")]
    assert not [v for v in g.violations({"b1": fine}) if "longest" in v]


def test_true_false_polarity_over_the_catalogue() -> None:
    """Is a catalogue keyed 'false' 4 times in 5 refused, and 1 true in 2 accepted?"""
    skewed = {"b": [truefalse("t1", True)] + [truefalse(f"f{i}", False) for i in range(4)]}
    assert any("1 of 5 true/false" in v for v in g.violations(skewed))
    even = {"b": [truefalse("t1", True), truefalse("f1", False)]}
    assert not g.violations(even)


def test_matching_without_spare_and_a_prompt_that_holds_its_answer() -> None:
    """Is the free last pair found, and gc-018's 「電子メール」→「メール」 named?"""
    targets = (Choice("t1", {"ja": "メール"}), Choice("t2", {"ja": "チャット"}))
    pairs = (Pair("p1", {"ja": "電子メールで送る"}, "t1"), Pair("p2", {"ja": "急ぎ"}, "t2"))
    q = Question("m1", "matching", {"ja": "?"}, {"ja": "."}, (), choices=targets, pairs=pairs)
    assert not g.has_spare_option(q)
    assert g.prompt_gives_answer(q) == ["m1 p1 (ja)"]
    spare = Question(
        "m2",
        "matching",
        {"ja": "?"},
        {"ja": "."},
        (),
        choices=(*targets, Choice("t3", {"ja": "電話"})),
        pairs=pairs[1:],
    )
    assert g.has_spare_option(spare)


def test_multiple_choice_with_all_but_one_correct() -> None:
    """Is 'all but one correct' flagged and 'two of four' not?"""

    def multiple(n_correct: int) -> Question:
        choices = tuple(Choice(f"c{i}", {"ja": str(i)}, i < n_correct) for i in range(4))
        return Question("m", "multiple", {"ja": "?"}, {"ja": "."}, (), choices=choices)

    assert g.nearly_all_correct(multiple(3))
    assert not g.nearly_all_correct(multiple(2))
