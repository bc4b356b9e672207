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
    assert data == {"rules": 3, "covered": 2, "uncovered": ["t-3"]}
