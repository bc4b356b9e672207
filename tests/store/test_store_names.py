"""Are names that show nothing, hide marks or look like another's refused (issue 22, item 14)?"""

from __future__ import annotations

import pytest

from chatdojo.store import learners, live
from chatdojo.store.validate import InputError, clean_name, display_width, name_key


@pytest.mark.parametrize(
    "nickname",
    [
        "\u3164",  # Hangul filler: a letter to unicodedata, blank on screen
        "\u3164\u3164\u3164",
        "\u2800",  # braille pattern blank
        "ken\u3164",
        "\u115f",  # Hangul choseong filler
        "\uffa0",  # half-width Hangul filler
        "a\u200bb",  # zero-width space
        "\u0301\u0301\u0301",  # combining marks only
        "\u20dd",  # an enclosing mark alone
        "\u0301ken",  # a mark before any letter
        "k" + "\u0301" * 5 + "n",  # a pile of marks spilling over the line
    ],
)
def test_invisible_or_markless_nicknames_are_refused(store, questions, nickname):
    """Is a nickname of invisible characters or bare combining marks refused as name_control?"""
    info, _ = live.create_session(store, "demo", questions, paced=False)
    with pytest.raises(InputError) as err:
        live.join(store, info.code, nickname)
    assert err.value.key == "name_control"


@pytest.mark.parametrize("nickname", ["Re\u0301ka", "❤\ufe0f", "👍🏽", "山田 太郎", "<Ken>"])
def test_ordinary_nicknames_still_join(store, questions, nickname):
    """Do accents, emoji with their variation selector and Japanese names still join?"""
    info, _ = live.create_session(store, "demo", questions, paced=False)
    person, _token = live.join(store, info.code, nickname)
    assert person.nickname


@pytest.mark.parametrize("second", ["\u0430lice", "ALICE", "\uff41\uff4c\uff49\uff43\uff45"])
def test_look_alike_nickname_is_taken(store, questions, second):
    """Is Cyrillic «аlice» (or upper case, or full-width) refused beside «alice»?"""
    info, _ = live.create_session(store, "demo", questions, paced=False)
    live.join(store, info.code, "alice")
    with pytest.raises(InputError) as err:
        live.join(store, info.code, second)
    assert err.value.key == "nickname_taken"
    assert name_key(second) == name_key("alice")
    assert name_key("alice") != name_key("alike") and name_key("山田") != name_key("田中")


@pytest.mark.parametrize("name", ["\u3164", "\u0301\u0302", "\u2800\u2800"])
def test_learner_names_of_nothing_are_refused(store, name):
    """Is a learner name that shows nothing refused too?"""
    with pytest.raises(InputError) as err:
        learners.create_learner(store, name)
    assert err.value.key == "name_control"


def test_learner_names_fit_the_certificate(store):
    """Is a full-width name too wide for one certificate line refused, 28 of them and 40
    half-width characters accepted?"""
    with pytest.raises(InputError) as err:
        learners.create_learner(store, "山" * 29)
    assert err.value.key == "name_too_wide"
    assert learners.create_learner(store, "山" * 28)[0].display_name == "山" * 28
    assert learners.create_learner(store, "k" * 40)[0].display_name == "k" * 40
    assert display_width("ＡＢc") == 5
    assert clean_name("  a  b ", 10, 3) == "a b"
