"""``chatdojo export site``: every module's guide and quiz as static pages, in Japanese and
English, with a home page and a printable completion page. No Python on the server and
nothing from other hosts: the quiz is the SCORM package's page (same scoring, same look),
progress is kept in the learner's browser (localStorage).
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from chatdojo.content.banks import questions_for
from chatdojo.content.catalog import Catalog
from chatdojo.content.profiles import DEFAULT_PROFILE
from chatdojo.i18n import LANGS, Strings, pick, translator
from chatdojo.scorm.data import ExportError, QuizPlan, page_data, require_profile
from chatdojo.scorm.package import (
    CSP,
    SCRIPTS,
    STYLES,
    guide_html,
    json_block,
    page_html,
    static_file,
)
from chatdojo.site.advisor import advisor_body, advisor_data
from chatdojo.site.collect import PATH as COLLECT_PATH
from chatdojo.site.scenarios import all_scenarios, scenario_json
from chatdojo.site.scenarios import list_body as scenario_list
from chatdojo.site.scenarios import ui as scenario_ui

TEXT = Strings.load("site")
t = translator(TEXT)
SITE_SCRIPTS = ("site.js", "scenario.js", "advisor.js")


def asset(name: str) -> bytes:
    if name in SITE_SCRIPTS:
        from importlib.resources import files

        return files("chatdojo.site").joinpath("static", name).read_bytes()
    return static_file(name)


def collect_target(url: str) -> tuple[str, str]:
    """The collect endpoint of a chatdojo serve at ``url`` and its origin (for the CSP)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 200:
        raise ExportError(
            f"--collect must be the http(s) address of a chatdojo serve (got {url!r})"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ExportError("--collect: give the server's address only (no query, no user)")
    origin = f"{parts.scheme}://{parts.netloc}"
    return f"{origin}{parts.path.rstrip('/')}{COLLECT_PATH}", origin


def collect_form(lang: str) -> str:
    """Where a learner types the resume code that lets the site send results to the server."""
    return (
        '<form class="cd-card" id="cd-code-form"><label for="cd-code">'
        f'{escape(t("code", lang))}</label><input id="cd-code" class="cd-number" '
        'autocomplete="off" maxlength="64"><p class="cd-note">'
        f'{escape(t("code_hint", lang))}</p><button type="submit" class="cd-button cd-primary">'
        f'{escape(t("code_save", lang))}</button><p id="cd-code-status" role="status"></p></form>'
    )


def frame(
    lang: str,
    title: str,
    body: str,
    data: dict[str, Any],
    *,
    script: str = "site.js",
    block: str = "cd-site",
    page: str = "index.html",
) -> str:
    """A site page in the app's frame, its data for ``script`` (site.js or scenario.js)."""
    styles = "".join(f'<link rel="stylesheet" href="../assets/{n}">' for n in STYLES)
    other = "en" if lang == "ja" else "ja"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{escape(title)} | ChatDojo</title>\n{styles}\n"
        f'<script src="../assets/{script}" defer></script>\n</head>\n<body>\n'
        '<main class="cd-app cd-static" id="cd-app">\n<div class="cd-header">'
        f'<a class="cd-title" href="index.html">{escape(t("title", lang))}</a>'
        f'<a href="../{other}/{page}" hreflang="{other}">{escape(t("language", lang))}</a></div>\n'
        f"{body}\n</main>\n{json_block(data, block)}\n</body>\n</html>\n"
    )


