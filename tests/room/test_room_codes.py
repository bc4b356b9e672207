"""Join codes as a Japanese keyboard types them (issue 21, item 2)."""

from __future__ import annotations

from .conftest import RoomServer


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_full_width_lower_case_spaced_code_finds_the_room(room: RoomServer) -> None:
    """Does ｅ　ｃ－ａ７ (full-width, lower case, an ideographic space, a dash) open room ECA7?"""
    code, _ = room.create(paced=False)
    typed = full_width(code[:2].lower()) + "\u3000－" + full_width(code[2:].lower())
    res = room.client().get("/room", params={"code": typed})
    assert res.status_code == 200 and str(res.url).endswith(f"/room/{code}")
    assert 'id="nickname"' in res.text
    spaced = room.client().get("/room", params={"code": " " + " ".join(code.lower()) + " "})
    assert str(spaced.url).endswith(f"/room/{code}")


def test_a_wrong_code_stays_typed(room: RoomServer) -> None:
    """After a wrong code, is what was typed still in the field (and the error said)?"""
    typed = full_width("zz9q")
    res = room.client().get("/room", params={"code": typed})
    assert res.status_code == 404
    assert f'value="{typed}"' in res.text and 'aria-invalid="true"' in res.text
