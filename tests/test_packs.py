"""Organization packs: layering, standalone use, document ownership, policies as data,
scoped guides and modules, init, sharing as a zip, and the trainer's session command."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from chatdojo.cli import main
from chatdojo.content.catalog import load_catalog
from chatdojo.modules import all_modules

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
TOWN = TESTS / "fixtures" / "packs" / "town"


@pytest.fixture(autouse=True)
def _no_packs_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHATDOJO_PACKS", "")  # recorded, so --pack's setting is undone after
    monkeypatch.delenv("CHATDOJO_PACKS")
    monkeypatch.delenv("CHATDOJO_PROFILE", raising=False)
    monkeypatch.setenv("CHATDOJO_RUNTIME_FILE", str(tmp_path / "server.json"))


@pytest.fixture
def town(tmp_path: Path) -> Path:
    copy = tmp_path / "town"
    shutil.copytree(TOWN, copy)
    return copy


def _errors(cat) -> list[str]:
    return [str(e) for e in cat.errors]


def test_pack_over_the_shipped_content_passes_check() -> None:
    """Does the fixture pack, layered over the four shipped documents, pass check?"""
    cat = load_catalog(REPO, packs=[TOWN], use_cache=False)
    assert _errors(cat) == []
    assert "sample-town" in cat.profiles and "kusatsu-city" in cat.profiles
    assert cat.documents["sample"] == "sample-town" and cat.documents["003"] == "chatdojo"
    assert "sample-town-001" in cat.questions


def test_standalone_pack_passes_check_without_the_shipped_documents(town: Path) -> None:
    """Does the same pack marked standalone pass alone, without 001-004 or the advisor?"""
    (town / "pack.yml").write_text(
        (town / "pack.yml").read_text(encoding="utf-8") + "standalone: true\n", encoding="utf-8"
    )
    cat = load_catalog(REPO, packs=[town], use_cache=False)
    assert _errors(cat) == []
    assert set(cat.documents) == {"sample"}
    assert set(cat.profiles) == {"default", "sample-town"}
    assert set(cat.guides) == {"sample-town"}


def test_packs_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Is $CHATDOJO_PACKS (os.pathsep-separated) read when no packs are given?"""
    monkeypatch.setenv("CHATDOJO_PACKS", os.pathsep.join([str(TOWN), ""]))
    assert "sample-town" in load_catalog(REPO, use_cache=False).profiles


def test_a_document_id_belongs_to_one_pack(town: Path, tmp_path: Path) -> None:
    """Does a second pack claiming the same document id fail, naming both files?"""
    other = tmp_path / "other"
    shutil.copytree(town, other)
    (other / "pack.yml").write_text("id: other\nname: {ja: 隣町, en: Next Town}\n", "utf-8")
    shutil.rmtree(other / "guidance")
    shutil.rmtree(other / "quizzes")
    (other / "data" / "profiles" / "sample-town.yml").unlink()
    rules = (other / "data" / "rules.csv").read_text(encoding="utf-8")
    (other / "data" / "rules.csv").write_text(rules.replace("sample-1-01", "next-1-01"), "utf-8")
    errors = _errors(load_catalog(REPO, packs=[town, other], use_cache=False))
    clash = [e for e in errors if "document 'sample' already belongs" in e]
    assert clash and str(other / "data" / "rules.csv") + ":2" in clash[0]
    assert str(town / "data" / "rules.csv") + ":2" in clash[0]


def test_policies_are_data_and_a_pack_adds_values(town: Path) -> None:
    """Does the pack's policies.yml allow 'screenshots: records_only' and a new policy?"""
    cat = load_catalog(REPO, packs=[town], use_cache=False)
    assert cat.profiles["sample-town"].policies["screenshots"] == "records_only"
    assert cat.profiles["sample-town"].policies["outside_bodies"] == "chat_allowed"
    assert cat.profiles["kusatsu-city"].policies["outside_bodies"] == "not_specified"
    assert cat.policies["screenshots"].values["records_only"]["en"] == "Only to keep a record"
    ids = {q.id for q in cat.banks["sample-town"].questions}
    assert "sample-town-002" in ids  # its when: uses the pack's value
    (town / "data" / "policies.yml").unlink()
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any(
        "policy 'screenshots' must be one of: not_specified, banned" in e
        and "data/policies.yml" in e
        for e in errors
    )
    assert any("'when: screenshots: records_only' is not a known policy value" in e for e in errors)


