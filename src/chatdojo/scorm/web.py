"""Downloads for trainers: a module's SCORM package and the static site, built on request.

``GET /chatdojo/export/scorm/MODULE.zip?profile=P&lang=ja&mastery=80`` and
``GET /chatdojo/export/site.zip?profile=P``. Every parameter is checked against the
catalogue (unknown values get a 400 naming the parameter); a small cache keeps the last
builds so a room of trainers clicking at once builds each file once.
"""

from __future__ import annotations

import io
import logging
import tempfile
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tornado.web

from chatdojo.content.catalog import Catalog, load_catalog
from chatdojo.content.profiles import DEFAULT_PROFILE
from chatdojo.i18n import normalize_lang
from chatdojo.scorm.data import ExportError
from chatdojo.scorm.package import build_package

log = logging.getLogger("chatdojo")
PATH = "/chatdojo/export"


def scorm_url(module: str, profile: str, lang: str, base_url: str = "/") -> str:
    return f"{base_url.rstrip('/')}{PATH}/scorm/{module}.zip?profile={profile}&lang={lang}"


def site_url(profile: str, base_url: str = "/") -> str:
    return f"{base_url.rstrip('/')}{PATH}/site.zip?profile={profile}"


_CACHE: OrderedDict[tuple[Any, ...], tuple[Catalog, bytes]] = OrderedDict()
CACHE_SIZE = 32


def cached(catalog: Catalog, key: tuple[Any, ...], build: Callable[[], bytes]) -> bytes:
    """The last builds, per catalogue object (a reloaded catalogue builds afresh)."""
    full = (id(catalog), *key)
    hit = _CACHE.get(full)
    if hit is not None and hit[0] is catalog:
        _CACHE.move_to_end(full)
        return hit[1]
    data = build()
    _CACHE[full] = (catalog, data)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return data


def _scorm(catalog: Catalog, module: str, profile: str, lang: str, mastery: int | None) -> bytes:
    return build_package(
        catalog,
        module,
        profile_id=profile,
        lang=normalize_lang(lang),
        mastery=None if mastery is None else float(mastery),
    )


def _site(catalog: Catalog, profile: str) -> bytes:
    from chatdojo.site.build import build_site

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_site(catalog, root, profile_id=profile)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    zf.write(path, f"chatdojo-site/{path.relative_to(root).as_posix()}")
        return buffer.getvalue()


class ExportHandler(tornado.web.RequestHandler):
    def get(self, kind: str, module: str | None = None) -> None:
        catalog = load_catalog()
        profile = self.get_query_argument("profile", DEFAULT_PROFILE)[:64]
        if profile not in catalog.profiles:
            raise tornado.web.HTTPError(400, reason="unknown profile")
        try:
            if kind == "site":
                data = cached(catalog, ("site", profile), lambda: _site(catalog, profile))
                name = f"chatdojo-site-{profile}.zip"
            else:
                lang = normalize_lang(self.get_query_argument("lang", "ja")[:8])
                raw = self.get_query_argument("mastery", "")[:3]
                if raw and not (raw.isdigit() and 0 <= int(raw) <= 100):
                    raise tornado.web.HTTPError(400, reason="mastery must be 0-100")
                if module is None or module not in catalog.guides:
                    raise tornado.web.HTTPError(404, reason="unknown module")
                mastery = int(raw) if raw else None
                key = ("scorm", module, profile, lang, mastery)
                data = cached(catalog, key, lambda: _scorm(catalog, module, profile, lang, mastery))
                name = f"{module}-{profile}-{lang}-scorm12.zip"
        except ExportError as exc:
            log.warning("export refused: %s", exc)
            raise tornado.web.HTTPError(400, reason="cannot export this module") from None
        self.set_header("Content-Type", "application/zip")
        self.set_header("Content-Disposition", f'attachment; filename="{name}"')
        self.set_header("Cache-Control", "no-store")
        self.finish(data)


def handlers(base_url: str = "/") -> list[tuple[str, Any, dict[str, Any]]]:
    """The routes to add to the server's handlers (downloads, and the site's collect)."""
    from chatdojo.site import collect  # the static site's results (serve --collect target)

    base = base_url.rstrip("/") + PATH
    return [
        (base + r"/(scorm)/([a-z0-9][a-z0-9-]{0,63})\.zip", ExportHandler, {}),
        (base + r"/(site)\.zip", ExportHandler, {}),
        *collect.handlers(base_url),
    ]
