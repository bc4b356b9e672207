"""The page templates are compiled once per server process, not once per page request."""

from __future__ import annotations

from pathlib import Path

import jinja2
from voila.exporter import VoilaExporter

from chatdojo.template_cache import CACHES, share_compiled_templates


class _Exporter:
    """Stands in for VoilaExporter: a new Jinja environment per instance, as Voila makes one
    per page request, over a folder whose template we can edit."""

    folder = Path()
    is_async = False

    def _create_environment(self) -> jinja2.Environment:
        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.folder)), enable_async=self.is_async
        )


def test_second_environment_reuses_the_compiled_template(tmp_path: Path, monkeypatch) -> None:
    """Does a second page's environment skip compiling, and does an edited template still
    show its new text (the cache is checked against the source)?"""
    (tmp_path / "page.html").write_text("{% for i in range(2) %}[{{ i }}]{% endfor %}")
    _Exporter.folder = tmp_path
    share_compiled_templates(_Exporter)
    share_compiled_templates(_Exporter)  # twice is once
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    CACHES[False].store.clear()
    first = _Exporter()._create_environment().get_template("page.html").render()
    second = _Exporter()._create_environment().get_template("page.html").render()
    assert first == second == "[0][1]"
    assert compiled == ["page.html"]  # the second environment loaded the bytecode
    (tmp_path / "page.html").write_text("edited")
    assert _Exporter()._create_environment().get_template("page.html").render() == "edited"
    assert compiled == ["page.html", "page.html"]


def test_async_environments_have_their_own_cache(tmp_path: Path) -> None:
    """Is code compiled for an async environment never handed to a sync one?"""
    (tmp_path / "page.html").write_text("{{ 1 + 1 }}")

    class AsyncExporter(_Exporter):
        is_async = True

    AsyncExporter.folder = tmp_path
    share_compiled_templates(AsyncExporter)
    env = AsyncExporter()._create_environment()
    assert env.bytecode_cache is CACHES[True] and CACHES[True] is not CACHES[False]


def test_the_server_shares_compiled_templates() -> None:
    """Does ChatDojo's Voila give Voila's exporter the shared cache?"""
    from chatdojo.server import ChatDojoVoila  # noqa: F401  (imports the hook)
    from chatdojo.template_cache import share_compiled_templates as hook

    hook(VoilaExporter)
    assert getattr(VoilaExporter._create_environment, "shares_compiled_templates", False)
