"""A parsed-catalogue cache, so each page's kernel does not re-parse every file.

Every Voila page runs in its own kernel and needs the catalogue; parsing ~300
YAML blocks costs ~0.4 s of CPU, which a room of phones pays at once. The cache
key is a fingerprint of every content file and every module of the package
(path, size, mtime), so an edited file or a new release is never served stale.
Any problem reading the cache just means a fresh parse. Within one process the last
catalogue is also kept in memory while the fingerprint stays the same, so a server
asking again gets the same object (no unpickling) and caches keyed on it stay valid.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("chatdojo")
T = TypeVar("T")
CONTENT_DIRS = ("guidance", "quizzes", "data")
PACKAGE = Path(__file__).resolve().parent.parent
_memo: dict[
    tuple[Path, tuple[Path, ...]], tuple[str, object]
] = {}  # (root, packs) -> (fingerprint, catalogue)
_memo_lock = threading.Lock()


def cache_dir() -> Path | None:
    """$CHATDOJO_CACHE_DIR, else the user cache folder; None when caching is off."""
    if os.environ.get("CHATDOJO_CACHE_DIR") == "off":
        return None
    env = os.environ.get("CHATDOJO_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("chatdojo"))


def fingerprint(root: Path, packs: Sequence[Path] = ()) -> str:
    digest = hashlib.sha256(str(root).encode())
    digest.update(os.environ.get("CHATDOJO_STRICT", "").encode())  # changes errors/warnings
    for pack in packs:
        digest.update(f"pack\0{pack}\n".encode())
        if (pack / "pack.yml").is_file():
            st = (pack / "pack.yml").stat()
            digest.update(f"{st.st_size}\0{st.st_mtime_ns}\n".encode())
    folders = [root / d for d in CONTENT_DIRS]
    folders += [pack / d for pack in packs for d in CONTENT_DIRS]
    for base in (*folders, PACKAGE):
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            st = path.stat()
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def cached(root: Path, build: Callable[[], T], extra: Sequence[Path] = ()) -> T:
    """The catalogue of ``root`` with the packs ``extra``, built at most once per change."""
    folder = cache_dir()
    if folder is None:
        return build()
    key = fingerprint(root, extra)
    memo_key = (root, tuple(extra))
    with _memo_lock:
        kept = _memo.get(memo_key)
    if kept is not None and kept[0] == key:
        return kept[1]  # type: ignore[return-value]
    value = _from_disk(folder, key, build)
    with _memo_lock:
        _memo[memo_key] = (key, value)
    return value


PART_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def cached_part(
    root: Path, build: Callable[[], T], cut: Callable[[T], T], name: str, extra: Sequence[Path] = ()
) -> T:
    """``cut(catalogue)``, kept on disk under ``name`` beside the whole catalogue.

    A page that teaches one module needs one guide and one bank, not every bank and
    scenario: its part is ~150 KB instead of ~1 MB, ~3 MiB less in each learner's kernel.
    The part has the same fingerprint as the catalogue it was cut from, so it is never stale.
    """
    folder = cache_dir()
    if folder is None or not PART_NAME.fullmatch(name):
        return cut(cached(root, build, extra))
    key = fingerprint(root, extra)
    return _from_disk(
        folder,
        key,
        lambda: cut(cached(root, build, extra)),
        path=folder / f"part-{key}-{name}.pickle",
        keep=KEEP_PARTS,
        pattern="part-*.pickle",
    )


def _from_disk(
    folder: Path,
    key: str,
    build: Callable[[], T],
    *,
    path: Path | None = None,
    keep: int | None = None,
    pattern: str = "catalog-*.pickle",
) -> T:
    path = path or folder / f"catalog-{key}.pickle"
    try:
        if path.is_file():
            with path.open("rb") as f:
                return pickle.load(f)  # noqa: S301 - our own file in the user's cache folder
    except Exception:  # a stale or unreadable cache is rebuilt, never fatal
        log.debug("catalogue cache unreadable; parsing again", exc_info=True)
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as tmp:
            pickle.dump(value, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        prune(folder, KEEP if keep is None else keep, pattern)
    except Exception:
        log.debug("could not write the catalogue cache", exc_info=True)
    return value


KEEP = 8  # catalogues kept on disk: one per content-and-code state a process may still use
KEEP_PARTS = 8 * 16  # parts (one per module) of those catalogues


def prune(folder: Path, keep: int = KEEP, pattern: str = "catalog-*.pickle") -> None:
    """Remove all but the ``keep`` newest cached catalogues (each is ~1 MB, and every
    content or code change makes a new one); a file in use elsewhere is left alone."""
    files = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        try:
            old.unlink()
        except OSError:  # another process has it open (Windows) or removed it already
            continue