def test_a_guide_citing_a_pack_document_must_be_limited(town: Path) -> None:
    """Is a town's guide shown under every profile (Aisho's article beside Kusatsu's facts) an error?"""
    guide = town / "guidance" / "sample-town.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("profiles: [sample-town]\n", ""), "utf-8"
    )
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any(
        "guide sample-town cites sample (sample-town's document) but is shown under" in e
        and "kusatsu-city" in e
        and "profiles: [sample-town]" in e
        for e in errors
    ), errors


def test_modules_are_offered_only_where_they_have_something() -> None:
    """Is the town's module hidden under other profiles, and a module with no question too?"""
    cat = load_catalog(REPO, packs=[TOWN], use_cache=False)
    ids = lambda p: {m.id for m in all_modules(cat, profile=cat.profiles[p])}  # noqa: E731
    assert "sample-town" in ids("sample-town")
    assert "sample-town" not in ids("kusatsu-city")
    assert "chat-etiquette" in ids("kusatsu-city")
    assert "sample-town" in {m.id for m in all_modules(cat)}


def test_init_scaffolds_a_pack_that_passes_check(tmp_path: Path, capsys) -> None:
    """Does 'chatdojo init' make a pack that check accepts, with or without the shipped four?"""
    pack = tmp_path / "aisho"
    assert main(["init", str(pack), "--org", "aisho-town", "--name", "愛荘町"]) == 0
    for rel in ("pack.yml", "README.md", "data/rules.csv", "data/profiles/aisho-town.yml"):
        assert (pack / rel).is_file(), rel
    assert (
        (pack / "data" / "rules.csv")
        .read_text(encoding="utf-8")
        .startswith("id,source,article,topic,summary_ja,summary_en\n")
    )
    assert "パック" in (pack / "README.md").read_text(encoding="utf-8")
    assert _errors(load_catalog(REPO, packs=[pack], use_cache=False)) == []
    capsys.readouterr()
    assert main(["check", "--pack", str(pack)]) == 0
    assert main(["init", str(pack), "--org", "x", "--name", "x"]) == 2  # not empty
    assert main(["init", str(tmp_path / "bad"), "--org", "Bad Id", "--name", "x"]) == 2
    assert "英小文字" in capsys.readouterr().err
    solo = tmp_path / "solo"
    assert main(["init", str(solo), "--org", "solo", "--name", "単独町", "--standalone"]) == 0
    assert _errors(load_catalog(REPO, packs=[solo], use_cache=False)) == []


def _zip(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


def test_pack_export_and_import_round_trip(tmp_path: Path, capsys) -> None:
    """Does a pack exported by id come back whole through import (after check)?"""
    out = tmp_path / "town.zip"
    assert main(["pack", "export", "sample-town", "--pack", str(TOWN), "-o", str(out)]) == 0
    into = tmp_path / "neighbour"
    assert main(["pack", "import", str(out), "--into", str(into)]) == 0
    for path in TOWN.rglob("*"):
        if path.is_file():
            assert (into / path.relative_to(TOWN)).read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("members", "links", "says"),
    [
        ({"../evil.txt": b"x", "pack.yml": b""}, (), "outside the pack"),
        ({"/etc/evil": b"x"}, (), "outside the pack"),
        ({"pack.yml": b""}, ("data/link",), "links"),
        ({"data/big.csv": b"0" * (6 * 1024 * 1024)}, (), "too large"),
        ({"data/bomb.csv": b"0" * (1024 * 1024)}, (), "zip bomb"),
        ({"secrets/x.txt": b"x"}, (), "not part of a pack"),
    ],
)
def test_pack_import_refuses_unsafe_zips(tmp_path: Path, capsys, members, links, says) -> None:
    """Are traversal, links, oversize members and zip bombs refused with nothing written?"""
    bad = _zip(tmp_path / "bad.zip", members, links)
    into = tmp_path / "into"
    assert main(["pack", "import", str(bad), "--into", str(into)]) == 1
    assert says in capsys.readouterr().err
    assert not into.exists() and not (tmp_path / "evil.txt").exists()


