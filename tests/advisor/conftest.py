"""Shared fixtures: the repository's table, two profiles that differ on after-hours, a content root."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chatdojo.advisor import Method, read_table
from chatdojo.content.catalog import load_catalog
from chatdojo.content.profiles import Profile

from .paths import REPO


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(REPO)


@pytest.fixture(scope="session")
def methods(catalog) -> dict[str, Method]:
    return read_table(REPO, catalog.rules)


def _profile(profile_id: str, policy: str) -> Profile:
    return Profile(
        id=profile_id,
        name={"ja": f"組織{profile_id}", "en": f"Org {profile_id}"},
        description={"ja": "テスト用", "en": "For tests"},
        sources=(),
        facts={
            "after_hours_rule": {
                "ja": f"時間外の規程（{policy}）",
                "en": f"After-hours rule ({policy})",
            }
        },
        policies={
            "after_hours": policy,
            "screenshots": "not_specified",
            "personal_devices": "registered_only",
        },
    )


@pytest.fixture
def strict_profile() -> Profile:
    """An organization that holds back after-hours contact except in emergencies."""
    return _profile("strict", "avoid_except_urgent")


@pytest.fixture
def open_profile() -> Profile:
    """An organization that allows contact outside working hours."""
    return _profile("open", "allowed")


@pytest.fixture
def content_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's data the CLI reads through $CHATDOJO_HOME."""
    data = tmp_path / "data"
    (data / "profiles").mkdir(parents=True)
    for name in ("rules.csv", "communication_methods.csv", "advisor_situations.md", "policies.yml"):
        shutil.copy(REPO / "data" / name, data / name)
    shutil.copy(REPO / "data" / "profiles" / "default.yml", data / "profiles" / "default.yml")
    text = (REPO / "data" / "profiles" / "default.yml").read_text(encoding="utf-8")
    for profile_id, policy in (("night-ok", "allowed"), ("night-strict", "avoid_except_urgent")):
        profile_text = text.replace("id: default", f"id: {profile_id}").replace(
            "after_hours: not_specified", f"after_hours: {policy}"
        )
        (data / "profiles" / f"{profile_id}.yml").write_text(profile_text, encoding="utf-8")
    (tmp_path / "quizzes").mkdir()
    monkeypatch.setenv("CHATDOJO_HOME", str(tmp_path))
    monkeypatch.delenv("CHATDOJO_PROFILE", raising=False)
    return tmp_path
