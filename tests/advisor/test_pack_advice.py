"""Does a pack's own rule change the advisor's advice, citing that pack's article?"""

from __future__ import annotations

from pathlib import Path

import pytest

from chatdojo.advisor import recommend
from chatdojo.advisor.situation import Situation
from chatdojo.content.catalog import load_catalog

from .paths import REPO

TOWN = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "town"


@pytest.fixture
def packed(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CHATDOJO_PACKS", str(TOWN))
    return load_catalog(REPO)


def test_outside_party_advice_follows_the_town_rule(packed) -> None:
    """Under a town whose rule allows chat with other public bodies, is chat no longer ruled
    out for an outside party, with the town's article cited instead of 003's?"""
    situation = Situation(external=True, profile="sample-town")
    town = recommend(situation, packed.profiles["sample-town"])
    neutral = recommend(Situation(external=True), packed.profiles["default"])
    assert town.scores["chat"] > neutral.scores["chat"]
    assert neutral.ranking[-1] == "chat" != town.ranking[-1]
    reason = next(r for r in town.reasons if "見本町" in r["ja"])
    assert "sample 第1条" in reason["ja"] and "sample Art. 1" in reason["en"]
    assert "sample-1-01" in town.rules
    assert not any("003 §2" in r["ja"] and "組織の外" in r["ja"] for r in town.reasons)
