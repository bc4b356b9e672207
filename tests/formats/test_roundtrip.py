"""import(export(bank)) == bank for every shipped bank and every format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chatdojo.content.banks import BankSetting, load_bank
from chatdojo.content.catalog import load_catalog
from chatdojo.content.errors import ErrorSink
from chatdojo.formats import FORMATS
from chatdojo.formats.exchange import export, import_into, known_rules
from chatdojo.formats.markdown import bank_markdown
from chatdojo.formats.messages import Problems
from chatdojo.formats.model import Exchange, Options, canonical_bank, read_bank
from chatdojo.quiz.types import QUESTION_TYPES

ROOT = Path(__file__).resolve().parents[2]
BANKS = sorted((ROOT / "quizzes").glob("*.md"))
RULES = known_rules(ROOT / "no-pack", ROOT)


def test_every_shipped_bank_is_covered() -> None:
    assert len(BANKS) >= 8


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("bank_path", BANKS, ids=lambda p: p.stem)
def test_spreadsheet_round_trip(bank_path: Path, fmt: str, tmp_path: Path) -> None:
    bank = read_bank(bank_path)
    out = tmp_path / f"{bank_path.stem}.{fmt}"
    FORMATS[fmt].write(Exchange(banks=[bank]), out, Options())
    back = FORMATS[fmt].read(out, Problems(), Options(known_rules=list(RULES)))
    assert [canonical_bank(b) for b in back.banks] == [canonical_bank(bank)]


@pytest.mark.parametrize("bank_path", BANKS, ids=lambda p: p.stem)
def test_written_markdown_is_read_by_the_content_loader(bank_path: Path, tmp_path: Path) -> None:
    bank = read_bank(bank_path)
    target = tmp_path / "quizzes" / bank_path.name
    target.parent.mkdir()
    target.write_text(bank_markdown(bank), encoding="utf-8")
    assert canonical_bank(read_bank(target)) == canonical_bank(bank)
    catalog = _catalog()
    sink = ErrorSink()
    setting = BankSetting(types=QUESTION_TYPES, policies=catalog.policies)
    written = load_bank(target, sink, setting)
    original = load_bank(bank_path, ErrorSink(), setting)
    assert not sink.errors, sink.errors[:3]
    assert written is not None and original is not None
    assert [(q.id, q.choices, q.pairs, q.text, q.when, q.extra) for q in written.questions] == [
        (q.id, q.choices, q.pairs, q.text, q.when, q.extra) for q in original.questions
    ]


_CATALOG = []


def _catalog():  # type: ignore[no-untyped-def]
    if not _CATALOG:
        _CATALOG.append(load_catalog(ROOT))
    return _CATALOG[0]


@pytest.mark.parametrize("fmt,suffix", [("xlsx", ".xlsx"), ("csv", ".csv")])
def test_import_of_an_exported_bank_changes_nothing_in_the_pack(
    fmt: str, suffix: str, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    (pack / "quizzes").mkdir(parents=True)
    source = ROOT / "quizzes" / "chat-etiquette.md"
    shutil.copy(source, pack / "quizzes" / source.name)
    before = (pack / "quizzes" / source.name).read_bytes()
    out = tmp_path / f"bank{suffix}"
    export(fmt, [pack / "quizzes" / source.name], out, Options())
    report = import_into([out], pack, Options(known_rules=list(RULES)))
    assert [r.status for r in report.written] == ["unchanged"]
    assert (pack / "quizzes" / source.name).read_bytes() == before


def test_one_edited_cell_rewrites_only_its_block(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "quizzes").mkdir(parents=True)
    target = pack / "quizzes" / "chat-etiquette.md"
    shutil.copy(ROOT / "quizzes" / "chat-etiquette.md", target)
    before = target.read_text(encoding="utf-8")
    out = tmp_path / "bank.csv"
    export("csv", [target], out, Options())
    text = out.read_bytes().decode("utf-8-sig")
    edited = text.replace("印刷して持って行く", "印刷して手渡しする", 1)
    assert edited != text
    out.write_bytes(edited.encode("utf-8"))
    report = import_into([out], pack, Options(known_rules=list(RULES)))
    assert report.written[0].changed == ["ce-001"]
    after = target.read_text(encoding="utf-8")
    assert "印刷して手渡しする" in after
    # every other block is byte for byte what it was
    tail_before = before[before.index("id: ce-002") :]
    assert after.endswith(tail_before)


@pytest.mark.parametrize("fmt,suffix", [("moodle", ".xml"), ("gift", ".txt")])
@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("bank_path", BANKS, ids=lambda p: p.stem)
def test_moodle_round_trip_over_the_pack_bank(
    bank_path: Path, fmt: str, suffix: str, lang: str, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    (pack / "quizzes").mkdir(parents=True)
    shutil.copy(bank_path, pack / "quizzes" / bank_path.name)
    out = tmp_path / f"bank{suffix}"
    losses = export(fmt, [bank_path], out, Options(lang=lang))
    report = import_into([out], pack, Options(lang=lang, bank_id=bank_path.stem), dry_run=True)
    assert report.written[0].status == "unchanged", report.written[0]
    if fmt == "gift":
        ordering = [q["id"] for q in read_bank(bank_path).questions if q["type"] == "ordering"]
        assert report.written[0].kept == ordering
        assert {x.where for x in losses if x.what == "question"} == set(ordering)


def test_fresh_moodle_import_keeps_the_file_language(tmp_path: Path) -> None:
    source = ROOT / "quizzes" / "paper-saving.md"
    original = canonical_bank(read_bank(source))
    out = tmp_path / "paper.xml"
    export("moodle", [source], out, Options(lang="en"))
    back = FORMATS["moodle"].read(out, Problems(), Options(lang="en", bank_id="paper-saving"))
    got = canonical_bank(back.banks[0]).questions
    assert [q["id"] for q in got] == [q["id"] for q in original.questions]
    for mine, theirs in zip(got, original.questions, strict=True):
        assert mine["type"] == theirs["type"]
        assert mine["text"] == {"en": theirs["text"]["en"]}
        assert mine["rules"] == theirs["rules"] and mine["kind"] == theirs["kind"]
        if mine["type"] == "numeric":
            assert (mine["answer"], mine.get("tolerance")) == (
                theirs["answer"],
                theirs.get("tolerance"),
            )


def test_csv_export_of_a_pack_bank_writes_its_rules_beside_it(tmp_path: Path) -> None:
    from chatdojo.formats.csvfile import rules_path
    from chatdojo.formats.templates import write_template

    pack = tmp_path / "pack"
    book = tmp_path / "template.xlsx"
    write_template(book)
    import_into([book], pack, Options(known_rules=[]))
    rules_before = (pack / "data" / "rules.csv").read_bytes()
    out = tmp_path / "bank.csv"
    bank = pack / "quizzes" / "example-bank.md"
    export("csv", [bank], out, Options(), rules=pack / "data" / "rules.csv")
    assert rules_path(out).is_file()
    report = import_into([out, rules_path(out)], pack, Options(known_rules=[]))
    assert [r.status for r in report.written] == ["unchanged"]
    assert (report.rules_added, report.rules_changed) == ([], [])
    assert (pack / "data" / "rules.csv").read_bytes() == rules_before


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_text_that_looks_like_a_formula_stays_text_and_round_trips(
    fmt: str, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from chatdojo.formats.templates import example_bank

    bank = example_bank()
    bank.questions[0]["text"] = {"ja": "=HYPERLINK('x') は何ですか", "en": "+1 or -1?"}
    out = tmp_path / f"bank.{fmt}"
    FORMATS[fmt].write(Exchange(banks=[bank]), out, Options())
    if fmt == "xlsx":
        cell = load_workbook(out)["questions"]["H3"]
        assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    else:
        assert "'=HYPERLINK" in out.read_bytes().decode("utf-8-sig")
    back = FORMATS[fmt].read(out, Problems(), Options(known_rules=["town-1-01"]))
    assert canonical_bank(back.banks[0]) == canonical_bank(bank)
