"""The served app hides its sources and files (Voila advisory GHSA-2q59-h24c-w6fg and friends)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.e2e


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize(
    "path",
    [
        "/voila/files/home.ipynb",
        "/voila/files/../pyproject.toml",
        "/voila/files/%2e%2e/data/rules.csv",
    ],
)
def test_files_and_notebook_sources_are_not_served(server: str, path: str) -> None:
    """Can a participant download a notebook or a repository file? (They must not.)"""
    assert status(server + path) in (403, 404)


def test_contents_api_gives_no_notebook_source(server: str) -> None:
    """Does Voila's contents API (used by its tree page) leave out the notebooks' code?"""
    for query in ("", "?content=1", "?content=1&format=text"):
        try:
            with urllib.request.urlopen(
                server + "/voila/api/contents/home.ipynb" + query, timeout=60
            ) as r:
                body = r.read().decode("utf-8")
        except urllib.error.HTTPError:
            continue
        assert "from chatdojo" not in body


def test_rendered_page_has_no_source_and_no_theme_override(server: str) -> None:
    """Is the rendered page free of notebook source, and is ?voila-theme= ignored?"""
    with urllib.request.urlopen(
        server + "/voila/render/home.ipynb?voila-theme=dark", timeout=120
    ) as r:
        html = r.read().decode("utf-8")
    assert "from chatdojo" not in html
    assert "theme-dark" not in html and "jp-mod-dark" not in html
