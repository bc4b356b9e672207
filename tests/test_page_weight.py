"""What a self-paced page costs its kernel: nothing it does not need is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_a_module_page_without_a_record_does_not_import_the_store() -> None:
    """Does a guide-and-quiz page opened without a learner record leave SQLAlchemy (~17 MiB
    of a kernel), pandas and matplotlib unimported?"""
    code = (
        "import sys\n"
        "from chatdojo.views.module_view import module\n"
        "module('chat-etiquette')\n"
        "heavy = [m for m in ('sqlalchemy', 'pandas', 'matplotlib') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    env = {**os.environ, "CHATDOJO_HOME": str(REPO)}
    env.pop("CHATDOJO_LEARNER", None)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=REPO
    )
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:", result.stdout[-500:]
