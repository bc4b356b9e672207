"""Does a failing widget callback show a plain message in the page's language, never the exception?"""

from __future__ import annotations

from chatdojo.content.catalog import load_catalog
from chatdojo.views.page import UNEXPECTED, Page, safe


def _boom() -> None:
    raise RuntimeError("(sqlite3.OperationalError) unable to open /srv/secret/results.db")


def test_exception_text_never_reaches_the_page() -> None:
    """Is the report a generic sentence in the page's language, without the exception's text?"""
    page = Page(catalog=load_catalog(), lang="ja")
    shown: list[str] = []
    safe(_boom, shown.append)()
    assert shown == [UNEXPECTED["ja"]]
    page.set(lang="en")
    safe(_boom, shown.append)()
    assert shown[-1] == UNEXPECTED["en"]
    assert not any("sqlite3" in text or "/srv/" in text for text in shown)
