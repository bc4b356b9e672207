"""The live room's Jinja templates: one environment, versioned static assets, ``render``.

Both the quiz views (``room.render``) and the scenario views (``room.scenario_view``)
render through here, so neither has to import the other.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from chatdojo.i18n import pick
from chatdojo.room.text import tr

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["tr"] = tr
    env.globals["pick"] = pick
    env.globals["asset"] = asset
    return env


@cache
def asset(name: str) -> str:
    """``/room/static/NAME?v=HASH``: Tornado lets browsers keep a versioned file for a year,
    so a phone fetches the script and stylesheet once, and a new release is fetched anew."""
    import hashlib

    digest = hashlib.sha256((TEMPLATES.parent / "static" / name).read_bytes()).hexdigest()
    return f"/room/static/{name}?v={digest[:12]}"


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
