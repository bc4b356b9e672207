"""The page audit's measurements: what a person sees in one state of one page.

``Auditor.check(state)`` measures the current page at each viewport width and
returns every problem found, each naming the page, the state, the width and the
screenshot saved under ``test-artifacts/audit/`` (CI keeps that folder):

- layout: an element past the viewport, text clipped by its box, text over text
  or over a control (``probe.js``: text boxes from ``Range.getClientRects()``);
- language: ``{{ placeholders }}``, internal ids, interface text of the other
  language (deliberate glosses are marked with a ``lang`` attribute or listed in
  ``GLOSSES``), ``<html lang>`` and a title that is not a file name;
- requests to any other host; axe-core serious/critical violations (``button-name``,
  ``label`` and the ``aria-*`` rules among them); a focused control without a visible
  indicator (``focus.js``: >= 2 px at 3:1);
- names (every state, ``names.js``): a visible control without an accessible name (a
  placeholder is not one) and a toggle button whose ``aria-pressed`` is not its state;
  after an action (``acted=True``), focus left on ``<body>``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from chatdojo.content.catalog import load_catalog

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[2] / "test-artifacts" / "audit"
PROBE_JS = (HERE / "probe.js").read_text(encoding="utf-8")
FOCUS_JS = (HERE / "focus.js").read_text(encoding="utf-8")
NAMES_JS = (HERE / "names.js").read_text(encoding="utf-8")
# After an action (answer, next, a move) focus must be on a control, never left on <body>.
FOCUS_LOST_JS = """() => { const el = document.activeElement;
  return !el || el === document.body || el === document.documentElement; }"""
PHONE, LAPTOP, PROJECTOR = 375, 1280, 1920
HEIGHTS = {PHONE: 800, LAPTOP: 800, PROJECTOR: 1080}
# Smaller projectors (720p, WXGA 768p, XGA 4:3): projected pages must fit them without scrolling.
SMALL_PROJECTORS = ((1280, 720), (1366, 768), (1024, 768))
FIT_JS = """() => ({h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth,
  vh: window.innerHeight, vw: window.innerWidth})"""
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
SHOTS = bool(os.environ.get("CHATDOJO_AUDIT_SHOTS"))  # also save screenshots of clean states

# Deliberate words of the other language: the language switch names each language
# in itself; product and file-format names are the same in both languages.
GLOSSES = ("日本語", "English", "対前年比")


# Resolves once the page has not changed for `quiet` ms (at most `most` ms) and two frames
# have been drawn since: a state is measured when it is complete, however slow the kernel.
SETTLE_JS = """([quiet, most]) => new Promise((resolve) => {
  let timer;
  const done = () => {
    observer.disconnect();
    clearTimeout(cap);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
  };
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  timer = setTimeout(done, quiet);
  const cap = setTimeout(done, most);
})"""


def settle(page, quiet: int = 150, most: int = 5000) -> None:
    """Wait until the page is quiet (no DOM change for ``quiet`` ms), not a fixed time."""
    page.evaluate(SETTLE_JS, [quiet, most])


SCROLL_HEIGHT_JS = """() => Math.max(document.documentElement.scrollHeight,
  ...Array.from(document.querySelectorAll('body *'))
    .filter((e) => e.scrollHeight > e.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(e).overflowY))
    .map((e) => e.scrollHeight + e.getBoundingClientRect().top))"""


@dataclass(frozen=True)
class Problem:
    kind: str
    page: str
    state: str
    width: int
    detail: str
    shot: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.page} / {self.state} @{self.width}px: {self.detail}  ({self.shot})"


@cache
def internal_ids() -> tuple[str, ...]:
    """Ids of questions, choices, scenario steps and rules a person must never see.

    Only ids that cannot be ordinary words (they contain '-', '_' or a digit) and
    that no guide or question uses as a word.
    """
    catalog = load_catalog()
    ids: set[str] = set(catalog.rules)
    for bank in catalog.banks.values():
        for q in bank.questions:
            ids.add(q.id)
            ids.update(c.id for c in q.choices)
            ids.update(p.id for p in getattr(q, "pairs", ()) or ())
    for scenario in catalog.scenarios.values():
        ids.update(scenario.steps)
        for step in scenario.steps.values():
            ids.update(c.id for c in step.choices)
    prose = " ".join(
        str(text) for guide in catalog.guides.values() for text in (guide.body or {}).values()
    ).lower()
    return tuple(
        sorted(
            i for i in ids if re.search(r"[-_0-9]", i) and len(i) >= 4 and i.lower() not in prose
        )
    )


@dataclass
class Auditor:
    """Audits one browser page (one page of the app, in one language) state by state."""

    page: object  # playwright.sync_api.Page
    name: str
    lang: str
    widths: tuple[int, ...] = (PHONE, LAPTOP)
    requests: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    focused: set[str] = field(default_factory=set)  # controls whose focus ring was checked

    def __post_init__(self) -> None:
        self.page.on("request", self._request)  # type: ignore[attr-defined]

    def _request(self, request) -> None:
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        host = urlsplit(url).hostname or ""
        if host not in LOCAL_HOSTS:
            self.requests.append(url)

    def _slug(self, state: str, width: int) -> str:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{self.name}-{self.lang}-{state}-{width}").strip("-")
        return f"test-artifacts/audit/{slug}.png"

    def _shot(self, state: str, width: int, height: int = 0) -> None:
        """The whole page: Voila scrolls inside a box, so the window is grown to fit it.

        ``height``: a fixed screen (a projector) is shot as it is, at that height."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS.parents[1] / self._slug(state, width)
        page = self.page
        if height:
            page.screenshot(path=str(path))  # type: ignore[attr-defined]
            return
        height = page.evaluate(SCROLL_HEIGHT_JS)  # type: ignore[attr-defined]
        page.set_viewport_size({"width": width, "height": min(max(height, 200), 8000)})  # type: ignore[attr-defined]
        page.screenshot(path=str(path))  # type: ignore[attr-defined]
        page.set_viewport_size({"width": width, "height": HEIGHTS[width]})  # type: ignore[attr-defined]

    def check_fit(
        self, state: str, sizes: tuple[tuple[int, int], ...] = SMALL_PROJECTORS
    ) -> list[Problem]:
        """A projected page at each screen size: the layout checks, and no scrolling at all."""
        page = self.page
        found: list[Problem] = []
        for width, height in sizes:
            page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
            settle(page, quiet=60)
            raw = page.evaluate(  # type: ignore[attr-defined]
                PROBE_JS, {"lang": self.lang, "ids": list(internal_ids()), "glosses": GLOSSES}
            )
            shot = self._slug(f"{state}-{height}", width)
            here = [Problem(p["kind"], self.name, state, width, p["detail"], shot) for p in raw]
            box = page.evaluate(FIT_JS)  # type: ignore[attr-defined]
            if box["h"] > box["vh"] or box["w"] > box["vw"]:
                detail = (
                    f"{box['w']}x{box['h']} px of content on a {width}x{height} screen (scrolls)"
                )
                here.append(Problem("scroll", self.name, state, width, detail, shot))
            if here or SHOTS:
                self._shot(f"{state}-{height}", width, height)
            found += here
        page.set_viewport_size({"width": self.widths[0], "height": HEIGHTS[self.widths[0]]})  # type: ignore[attr-defined]
        self.problems += found
        return found

    def check(
        self,
        state: str,
        *,
        axe: bool = False,
        focus: bool = False,
        widths: tuple[int, ...] = (),
        acted: bool = False,
    ) -> list[Problem]:
        """Measure this state; ``acted``: it follows an action, so focus must not be on <body>."""
        page = self.page
        found: list[Problem] = []
        if acted:
            self.focus_kept(state)
        for width in widths or self.widths:
            size = {"width": width, "height": HEIGHTS[width]}
            if page.viewport_size != size:  # type: ignore[attr-defined]
                page.set_viewport_size(size)  # type: ignore[attr-defined]
            settle(page, quiet=60)
            raw = page.evaluate(  # type: ignore[attr-defined]
                PROBE_JS, {"lang": self.lang, "ids": list(internal_ids()), "glosses": GLOSSES}
            )
            shot = self._slug(state, width)
            here = [Problem(p["kind"], self.name, state, width, p["detail"], shot) for p in raw]
            if width == (widths or self.widths)[0]:
                here += self._document(state, width, shot)
                names = page.evaluate(NAMES_JS)  # type: ignore[attr-defined]
                here += [
                    Problem(p["kind"], self.name, state, width, p["detail"], shot) for p in names
                ]
                if axe:
                    here += self._axe(state, width, shot)
                if focus:
                    here += self._focus(state, width, shot)
            if here or SHOTS:
                self._shot(state, width)
            found += here
        for url in self.requests:
            found.append(Problem("other-host", self.name, state, 0, url, ""))
        self.requests.clear()
        self.problems += found
        return found

    def focus_kept(self, state: str) -> list[Problem]:
        """After an action: is focus on a control (a screen reader user is not sent to the top)?"""
        settle(self.page, quiet=60)
        if not self.page.evaluate(FOCUS_LOST_JS):  # type: ignore[attr-defined]
            return []
        self._shot(state, self.widths[0])
        detail = "focus left on <body> after the action"
        shot = self._slug(state, self.widths[0])
        found = [Problem("focus-lost", self.name, state, 0, detail, shot)]
        self.problems += found
        return found

    def _document(self, state: str, width: int, shot: str) -> list[Problem]:
        info = self.page.evaluate(  # type: ignore[attr-defined]
            "() => ({lang: document.documentElement.lang, title: document.title})"
        )
        out = []
        if info["lang"] != self.lang:
            out.append(
                Problem("html-lang", self.name, state, width, f"<html lang={info['lang']!r}>", shot)
            )
        title = info["title"].strip()
        stem = self.name.split("/")[0]
        if not title or title in {stem, f"{stem}.ipynb"} or title.endswith(".ipynb"):
            out.append(Problem("title", self.name, state, width, f"title {title!r}", shot))
        return out

    def _axe(self, state: str, width: int, shot: str) -> list[Problem]:
        from axe_playwright_python.sync_playwright import Axe

        app = self.page.locator(".cd-app").count()  # type: ignore[attr-defined]
        # the app itself (Voila's own frame is not ours); the room's pages are all ours
        result = Axe().run(self.page, context={"include": [[".cd-app"]]} if app else None)
        out = []
        for v in result.response["violations"]:
            if v.get("impact") not in {"serious", "critical"}:
                continue
            where = "; ".join(",".join(n["target"]) for n in v["nodes"][:3])
            out.append(
                Problem("axe", self.name, state, width, f"{v['id']} ({v['impact']}): {where}", shot)
            )
        return out

    def _focus(self, state: str, width: int, shot: str, presses: int = 12) -> list[Problem]:
        """Tab through the first controls; each must show a clear focus indicator."""
        page = self.page
        page.evaluate(
            "() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }"
        )  # type: ignore[attr-defined]
        out = []
        for _ in range(presses):
            page.keyboard.press("Tab")  # type: ignore[attr-defined]
            result = page.evaluate(FOCUS_JS)  # type: ignore[attr-defined]
            if result is None or result["label"] in self.focused:
                continue
            self.focused.add(result["label"])
            if not result["ok"]:
                detail = f"focus on {result['label']} hardly visible: {result['how']}"
                out.append(Problem("focus", self.name, state, width, detail, shot))
        return out


