"""Shared pieces of the SCORM tests: unzipping a package, the XSDs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

SCHEMAS = Path(__file__).parent / "schemas"


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}
