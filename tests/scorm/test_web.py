"""Trainers' downloads: a module's SCORM zip and the static site from the server."""

from __future__ import annotations

import io
import zipfile

import tornado.web
from tornado.testing import AsyncHTTPTestCase

from chatdojo.scorm import web


class DownloadTest(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        return tornado.web.Application(web.handlers("/"))

    def test_scorm_zip(self) -> None:
        url = web.scorm_url("paper-saving", "kusatsu-city", "en") + "&mastery=80"
        response = self.fetch(url)
        assert response.code == 200
        assert response.headers["Content-Type"] == "application/zip"
        assert "paper-saving-kusatsu-city-en-scorm12.zip" in response.headers["Content-Disposition"]
        names = zipfile.ZipFile(io.BytesIO(response.body)).namelist()
        assert names[0] == "imsmanifest.xml" and "index.html" in names
        again = self.fetch(url)
        assert again.body == response.body

    def test_site_zip(self) -> None:
        response = self.fetch(web.site_url("default"))
        assert response.code == 200
        names = zipfile.ZipFile(io.BytesIO(response.body)).namelist()
        assert (
            "chatdojo-site/ja/index.html" in names and "chatdojo-site/en/completion.html" in names
        )

    def test_bad_parameters_are_refused(self) -> None:
        assert self.fetch("/chatdojo/export/scorm/nope.zip").code == 404
        assert self.fetch("/chatdojo/export/scorm/paper-saving.zip?profile=x").code == 400
        assert self.fetch("/chatdojo/export/scorm/paper-saving.zip?mastery=101").code == 400
        assert self.fetch("/chatdojo/export/scorm/paper-saving.zip?mastery=-1").code == 400
        assert self.fetch("/chatdojo/export/scorm/..%2Fetc.zip").code == 404

    def test_home_page_links_download(self) -> None:
        """Does every download link on the home page (ja and en) answer with a zip?"""
        import re

        from chatdojo.content.catalog import load_catalog
        from chatdojo.views.home_view import downloads
        from chatdojo.views.page import Page

        catalog = load_catalog()
        from chatdojo.modules import topic_modules

        for lang in ("ja", "en"):
            page = Page(catalog, lang=lang, profile_id="nogata-city")
            markup = downloads(page, topic_modules(catalog))
            links = re.findall(r'href="([^"]+)"', markup)
            assert len(links) == len(catalog.guides) + 1
            for link in links[:1] + links[-1:]:
                response = self.fetch(link.replace("&amp;", "&"))
                assert response.code == 200, link
                assert response.body[:2] == b"PK"
