"""Fixtures of the SCORM tests."""

from __future__ import annotations

import pytest

from chatdojo.content.catalog import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()
