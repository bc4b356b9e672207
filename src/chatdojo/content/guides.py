"""Guides: one Markdown file per topic with a ``::: ja`` and a ``::: en`` body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chatdojo.content.checker import Checker
from chatdojo.content.document import read_document
from chatdojo.content.errors import ErrorSink
from chatdojo.content.markdown import LANG_CONTAINERS, container_bodies
from chatdojo.content.references import Reference, references_in_tokens
from chatdojo.i18n import Text

GUIDE_KEYS = {
    "id",
    "title",
    "summary",
    "topic",
    "order",
    "quiz",
    "scenarios",
    "icon",
    "profiles",
}


@dataclass(frozen=True)
class Guide:
    id: str
    title: Text
    summary: Text
    topic: str
    order: int
    quiz: str | None
    scenarios: tuple[str, ...]
    body: Text
    path: Path
    line: int
    references: tuple[Reference, ...]
    profiles: tuple[str, ...] = ()  # empty: shown under every organization profile

    def shown_to(self, profile_id: str | None, policies: object = None) -> bool:
        return profile_id is None or not self.profiles or profile_id in self.profiles


def load_guide(path: Path, sink: ErrorSink) -> Guide | None:
    doc = read_document(path, sink)
    if doc is None or doc.meta is None:
        return None
    meta = doc.meta
    chk = Checker(sink, path)
    chk.unknown_keys(meta, GUIDE_KEYS, "guide front matter")
    guide_id = chk.string(meta, "id")
    if guide_id is not None and guide_id != path.stem:
        chk.error(
            meta.line_of("id"), f"guide id '{guide_id}' must match the file name '{path.stem}'"
        )
    title = chk.text(meta, "title")
    summary = chk.text(meta, "summary")
    topic = chk.string(meta, "topic")
    order = meta.get("order", 100)
    if not isinstance(order, int) or isinstance(order, bool):
        chk.error(meta.line_of("order"), "'order' must be a whole number")
        order = 100
    quiz = chk.string(meta, "quiz", required=False)
    scenarios = chk.string_list(meta, "scenarios", required=False)
    profiles = chk.string_list(meta, "profiles", required=False)
    refs = [Reference("profile", pid, meta.line_of("profiles")) for pid in profiles]
    bodies = container_bodies(doc.tokens, doc.source)
    for lang in LANG_CONTAINERS:
        if lang not in bodies or not bodies[lang][1].strip():
            name = "English" if lang == "en" else "Japanese"
            chk.error(meta.line, f"missing {name} body (a '::: {lang}' block)")
    if None in (guide_id, title, summary, topic) or len(bodies) < len(LANG_CONTAINERS):
        return None
    return Guide(
        id=guide_id,  # type: ignore[arg-type]
        title=title,  # type: ignore[arg-type]
        summary=summary,  # type: ignore[arg-type]
        topic=topic,  # type: ignore[arg-type]
        order=order,
        quiz=quiz,
        scenarios=tuple(scenarios),
        body={lang: bodies[lang][1] for lang in LANG_CONTAINERS},
        path=path,
        line=meta.line,
        references=(*refs, *references_in_tokens(doc.tokens)),
        profiles=tuple(profiles),
    )
