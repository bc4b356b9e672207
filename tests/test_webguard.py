"""Frame bounds checks and the CSP builder, without a server (issue 9, items 1 and 8)."""

from __future__ import annotations

import json

import pytest
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

from chatdojo.webguard.frames import MAX_OFFSETS, FrameError, v1_header, v1_offsets
from chatdojo.webguard.headers import content_security_policy


def frame(buffers: int = 0) -> bytes:
    parts = [
        json.dumps({"msg_type": "comm_msg", "msg_id": "1"}).encode(),
        b"{}",
        b"{}",
        json.dumps({"data": {}}).encode(),
        *[b"\x00\x01" * 10] * buffers,
    ]
    return serialize_msg_to_ws_v1(parts, "shell")


@pytest.mark.parametrize("buffers", [0, 1, 5])
def test_a_real_kernel_message_passes(buffers: int) -> None:
    """Does a message as the page sends it (with or without binary buffers) pass unchanged?"""
    message = frame(buffers)
    offsets = v1_offsets(message)
    assert len(offsets) == 6 + buffers and offsets[-1] == len(message)
    assert v1_header(message) == {"msg_type": "comm_msg", "msg_id": "1"}


@pytest.mark.parametrize(
    "bad",
    [
        (2**62).to_bytes(8, "little") + b"\0" * 8,  # the frame from the issue
        (2**64 - 1).to_bytes(8, "little"),
        (MAX_OFFSETS + 1).to_bytes(8, "little") + b"\0" * 8 * (MAX_OFFSETS + 1),
        (6).to_bytes(8, "little") + b"\0" * 16,  # table does not fit
        b"\x01\x02",
        b"",
        (2**31 - 1).to_bytes(4, "big") + b"\0" * 12,  # legacy framing
    ],
)
def test_offset_counts_the_frame_cannot_hold_are_refused(bad: bytes) -> None:
    """Is every count or table the frame cannot hold refused before any loop over it?"""
    with pytest.raises(FrameError):
        v1_offsets(bad)
    assert v1_header(bad) is None


def test_offsets_outside_the_frame_or_backwards_are_refused() -> None:
    """Are offsets pointing past the end, backwards, or into the table refused?"""
    good = bytearray(frame())
    past_end = bytearray(good)
    past_end[8 * 6 : 8 * 7] = (len(good) + 1000).to_bytes(8, "little")
    backwards = bytearray(good)
    backwards[8 * 3 : 8 * 4] = (1).to_bytes(8, "little")
    into_table = bytearray(good)
    into_table[8:16] = (8).to_bytes(8, "little")
    for bad in (past_end, backwards, into_table):
        with pytest.raises(FrameError):
            v1_offsets(bytes(bad))


def test_text_frames_are_refused_on_the_binary_protocol() -> None:
    with pytest.raises(FrameError):
        v1_offsets('{"header": {}}')  # type: ignore[arg-type]


def test_csp_names_only_the_requested_host_and_never_echoes_junk() -> None:
    """Is a hostile Host header kept out of the policy?"""
    assert "ws://10.0.0.5:8866" in content_security_policy("10.0.0.5:8866")
    for hostile in ("evil.example; script-src *", "a b", "x\r\nSet-Cookie: y", "*"):
        policy = content_security_policy(hostile)
        assert hostile not in policy and "ws://" not in policy
    strict = content_security_policy("h:1", voila_page=False)
    assert "unsafe-inline" not in strict and "unsafe-eval" not in content_security_policy("h:1")
