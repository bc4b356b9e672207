"""The completion certificate: Japanese text in the PDF, markup escaped in HTML."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from chatdojo.store import learners
from chatdojo.store.certificate import (
    Certificate,
    UnprintableName,
    certificate_html,
    certificate_pdf,
    font_path,
    serial_for,
    undrawable,
)
from chatdojo.store.validate import InputError

CERT = Certificate(
    name="山田 <b>太郎</b>",
    modules=(("連絡手段の選び方", date(2025, 4, 1)), ("情報の分類", None)),
    issued=date(2025, 4, 2),
    organization="草津市",
    serial=serial_for(7, ["a", "b"], date(2025, 4, 1)),
)


def test_pdf_embeds_the_japanese_font():
    """Is the JIS X 0213 font (Noto Sans CJK JP) embedded in the PDF?"""
    pdf = certificate_pdf(CERT, "ja")
    assert pdf.startswith(b"%PDF-")
    assert (b"/FontFile2" in pdf or b"/FontFile3" in pdf) and b"NotoSansCJKJP" in pdf
    assert font_path().name == "NotoSansCJK-Regular.ttc"


def test_pdf_in_english_too():
    """Does the English certificate render with the same font (names stay Japanese)?"""
    assert certificate_pdf(CERT, "en").startswith(b"%PDF-")


def test_html_escapes_name_and_is_a_full_page():
    """Is the learner's name escaped in the printable page?"""
    page = certificate_html(CERT, "ja")
    assert page.startswith("<!DOCTYPE html>") and "@page" in page
    assert "<b>太郎</b>" not in page and "&lt;b&gt;太郎&lt;/b&gt;" in page


def test_serial_is_stable():
    """Does the same learner and completion give the same certificate number?"""
    assert serial_for(7, ["b", "a"], date(2025, 4, 1)) == CERT.serial
    assert serial_for(8, ["a", "b"], date(2025, 4, 1)) != CERT.serial


def text_of(pdf: bytes) -> str:
    """The PDF's text as a reader extracts it (poppler's pdftotext)."""
    import shutil
    import subprocess

    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        [tool, "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")


def test_jis_x_0213_names_are_printed_whole():
    """Issue 9 item 9: are 𠮷 and 髙 in a name printed, not silently dropped?"""
    cert = replace(CERT, name="𠮷野 髙橋")
    assert undrawable(cert.name) == []
    assert "𠮷野 髙橋" in text_of(certificate_pdf(cert, "ja"))


def test_a_name_the_font_cannot_draw_is_refused_before_issuing(store):
    """Is a name with an emoji refused at sign-up, and a certificate refused rather than printed short?"""
    assert undrawable("太郎😀") == ["😀"]
    assert undrawable("葛\U000e0100城") == []  # a variation selector only picks a glyph form
    with pytest.raises(InputError) as refused:
        learners.create_learner(store, "山田😀")
    assert refused.value.key == "name_glyphs"
    with pytest.raises(UnprintableName) as short:
        certificate_pdf(replace(CERT, name="山田😀"), "ja")
    assert short.value.characters == ["😀"]


def test_without_noto_the_fallback_font_refuses_what_it_lacks(monkeypatch):
    """With only IPAexGothic (no JIS X 0213), is 𠮷 refused instead of dropped?"""
    from chatdojo.store import certificate

    monkeypatch.setenv(certificate.FONT_ENV, str(certificate.ipaex_path()))
    for cached in (certificate.certificate_font, certificate._codepoints, certificate_pdf):
        cached.cache_clear()
    try:
        assert certificate.certificate_font().name == "IPAexGothic"
        assert undrawable("𠮷野") == ["𠮷"]
        with pytest.raises(UnprintableName):
            certificate_pdf(replace(CERT, name="𠮷野"), "ja")
    finally:
        monkeypatch.delenv(certificate.FONT_ENV)
        for cached in (certificate.certificate_font, certificate._codepoints, certificate_pdf):
            cached.cache_clear()


def test_progress_page_explains_an_unprintable_legacy_name():
    """A learner saved before the check with an emoji name: is the certificate refused with a message?"""
    from chatdojo.content.catalog import load_catalog
    from chatdojo.views.page import Page
    from chatdojo.views.progress_view import ProgressView

    view = ProgressView(Page(catalog=load_catalog(), lang="en"), store=object(), params={})
    box = view._certificate_widget(replace(CERT, name="Ken 😀"), "en")
    assert "cannot print" in box.value and "😀" in box.value and "application/pdf" not in box.value


def test_dates_as_people_write_them_and_an_issuer_line():
    """Does the certificate say 2025年4月2日 / 2 April 2025 (not ISO) and who issued it?"""
    ja, en = certificate_html(CERT, "ja"), certificate_html(CERT, "en")
    assert "2025年4月2日" in ja and "2025年4月1日" in ja and "2025-04" not in ja
    assert "2 April 2025" in en and "1 April 2025" in en and "2025-04" not in en
    assert "発行者：草津市" in ja and "Issued by: 草津市" in en
    standard = certificate_html(replace(CERT, organization=""), "ja")
    assert "発行者：ChatDojo" in standard
    assert certificate_pdf(replace(CERT, serial="x"), "ja").startswith(b"%PDF-")
