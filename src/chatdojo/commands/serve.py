"""``chatdojo serve``: run the training apps with Voila."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Mapping


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "serve",
        help="start the training app (Voila) in this terminal",
        description=(
            "Serve the notebooks in notebooks/ as apps with Voila (sources hidden, no "
            "tracebacks to users, preheated kernels). Open http://HOST:PORT/ in a browser; "
            "participants on phones need a HOST they can reach (e.g. --host 0.0.0.0 on a "
            "training network). Stop with Ctrl+C."
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument("--port", type=int, default=8866, help="port (default: 8866)")
    parser.add_argument(
        "--pool",
        type=int,
        default=2,
        metavar="N",
        help="kernels kept ready for the home and live-session pages, which a whole room opens at once (default: 2; 0 turns preheating off)",
    )
    parser.add_argument(
        "--profile",
        default=None,
        help="organization profile the learners see (default: default; see data/profiles/)",
    )
    parser.add_argument(
        "--db",
        default=None,
        help="SQLAlchemy URL of the results database (default: SQLite in the user data folder; or $CHATDOJO_DB)",
    )
    parser.add_argument(
        "--public-url",
        default=None,
        metavar="URL",
        help="address phones use to reach this server, for the join link and QR code, e.g. "
        "http://192.168.1.20:8866 (default: $CHATDOJO_PUBLIC_URL, else this machine's LAN address)",
    )
    parser.add_argument(
        "--timezone",
        default=None,
        metavar="ZONE",
        help="time zone of exported times, e.g. Asia/Tokyo (default: $CHATDOJO_TIMEZONE, else Asia/Tokyo)",
    )
    parser.add_argument(
        "--trusted-proxy",
        default=None,
        metavar="ADDR[,ADDR...]",
        help="addresses of your reverse proxies: only their X-Forwarded-For/-Proto are "
        "believed, so limits count real clients (default: $CHATDOJO_TRUSTED_PROXIES, else none; "
        "see docs/security.md)",
    )
    from chatdojo.commands.pack import add_pack_option

    add_pack_option(parser)
    parser.set_defaults(run=run)


def trainer_key(environ: Mapping[str, str]) -> tuple[str, bool]:
    """The key that opens scenario maps for trainers (``?trainer=KEY``): the environment's
    CHATDOJO_TRAINER_KEY, or a fresh random one for this run (printed only in this terminal)."""
    key = environ.get("CHATDOJO_TRAINER_KEY", "").strip()
    if len(key) >= 8:
        return key, False
    return secrets.token_urlsafe(12), True


def public_url(
    given: str | None, host: str, port: int, environ: Mapping[str, str]
) -> tuple[str | None, str]:
    """The address phones use (None: ``given`` is not an address) and a warning, if any."""
    from chatdojo.room.address import PUBLIC_URL_ENV, clean_public_url, public_address

    if given is not None:
        return clean_public_url(given), ""
    found = public_address(host, port, environ)
    if found.configured:
        return found.url, ""
    if found.problem == "loopback":
        return found.url, (
            f"listening on {host} only: phones cannot reach {found.url}. To run a live room, "
            f"restart with --host 0.0.0.0 (and --public-url http://ADDRESS:{port} if needed)."
        )
    if found.problem == "no_lan":
        return found.url, (
            "no network address found for this machine: phones cannot reach "
            f"{found.url}. Connect to the network, or give --public-url (or ${PUBLIC_URL_ENV})."
        )
    return found.url, ""


def run(args: argparse.Namespace) -> int:
    from chatdojo.content.catalog import default_root, load_catalog, load_module_catalog

    if not 1 <= args.port <= 65535:
        print(f"chatdojo serve: port {args.port} is not between 1 and 65535", file=sys.stderr)
        return 2
    if args.pool < 0:
        print("chatdojo serve: --pool must be 0 or more", file=sys.stderr)
        return 2
    from chatdojo.commands.pack import apply_pack_option, notebook_folder

    packs = apply_pack_option(args)
    root = default_root()
    notebooks = root / "notebooks"
    if not (notebooks / "home.ipynb").is_file():
        print(
            f"chatdojo serve: {notebooks}/home.ipynb not found; run from the ChatDojo folder or set CHATDOJO_HOME",
            file=sys.stderr,
        )
        return 2
    profile = args.profile or os.environ.get("CHATDOJO_PROFILE") or "default"
    catalog = load_catalog(root)
    if profile not in catalog.profiles:
        known = ", ".join(sorted(catalog.profiles)) or "none"
        print(f"chatdojo serve: unknown profile '{profile}' (known: {known})", file=sys.stderr)
        return 2
    for error in catalog.errors:
        print(f"warning: {error}", file=sys.stderr)
    for guide_id in catalog.guides:  # each module page's part, cut once here, not per kernel
        load_module_catalog(guide_id, root)
    notebooks = notebook_folder(root, list(catalog.guides))

    from chatdojo.server import port_free, serve

    if not port_free(args.host, args.port):
        print(
            f"chatdojo serve: port {args.port} on {args.host} is already in use. "
            f"Stop the other program or choose another port, e.g. --port {args.port + 1}.",
            file=sys.stderr,
        )
        return 1
    env = {"CHATDOJO_HOME": str(root), "CHATDOJO_PROFILE": profile}
    if packs:
        env["CHATDOJO_PACKS"] = os.pathsep.join(str(p) for p in packs)
    db = args.db or os.environ.get("CHATDOJO_DB")
    if db:
        env["CHATDOJO_DB"] = db
    key, made = trainer_key(os.environ)
    env["CHATDOJO_TRAINER_KEY"] = key
    from chatdojo.webguard.netserver import PROXY_ENV, parse_proxies

    proxies = getattr(args, "trusted_proxy", None) or os.environ.get(PROXY_ENV, "")
    try:
        env[PROXY_ENV] = ",".join(sorted(parse_proxies(proxies)))
    except ValueError as exc:
        print(f"chatdojo serve: --trusted-proxy: {exc}", file=sys.stderr)
        return 2
    public, problem = public_url(args.public_url, args.host, args.port, os.environ)
    if public is None:
        print(
            f"chatdojo serve: --public-url {args.public_url!r} is not an http(s) address",
            file=sys.stderr,
        )
        return 2
    if args.public_url is not None:  # else the room finds the LAN address itself, and warns
        env["CHATDOJO_PUBLIC_URL"] = public
    zone = args.timezone or os.environ.get("CHATDOJO_TIMEZONE") or ""
    if zone:
        from chatdojo.store.results import export_zone

        if export_zone(zone).key != zone:
            print(f"chatdojo serve: unknown time zone {zone!r} (e.g. Asia/Tokyo)", file=sys.stderr)
            return 2
        env["CHATDOJO_TIMEZONE"] = zone
    print(f"ChatDojo: {public}/  (profile: {profile}; Ctrl+C to stop)", flush=True)
    print(f"Phones join at: {public}/room  (the QR code on the projector shows this address)")
    if problem:
        print(f"warning: {problem}", file=sys.stderr, flush=True)
    print(
        f"Trainers: new live room {public}/room/new?trainer={key} ; scenario maps "
        f"{public}/voila/render/scenarios.ipynb?trainer={key}"
        + ("  (key made for this run; set CHATDOJO_TRAINER_KEY to keep one)" if made else ""),
        flush=True,
    )
    from chatdojo.commands.runtime import ServerInfo, remove_server_info, write_server_info

    info = ServerInfo(public, args.port, profile, tuple(map(str, packs)), os.getpid(), db or "")
    try:
        write_server_info(info)
    except OSError as exc:  # the trainer's commands then need --server
        print(f"warning: could not write the server file: {exc}", file=sys.stderr)
    try:
        return serve(notebooks, args.host, args.port, args.pool, env)
    finally:
        remove_server_info(os.getpid())
