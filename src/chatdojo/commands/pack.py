"""``chatdojo pack export|import``: share an organization pack as a zip file.

Import checks every member before anything is written (no absolute paths, no
``..``, no links, no device files, bounded sizes and compression ratio), unpacks
into a temporary folder, runs ``chatdojo check`` on the pack there, and only then
moves it into place. Also holds ``--pack`` for the other commands.
"""

from __future__ import annotations

import argparse
import shutil
import stat
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 5 * 1024 * 1024  # one file, uncompressed
MAX_TOTAL_BYTES = 50 * 1024 * 1024  # the whole pack, uncompressed
MAX_ZIP_BYTES = 20 * 1024 * 1024  # the zip file itself
MAX_RATIO = 100  # uncompressed / compressed, per member
ALLOWED_TOP = {"pack.yml", "README.md", "data", "guidance", "quizzes", "notebooks"}


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    """``--pack DIR`` (repeatable); without it, ``$CHATDOJO_PACKS``."""
    parser.add_argument(
        "--pack",
        action="append",
        type=Path,
        metavar="DIR",
        default=None,
        help="an organization pack to use (repeatable; default: $CHATDOJO_PACKS, "
        "folders separated by os.pathsep)",
    )


def apply_pack_option(args: argparse.Namespace) -> list[Path]:
    from chatdojo.content.packs import use_packs

    return use_packs(getattr(args, "pack", None))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("pack", help="share an organization pack as a zip file")
    inner = parser.add_subparsers(dest="pack_command", metavar="ACTION")
    export = inner.add_parser("export", help="write a pack as a zip file")
    export.add_argument(
        "id", metavar="ID_OR_DIR", help="pack id (of --pack/$CHATDOJO_PACKS) or folder"
    )
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.zip")
    add_pack_option(export)
    export.set_defaults(run=run_export)
    imp = inner.add_parser("import", help="check a pack zip and unpack it into a folder")
    imp.add_argument("zip", type=Path, metavar="FILE.zip")
    imp.add_argument("--into", required=True, type=Path, metavar="DIR", help="new folder")
    imp.set_defaults(run=run_import)
    parser.set_defaults(run=lambda args: (parser.print_help(), 2)[1])


def _fail(message: str, code: int = 2) -> int:
    print(f"chatdojo pack: {message}", file=sys.stderr)
    return code


def find_pack(ident: str, packs: list[Path]) -> Path | None:
    from chatdojo.content.errors import ErrorSink
    from chatdojo.content.packs import load_pack

    candidate = Path(ident)
    if (candidate / "pack.yml").is_file():
        return candidate.resolve()
    for folder in packs:
        layer = load_pack(folder, ErrorSink())
        if layer is not None and layer.id == ident:
            return layer.root
    return None


def run_export(args: argparse.Namespace) -> int:
    packs = apply_pack_option(args)
    folder = find_pack(args.id, packs)
    if folder is None:
        return _fail(
            f"パック '{args.id}' が見つかりません。--pack DIR を付けてください / "
            f"no pack '{args.id}': give its folder or --pack DIR"
        )
    count = 0
    out: Path = args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.is_symlink() or not path.is_file() or rel.parts[0] not in ALLOWED_TOP:
                continue
            if any(part.startswith(".") or part == "__pycache__" for part in rel.parts):
                continue
            zf.write(path, rel.as_posix())
            count += 1
    print(f"{out}: {count} files / {count} 個のファイルを書き出しました")
    return 0


class UnsafeZip(ValueError):
    """A member that must not be unpacked; the message names it and why (ja / en)."""


