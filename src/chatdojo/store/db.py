"""Opening the database: URL resolution, SQLite tuning, migrations on open.

The default is one SQLite file in the user's data folder, in WAL mode so the
trainer's dashboard can read while 200 phones write. Any SQLAlchemy URL works
through ``--db`` or ``$CHATDOJO_DB`` (e.g. ``postgresql+psycopg://…``).

SQLite writes start with ``BEGIN IMMEDIATE``: a writer waits (``busy_timeout``)
for the lock up front instead of failing with "database is locked" when two
deferred transactions both try to upgrade to a write lock.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

ENV_VAR = "CHATDOJO_DB"
DEFAULT_FILE = "chatdojo.sqlite3"
BUSY_TIMEOUT_MS = 30_000


class StoreError(RuntimeError):
    """The database cannot be used (bad URL, unreachable server, unknown code…)."""


_READONLY = ("readonly", "read-only", "read only")
_FULL = ("disk is full", "no space left", "disk full", "could not extend file")


def problem(error: BaseException | str) -> str:
    """What kind of store failure this is: ``readonly``, ``full`` or ``unavailable``.

    Pages turn the kind into a message in their own language; the error's text
    (paths, SQL) goes to the server's log only.
    """
    text = str(error).lower()
    if text in ("readonly", "full", "unavailable"):
        return text
    if any(word in text for word in _READONLY):
        return "readonly"
    if any(word in text for word in _FULL):
        return "full"
    return "unavailable"


def default_url() -> str:
    """``$CHATDOJO_DB``, else a SQLite file under ``platformdirs.user_data_dir("chatdojo")``."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    import platformdirs

    folder = Path(platformdirs.user_data_dir("chatdojo"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / DEFAULT_FILE}"


def safe_url(url: str) -> str:
    """The URL without its password, fit for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid database URL>"


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event below issues BEGIN
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("chatdojo_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url[:60]!r}") from None
    kwargs: dict[str, Any] = {"pool_pre_ping": True}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs.update(connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        kwargs["pool_pre_ping"] = False  # a local file does not drop connections; saves a query
        if database and database != ":memory:":
            kwargs.update(pool_size=8, max_overflow=8, pool_timeout=60)
    else:
        kwargs.update(pool_size=10, max_overflow=10, pool_timeout=60)
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {safe_url(url)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        _tune_sqlite(engine)
    return engine


@dataclass
class Store:
    """An engine plus sessions for reading and for writing."""

    engine: Engine
    url: str
    _writer: Engine = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._writer = self.engine.execution_options(chatdojo_write=True)
        # SQLite has one writer at a time. Threads of this process queue on a lock that
        # wakes the next one at once, instead of on SQLite's busy handler, which sleeps
        # in steps of up to 100 ms and made a hall's joins wait seconds with idle CPUs.
        self._write_lock: threading.Lock | None = (
            threading.Lock() if self.engine.dialect.name == "sqlite" else None
        )
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)

    @property
    def writer(self) -> Engine:
        """The engine whose transactions start as writes (BEGIN IMMEDIATE on SQLite)."""
        return self._writer

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on error."""
        if self._write_lock is None:
            with self._write_sessions.begin() as session:
                yield session
            return
        with self._write_lock, self._write_sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open the database at ``url`` (default: :func:`default_url`) and bring its schema to head."""
    url = url or default_url()
    engine = make_engine(url)
    store = Store(engine, url)
    if migrate:
        from chatdojo.store.migrate import upgrade

        try:
            upgrade(store)
        except SQLAlchemyError as exc:
            engine.dispose()
            orig = getattr(exc, "orig", None)  # set on DBAPIError subclasses only
            reason = str(orig if orig else exc).strip().splitlines()[0]
            raise StoreError(f"cannot open database {safe_url(url)}: {reason}") from None
    return store


_shared: dict[str, Store] = {}
_shared_lock = threading.Lock()


def shared_store(url: str | None = None) -> Store:
    """One migrated store per URL and process (a Voila kernel opens it once)."""
    url = url or default_url()
    with _shared_lock:
        store = _shared.get(url)
        if store is None:
            store = _shared[url] = open_store(url)
        return store
