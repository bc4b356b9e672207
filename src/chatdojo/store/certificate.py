"""The completion certificate: a PDF with an embedded Japanese font, and a printable HTML page.

The font is Noto Sans CJK JP, which covers JIS X 0213 (𠮷, 髙, 﨑…), from the
system's ``fonts-noto-cjk`` (installed by ``scripts/install-system-deps.sh``;
~19 MB, so not shipped in the package). Without it the certificate falls back to
IPAexGothic as shipped by ``matplotlib-fontja`` (JIS X 0208 only). fpdf2 embeds
only the glyphs used. A name holding a character the chosen font cannot draw
(emoji, rare ideographs) is refused before a certificate is issued
(``undrawable``), instead of being printed with characters silently missing.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from html import escape
from pathlib import Path

from chatdojo.i18n import MONTHS_EN, Strings

FONT_FAMILY = "CertificateFont"
NOTO_CJK = (  # Debian/Ubuntu (fonts-noto-cjk), Fedora, Arch
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
FONT_ENV = "CHATDOJO_CERT_FONT"  # another .ttf/.otf/.ttc to use (tests, other systems)
# Characters that only pick a glyph variant: the base character prints without them.
_VARIATION = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))

TEXT = Strings.load("store.certificate")
# After the name in Japanese only (an English certificate prints the name alone).
HONORIFIC = " 殿"


@dataclass(frozen=True)
class Certificate:
    name: str
    modules: tuple[tuple[str, date | None], ...]  # (title, date passed)
    issued: date
    organization: str
    serial: str


def serial_for(learner_id: int, module_ids: list[str], completed: datetime | date | None) -> str:
    stamp = completed.isoformat() if completed else ""
    raw = f"{learner_id}:{','.join(sorted(module_ids))}:{stamp}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:10].upper()


@dataclass(frozen=True)
class FontChoice:
    path: Path
    index: int  # face in a .ttc collection
    name: str


@lru_cache(maxsize=1)
def certificate_font() -> FontChoice:
    """Noto Sans CJK JP when installed (or ``$CHATDOJO_CERT_FONT``), else IPAexGothic."""
    override = os.environ.get(FONT_ENV, "").strip()
    candidates = [override] if override else list(NOTO_CJK)
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file():
            index = _japanese_face(path)
            return FontChoice(path, index, _face_name(path, index))
    return FontChoice(ipaex_path(), 0, "IPAexGothic")


def _faces(path: Path) -> list:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        return list(TTCollection(str(path), lazy=True).fonts)
    return [TTFont(str(path), lazy=True)]


def _face_name(path: Path, index: int) -> str:
    return str(_faces(path)[index]["name"].getDebugName(1) or path.stem)


def _japanese_face(path: Path) -> int:
    for index, face in enumerate(_faces(path)):
        if str(face["name"].getDebugName(1) or "").endswith(" JP"):
            return index
    return 0


@lru_cache(maxsize=1)
def _codepoints() -> frozenset[int]:
    font = certificate_font()
    return frozenset(_faces(font.path)[font.index].getBestCmap())


def undrawable(text: str) -> list[str]:
    """The characters of ``text`` the certificate font cannot draw (each once, in order)."""
    drawable = _codepoints()
    missing: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch.isspace() or code in drawable or any(code in r for r in _VARIATION):
            continue
        if ch not in missing:
            missing.append(ch)
    return missing


def font_path() -> Path:
    """The certificate font file."""
    return certificate_font().path


def ipaex_path() -> Path:
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("matplotlib-fontja is not installed (it provides IPAexGothic)")
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "fonts" / "ipaexg.ttf"
        if path.is_file():
            return path
    raise FileNotFoundError("IPAexGothic (ipaexg.ttf) not found in matplotlib_fontja")


def _t(key: str, lang: str) -> str:
    return TEXT[key]["en" if lang == "en" else "ja"]


def _honorific(lang: str) -> str:
    return "" if lang == "en" else HONORIFIC


def long_date(day: date | None, lang: str = "ja") -> str:
    """A date as people write it: 2026年12月6日 / 6 December 2026 ('' for none)."""
    if day is None:
        return ""
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def issuer_line(cert: Certificate, lang: str = "ja") -> str:
    """Who issues it: the organization of the learner's profile, else the training's name."""
    sep = "：" if lang != "en" else ": "
    return f"{_t('issuer', lang)}{sep}{cert.organization or _t('issuer_default', lang)}"


class UnprintableName(ValueError):
    """The name holds characters the certificate font cannot draw."""

    def __init__(self, characters: list[str]) -> None:
        super().__init__("the certificate font cannot draw " + " ".join(characters))
        self.characters = characters


@lru_cache(maxsize=8)
def certificate_pdf(cert: Certificate, lang: str = "ja") -> bytes:
    """The certificate as a PDF; UnprintableName instead of a PDF with missing characters."""
    from fpdf import FPDF

    missing = undrawable(cert.name + cert.organization)
    if missing:
        raise UnprintableName(missing)
    font = certificate_font()
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.add_font(FONT_FAMILY, fname=str(font.path), collection_font_number=font.index)
    pdf.set_title(_t("title", lang))
    pdf.set_creator("ChatDojo")
    pdf.add_page()
    width = pdf.w - 40
    pdf.set_draw_color(40, 70, 140)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_xy(20, 28)
    pdf.set_font(FONT_FAMILY, size=34)
    pdf.cell(width, 16, _t("title", lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.set_font(FONT_FAMILY, size=24)
    pdf.cell(width, 20, cert.name + _honorific(lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(30)
    pdf.set_font(FONT_FAMILY, size=13)
    pdf.multi_cell(width - 20, 8, _t("body", lang), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_x(40)
    pdf.set_font(FONT_FAMILY, size=12)
    pdf.cell(width - 40, 8, _t("modules", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT_FAMILY, size=11)
    for title, passed in cert.modules[:12]:
        pdf.set_x(46)
        pdf.cell(width - 80, 7, f"・{title}", new_x="RIGHT", new_y="TOP")
        pdf.cell(40, 7, long_date(passed, lang), align="R", new_x="LMARGIN", new_y="NEXT")
    if len(cert.modules) > 12:
        pdf.set_x(46)
        pdf.cell(width - 40, 7, f"… (+{len(cert.modules) - 12})", new_x="LMARGIN", new_y="NEXT")
    pdf.set_xy(20, pdf.h - 42)
    pdf.set_font(FONT_FAMILY, size=12)
    footer = (
        f"{_t('issued', lang)}: {long_date(cert.issued, lang)}    "
        f"{_t('serial', lang)}: {cert.serial}"
    )
    pdf.cell(width, 8, footer, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(20)
    pdf.cell(width, 8, issuer_line(cert, lang), align="C")
    return bytes(pdf.output())


def certificate_fragment(cert: Certificate, lang: str = "ja") -> str:
    """The certificate as an HTML block (every value escaped)."""
    items = "".join(
        f"<li><span>{escape(title)}</span> <span class='cd-cert-date'>{escape(long_date(day, lang))}</span></li>"
        for title, day in cert.modules
    )
    org = f"<p class='cd-cert-org'>{escape(issuer_line(cert, lang))}</p>"
    return (
        f'<section class="cd-certificate" aria-label="{escape(_t("title", lang))}">'
        f"<h2>{escape(_t('title', lang))}</h2>"
        f"<p class='cd-cert-name'>{escape(cert.name + _honorific(lang))}</p>"
        f"<p>{escape(_t('body', lang))}</p>"
        f"<h3>{escape(_t('modules', lang))}</h3><ul>{items}</ul>"
        f"<p>{escape(_t('issued', lang))}: {escape(long_date(cert.issued, lang))} / "
        f"{escape(_t('serial', lang))}: {escape(cert.serial)}</p>{org}</section>"
    )


CERT_CSS = """
.cd-certificate { border: 6px double #28468c; padding: 24px; margin: 12px 0; text-align: center;
  background: #fff; color: #111; }
.cd-certificate h2 { font-size: 30px; letter-spacing: .2em; margin: 0 0 12px; }
.cd-certificate .cd-cert-name { font-size: 24px; font-weight: bold; }
.cd-certificate ul { list-style: none; padding: 0; text-align: left; display: inline-block; }
.cd-certificate .cd-cert-date { color: #555; margin-left: 1em; }
"""


def certificate_html(cert: Certificate, lang: str = "ja") -> str:
    """A standalone page to print (A4 landscape)."""
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(_t('title', lang))}</title><style>{CERT_CSS}"
        "@page { size: A4 landscape; margin: 12mm; } body { font-family: 'Noto Sans CJK JP', "
        "'IPAexGothic', 'Hiragino Sans', 'Yu Gothic', sans-serif; }</style></head>"
        f"<body>{certificate_fragment(cert, lang)}</body></html>"
    )
