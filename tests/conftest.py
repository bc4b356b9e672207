from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"

# Keep the parsed-catalogue cache of test runs (and the servers they start) out of the user's.
os.environ.setdefault("CHATDOJO_CACHE_DIR", tempfile.mkdtemp(prefix="chatdojo-cache-"))


from e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian's Chromium and its flags)
from e2e.pgschema import pg_schema  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for every browser test of the run (Playwright's sync API allows
    one at a time in a thread: a second ``sync_playwright()`` inside a running one fails)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(params=["sqlite", "postgres"])
def shared_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: SQLite, and PostgreSQL when ``CHATDOJO_TEST_PG_URL`` is set
    (``scripts/with-postgres.sh`` sets it; each test gets its own schema, dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'chatdojo.sqlite3'}"
        return
    with pg_schema() as url:
        yield url


@pytest.fixture
def content_root(tmp_path: Path) -> Path:
    """A small valid content tree (copied, so tests may break it)."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "base", root)
    return root


@pytest.fixture
def add_broken(content_root: Path) -> Callable[[str, str], Path]:
    """Drop one deliberately broken fixture file into the content tree."""

    def add(name: str, folder: str) -> Path:
        target = content_root / folder / name
        if folder == "data" and name.endswith(".csv"):
            target = content_root / "data" / "rules.csv"
        shutil.copy(FIXTURES / "broken" / name, target)
        return target

    return add


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the browser tests last.

    Playwright's sync API keeps an asyncio loop marked as running in the main thread for as
    long as the session-scoped browser is open; tests that run their own event loop
    (Tornado's AsyncHTTPTestCase, asyncio.run) fail after it with "Cannot run the event loop
    while another loop is running". Stable order inside each group is kept.
    """
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
