"""Bounds checks for kernel websocket frames (``v1.kernel.websocket.jupyter.org``).

A v1 frame starts with a little-endian 64-bit count ``n`` followed by ``n`` 64-bit
offsets: the channel name, then the message parts (header, parent header, metadata,
content, buffers). jupyter_server and Voila read the count and loop over it before
checking it against the frame, so a 16-byte frame claiming 2**62 offsets freezes the
server (issue 9, item 1). These functions check every number against the frame first.
"""

from __future__ import annotations

import json
from typing import Any

V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
# Channel + header, parent header, metadata, content, then buffers (one per uploaded
# file, image...). A real page sends a handful; 1024 leaves ample room.
MAX_OFFSETS = 1024
MIN_OFFSETS = 2 + 4


class FrameError(ValueError):
    """A frame whose offsets the frame itself cannot hold."""


def v1_offsets(frame: bytes, min_offsets: int = MIN_OFFSETS) -> list[int]:
    """The offsets of a v1 frame, checked: raise ``FrameError`` unless they fit the frame."""
    if not isinstance(frame, bytes | bytearray | memoryview):
        raise FrameError("text frame on a binary protocol")
    size = len(frame)
    if size < 8:
        raise FrameError(f"frame of {size} bytes has no offset count")
    count = int.from_bytes(frame[:8], "little")
    if not min_offsets <= count <= MAX_OFFSETS:
        raise FrameError(f"offset count {count} outside {min_offsets}..{MAX_OFFSETS}")
    table_end = 8 * (count + 1)
    if table_end > size:
        raise FrameError(f"{count} offsets do not fit in {size} bytes")
    offsets = [int.from_bytes(frame[8 * i : 8 * (i + 1)], "little") for i in range(1, count + 1)]
    if offsets[0] != table_end:
        raise FrameError("first offset does not follow the offset table")
    if any(b < a for a, b in zip(offsets, offsets[1:], strict=False)):
        raise FrameError("offsets go backwards")
    if offsets[-1] > size:
        raise FrameError(f"offset {offsets[-1]} beyond the frame's {size} bytes")
    return offsets


def v1_header(frame: bytes) -> dict[str, Any] | None:
    """The message header of an outgoing v1 frame, or ``None`` if it is not a sound one."""
    try:
        offsets = v1_offsets(frame, min_offsets=3)
        header = json.loads(bytes(frame[offsets[1] : offsets[2]]).decode("utf-8"))
    except (FrameError, ValueError):
        return None
    return header if isinstance(header, dict) else None
