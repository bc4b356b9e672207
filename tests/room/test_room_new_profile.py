"""/room/new with an organization pack loaded: only what the server's profile is offered."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from chatdojo.content.catalog import Catalog, load_catalog
from chatdojo.store import live
from chatdojo.store.models import LiveSession

from .conftest import REPO, RoomServer, xsrf

TOWN = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "town"
TOWN_SCENARIO = "sample-joint-training"  # profiles: [sample-town]
TOWN_BANK = "sample-town"  # every question limited to sample-town


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    """The shipped content with the fixture town's pack over it (replaces conftest's)."""
    cat = load_catalog(REPO, packs=[TOWN], use_cache=False)
    assert not cat.errors and TOWN_SCENARIO in cat.scenarios
    return cat


@pytest.fixture(autouse=True)
def _profile(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The profile ``chatdojo serve --profile`` gives the room (read when the room starts)."""
    monkeypatch.setenv("CHATDOJO_PROFILE", getattr(request, "param", "default"))


def _post(console, page: str, **data: str):
    return console.post("/room/new", data={**data, "_xsrf": xsrf(console, page)})


def test_new_room_page_leaves_out_another_organizations_scenario_and_quiz(room: RoomServer):
    """Under the neutral profile, are the town's scenario and its town-only quiz left out?"""
    console = room.console()
    page = console.get("/room/new?lang=en").text
    assert 'value="screenshot-request"' in page  # shipped, for every organization
    assert f'value="{TOWN_SCENARIO}"' not in page
    assert f'<option value="{TOWN_BANK}"' not in page and "(0 questions)" not in page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_forged_post_of_a_hidden_scenario_is_refused_with_the_fix(room: RoomServer, lang: str):
    """Does a POST naming the hidden scenario get a ja/en message naming the fix, and no room?"""
    console = room.console()
    page = console.get(f"/room/new?lang={lang}").text
    res = _post(console, page, kind="scenario", scenario=TOWN_SCENARIO, time_limit="0")
    assert res.status_code == 400 and "/trainer" not in res.url.path
    expected = {
        "ja": "シナリオ sample-joint-training は sample-town 限定で",
        "en": "scenario sample-joint-training is limited to sample-town",
    }[lang]
    assert expected in res.text and "chatdojo serve --profile sample-town" in res.text
    quiz = _post(console, page, quiz=TOWN_BANK, mode="paced", time_limit="0")
    assert quiz.status_code == 400 and "/trainer" not in quiz.url.path
    with room.store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(LiveSession)).scalar() == 0


@pytest.mark.parametrize("_profile", ["sample-town"], indirect=True)
def test_the_towns_own_server_offers_and_opens_its_scenario(room: RoomServer):
    """Under the town's profile, is its scenario offered and does the form open its room?"""
    console = room.console()
    page = console.get("/room/new?lang=en").text
    assert f'value="{TOWN_SCENARIO}"' in page and f'<option value="{TOWN_BANK}"' in page
    res = _post(console, page, kind="scenario", scenario=TOWN_SCENARIO, time_limit="0")
    assert res.status_code == 200 and res.url.path.endswith("/trainer")
    info = live.get_session(room.store, res.url.path.split("/")[2])
    assert (info.kind, info.quiz_id) == ("scenario", TOWN_SCENARIO)


def test_session_create_refuses_a_scenario_of_another_organization(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Does 'session create --scenario' hold to the profile as /room/new does, naming the fix?"""
    from chatdojo.cli import main

    monkeypatch.setenv("CHATDOJO_RUNTIME_FILE", str(tmp_path / "server.json"))  # no server
    monkeypatch.setenv("CHATDOJO_PACKS", "")  # recorded, so --pack's setting is undone after
    args = ["session", "create", "--scenario", TOWN_SCENARIO, "--pack", str(TOWN)]
    args += ["--db", f"sqlite:///{tmp_path / 'room.db'}", "--json"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{TOWN_SCENARIO} は sample-town 限定です: --profile sample-town" in err
    assert main([*args, "--profile", "sample-town"]) == 0