def test_pack_import_runs_check_before_writing(tmp_path: Path, capsys) -> None:
    """Is a pack with content errors refused, naming the problem, with nothing written?"""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in TOWN.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if path.name == "sample-town.md" and path.parent.name == "quizzes":
                    data = data.replace(b"rules: [sample-1-01]", b"rules: [sample-9-99]")
                zf.writestr(path.relative_to(TOWN).as_posix(), data)
    (tmp_path / "broken.zip").write_bytes(buf.getvalue())
    into = tmp_path / "into"
    assert main(["pack", "import", str(tmp_path / "broken.zip"), "--into", str(into)]) == 1
    err = capsys.readouterr().err
    assert "unknown rule id 'sample-9-99'" in err and "nothing was written" in err
    assert not into.exists()


def test_session_create_names_the_profile_a_question_is_limited_to(tmp_path: Path, capsys):
    """Does asking for a town-only question under another profile say which --profile to use?"""
    db = f"sqlite:///{tmp_path / 'room.db'}"
    args = ["session", "create", "--quiz", "sample-town", "--questions", "sample-town-001"]
    assert main([*args, "--pack", str(TOWN), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "sample-town-001 は sample-town 限定です: --profile sample-town" in err
    assert "is limited to sample-town: --profile sample-town" in err


def test_session_create_follows_the_running_server(tmp_path: Path, capsys) -> None:
    """Does session create take the server's profile, packs and address from its file?"""
    from chatdojo.commands.runtime import ServerInfo, read_server_info, write_server_info

    db = f"sqlite:///{tmp_path / 'room.db'}"
    write_server_info(
        ServerInfo("http://192.0.2.5:8891", 8891, "sample-town", (str(TOWN),), os.getpid(), db)
    )
    assert read_server_info(db="sqlite:///other.db") is None
    args = ["session", "create", "--quiz", "sample-town", "--questions", "sample-town-001"]
    assert main([*args, "--db", db, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["join_url"].startswith("http://192.0.2.5:8891/room/")
    write_server_info(ServerInfo("http://x:1", 1, "default", (), 999_999_999, db))
    assert read_server_info() is None  # a server that is gone is ignored


def test_rules_saved_by_japanese_excel_are_read(town: Path) -> None:
    """Is a CP932 rules.csv (Excel's plain CSV) read, with a warning instead of 1,720 errors?"""
    path = town / "data" / "rules.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", "\r\n").encode("cp932"))
    cat = load_catalog(REPO, packs=[town], use_cache=False)
    assert _errors(cat) == []
    assert any("CP932" in str(w) and "CSV UTF-8" in str(w) for w in cat.warnings)
    assert cat.rules["sample-1-01"].summary["ja"].startswith("（例）")


def test_an_unknown_rule_id_names_the_nearest(town: Path) -> None:
    """Does a mistyped rule id get the nearest existing ids?"""
    bank = town / "quizzes" / "sample-town.md"
    bank.write_text(bank.read_text(encoding="utf-8").replace("[sample-1-01]", "[sample-1-1]", 1))
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any("unknown rule id 'sample-1-1'" in e and "nearest: sample-1-01" in e for e in errors)


def test_scenarios_can_be_limited_to_profiles(town: Path) -> None:
    """Is the town's scenario offered only to the town, and is an unknown when: value an error?"""
    cat = load_catalog(REPO, packs=[town], use_cache=False)
    scenario = cat.scenarios["sample-joint-training"]
    town_profile, kusatsu = cat.profiles["sample-town"], cat.profiles["kusatsu-city"]
    assert scenario.applies_to(town_profile.id, town_profile.policies)  # type: ignore[attr-defined]
    assert not scenario.applies_to(kusatsu.id, kusatsu.policies)  # type: ignore[attr-defined]
    path = town / "quizzes" / "scenarios" / "sample-joint-training.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("chat_with_public_bodies}", "by_pigeon}"), "utf-8")
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any(
        "'when: outside_parties: by_pigeon' is not a known policy value" in e for e in errors
    )
    path.write_text(
        text.replace("profiles: [sample-town]\nwhen:", "x-when:").replace(
            "x-when: {outside_parties: chat_with_public_bodies}\n", ""
        ),
        "utf-8",
    )
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any("teaches only sample's rules but every profile sees it" in e for e in errors)


def test_guide_text_shows_the_profile_policy_label() -> None:
    """Does {{ policy_screenshots }} show the label of the profile's value, from the data?"""
    from chatdojo.content.facts import fill_any

    cat = load_catalog(REPO, packs=[TOWN], use_cache=False)
    body = fill_any(cat.guides["sample-town"].body, cat.profiles["sample-town"])
    assert "スクリーンショットの扱い：記録のためだけに撮る。" in body["ja"]
    assert "Screenshots: Only to keep a record." in body["en"]
    assert cat.profiles["nogata-city"].values["policy_screenshots"]["ja"] == "定めなし"


