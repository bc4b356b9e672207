"""A self-contained wheel (issue 20 item 1): built, installed outside the checkout, served.

The wheel is built from this checkout and installed with ``--no-deps`` into a fresh venv
in a temporary folder. To stay fast, that venv borrows the dependencies already in
``.venv`` through a ``.pth`` file (and Jupyter's data files through ``JUPYTER_PATH``,
which a real install would put under its own prefix); the wheel's own ``chatdojo``
comes first on ``sys.path``, which the test checks. From an empty working folder,
``chatdojo check`` passes and ``chatdojo serve`` answers the home page, with its
database under the (temporary) user data folder.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUNDLED = (
    "chatdojo/_bundled/data/rules.csv",
    "chatdojo/_bundled/data/paper/sample_usage.csv",
    "chatdojo/_bundled/notebooks/home.ipynb",
    "chatdojo/_bundled/notebooks/paper_dashboard.ipynb",
    "chatdojo/_bundled/quizzes/communication-method.md",
    "chatdojo/store/migrations/env.py",
    "chatdojo/room/templates/layout.html",
    "chatdojo/py.typed",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bin(env_dir: Path, name: str) -> Path:
    return (
        env_dir
        / ("Scripts" if os.name == "nt" else "bin")
        / (name + (".exe" if os.name == "nt" else ""))
    )


def _fetch(url: str, timeout: float) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.status, response.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (built,) = dist.glob("chatdojo-*.whl")
    return built


def test_wheel_carries_content_notebooks_templates_and_migrations(wheel):
    """Does the wheel hold the default content, notebooks, templates and migrations?"""
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in BUNDLED if name not in names]
    assert not missing, missing
    assert any(n.startswith("chatdojo/_bundled/guidance/") for n in names)
    assert any(n.startswith("chatdojo/share/voila/templates/chatdojo/") for n in names)
    assert not any("__pycache__" in n or n.startswith("tests/") for n in names)


@pytest.mark.timeout(240)
def test_wheel_serves_the_home_page_from_an_empty_folder(wheel, tmp_path):
    """Installed outside the checkout, do `chatdojo check` and `chatdojo serve` work?"""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = _bin(env_dir, "python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # After the venv's own site-packages, so the wheel's chatdojo wins over the checkout's.
    (site / "zz_borrow_checkout_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
        + ["--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    installed = time.monotonic() - started

    empty = tmp_path / "empty"
    empty.mkdir()
    home = tmp_path / "home"
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("CHATDOJO_", "JUPYTER", "XDG_"))
    }
    environ.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        JUPYTER_CONFIG_DIR=str(home / "jupyter-config"),
        JUPYTER_RUNTIME_DIR=str(home / "jupyter-runtime"),
        JUPYTER_PATH=str(Path(sysconfig.get_paths()["data"]) / "share" / "jupyter"),
        PYTHONPATH="",
    )
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import chatdojo.content.catalog as c; print(c.__file__, c.default_root())",
        ],
        cwd=empty,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert Path(where[0]).is_relative_to(site), where  # the wheel's copy, not the checkout's
    assert Path(where[1]) == site / "chatdojo" / "_bundled"

    check = subprocess.run(
        [str(_bin(env_dir, "chatdojo")), "check"],
        cwd=empty,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    serve_started = time.monotonic()
    server = subprocess.Popen(
        [str(_bin(env_dir, "chatdojo")), "serve", "--port", str(port), "--pool", "0"],
        cwd=empty,
        env=environ,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=os.name != "nt",
    )
    try:
        status, page = 0, ""
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, page = _fetch(f"http://127.0.0.1:{port}/", timeout=120)
                break
            except urllib.error.HTTPError as exc:  # it answered, wrongly
                status, page = exc.code, exc.read().decode("utf-8", "replace")
                break
            except OSError:
                time.sleep(0.3)
        first_page = time.monotonic() - serve_started
        output = (tmp_path / "serve.log").read_text()
        assert status == 200, output
        assert "<title>ChatDojo" in page and "Traceback" not in page, page[:2000]
        assert "application/vnd.jupyter.widget-view+json" in page, page[:2000]  # it ran
        db = list((home / "data" / "chatdojo").glob("*.sqlite3"))
        assert db, output  # SQLite under the user data folder, not in the empty folder
        assert not list(empty.iterdir())
    finally:
        if os.name != "nt":
            os.killpg(server.pid, signal.SIGTERM)  # the server and the kernels it started
        else:
            server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    print(f"wheel install {installed:.1f} s; serve to first page {first_page:.1f} s")
