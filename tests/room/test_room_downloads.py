"""/room/new offers trainers the SCORM zips and the static site (issue 18 item 5)."""

from __future__ import annotations

import re


def test_new_session_page_offers_the_downloads(room) -> None:
    client = room.console()
    for lang in ("ja", "en"):
        page = client.get(f"/room/new?lang={lang}").text
        section = page[page.index('id="downloads"') :]
        links = re.findall(r'href="(/chatdojo/export/[^"]+)"', section)
        assert any("/scorm/communication-method.zip" in link for link in links), links
        assert "/chatdojo/export/site.zip" in links
        assert ("LMS" in section) and ("SCORM 1.2" in section)
