"""The completion certificate: Japanese text in the PDF, markup escaped in HTML."""

from __future__ import annotations

from datetime import date

from chatdojo.store.certificate import (
    Certificate,
    certificate_html,
    certificate_pdf,
    font_path,
    serial_for,
)

CERT = Certificate(
    name="山田 <b>太郎</b>",
    modules=(("連絡手段の選び方", date(2025, 4, 1)), ("情報の分類", None)),
    issued=date(2025, 4, 2),
    organization="草津市",
    serial=serial_for(7, ["a", "b"], date(2025, 4, 1)),
)


def test_pdf_embeds_the_japanese_font():
    """Is IPAexGothic embedded (a font file stream) in the PDF?"""
    pdf = certificate_pdf(CERT, "ja")
    assert pdf.startswith(b"%PDF-")
    assert b"/FontFile2" in pdf and b"IPAexGothic" in pdf
    assert font_path().name == "ipaexg.ttf"


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