def check_members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Every member, checked before anything is written; raise ``UnsafeZip`` on the first bad one."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UnsafeZip(
            f"{len(infos)} 個のファイルは多すぎます / too many files (at most {MAX_MEMBERS})"
        )
    total = 0
    for info in infos:
        name = info.filename
        pure = PurePosixPath(name.replace("\\", "/"))
        if (
            name.startswith(("/", "\\"))
            or ".." in pure.parts
            or (len(name) > 1 and name[1] == ":")
            or "\0" in name
        ):
            raise UnsafeZip(
                f"{name}: フォルダーの外を指しています / points outside the pack folder"
            )
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0: no Unix type recorded
        if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            raise UnsafeZip(
                f"{name}: リンクや特殊ファイルは取り込めません / links and special files are refused"
            )
        if info.is_dir():
            continue
        if pure.parts[0] not in ALLOWED_TOP:
            raise UnsafeZip(
                f"{name}: パックにないフォルダーです / not part of a pack ({', '.join(sorted(ALLOWED_TOP))})"
            )
        if info.file_size > MAX_MEMBER_BYTES:
            raise UnsafeZip(
                f"{name}: {info.file_size} バイトは大きすぎます / too large (at most {MAX_MEMBER_BYTES} bytes)"
            )
        if info.file_size > 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeZip(
                f"{name}: 圧縮率が異常です（zip 爆弾の疑い） / compression ratio too high (zip bomb?)"
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise UnsafeZip(
                f"合計が大きすぎます / the pack unpacks to more than {MAX_TOTAL_BYTES} bytes"
            )
    return infos


def _extract(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], into: Path) -> None:
    """Write members with the sizes counted as read (the header's sizes may lie)."""
    budget = MAX_TOTAL_BYTES
    for info in infos:
        target = into.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with zf.open(info) as src, target.open("wb") as dst:
            while chunk := src.read(64 * 1024):
                written += len(chunk)
                budget -= len(chunk)
                if written > MAX_MEMBER_BYTES or budget < 0:
                    raise UnsafeZip(
                        f"{info.filename}: 展開すると大きすぎます / unpacks larger than declared"
                    )
                dst.write(chunk)


def run_import(args: argparse.Namespace) -> int:
    from chatdojo.content.catalog import load_catalog

    source: Path = args.zip
    into: Path = args.into
    if into.exists() and (not into.is_dir() or any(into.iterdir())):
        return _fail(
            f"{into} は空ではありません / {into} exists and is not empty: choose a new folder"
        )
    try:
        if source.stat().st_size > MAX_ZIP_BYTES:
            return _fail(
                f"{source}: zip が大きすぎます / the zip is larger than {MAX_ZIP_BYTES} bytes"
            )
        with zipfile.ZipFile(source) as zf:
            infos = check_members(zf)
            with tempfile.TemporaryDirectory(prefix="chatdojo-pack-") as tmp:
                staged = Path(tmp) / "pack"
                staged.mkdir()
                _extract(zf, infos, staged)
                if not (staged / "pack.yml").is_file():
                    return _fail(f"{source}: pack.yml がありません / not a pack (no pack.yml)")
                cat = load_catalog(packs=[staged], use_cache=False)
                if cat.errors:
                    for error in cat.errors:
                        print(str(error).replace(str(staged), str(into)), file=sys.stderr)
                    return _fail(
                        f"{len(cat.errors)} 件の問題があるため取り込みませんでした / "
                        f"{len(cat.errors)} problem(s) found; nothing was written",
                        1,
                    )
                into.parent.mkdir(parents=True, exist_ok=True)
                if into.exists():
                    into.rmdir()
                shutil.move(str(staged), str(into))
    except UnsafeZip as exc:
        return _fail(f"{source}: {exc}; 何も書き込んでいません / nothing was written", 1)
    except (zipfile.BadZipFile, OSError) as exc:
        return _fail(f"{source}: zip を読めません / cannot read the zip ({exc})", 1)
    print(f"取り込みました / imported: {into}  (chatdojo check --pack {into})")
    return 0


def notebook_folder(root: Path, guide_ids: list[str]) -> Path:
    """The folder ``serve`` gives Voila: the root's notebooks, plus one for each pack guide.

    When every guide has its notebook, that is ``root/notebooks`` itself; otherwise a
    copy in the user cache folder with the missing module notebooks written (a pack
    holds no notebooks of its own).
    """
    shipped = root / "notebooks"
    missing = [g for g in guide_ids if not (shipped / f"{g}.ipynb").is_file()]
    if not missing:
        return shipped
    import hashlib

    import nbformat
    from platformdirs import user_cache_dir

    key = hashlib.sha256(f"{root}\0{','.join(sorted(missing))}".encode()).hexdigest()[:12]
    folder = Path(user_cache_dir("chatdojo")) / f"notebooks-{key}"
    folder.mkdir(parents=True, exist_ok=True)
    for path in shipped.iterdir():
        if path.is_file() and path.suffix in (".ipynb", ".png", ".svg", ".css"):
            shutil.copyfile(path, folder / path.name)
    for guide_id in missing:
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_code_cell("from chatdojo.views.module_view import module"),
            nbformat.v4.new_code_cell(f"module({guide_id!r})"),
        ]
        for index, cell in enumerate(nb.cells):
            cell.id = f"cell-{index}"
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        (folder / f"{guide_id}.ipynb").write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return folder
