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
