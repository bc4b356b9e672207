"""A GuardedHTTPServer in a process of its own with few file descriptors (for test_connections).

Usage: python flood_server.py PORT FD_LIMIT SPARE_FDS TIMEOUT
``SPARE_FDS``: descriptors to leave free (the rest are filled with /dev/null), so the
accept loop meets EMFILE before the connection cap.
"""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import sys

import tornado.web

from chatdojo.webguard.netserver import GuardedHTTPServer, connection_cap


class Page(tornado.web.RequestHandler):
    def get(self) -> None:
        self.finish("<p>page</p>")


async def main(port: int, limit: int, spare: int, timeout: float) -> None:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    app = tornado.web.Application([(r"/", Page)])
    server = GuardedHTTPServer(app, max_connections=connection_cap(limit), timeout=timeout)
    server.listen(port, "127.0.0.1")
    if spare:
        filler = []
        try:
            while True:
                filler.append(os.open(os.devnull, os.O_RDONLY))
        except OSError:
            pass
        for fd in filler[:spare]:
            os.close(fd)
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    port, limit, spare = (int(a) for a in sys.argv[1:4])
    asyncio.run(main(port, limit, spare, float(sys.argv[4])))
