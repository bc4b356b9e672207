"""The `chatdojo` command: help, exit codes and clear messages."""

from __future__ import annotations

import socket
import subprocess
import sys

from chatdojo.cli import main


def test_help_lists_commands(capsys) -> None:
    """Does `chatdojo --help` explain the tool and list its commands?"""
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for command in ("check", "coverage", "serve"):
        assert command in out


def test_help_does_not_import_heavy_libraries() -> None:
    """Is --help free of pandas, voila and ipywidgets imports (so it answers instantly)?"""
    code = (
        "import sys; from chatdojo.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('pandas', 'voila', 'ipywidgets', 'matplotlib', 'sqlalchemy') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"


def test_serve_reports_a_taken_port(capsys) -> None:
    """Does `chatdojo serve` on a port in use say so clearly and exit non-zero?"""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        code = main(["serve", "--port", str(port), "--pool", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in err


def test_serve_rejects_unknown_profile(capsys) -> None:
    """Is an unknown --profile refused with the list of known ones?"""
    assert main(["serve", "--profile", "nowhere", "--port", "1"]) == 2
    assert "unknown profile 'nowhere'" in capsys.readouterr().err


def test_coverage_json(content_root, capsys) -> None:
    """Does coverage list the rules no question checks?"""
    import json

    with (content_root / "data" / "rules.csv").open("a", encoding="utf-8") as f:
        f.write("t-3,004,第9条,basics,未使用,Unused\n")
    assert main(["coverage", "--root", str(content_root), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert set(data.pop("giveaways")) == {"banks", "catalogue"}
    assert data == {
        "rules": 3,
        "covered": 2,
        "uncovered": ["t-3"],
        "depth": {"min": 0, "rules_below_2": ["t-1", "t-2", "t-3"]},
        "kinds": {"basics": {"situation": 1, "recall": 0, "calculation": 0}},
    }


def _add_question(content_root, qid: str, kind: str, rules: str, answer: str = "true") -> None:
    bank = content_root / "quizzes" / "basics.md"
    block = (
        f"\n```question\nid: {qid}\ntype: truefalse\nkind: {kind}\nrules: [{rules}]\n"
        "policy_note: source\n"
        f"text: {{ja: 本当？, en: True?}}\nanswer: {answer}\n"
        "feedback_true: {ja: はい, en: Yes}\nfeedback_false: {ja: いいえ, en: No}\n"
        "explanation: {ja: 説明, en: Because}\n```\n"
    )
    bank.write_text(bank.read_text(encoding="utf-8") + block, encoding="utf-8")


def test_coverage_depth_and_kinds(content_root, capsys) -> None:
    """Does coverage count citations per rule and question kinds per bank, and fail
    below --min-depth / --min-situation?"""
    import json

    _add_question(content_root, "b-2", "recall", "t-1")
    root = str(content_root)
    assert main(["coverage", "--root", root, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["depth"] == {"min": 1, "rules_below_2": ["t-2"]}
    assert data["kinds"] == {"basics": {"situation": 1, "recall": 1, "calculation": 0}}
    assert main(["coverage", "--root", root, "--min-depth", "2"]) == 1
    out = capsys.readouterr().out
    assert "rule t-2 (003 §2) is checked 1 time(s), fewer than 2: b-1" in out
    assert main(["coverage", "--root", root, "--min-situation", "0.75"]) == 1
    assert "bank basics has 50% situation questions (1 of 2), below 75%" in capsys.readouterr().out
    _add_question(content_root, "b-3", "situation", "t-2")
    _add_question(content_root, "b-4", "situation", "t-2")
    assert main(["coverage", "--root", root, "--min-depth", "2", "--min-situation", "0.75"]) == 0


def test_coverage_refuses_guessable_answers(content_root, capsys) -> None:
    """Does --giveaways fail when true/false statements are nearly all keyed one way,
    and pass once the polarity is balanced?"""
    import json

    root = str(content_root)
    for n in range(2, 5):
        _add_question(content_root, f"b-{n}", "situation", "t-1", answer="false")
    assert main(["coverage", "--root", root, "--giveaways"]) == 1
    assert "catalogue: 0 of 3 true/false statements are keyed true (0%)" in capsys.readouterr().out
    assert main(["coverage", "--root", root, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["giveaways"]["banks"]["basics"]["true_share"] == 0.0
    for n in range(5, 8):
        _add_question(content_root, f"b-{n}", "situation", "t-2", answer="true")
    main(["coverage", "--root", root, "--giveaways"])
    assert "true/false" not in capsys.readouterr().out
