"""The kernel websocket, guarded: v1 framing only, every frame bounds-checked.

Replaces Voila's ``VoilaKernelWebsocketHandler`` at ``/api/kernels/<id>/channels``.
Two routes froze the server (issue 9, item 1):

* a v1 frame whose offset count the frame cannot hold (jupyter_server's
  ``deserialize_msg_from_ws_v1`` loops over it on the event loop);
* legacy framing (a client offering no subprotocol): Voila's ``write_message`` then
  reads the legacy binary header of a kernel message (image and upload widgets send
  them) as a v1 count near 8.6e17.

So a connection must offer the v1 subprotocol (the Voila page always does) or gets
``400``, and a malformed frame closes the socket with code 1002 and a log line.
"""

from __future__ import annotations

import logging
from typing import Any

from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from chatdojo.webguard import kernels
from chatdojo.webguard.frames import V1_PROTOCOL, FrameError, v1_header, v1_offsets

log = logging.getLogger("chatdojo.webguard")

CLOSE_PROTOCOL_ERROR = 1002


def offered_subprotocols(header: str | None) -> list[str]:
    return [part.strip() for part in (header or "").split(",") if part.strip()]


class GuardedKernelWebsocketHandler(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket with the frame checks jupyter_server lacks."""

    _rejected = False

    async def get(self, *args: Any, **kwargs: Any) -> None:
        offered = offered_subprotocols(self.request.headers.get("Sec-WebSocket-Protocol"))
        if V1_PROTOCOL not in offered:
            log.warning(
                "kernel websocket from %s refused: subprotocol %s not offered",
                self.request.remote_ip,
                V1_PROTOCOL,
            )
            self.set_status(400)
            self.finish(f"Only the {V1_PROTOCOL} websocket subprotocol is accepted.")
            return
        kernel_id = kwargs.get("kernel_id") or (args[0] if args else None)
        if kernel_id:
            kernels.watch.opened(str(kernel_id))  # the page arrived: no early cull
        await super().get(*args, **kwargs)

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        return V1_PROTOCOL if V1_PROTOCOL in subprotocols else None

    def on_message(self, ws_message: str | bytes) -> None:
        if self._rejected:
            return
        try:
            v1_offsets(ws_message)  # type: ignore[arg-type]
        except FrameError as exc:
            self._rejected = True
            log.warning(
                "kernel websocket from %s closed: malformed frame (%s)",
                self.request.remote_ip,
                exc,
            )
            self.close(CLOSE_PROTOCOL_ERROR, "malformed kernel message")
            return
        super().on_message(ws_message)

    def write_message(self, message: Any, binary: bool = False) -> Any:
        # Voila's override parses outgoing binary frames without bounds; do it safely here.
        header = v1_header(message) if isinstance(message, bytes) else None
        if isinstance(message, dict):
            header = message.get("header")
        if header and header.get("msg_type") == "execute_input":
            return None  # Voila hides the notebook's code from the page
        return super(VoilaKernelWebsocketHandler, self).write_message(message, binary)
