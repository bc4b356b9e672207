"""Does `chatdojo serve` give trainers a key for the scenario maps without exposing one to learners?"""

from __future__ import annotations

from chatdojo.commands.serve import trainer_key


def test_configured_key_is_kept() -> None:
    """Is CHATDOJO_TRAINER_KEY used as it is when set?"""
    assert trainer_key({"CHATDOJO_TRAINER_KEY": "room-7-secret"}) == ("room-7-secret", False)


def test_missing_or_short_key_is_replaced_by_a_random_one() -> None:
    """Without a usable key, is a fresh unguessable one made for this run (never empty)?"""
    first, made = trainer_key({})
    second, _ = trainer_key({"CHATDOJO_TRAINER_KEY": "abc"})
    assert made and len(first) >= 16 and len(second) >= 16 and first != second
