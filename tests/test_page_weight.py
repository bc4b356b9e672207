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


def test_a_module_page_loads_its_own_part_of_the_catalogue(tmp_path: Path) -> None:
    """Does a module page's kernel load only its guide and bank (its part of the catalogue,
    ~150 KB), not every bank and scenario (~1 MB, ~3 MiB of a kernel), once the part is cut?"""
    code = (
        "import sys\n"
        "from chatdojo.views.module_view import module\n"
        "view = module('chat-etiquette')\n"
        "print('SCENARIO:' + str(any(m.startswith('chatdojo.scenario') for m in sys.modules)))\n"
    )
    env = {**os.environ, "CHATDOJO_HOME": str(REPO), "CHATDOJO_CACHE_DIR": str(tmp_path)}
    env.pop("CHATDOJO_LEARNER", None)
    env.pop("CHATDOJO_PACKS", None)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        .stdout.strip()
        .splitlines()[-1]
        for _ in range(2)
    ]
    assert runs[1] == "SCENARIO:False", runs  # the first run cut the part from the whole
    assert any(tmp_path.glob("part-*-module-chat-etiquette.pickle"))
