"""The Voila server ChatDojo runs: locked down, preheated, with ``/`` opening the home page.

Hardening (frame guard, headers, kernel close on unload) lives in ``chatdojo.webguard``;
the page template in ``share/voila/templates/chatdojo``. See docs/security.md.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

import tornado.ioloop
import tornado.web
from tornado.httpserver import HTTPServer
from traitlets.config import Config

# jsonschema builds a Lark grammar for the "iri" formats whenever rfc3987_syntax can be
# imported: ~3 s of every server start, for a format check no Jupyter event schema needs.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from voila.app import Voila  # noqa: E402
from voila.exporter import VoilaExporter  # noqa: E402

from chatdojo import learner_web  # noqa: E402
from chatdojo.template_cache import share_compiled_templates  # noqa: E402
from chatdojo.webguard import SecurityHeaders, harden_handlers, kernels, logs, netserver, streams  # noqa: E402

HOME_PAGE = "voila/render/home.ipynb"
# Pages a whole room opens at once get preheated kernels; the others start on demand,
# so a 2-core machine does not boot a kernel for every notebook at start-up.
PREHEATED_PAGES = ("home.ipynb",)
# Jupyter data folder holding the ChatDojo Voila template (voila/templates/chatdojo).
SHARE = Path(__file__).resolve().parent / "share"


class _HomeRedirect(tornado.web.RequestHandler):
    def get(self) -> None:
        query = self.request.query
        self.redirect(f"/{HOME_PAGE}" + (f"?{query}" if query else ""))


class ChatDojoVoila(Voila):
    """Voila with a redirect from ``/`` to the home notebook, guarded handlers and headers,
    served by the bounded HTTP server of ``webguard.netserver``."""

    def init_settings(self) -> dict:  # type: ignore[override]
        share_compiled_templates(VoilaExporter)  # a page's templates compiled once, not per request
        settings = super().init_settings()
        settings["transforms"] = [SecurityHeaders]  # every response, every handler
        settings["xsrf_cookie_kwargs"] = {"samesite": "Strict"}
        kernels.watch.watch(self.kernel_manager)
        return settings

    def listen(self) -> None:  # type: ignore[override]
        """Voila's listen, with ``Application.listen`` building a ``GuardedHTTPServer``."""
        app, cap = self.app, netserver.connection_cap(netserver.raise_fd_limit())
        streams.configure(cap)
        proxies = netserver.parse_proxies(os.environ.get(netserver.PROXY_ENV, ""))

        def listen(port: int, address: str | None = None, **_kw: object) -> HTTPServer:
            server = netserver.GuardedHTTPServer(app, trusted_proxies=proxies, max_connections=cap)
            server.listen(port, address or "")
            return server

        app.listen = listen  # type: ignore[method-assign]
        tornado.ioloop.PeriodicCallback(
            lambda: kernels.watch.cull(self.kernel_manager), kernels.CHECK_EVERY * 1000
        ).start()
        logs.install()
        self.log.info(
            "connections: at most %d; event streams: at most %d (%d per address); "
            "trusted proxies: %s",
            cap,
            streams.slots.total,
            streams.slots.per_address,
            ", ".join(sorted(proxies)) or "none",
        )
        super().listen()

    def init_handlers(self) -> list:  # type: ignore[override]
        handlers = harden_handlers(super().init_handlers())
        from chatdojo.room import handlers as room_handlers  # the live room: no kernel per phone

        room = room_handlers(self.server_url, self.ip)
        room = [*room, *learner_web.handlers(self.server_url)]  # the learner cookie form
        from chatdojo.scorm import web as export_web  # trainers' SCORM and static-site downloads

        room = [*room, *export_web.handlers(self.server_url)]
        return [(self.server_url.rstrip("/") + "/", _HomeRedirect), *room, *handlers]


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def voila_argv(notebooks: Path, host: str, port: int, pool: int) -> list[str]:
    """Voila settings: sources stripped, no tracebacks, preheated pool, idle kernels culled."""
    return [
        str(notebooks),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
        "--template=chatdojo",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--VoilaExecutor.show_tracebacks=False",
        # A room of phones starts many kernels at once on 2 cores: wait for them rather
        # than send a page without its widgets (see bench/room_bench.py).
        "--VoilaExecutor.startup_timeout=300",
        "--VoilaExecutor.iopub_timeout=30",
        f"--preheat_kernel={pool > 0}",
        f"--pool_size={pool}",
        "--VoilaConfiguration.allow_theme_override=NO",
        "--VoilaConfiguration.allow_template_override=NO",
        "--MappingKernelManager.cull_idle_timeout=900",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
    ]


def voila_config(pool: int) -> Config:
    config = Config()
    pools = {"default": {"pool_size": 0}}
    pools.update({page: {"pool_size": pool} for page in PREHEATED_PAGES})
    config.VoilaKernelManager.kernel_pools_config = pools
    config.VoilaConfiguration.file_allowlist = [r".*\.(png|svg|css)"]  # no notebooks, no data
    # the learner cookie (learner_web), the chosen language/organization and the browser's language
    config.VoilaConfiguration.http_header_envs = ["Cookie", "Accept-Language"]
    return config


def serve(notebooks: Path, host: str, port: int, pool: int, env: dict[str, str]) -> int:
    os.environ.update(env)  # kernels inherit the chosen profile, database and content root
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p
    )
    ChatDojoVoila.launch_instance(
        argv=voila_argv(notebooks, host, port, pool), config=voila_config(pool)
    )
    return 0
