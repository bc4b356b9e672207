"""Organization packs: one folder per organization, layered over the shipped content.

A pack mirrors a content root (``data/rules.csv``, ``data/profiles/``, ``guidance/``,
``quizzes/``, ``quizzes/scenarios/``) and has a ``pack.yml``::

    id: aisho-town
    name: {ja: 愛荘町, en: Aisho Town}
    description: {ja: ..., en: ...}
    standalone: true     # optional: use without the four shipped documents

The packs in use come from ``--pack DIR`` (repeatable) or ``$CHATDOJO_PACKS``
(folders separated by ``os.pathsep``); the commands put ``--pack`` into the
environment so every page's kernel sees the same packs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from chatdojo.content.checker import Checker
from chatdojo.content.errors import ErrorSink
from chatdojo.content.yamlines import YamlProblem, load_yaml
from chatdojo.i18n import Text

ENV = "CHATDOJO_PACKS"
PACK_FILE = "pack.yml"
PACK_KEYS = {"id", "name", "description", "standalone"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
SHIPPED = "chatdojo"  # the id of the shipped content's layer


@dataclass(frozen=True)
class Layer:
    """One source of content: the shipped root or a pack."""

    id: str
    root: Path
    name: Text
    standalone: bool = False
    shipped: bool = False


def pack_dirs_from_env(value: str | None = None) -> list[Path]:
    raw = os.environ.get(ENV, "") if value is None else value
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def use_packs(dirs: Sequence[Path | str] | None) -> list[Path]:
    """Make ``dirs`` (``--pack``) the packs of this process and its children; return them.

    ``None`` or empty keeps what ``$CHATDOJO_PACKS`` says.
    """
    if dirs:
        resolved = [Path(d).expanduser().resolve() for d in dirs]
        os.environ[ENV] = os.pathsep.join(str(d) for d in resolved)
        return resolved
    return [d.resolve() for d in pack_dirs_from_env()]


def load_pack(folder: Path, sink: ErrorSink) -> Layer | None:
    """Read ``folder/pack.yml``; report every problem (a missing folder included)."""
    path = folder / PACK_FILE
    if not folder.is_dir():
        sink.add(folder, 1, "pack folder not found (check --pack or $CHATDOJO_PACKS)")
        return None
    if not path.is_file():
        sink.add(path, 1, "not a pack: pack.yml is missing (make one with 'chatdojo init')")
        return None
    try:
        data = load_yaml(path.read_text(encoding="utf-8-sig"))
    except YamlProblem as problem:
        sink.add(path, problem.line, problem.message)
        return None
    except (OSError, UnicodeDecodeError) as exc:
        sink.add(path, 1, f"cannot read pack.yml: {exc} (save it as UTF-8)")
        return None
    chk = Checker(sink, path)
    data = chk.mapping(data, "pack.yml", 1)
    if data is None:
        return None
    chk.unknown_keys(data, PACK_KEYS, "pack.yml")
    pack_id = chk.string(data, "id")
    if pack_id is not None and not ID_PATTERN.match(pack_id):
        chk.error(data.line_of("id"), f"pack id '{pack_id}' must be lower-case letters, digits, -")
        pack_id = None
    name = chk.text(data, "name")
    chk.text(data, "description")
    standalone = data.get("standalone", False)
    if not isinstance(standalone, bool):
        chk.error(data.line_of("standalone"), "'standalone' must be true or false")
        standalone = False
    if pack_id is None or name is None:
        return None
    return Layer(pack_id, folder.resolve(), name, standalone=standalone)


def load_layers(root: Path, pack_dirs: Iterable[Path], sink: ErrorSink) -> list[Layer]:
    """The shipped root (unless a pack stands alone) followed by the packs, in order."""
    packs: list[Layer] = []
    seen: dict[str, Path] = {}
    for folder in pack_dirs:
        layer = load_pack(folder.resolve(), sink)
        if layer is None:
            continue
        if layer.id in seen:
            sink.add(
                layer.root / PACK_FILE,
                1,
                f"pack id '{layer.id}' is used twice (also {sink.display(seen[layer.id])})",
            )
            continue
        if layer.root == root.resolve():
            continue
        seen[layer.id] = layer.root / PACK_FILE
        packs.append(layer)
    shipped = Layer(
        SHIPPED,
        root,
        {"ja": "ChatDojo 同梱の4文書", "en": "ChatDojo's four shipped documents"},
        shipped=True,
    )
    if any(p.standalone for p in packs):
        return [dataclass_replace(shipped, standalone=True), *packs]
    return [shipped, *packs]


def dataclass_replace(layer: Layer, **changes: object) -> Layer:
    import dataclasses

    return dataclasses.replace(layer, **changes)  # type: ignore[arg-type]
