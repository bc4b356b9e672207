"""What a running ``chatdojo serve`` tells the trainer's other commands.

``serve`` writes ``server.json`` in the user data folder (its address, port,
profile and packs) and removes it at exit; ``session create`` reads it, so the
trainer's commands use the server's profile, packs and port without repeating
them. A file left by a server that died is ignored (its process is gone).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

ENV = "CHATDOJO_RUNTIME_FILE"


@dataclass(frozen=True)
class ServerInfo:
    url: str
    port: int
    profile: str
    packs: tuple[str, ...]
    pid: int
    db: str = ""  # the store it uses ("" = the default): other commands follow it only if theirs is the same


def runtime_file() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("chatdojo")) / "server.json"


def write_server_info(info: ServerInfo) -> Path:
    path = runtime_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "url": info.url,
        "port": info.port,
        "profile": info.profile,
        "packs": list(info.packs),
        "pid": info.pid,
        "db": info.db,
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return path


def remove_server_info(pid: int | None = None) -> None:
    """Remove the file if it is ours (``pid``) or whoever wrote it."""
    path = runtime_file()
    info = read_server_info(check_alive=False)
    if info is not None and pid is not None and info.pid != pid:
        return
    with contextlib.suppress(OSError):
        path.unlink()


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def read_server_info(*, check_alive: bool = True, db: str | None = None) -> ServerInfo | None:
    """The running server's information, or None (no file, unreadable, the server is gone,
    or ``db`` is given and the server uses another store)."""
    try:
        data = json.loads(runtime_file().read_text(encoding="utf-8"))
        info = ServerInfo(
            url=str(data["url"]).rstrip("/"),
            port=int(data["port"]),
            profile=str(data["profile"]),
            packs=tuple(str(p) for p in data.get("packs", [])),
            pid=int(data["pid"]),
            db=str(data.get("db") or ""),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if check_alive and not _alive(info.pid):
        return None
    if db is not None and db != info.db:
        return None
    return info
