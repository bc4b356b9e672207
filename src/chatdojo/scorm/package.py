"""Build a module's SCORM 1.2 package: one static page, its script and styles, the manifest.

The page needs no other host and no inline script or style: the data sit in a
``<script type="application/json">`` block (data, not code, under ``script-src 'self'``)
and the page carries that policy in a ``<meta http-equiv>`` so any inline code would fail.
"""

from __future__ import annotations

import io
import json
import zipfile
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any

from chatdojo.content.catalog import Catalog
from chatdojo.content.profiles import DEFAULT_PROFILE
from chatdojo.i18n import Lang, pick
from chatdojo.scorm import manifest
from chatdojo.scorm.data import ExportError, QuizPlan, md, page_data, plan, rule_titles

SCRIPTS = ("scoring.js", "runtime.js", "quiz.js")
STYLES = ("style.css", "page.css")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)
MAX_PACKAGE = 2 * 1024 * 1024  # bytes; an LMS upload limit far above any module's needs


def static_file(name: str) -> bytes:
    if name == "style.css":  # the app's own stylesheet: the same look
        return files("chatdojo.views").joinpath("style.css").read_bytes()
    return files("chatdojo.scorm").joinpath("static", name).read_bytes()


def guide_html(catalog: Catalog, module: str, lang: str, profile_id: str) -> str:
    guide = catalog.guides[module]
    profile = catalog.profile(profile_id)
    subs = profile.substitutions(lang) if profile else {}
    return (
        f"<h1>{escape(pick(guide.title, lang))}</h1>"
        f'<p class="cd-note">{escape(pick(guide.summary, lang))}</p>'
        + md(guide.body, lang, subs, rule_titles(catalog, lang))
    )


def json_block(data: Any, block_id: str = "cd-data") -> str:
    """Data for the script as a ``<script type="application/json">`` that cannot close early."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # A data block ends at the first "</script"; "<!--" could start an escaped state. JSON
    # strings may escape "/" and "!", so neither sequence can appear, and the rest stays
    # readable (escaping every "<" made the advisor's page a quarter larger).
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    return f'<script type="application/json" id="{block_id}">{payload}</script>'


def page_html(
    title: str,
    lang: str,
    data: dict[str, Any],
    *,
    assets: str = "",
    scripts: tuple[str, ...] = SCRIPTS,
    header: str = "",
    csp: str = CSP,
) -> str:
    """index.html: the frame the script fills; data as JSON that cannot close its block.

    ``assets`` prefixes the script and style paths (the static site shares one copy);
    ``header`` is extra markup for the top bar (the site's home link), already escaped.
    """
    tags = "".join(f'<script src="{assets}{name}" defer></script>' for name in scripts)
    policy = escape(csp, quote=False).replace('"', "&quot;")
    styles = "".join(f'<link rel="stylesheet" href="{assets}{name}">' for name in STYLES)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<link rel="icon" href="data:,">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{escape(title)} | ChatDojo</title>\n{styles}\n{tags}\n</head>\n"
        f'<body>\n<main class="cd-app cd-static" id="cd-app">\n'
        f'<div class="cd-header">{header}<span class="cd-title">{escape(title)}</span></div>\n'
        f'<div class="cd-lms-status cd-note" id="cd-lms-status" role="status"></div>\n'
        f'<noscript><div class="cd-error">JavaScript</div></noscript>\n'
        f'<div class="cd-switch" id="cd-switch" hidden></div>\n'
        f'<section class="cd-guide" id="cd-guide"></section>\n'
        f'<section class="cd-quiz" id="cd-quiz" hidden></section>\n'
        f"</main>\n"
        f"{json_block(data)}\n"
        f"</body>\n</html>\n"
    )


def build_files(catalog: Catalog, quiz: QuizPlan, mastery: float | None) -> dict[str, bytes]:
    """Every file of the package but the manifest, by name."""
    module = quiz.bank.guide or ""
    lang = quiz.lang
    data = page_data(
        catalog,
        quiz,
        mastery=mastery,
        guide_html=guide_html(catalog, module, lang, quiz.profile_id),
    )
    title = pick(catalog.guides[module].title, lang)
    out = {"index.html": page_html(title, lang, data).encode("utf-8")}
    for name in (*SCRIPTS, *STYLES):
        out[name] = static_file(name)
    return out


def build_package(
    catalog: Catalog,
    module: str,
    *,
    profile_id: str = DEFAULT_PROFILE,
    lang: Lang = "ja",
    count: int | None = None,
    seed: int = 0,
    mastery: float | None = None,
) -> bytes:
    """The zip's bytes, checked: the manifest lists every file and is SCORM 1.2."""
    if mastery is not None and not 0 <= mastery <= 100:
        raise ExportError(f"--mastery must be a percentage between 0 and 100 (got {mastery:g})")
    quiz = plan(catalog, module, profile_id=profile_id, lang=lang, count=count, seed=seed)
    body = build_files(catalog, quiz, mastery)
    title = pick(catalog.guides[module].title, lang)
    ident = f"chatdojo-{module}-{profile_id}-{lang}"
    xml = manifest.build(ident, title, body, mastery=mastery)
    return zip_package({manifest.MANIFEST: xml, **body})


def zip_package(members: dict[str, bytes]) -> bytes:
    """Check the manifest against the members, then zip them (manifest first, at the root)."""
    xml = members.get(manifest.MANIFEST)
    if xml is None:
        raise manifest.ManifestError(f"{manifest.MANIFEST}: missing from the package")
    manifest.check(xml, members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(members, key=lambda n: (n != manifest.MANIFEST, n)):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, members[name])
    data = buffer.getvalue()
    if len(data) > MAX_PACKAGE:
        raise ExportError(f"the package is {len(data):,} bytes, over {MAX_PACKAGE:,}")
    return data


def write_package(data: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
