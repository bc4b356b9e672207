"""The paper dashboard as a ChatDojo page: shared header, language from the URL."""

from __future__ import annotations

import ipywidgets as w

from chatdojo.views.page import Page, app_frame
from chatdojo.views.paper_dashboard import PaperDashboard


def paper_dashboard_page(page: Page | None = None) -> w.Widget:
    """Header (title, 日本語/English) above the dashboard, which follows the page language."""
    page = page or Page.from_request()
    dashboard = PaperDashboard(page=page)
    view = app_frame(page.header(), dashboard)
    view.dashboard = dashboard  # type: ignore[attr-defined]  # tests drive it through this
    return view