def test_serve_gets_a_notebook_for_each_pack_guide(tmp_path: Path, monkeypatch) -> None:
    """Does a pack's guide get its module page although a pack holds no notebooks?"""
    from chatdojo.commands.pack import notebook_folder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    (root / "notebooks" / "home.ipynb").write_text("{}", encoding="utf-8")
    (root / "notebooks" / "chat.ipynb").write_text("{}", encoding="utf-8")
    assert notebook_folder(root, ["chat"]) == root / "notebooks"
    folder = notebook_folder(root, ["chat", "sample-town"])
    assert folder != root / "notebooks"
    assert (folder / "home.ipynb").is_file()
    assert "module('sample-town')" in (folder / "sample-town.ipynb").read_text(encoding="utf-8")


def test_a_pack_glossary_is_used(town: Path) -> None:
    """Are a pack's own glossary terms checked in its English?"""
    (town / "data" / "glossary.csv").write_text(
        "ja,en,note\n例題係,sample desk,\n", encoding="utf-8"
    )
    bank = town / "quizzes" / "sample-town.md"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("ja: （例）同僚から", "ja: 例題係から", 1),
        encoding="utf-8",
    )
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any("'例題係' is 'sample desk'" in e and "sample-town.md" in e for e in errors)


def test_a_standalone_pack_offers_no_tool_built_on_003(town: Path) -> None:
    """Are the advisor and the 003 case study left out when the shipped documents are?"""
    (town / "pack.yml").write_text(
        (town / "pack.yml").read_text(encoding="utf-8") + "standalone: true\n", encoding="utf-8"
    )
    alone = {m.id for m in all_modules(load_catalog(REPO, packs=[town], use_cache=False))}
    layered = {m.id for m in all_modules(load_catalog(REPO, packs=[TOWN], use_cache=False))}
    assert {"advisor", "paper-case"} <= layered
    assert not {"advisor", "paper-case"} & alone and "sample-town" in alone


def test_a_limited_question_without_a_note_is_told_about_source(town: Path) -> None:
    """Does a question limited with profiles: but with no policy_note say why and offer 'source'?"""
    bank = town / "quizzes" / "sample-town.md"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("policy_note: source\n", "", 1), "utf-8"
    )
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any(
        "missing 'policy_note': a question limited with profiles:/when:" in e
        and "'policy_note: source'" in e
        for e in errors
    ), errors


def test_a_town_fact_written_out_under_another_profile_fails(town: Path) -> None:
    """Is the town's contact written literally in a guide shown to other towns an error?"""
    guide = town / "guidance" / "sample-town.md"
    text = guide.read_text(encoding="utf-8")
    assert not _errors(load_catalog(REPO, packs=[town], use_cache=False))
    guide.write_text(
        text.replace("profiles: [sample-town]\n", "").replace(
            "（例）", "事故は見本町情報政策課へ。", 1
        ),
        encoding="utf-8",
    )
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any(
        "guide sample-town writes sample-town's fact '見本町情報政策課' but is shown under" in e
        and "{{ report_incident_to }}" in e
        for e in errors
    ), errors


def test_one_slip_gives_one_message(town: Path) -> None:
    """Does a broken profile file or an unknown rule id give one message, not a cascade?"""
    rules = town / "data" / "rules.csv"
    rules.write_text(rules.read_text(encoding="utf-8").replace("sample-1-01", "sample-2-01"))
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert not any("'policy_note: source' needs rules" in e for e in errors), errors
    profile = town / "data" / "profiles" / "sample-town.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + "id: again\n", encoding="utf-8")
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert any("duplicate key 'id'" in e and "sample-town.yml" in e for e in errors)
    assert not any("unknown organization profile 'sample-town'" in e for e in errors), errors


def test_an_unreadable_rules_file_is_one_message(town: Path) -> None:
    """Is a rules.csv with a broken header reported once, without an error per citation?"""
    (town / "data" / "rules.csv").write_text("no,header\n", encoding="utf-8")
    errors = _errors(load_catalog(REPO, packs=[town], use_cache=False))
    assert len(errors) == 1 and "rules.csv:1: header must be" in errors[0], errors
