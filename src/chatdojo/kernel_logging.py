"""Kernel-side logs go to the server's log, never to the page (issue 9, item 5).

Inside an ipykernel, ``sys.stderr`` (and even file descriptor 2) is captured and
streamed to the browser over the page's websocket, so a ``log.exception`` from a
widget callback would show file paths and database errors to anyone with developer
tools. ``route_kernel_logs`` sends logging output to the file descriptor ipykernel
saved before capturing, the one the kernel inherited from ``chatdojo serve``: the
trainer sees it in the server's terminal, the learner never receives it.
"""

from __future__ import annotations

import io
import logging
import os
import sys

_MARK = "_chatdojo_server_log"
FORMAT = "[chatdojo kernel %(process)d] %(levelname)s %(name)s: %(message)s"


def _server_stderr() -> io.TextIOBase | None:
    """A writer on the kernel's real stderr, or ``None`` outside an ipykernel."""
    if not type(sys.stderr).__module__.startswith("ipykernel"):
        return None
    fd = getattr(sys.stderr, "_original_stdstream_copy", None)  # fd 2 is captured too
    if not isinstance(fd, int):
        if sys.__stderr__ is None:
            return None
        fd = sys.__stderr__.fileno()  # fd 2 not captured (e.g. under pytest)
    return open(os.dup(fd), "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115


def route_kernel_logs(level: int = logging.WARNING) -> bool:
    """Send every logger's output (and warnings) to the server's stderr; idempotent.

    Returns ``False`` (and changes nothing) outside an ipykernel: there, stderr already
    is the terminal.
    """
    root = logging.getLogger()
    if any(getattr(h, _MARK, False) for h in root.handlers):
        return True
    stream = _server_stderr()
    if stream is None:
        return False
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter(FORMAT))
    setattr(handler, _MARK, True)
    # Handlers already writing to the captured streams would still reach the page.
    loggers = [
        root,
        *(lg for lg in root.manager.loggerDict.values() if isinstance(lg, logging.Logger)),
    ]
    for logger in loggers:
        for old in logger.handlers:
            if isinstance(old, logging.StreamHandler) and old.stream in (sys.stderr, sys.stdout):
                old.setStream(stream)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.lastResort = handler  # loggers without handlers, e.g. propagate=False ones
    logging.captureWarnings(True)  # warnings.showwarning writes to sys.stderr otherwise
    plain_tracebacks()
    return True


PLAIN_ERROR = (
    "入力を処理できませんでした。ページを再読み込みしてください。"
    " / The input could not be processed. Please reload the page."
)


def plain_tracebacks() -> bool:
    """Errors the kernel publishes say only ``PLAIN_ERROR``; the traceback goes to the log.

    ipywidgets reports an exception in a widget message (a forged ``{"index": 99}`` on a
    Dropdown) with ``shell.showtraceback()``, which publishes the full traceback with
    install paths on iopub, i.e. to the page's websocket (issue 22, item 9).
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "_showtraceback"):
        return False
    if getattr(shell, _MARK, False):
        return True
    publish = shell._showtraceback

    def plain(etype: type, evalue: object, stb: list[str]) -> None:
        info = sys.exc_info()
        logging.getLogger("chatdojo.kernel").error(
            "error in a page kernel: %s",
            getattr(etype, "__name__", "error"),
            exc_info=info if info[0] is not None else None,
        )
        publish(Error, PLAIN_ERROR, [PLAIN_ERROR])

    shell._showtraceback = plain
    setattr(shell, _MARK, True)
    return True


class Error(Exception):
    """The name a page sees for any kernel error (no class names from inside)."""
