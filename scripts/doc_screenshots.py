"""Regenerate the screenshots of docs/authoring.md that a script can make.

    python scripts/doc_screenshots.py            # both
    python scripts/doc_screenshots.py template   # the spreadsheet template (LibreOffice)
    python scripts/doc_screenshots.py room-new   # /room/new with a pack loaded (Chromium)

- ``docs/img/authoring-template.png``: the ``questions`` sheet of the template that
  ``chatdojo export xlsx --template`` writes, as LibreOffice prints it (first columns,
  grid and column letters), so a supporter sees what to fill in.
- ``docs/img/authoring-room-new.png``: the trainer's /room/new page of a server started
  with a pack made by ``chatdojo init`` (愛荘町), the town's quiz in the list.

Needs LibreOffice (``soffice``), poppler (``pdftoppm``), a Japanese font
(fonts-noto-cjk) and Debian's Chromium; the home and phone screenshots were taken by
hand in a browser.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from copy import copy
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMG = REPO / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-sync"]
TRAINER_KEY = "doc-screenshot-key"
PACK_ARGS = ["--org", "aisho-town", "--name", "愛荘町", "--name-en", "Aisho Town", "--doc", "aisho"]
SHOWN_COLUMNS = "A1:I16"  # row kind .. English text: what a supporter fills in first
DPI = 96
FONT = "Noto Sans CJK JP"


def make_pack(tmp: Path) -> Path:
    from chatdojo.cli import main

    folder = tmp / "aisho"
    if main(["init", str(folder), *PACK_ARGS]) != 0:
        raise SystemExit("chatdojo init failed")
    return folder


def template(tmp: Path) -> Path:
    """The template's questions sheet, printed by LibreOffice, cropped to its cells."""
    import openpyxl
    from PIL import Image, ImageChops

    from chatdojo.cli import main

    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing (apt-get install libreoffice-calc poppler-utils)")
    book_path = tmp / "template.xlsx"
    if main(["export", "xlsx", "--template", "-o", str(book_path)]) != 0:
        raise SystemExit("chatdojo export xlsx --template failed")
    book = openpyxl.load_workbook(book_path)
    for sheet in book.worksheets:  # print only the questions sheet
        sheet.sheet_state = "visible" if sheet.title == "questions" else "hidden"
    sheet = book["questions"]
    book.active = book.worksheets.index(sheet)
    sheet.print_area = SHOWN_COLUMNS
    for row in sheet[SHOWN_COLUMNS]:  # one Japanese font (the bold headings fell back to a serif)
        for cell in row:
            font = copy(cell.font)
            font.name = FONT
            cell.font = font
    sheet.print_options.gridLines = True
    sheet.print_options.headings = True  # the column letters errors name (E12)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3  # near 100 %: the letters as on a screen
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.2
    sheet.page_margins.top = sheet.page_margins.bottom = 0.2
    printed = tmp / "print.xlsx"
    book.save(printed)
    env = {**os.environ, "HOME": str(tmp)}  # LibreOffice's profile stays in the temporary folder
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(printed)],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", str(tmp / "print.pdf"), str(tmp / "page")],
        check=True,
        timeout=60,
    )  # fmt: skip
    page = Image.open(next(tmp.glob("page*.png"))).convert("RGB")
    box = ImageChops.difference(page, Image.new("RGB", page.size, "white")).getbbox()
    if box is None:
        raise SystemExit("LibreOffice printed an empty page")
    left, top, right, bottom = box
    out = IMG / "authoring-template.png"
    page.crop((max(left - 8, 0), max(top - 8, 0), right + 8, bottom + 8)).save(out, optimize=True)
    return out


def room_new(tmp: Path) -> Path:
    """/room/new of a room server whose catalogue has the pack, under the town's profile."""
    import tornado.web
    from playwright.sync_api import sync_playwright

    from chatdojo.content.catalog import load_catalog
    from chatdojo.room import handlers
    from chatdojo.store.db import open_store

    pack = make_pack(tmp)
    os.environ["CHATDOJO_TRAINER_KEY"] = TRAINER_KEY
    os.environ["CHATDOJO_PROFILE"] = "aisho-town"
    catalog = load_catalog(REPO, packs=[pack], use_cache=False)
    if catalog.errors:
        raise SystemExit("\n".join(map(str, catalog.errors[:10])))
    store = open_store(f"sqlite:///{tmp / 'room.sqlite3'}")
    ready = threading.Event()
    state: dict[str, object] = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = tornado.web.Application(
            handlers("/", "127.0.0.1", store=store, catalog=catalog), xsrf_cookies=True
        )
        server = app.listen(0, "127.0.0.1")
        state["port"] = next(iter(server._sockets.values())).getsockname()[1]  # noqa: SLF001
        state["loop"] = loop
        ready.set()
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    ready.wait(20)
    base = f"http://127.0.0.1:{state['port']}"
    out = IMG / "authoring-room-new.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 900}, locale="ja-JP")
        page.goto(f"{base}/room/new?trainer={TRAINER_KEY}")
        page.select_option("#quiz", "aisho-town")
        top = page.locator("main h1").bounding_box()
        form = page.locator("main form").first.bounding_box()
        assert top is not None and form is not None
        x, y = form["x"] - 12, top["y"] - 12
        clip = {
            "x": x,
            "y": y,
            "width": form["width"] + 24,
            "height": form["y"] + form["height"] + 12 - y,
        }
        page.screenshot(path=str(out), clip=clip, full_page=True)
        browser.close()
    loop = state["loop"]
    loop.call_soon_threadsafe(loop.stop)  # type: ignore[attr-defined]
    store.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="*", choices=("template", "room-new"), default=[])
    args = parser.parse_args(argv)
    wanted = args.which or ["template", "room-new"]
    os.environ.pop("CHATDOJO_PACKS", None)
    with tempfile.TemporaryDirectory(prefix="chatdojo-shots-") as tmp:
        for name in wanted:
            folder = Path(tmp) / name
            folder.mkdir()
            made = template(folder) if name == "template" else room_new(folder)
            print(made.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
