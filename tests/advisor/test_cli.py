"""``chatdojo recommend`` through chatdojo.cli.main, as a user types it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from chatdojo.cli import main


def run_json(capsys, *args: str) -> dict:
    assert main(["recommend", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_for_staff_message(capsys, content_root):
    """Does the JSON name chat first for a plain staff message, with ja/en reasons?"""
    data = run_json(capsys)
    assert data["method"] == "chat"
    assert data["ranking"][0] == "chat" and len(data["ranking"]) == 5
    assert set(data) >= {"method", "ranking", "reasons"}
    assert set(data) <= {"method", "ranking", "reasons", "warnings"}
    assert data["reasons"] and all(set(r) == {"ja", "en"} for r in data["reasons"])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--external"], {"mail"}),
        (["--urgent"], {"face_to_face", "phone"}),
        (["--urgent", "--offsite"], {"phone"}),
        (["--meeting", "--offsite"], {"web_meeting"}),
        (["--meeting", "--external"], {"web_meeting"}),
        (["--needs-record"], {"chat"}),
        (["--personal-data"], {"face_to_face", "phone"}),
    ],
)
def test_json_method_per_flag(capsys, content_root, args, expected):
    """Does each flag of the command reach the advisor and change its answer as 003 §2 says?"""
    assert run_json(capsys, *args)["method"] in expected


def test_personal_data_warning_in_json(capsys, content_root):
    """Is the personal-data warning in the JSON, and chat last?"""
    data = run_json(capsys, "--personal-data")
    assert data["ranking"][-1] == "chat"
    assert any("003 §3" in w["en"] for w in data["warnings"])


def test_after_hours_differs_by_profile(capsys, content_root):
    """Does --profile change the after-hours advice (hold back vs allowed)?"""
    strict = run_json(capsys, "--after-hours", "--profile", "night-strict")
    allowed = run_json(capsys, "--after-hours", "--profile", "night-ok")
    assert strict["warnings"] and not allowed["warnings"]
    assert strict["reasons"] != allowed["reasons"]


def test_profile_from_environment(capsys, content_root, monkeypatch):
    """Without --profile, is $CHATDOJO_PROFILE used, as by chatdojo serve?"""
    monkeypatch.setenv("CHATDOJO_PROFILE", "night-ok")
    assert run_json(capsys, "--after-hours")["warnings"] == []


def test_unknown_profile_exits_2(capsys, content_root):
    """Does an unknown profile stop with exit code 2 and a message naming the known ones?"""
    assert main(["recommend", "--profile", "atlantis"]) == 2
    err = capsys.readouterr().err
    assert "unknown organization profile 'atlantis'" in err
    assert "default" in err and "night-ok" in err


def test_text_output_is_bilingual(capsys, content_root):
    """Does the plain output show the method, ranking and reasons in Japanese and English?"""
    assert main(["recommend", "--urgent"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("おすすめ / Recommended: 対面 / Face-to-face")
    assert "2. 電話 / Phone  (1位と同点 / tied with the first)" in out
    assert "理由 / Reasons:" in out and "(003 §2)" in out and "（003 §2）" in out


def test_broken_table_is_reported_with_line(capsys, content_root):
    """With a broken table, does the command exit 1 and print path:line: message?"""
    path = content_root / "data" / "communication_methods.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",×,", ",?,", 1), encoding="utf-8")
    assert main(["recommend", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "data/communication_methods.csv:5: column 'real_time' must be one of" in captured.err


def test_command_module_imports_nothing_heavy():
    """Does importing the command (as chatdojo --help does) leave the advisor, YAML and widgets unloaded?"""
    code = (
        "import sys, chatdojo.commands.recommend\n"
        "heavy = [m for m in ('chatdojo.advisor', 'yaml', 'ipywidgets', 'pandas') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""


def test_help_lists_every_flag(capsys):
    """Does --help describe every situation flag?"""
    with pytest.raises(SystemExit):
        main(["recommend", "--help"])
    out = capsys.readouterr().out
    for flag in (
        "--external",
        "--urgent",
        "--meeting",
        "--offsite",
        "--needs-record",
        "--personal-data",
        "--after-hours",
        "--profile",
        "--json",
    ):
        assert flag in out
