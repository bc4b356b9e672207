"""check_advisor_content(): the hook ``chatdojo check`` can run over the advisor's content."""

from __future__ import annotations

import dataclasses
import shutil

from chatdojo.advisor.check import check_advisor_content
from chatdojo.content.errors import ErrorSink

from .paths import REPO


def test_repository_content_is_clean(catalog):
    """Do the repository's table and situations pass every check?"""
    sink = ErrorSink(REPO)
    check_advisor_content(catalog, sink)
    assert [str(e) for e in sink.sorted()] == []


def test_wrong_expected_answer_is_reported(tmp_path, catalog):
    """Is a situation whose expected answer differs from the advisor's reported at its line?"""
    (tmp_path / "data").mkdir()
    shutil.copy(REPO / "data" / "communication_methods.csv", tmp_path / "data")
    text = (REPO / "data" / "advisor_situations.md").read_text(encoding="utf-8")
    changed = text.replace(
        "flags: {external: true}\nrules: [003-2-02]\nexpected: mail",
        "flags: {external: true}\nrules: [003-2-02]\nexpected: chat",
    )
    assert changed != text
    (tmp_path / "data" / "advisor_situations.md").write_text(changed, encoding="utf-8")
    sink = ErrorSink(tmp_path)
    check_advisor_content(dataclasses.replace(catalog, root=tmp_path), sink)
    messages = [str(e) for e in sink.sorted()]
    assert len(messages) == 1
    assert messages[0].startswith("data/advisor_situations.md:")
    assert "situation 'sit-02' expects 'chat' but the advisor answers 'mail'" in messages[0]


def test_root_without_advisor_is_skipped(tmp_path, catalog):
    """Does a content root without the advisor's files pass quietly?"""
    sink = ErrorSink(tmp_path)
    check_advisor_content(dataclasses.replace(catalog, root=tmp_path), sink)
    assert sink.errors == []
