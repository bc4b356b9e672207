"""Compile the page templates once per server, not once per page request.

Voila builds a new nbconvert exporter, and with it a new Jinja environment, for every
page it renders, so the page template and every template it extends are parsed and
compiled again each time. Under a room opening 25 pages at once on two cores that was
~0.5 s of the server's one event-loop thread per page (py-spy, bench/page_bench.py).
Jinja's own remedy is a bytecode cache: the environment still reads each template's
source and checks it against the cached checksum (an edited template is compiled
again), but skips parsing and code generation. This keeps the compiled code in memory,
shared by every exporter the process creates.
"""

from __future__ import annotations

import threading
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

MAX_ENTRIES = 256  # templates are few (ours, Voila's lab and base, nbconvert's); a bound anyway


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates in this process's memory, kept apart for async and sync
    environments (the same source compiles to different code for each)."""

    def __init__(self, is_async: bool) -> None:
        self.is_async = is_async
        self.store: dict[str, bytes] = {}
        self.lock = threading.Lock()

    def load_bytecode(self, bucket: Bucket) -> None:
        with self.lock:
            code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # ignored if the source's checksum changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        with self.lock:
            if len(self.store) >= MAX_ENTRIES and bucket.key not in self.store:
                self.store.clear()
            self.store[bucket.key] = code


CACHES = {False: MemoryBytecodeCache(False), True: MemoryBytecodeCache(True)}


def share_compiled_templates(exporter_class: Any) -> None:
    """Give every Jinja environment ``exporter_class`` creates the process's bytecode cache."""
    original = exporter_class._create_environment
    if getattr(original, "shares_compiled_templates", False):
        return

    def create_environment(self: Any) -> Any:
        environment = original(self)
        environment.bytecode_cache = CACHES[bool(environment.is_async)]
        return environment

    create_environment.shares_compiled_templates = True  # type: ignore[attr-defined]
    exporter_class._create_environment = create_environment
