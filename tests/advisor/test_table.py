"""The comparison table of 003 §2 as data: loading and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatdojo.advisor import METHOD_IDS, TableError, read_table
from chatdojo.advisor.labels import COLUMNS, cell
from chatdojo.advisor.table import load_methods
from chatdojo.content.errors import ErrorSink

from .paths import FILES, REPO


def test_every_method_of_the_table_is_a_row(methods):
    """Does the table hold exactly the five methods of 003 §2, in the document's order?"""
    assert list(methods) == list(METHOD_IDS)


@pytest.mark.parametrize(
    ("method_id", "column", "value"),
    [
        ("face_to_face", "contact", "contact"),
        ("phone", "contact", "contactless"),
        ("face_to_face", "record", "none"),
        ("phone", "record", "none"),
        ("web_meeting", "record", "can_keep"),
        ("mail", "record", "kept"),
        ("mail", "sender_can_delete", "no"),
        ("chat", "sender_can_delete", "yes"),
        ("chat", "per_matter", True),
        ("phone", "reach", "one_person"),
        ("mail", "external", "yes"),
        ("web_meeting", "external", "yes"),
        ("chat", "external", "staff_first"),
        ("mail", "delivery", "○"),
        ("phone", "delivery", "◎"),
        ("mail", "real_time", "×"),
        ("chat", "real_time", "○"),
        ("web_meeting", "real_time", "◎"),
        ("chat", "nonverbal", "stamps"),
        ("phone", "nonverbal", "none"),
    ],
)
def test_cells_match_the_source_table(methods, method_id, column, value):
    """Does each coded cell say what the 003 §2 table says?"""
    assert getattr(methods[method_id], column) == value


def test_uses_follow_the_table(methods):
    """Are meetings the use of face-to-face and web meetings, and files only of e-mail and chat?"""
    meeting = {m.id for m in methods.values() if "meeting" in m.uses}
    data = {m.id for m in methods.values() if "data" in m.uses}
    assert meeting == {"face_to_face", "web_meeting"}
    assert data == {"mail", "chat"}


def test_every_row_has_both_languages_and_rules(methods, catalog):
    """Has every row Japanese and English names and notes, and rules that exist?"""
    for m in methods.values():
        assert m.name["ja"] and m.name["en"] and m.note["ja"] and m.note["en"]
        assert m.rules and set(m.rules) <= set(catalog.rules)


def test_labels_cover_every_cell(methods):
    """Can every cell be shown in both languages (no missing label)?"""
    for m in methods.values():
        for column in COLUMNS:
            assert cell(m, column, "ja") and cell(m, column, "en")


BROKEN = [
    ("bad-symbol.csv", "bad-symbol.csv:5: column 'real_time' must be one of"),
    ("short-row.csv", "short-row.csv:3: expected 20 columns, found 19"),
    ("bad-header.csv", "bad-header.csv:1: header must be"),
    ("duplicate-id.csv", "duplicate-id.csv:7: duplicate method id 'chat' (first on line 6)"),
    ("missing-row.csv", "missing-row.csv:1: missing method row(s): phone"),
    ("unknown-rule.csv", "unknown-rule.csv:2: unknown rule id '003-9-99'"),
    ("empty-name.csv", "empty-name.csv:6: column 'name_ja' is empty"),
]


@pytest.mark.parametrize(("name", "expected"), BROKEN)
def test_broken_table_names_file_and_line(name, expected, catalog):
    """Is each kind of broken CSV reported as path:line: message?"""
    sink = ErrorSink(FILES)
    load_methods(FILES / name, sink, catalog.rules)
    messages = [str(e) for e in sink.sorted()]
    assert any(m.startswith(expected) for m in messages), messages


def test_short_row_reported_once():
    """Is a short row reported as short, not also as a missing method?"""
    sink = ErrorSink(FILES)
    load_methods(FILES / "short-row.csv", sink)
    assert len(sink.errors) == 1


def test_read_table_raises_with_every_problem(tmp_path: Path):
    """Does read_table refuse a broken table and list its problems one per line?"""
    (tmp_path / "data").mkdir()
    broken = (FILES / "bad-symbol.csv").read_text(encoding="utf-8")
    broken = broken.replace(",contact,gestures,", ",touch,gestures,", 1)
    (tmp_path / "data" / "communication_methods.csv").write_text(broken, encoding="utf-8")
    with pytest.raises(TableError) as info:
        read_table(tmp_path)
    lines = str(info.value).splitlines()
    assert lines == [
        "data/communication_methods.csv:2: column 'contact' must be one of: contact, contactless (found 'touch')",
        "data/communication_methods.csv:5: column 'real_time' must be one of: ◎, ○, × (found 'x')",
    ]


def test_missing_file_is_reported(tmp_path: Path):
    """Is a missing table a problem on line 1 rather than a crash?"""
    sink = ErrorSink(tmp_path)
    assert load_methods(tmp_path / "nope.csv", sink) == {}
    assert [str(e) for e in sink.errors] == ["nope.csv:1: communication-method table not found"]


def test_repository_table_is_clean(catalog):
    """Does the repository's own table load without a single problem?"""
    sink = ErrorSink(REPO)
    load_methods(REPO / "data" / "communication_methods.csv", sink, catalog.rules)
    assert sink.sorted() == []