def build_site(
    catalog: Catalog, out: Path, *, profile_id: str = DEFAULT_PROFILE, collect: str | None = None
) -> list[Path]:
    """Write the site under ``out`` (created; existing files of the same names replaced)."""
    require_profile(catalog, profile_id)
    csp, collect_url = CSP, None
    if collect is not None:
        collect_url, origin = collect_target(collect)
        csp = CSP.replace("connect-src 'self'", f"connect-src 'self' {origin}")
    profile = catalog.profile(profile_id)
    guides = sorted(catalog.guides.values(), key=lambda g: (g.order, g.id))
    written: list[Path] = []

    def write(rel: str, body: bytes | str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
        written.append(path)

    for name in (*SCRIPTS, *STYLES, *SITE_SCRIPTS):
        write(f"assets/{name}", asset(name))
    for lang in LANGS:
        listed = []
        for guide in guides:
            bank = catalog.banks.get(guide.quiz or "")
            pool = questions_for(bank, profile) if bank else []
            title = pick(guide.title, lang)
            home = f'<a href="index.html">{escape(t("home", lang))}</a> '
            if bank and pool and guide.shown_to(profile_id):
                plan = QuizPlan(bank, pool, profile_id, lang)
                data = page_data(
                    catalog,
                    plan,
                    mastery=None,
                    guide_html=guide_html(catalog, guide.id, lang, profile_id),
                )
                data.update(site=True, draw=bank.draw, collect=collect_url)
                listed.append(
                    {"id": guide.id, "title": title, "summary": pick(guide.summary, lang)}
                )
                write(
                    f"{lang}/{guide.id}.html",
                    page_html(title, lang, data, assets="../assets/", header=home, csp=csp),
                )
        subs = profile.substitutions(lang) if profile else {}
        for scenario in all_scenarios(catalog, profile):
            data = {
                "scenario": scenario_json(scenario, catalog, lang, subs),
                "ui": scenario_ui(lang),
            }
            name = f"scenario-{scenario.id}.html"
            body = '<div class="cd-scenario" id="cd-scenario"></div>'
            title = pick(scenario.title, lang)
            write(
                f"{lang}/{name}",
                frame(lang, title, body, data, script="scenario.js", block="cd-data", page=name),
            )
        write(
            f"{lang}/advisor.html",
            frame(
                lang,
                t("advisor", lang),
                advisor_body(catalog, lang, profile_id),
                advisor_data(catalog, lang, profile_id),
                script="advisor.js",
                block="cd-data",
                page="advisor.html",
            ),
        )
        write(
            f"{lang}/scenarios.html",
            frame(
                lang,
                t("scenarios", lang),
                scenario_list(catalog, lang, profile),
                {"page": "list", "modules": [], "ui": {"best_score": t("best_score", lang)}},
                page="scenarios.html",
            ),
        )
        body = (
            f'<h1>{escape(t("title", lang))}</h1><p class="cd-note">{escape(t("intro", lang))}</p>'
            f'<p class="cd-note">{escape(t("organization", lang))}: '
            f"{escape(pick(profile.name, lang) if profile else profile_id)}</p>"
            '<div id="cd-modules"></div>'
            + (collect_form(lang) if collect_url else "")
            + f'<p><a class="cd-button cd-link" href="scenarios.html">{escape(t("scenarios", lang))}</a></p>'
            f'<p><a class="cd-button cd-link" href="advisor.html">{escape(t("advisor", lang))}</a></p>'
            f'<p><a class="cd-button cd-link" href="completion.html">{escape(t("completion", lang))}</a></p>'
        )
        ui = {key: pick(text, lang) for key, text in TEXT.items()}
        write(
            f"{lang}/index.html",
            frame(lang, t("title", lang), body, {"page": "home", "modules": listed, "ui": ui}),
        )
        body = (
            f"<h1>{escape(t('completion', lang))}</h1>"
            f'<p class="cd-note">{escape(t("completion_intro", lang))}</p>'
            '<div id="cd-completion"></div>'
        )
        write(
            f"{lang}/completion.html",
            frame(
                lang,
                t("completion", lang),
                body,
                {"page": "completion", "modules": listed, "ui": ui},
            ),
        )
    write(
        "index.html",
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="refresh" content="0; url=ja/index.html">\n'
        '<link rel="icon" href="data:,">\n<title>ChatDojo</title>\n</head>\n<body>\n'
        '<p><a href="ja/index.html">日本語</a> / <a href="en/index.html">English</a></p>\n'
        "</body>\n</html>\n",
    )
    return written


def clear(out: Path) -> None:
    """Remove a previous export's language folders and assets (nothing else)."""
    for name in ("assets", *LANGS):
        if (out / name).is_dir():
            shutil.rmtree(out / name)
