"""Fixtures for the paper-analytics tests; helpers live in paper_helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from paper_helpers import DATA, FILES


@pytest.fixture
def paper_files() -> Path:
    return FILES


@pytest.fixture
def paper_data() -> Path:
    return DATA
