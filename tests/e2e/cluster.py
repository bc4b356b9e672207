"""Two (or more) ``chatdojo serve`` processes on one PostgreSQL behind Debian's nginx.

Used by ``tests/e2e/test_cluster.py`` and ``make cluster`` (``scripts/cluster.py``). The
nginx configuration is ``deploy/nginx/chatdojo.conf`` itself, with its listen port and
upstream servers rewritten for this machine, wrapped in a minimal main configuration
whose pid file, logs and temporary folders live in a folder of the caller's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from .conftest import REPO, Serve, free_port

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = REPO / "deploy" / "nginx" / "chatdojo.conf"

MAIN = """worker_processes 1;
worker_rlimit_nofile 65536;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 16384; }}  # two per phone (its own and the upstream's)
http {{
    log_format upstream '$remote_addr "$request" $status $upstream_addr';
    access_log {prefix}/access.log upstream;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    include {prefix}/site.conf;
}}
"""


def site_config(listen: int, backends: list[int]) -> str:
    """The shipped site configuration with this machine's listen port and backends."""
    text = SITE.read_text(encoding="utf-8")
    servers = "".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n" for port in backends
    )
    text, n = re.subn(r"(    server 127\.0\.0\.1:\d+ [^\n]*\n)+", servers, text, count=1)
    assert n == 1, "deploy/nginx/chatdojo.conf: upstream servers not found"
    text, n = re.subn(r"listen 80;", f"listen 127.0.0.1:{listen};", text, count=1)
    assert n == 1, "deploy/nginx/chatdojo.conf: 'listen 80;' not found"
    return text


class Nginx:
    def __init__(self, prefix: Path, backends: list[int]) -> None:
        self.prefix, self.port = prefix, free_port()
        (prefix / "tmp").mkdir(parents=True, exist_ok=True)
        (prefix / "site.conf").write_text(site_config(self.port, backends), encoding="utf-8")
        (prefix / "nginx.conf").write_text(MAIN.format(prefix=prefix), encoding="utf-8")
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Nginx:
        conf = str(self.prefix / "nginx.conf")
        subprocess.run([NGINX, "-t", "-q", "-p", str(self.prefix), "-c", conf], check=True)
        self.proc = subprocess.Popen(
            [NGINX, "-p", str(self.prefix), "-c", conf, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(self.prefix / "stderr.log").open("w"),
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/room", timeout=5):
                    return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise TimeoutError("nginx did not answer")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


class Cluster:
    """``n`` servers on ``db`` (PostgreSQL) behind one nginx; ``url`` is the proxy's."""

    def __init__(self, db: str, folder: Path, n: int = 2, pool: int = 0) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.servers = [Serve(db, folder / f"serve-{i}.log", pool=pool) for i in range(n)]
        self.nginx = Nginx(folder / "nginx", [s.port for s in self.servers])
        self.trainer_key = "cluster-trainer-key"

    @property
    def url(self) -> str:
        return self.nginx.url

    def start(self, ready: str = "/room") -> Cluster:
        extra = ["--trusted-proxy", "127.0.0.1", "--public-url", self.nginx.url]
        env = {"CHATDOJO_TRAINER_KEY": self.trainer_key}
        procs = [s.launch(extra, env) for s in self.servers]  # start together, then wait
        for server, _proc in zip(self.servers, procs, strict=True):
            server.wait_ready(ready)
        self.nginx.start()
        return self

    def stop(self) -> None:
        self.nginx.stop()
        for server in self.servers:
            server.stop()