@dataclass(frozen=True)
class Known:
    """A problem another engineer's slice still causes: allowed, but it must still occur."""

    kind: str
    page: str  # regular expression on the audited page name
    owner: str
    reason: str
    detail: str = ""  # a part of the problem's text (e.g. the axe rule), if it is one problem

    def covers(self, problem: Problem) -> bool:
        return (
            problem.kind == self.kind
            and re.fullmatch(self.page, problem.page) is not None
            and self.detail in problem.detail
        )


@dataclass
class Ledger:
    """Which pages were audited and which known issues occurred on them (for the last test)."""

    audited: set[str] = field(default_factory=set)
    occurred: set[Known] = field(default_factory=set)

    def verdict(self, problems: list[Problem], known: tuple[Known, ...], name: str) -> list[str]:
        """Failure lines for one audited page: every problem not covered by a known issue."""
        self.audited.add(name)
        lines = []
        for p in problems:
            covering = [k for k in known if k.covers(p)]
            self.occurred.update(covering)
            if not covering:
                lines.append(str(p))
        return lines

    def fixed(self, known: tuple[Known, ...]) -> list[str]:
        """Known issues that no longer occur on any audited page they name: remove them."""
        return [
            f"known issue '{k.kind}' on {k.page} ({k.owner}: {k.reason}) no longer occurs: "
            "remove it from KNOWN in tests/e2e/test_page_audit.py"
            for k in known
            if k not in self.occurred and any(re.fullmatch(k.page, n) for n in self.audited)
        ]
