"""``chatdojo export scorm|site`` with organization packs (--pack, $CHATDOJO_PACKS, --profile)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from chatdojo.cli import main

TOWN = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "town"


@pytest.fixture(autouse=True)
def _no_packs_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHATDOJO_PACKS", "")  # recorded, so --pack's setting is undone after
    monkeypatch.delenv("CHATDOJO_PACKS")
    monkeypatch.delenv("CHATDOJO_PROFILE", raising=False)


@pytest.fixture
def aisho(tmp_path: Path) -> Path:
    """A pack as a supporter makes it: ``chatdojo init`` and nothing else."""
    folder = tmp_path / "aisho"
    args = ["init", str(folder), "--org", "aisho-town", "--name", "愛荘町", "--doc", "aisho"]
    assert main(args) == 0
    return folder


def test_a_packs_module_goes_into_a_scorm_package(
    aisho: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Does --pack export the town's module, and without its profile name the fix?"""
    out = tmp_path / "aisho.zip"
    args = ["export", "scorm", "aisho-town", "--pack", str(aisho), "-o", str(out)]
    assert main([*args, "--profile", "aisho-town"]) == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as zf:
        names = zf.namelist()
        page = "".join(zf.read(n).decode() for n in names if n.endswith(".html"))
    assert "imsmanifest.xml" in names and "aisho-town-001" in page
    capsys.readouterr()
    assert main(args) == 2  # the neutral profile: the town's module is not for it
    err = capsys.readouterr().err
    assert "aisho-town 限定です: --profile aisho-town" in err and "Traceback" not in err


def test_a_packs_module_goes_into_the_static_site_from_the_environment(
    aisho: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Is $CHATDOJO_PACKS honoured as --pack is, the town's module in its own profile's site only?"""
    monkeypatch.setenv("CHATDOJO_PACKS", str(aisho))
    town_site, neutral_site = tmp_path / "town-site", tmp_path / "neutral-site"
    assert main(["export", "site", "--profile", "aisho-town", "-o", str(town_site)]) == 0
    assert '{"id":"aisho-town"' in (town_site / "ja" / "index.html").read_text(encoding="utf-8")
    assert (town_site / "en" / "aisho-town.html").is_file()
    assert main(["export", "site", "-o", str(neutral_site)]) == 0
    assert not (neutral_site / "ja" / "aisho-town.html").exists()


def test_a_packs_scenario_stays_with_its_town_in_the_static_site(tmp_path: Path) -> None:
    """Is a scenario limited to the pack's town left out of the neutral profile's site?"""
    scenario = "scenario-sample-joint-training.html"
    neutral, town = tmp_path / "neutral", tmp_path / "town"
    assert main(["export", "site", "--pack", str(TOWN), "-o", str(neutral)]) == 0
    assert not (neutral / "ja" / scenario).exists()
    assert scenario not in (neutral / "ja" / "scenarios.html").read_text(encoding="utf-8")
    args = ["export", "site", "--pack", str(TOWN), "--profile", "sample-town", "-o", str(town)]
    assert main(args) == 0
    assert scenario in (town / "ja" / "scenarios.html").read_text(encoding="utf-8")


def test_the_spreadsheet_templates_profile_list_has_the_packs_from_the_environment(
    aisho: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does 'export xlsx --template' offer the $CHATDOJO_PACKS town in its profile drop-down?"""
    import openpyxl

    monkeypatch.setenv("CHATDOJO_PACKS", str(aisho))
    out = tmp_path / "template.xlsx"
    assert main(["export", "xlsx", "--template", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    values = {cell.value for row in book["lists"].iter_rows() for cell in row}
    assert {"default", "kusatsu-city", "aisho-town"} <= values
    height = book["questions"].row_dimensions[1].height  # headings wrap, not cut off
    assert height is not None and height >= 30


def test_an_unwritable_output_is_one_line_in_japanese_first(tmp_path, capsys) -> None:
    """Is a package that cannot be written (its folder is a file) reported in one line,
    Japanese first, naming the path in the way, with no traceback?"""
    from chatdojo.cli import main

    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = tmp_path / "afile" / "m.zip"
    assert main(["export", "scorm", "mobile-devices", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "に書き込めません" in err and "cannot write" in err and "afile" in err
    assert "Traceback" not in err
