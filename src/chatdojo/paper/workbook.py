"""Read an .xlsx in a separate, memory-limited process, so no workbook can take the server down.

openpyxl builds Python objects for every cell it meets; a crafted workbook inside every
size limit can still ask for gigabytes (a forged merge, a sheet of millions of tiny
cells). The limits in ``paper.limits`` catch what we know of; this worker is the
backstop for what we do not: the parse runs in a child Python process whose address
space is capped with ``resource.setrlimit(RLIMIT_AS)`` on POSIX, and which the parent
kills when the deadline passes. Windows has no such rlimit: there the child still runs
under the cell limits and the timeout, but its memory is not capped.

The child sends back plain values (text, numbers, dates) with pickle; the parent reads
them with an unpickler that accepts nothing else.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from chatdojo.paper import columns as cols
from chatdojo.paper import tables
from chatdojo.paper.errors import Issue, IssueCollector, PaperInputError
from chatdojo.paper.limits import Deadline, Limits, mib

LOG = logging.getLogger(__name__)
GRACE = 2.0  # seconds the parent waits beyond the deadline for the child's own message
CHILD = ("-m", "chatdojo.paper.workbook")  # how the parent starts the reader
SAFE_CLASSES = frozenset(
    ("datetime", name) for name in ("datetime", "date", "time", "timedelta", "timezone")
)


def header_score(row: list[object], mapping: cols.ColumnMapping) -> tuple[int, bool]:
    """How many fields a row's cells name, and whether it is a complete header."""
    headers = ["" if h is None else str(h).strip() for h in row]
    collector = IssueCollector("header")
    found = cols.resolve_headers(headers, mapping, collector)
    return len(found), not collector


def _parse(request: dict[str, Any]) -> tuple[Any, ...]:
    """The child's work: rows of the chosen sheet, or the error a user should see."""
    mapping: cols.ColumnMapping = request["mapping"]
    source: str = request["source"]
    try:
        table = tables.from_xlsx(
            request["data"],
            source,
            request["limits"],
            Deadline(request["seconds"]),
            sheet=request["sheet"],
            looks_like_usage=lambda top: any(header_score(r, mapping)[1] for r in top),
        )
    except PaperInputError as exc:
        issues = [(i.message, i.row, i.column, i.params) for i in exc.issues]
        return ("error", exc.source, issues, exc.omitted)
    except TimeoutError:
        return ("timeout",)
    except MemoryError:
        return ("memory",)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        traceback.print_exc()  # to the parent's log, never to the user
        damaged = (
            "cannot open as an Excel .xlsx workbook ({kind})",
            None,
            None,
            (("kind", type(exc).__name__),),
        )
        return ("error", source, [damaged], 0)
    return ("ok", table.rows, table.sheet, table.sheets)


def limit_memory(max_bytes: int) -> bool:
    """Cap this process's address space (POSIX); False where the platform has no rlimit."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):  # e.g. macOS, which does not enforce RLIMIT_AS
        return False
    return True


def child_main() -> int:
    """Entry of the worker process: a pickled request on stdin, a pickled result on stdout."""
    import openpyxl  # noqa: F401  (loaded before the cap: shared libraries map a lot)

    request = pickle.loads(sys.stdin.buffer.read())
    limit_memory(request["memory"])
    try:
        result = _parse(request)
    except MemoryError:
        result = ("memory",)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.flush()
    return 0


class _PlainValues(pickle.Unpickler):
    """Unpickles text, numbers, lists, tuples, dicts and dates; refuses any other class."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in SAFE_CLASSES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


def _child_env() -> dict[str, str]:
    """The parent's environment, with this copy of chatdojo first on the path, one thread."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = "1"
    return env


def _memory_error(source: str, limits: Limits) -> PaperInputError:
    return PaperInputError.single(
        source,
        "reading the workbook needed more than {limit} of memory; "
        "save only the usage table in a new workbook",
        limit=mib(limits.max_memory),
    )


def read_xlsx(
    data: bytes,
    source: str,
    limits: Limits,
    deadline: Deadline,
    *,
    sheet: str | None,
    mapping: cols.ColumnMapping,
) -> tables.RawTable:
    """``tables.from_xlsx`` run in a child process capped in memory and time."""
    seconds = max(deadline.end - time.monotonic(), 0.1)
    request = {
        "data": data,
        "source": source,
        "limits": limits,
        "seconds": seconds,
        "sheet": sheet,
        "mapping": mapping,
        "memory": limits.max_memory,
    }
    try:
        done = subprocess.run(
            [sys.executable, *CHILD],
            input=pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL),
            capture_output=True,
            timeout=seconds + GRACE,
            env=_child_env(),
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise TimeoutError(limits.seconds) from None
    if done.stderr:
        LOG.warning(
            "workbook reader for %s: %s", source, done.stderr[-2000:].decode("utf-8", "replace")
        )
    try:
        result = _PlainValues(io.BytesIO(done.stdout)).load()
    except Exception:  # no or broken answer: the child died (most often out of memory)
        if b"MemoryError" in done.stderr or done.returncode < 0:
            raise _memory_error(source, limits) from None
        raise PaperInputError.single(
            source, "cannot open as an Excel .xlsx workbook ({kind})", kind="reader stopped"
        ) from None
    kind = result[0]
    if kind == "ok":
        return tables.RawTable(result[1], "xlsx", result[2], tuple(result[3]))
    if kind == "timeout":
        raise TimeoutError(limits.seconds)
    if kind == "memory":
        raise _memory_error(source, limits)
    issues = [Issue(m, row, column, tuple(params)) for m, row, column, params in result[2]]
    raise PaperInputError(result[1], issues, omitted=result[3])


if __name__ == "__main__":
    sys.modules["numpy"] = None  # type: ignore[assignment]  # openpyxl skips it: 0.15 s, 30 MB
    sys.exit(child_main())
