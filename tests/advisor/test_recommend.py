"""recommend(): one test per rule of 003 §2, plus the limits of 003 §3."""

from __future__ import annotations

import itertools

import pytest

from chatdojo.advisor import FLAG_NAMES, Situation, UnknownProfile, find_profile, recommend
from chatdojo.advisor.criteria import CRITERIA, Context

from .paths import REPO


@pytest.fixture
def advise(methods, strict_profile):
    def run(profile=None, **flags):
        return recommend(Situation(**flags), profile or strict_profile, methods=methods)

    return run


def test_staff_non_urgent_goes_to_chat(advise):
    """Is a non-urgent matter between staff sent by chat, with e-mail last (003-2-01, 003-2-05)?"""
    rec = advise()
    assert rec.method == "chat"
    assert rec.ranking[-1] == "mail"
    assert "003-2-01" in rec.rules and "003-2-05" in rec.rules


def test_external_party_goes_to_mail(advise):
    """Is e-mail recommended for a vendor or other outside party, and chat ranked last (003-2-02)?"""
    rec = advise(external=True)
    assert rec.method == "mail"
    assert rec.ranking[-1] == "chat"
    assert "003-2-02" in rec.rules


@pytest.mark.parametrize(
    "flags",
    [
        {},
        {"external": True},
        {"offsite": True},
        {"needs_record": True},
        {"external": True, "offsite": True},
    ],
)
def test_urgent_goes_to_phone_or_face_to_face(advise, flags):
    """Whatever else holds, does an urgent matter go face-to-face or by phone (003-2-03)?"""
    rec = advise(urgent=True, **flags)
    assert rec.method in ("face_to_face", "phone")
    assert set(rec.ranking[:2]) == {"face_to_face", "phone"}


def test_urgent_offsite_prefers_phone(advise):
    """When the other person is at another site, is the phone chosen over travelling?"""
    assert advise(urgent=True, offsite=True).method == "phone"


@pytest.mark.parametrize(
    "flags", [{"offsite": True}, {"external": True}, {"offsite": True, "external": True}]
)
def test_meeting_across_sites_goes_to_web_meeting(advise, flags):
    """Is a meeting with an outside facility or a vendor held as a web meeting (003-2-04)?"""
    rec = advise(meeting=True, **flags)
    assert rec.method == "web_meeting"
    assert "003-2-04" in rec.rules


def test_meeting_on_site_is_face_to_face_or_web(advise):
    """Does an in-house meeting go to one of the two meeting methods of the table?"""
    rec = advise(meeting=True)
    assert set(rec.ranking[:2]) == {"face_to_face", "web_meeting"}


def test_needs_record_avoids_methods_without_record(advise, methods):
    """When a record is needed, are the methods that keep one ranked above those that do not?"""
    rec = advise(needs_record=True)
    kept = [m for m in rec.ranking if methods[m].record != "none"]
    assert rec.ranking[: len(kept)] == kept


ALL_FLAGS = [
    dict(zip(FLAG_NAMES, combo, strict=True))
    for combo in itertools.product([False, True], repeat=len(FLAG_NAMES))
]


def test_personal_data_never_ranks_chat_first(advise, open_profile):
    """In every combination of answers and for both after-hours policies, is chat never first with personal data?"""
    for flags in ALL_FLAGS:
        if not flags["personal_data"]:
            continue
        for profile in (None, open_profile):
            rec = advise(profile, **flags)
            assert rec.ranking[0] != "chat", flags
            assert rec.ranking[-1] == "chat", flags


def test_personal_data_warns_and_prefers_voice(advise):
    """Does personal data bring a 003 §3 warning and put face-to-face and phone first?"""
    rec = advise(personal_data=True)
    assert set(rec.ranking[:2]) == {"face_to_face", "phone"}
    assert any("003 §3" in w["ja"] and "チャット" in w["ja"] for w in rec.warnings)
    assert "003-3-13" in rec.rules


def test_after_hours_depends_on_the_profile(advise, strict_profile, open_profile):
    """Does an after-hours, non-urgent message get a hold-back warning only where the profile says so?"""
    strict = advise(strict_profile, after_hours=True)
    open_ = advise(open_profile, after_hours=True)
    assert any("勤務時間" in w["ja"] for w in strict.warnings)
    assert open_.warnings == []
    assert strict.reasons != open_.reasons
    assert any("After-hours rule (avoid_except_urgent)" in r["en"] for r in strict.reasons)
    assert any("After-hours rule (allowed)" in r["en"] for r in open_.reasons)


def test_after_hours_allowed_prefers_messages_over_calls(advise, open_profile):
    """Where after-hours contact is allowed, do real-time methods lose ground to messages?"""
    rec = advise(open_profile, after_hours=True)
    assert rec.scores["phone"] < rec.scores["chat"]
    assert rec.scores["phone"] < advise(after_hours=False).scores["phone"]


def test_after_hours_emergency_is_still_a_call(advise):
    """Is an after-hours emergency still passed on at once, by phone, with no hold-back warning?"""
    rec = advise(after_hours=True, urgent=True)
    assert rec.method == "phone"
    assert rec.warnings == []


def test_needs_agreement_points_to_kessai(advise):
    """Does a matter needing organizational agreement carry a note about formal approval (決裁)?"""
    rec = advise(needs_agreement=True)
    assert any("決裁" in w["ja"] and "003 §3" in w["ja"] for w in rec.warnings)
    assert "003-3-12" in rec.rules


def test_every_reason_cites_the_source_and_comes_from_a_criterion(advise):
    """For every situation, does each reason cite 003 and belong to a criterion that fired?"""
    names = {c.name for c in CRITERIA}
    for flags in ALL_FLAGS:
        rec = advise(**flags)
        assert rec.reasons, flags
        assert [dict(f.reason) for f in rec.findings if f.reason] == rec.reasons
        assert {f.criterion for f in rec.findings} <= names
        for text in [*rec.reasons, *rec.warnings]:
            assert "003 §" in text["ja"] and "003 §" in text["en"], text


def test_ranking_is_complete_and_deterministic(advise):
    """Is the ranking always all five methods, the same every time, ties in table order?"""
    from chatdojo.advisor import METHOD_IDS

    for flags in ALL_FLAGS:
        first, again = advise(**flags), advise(**flags)
        assert first.ranking == again.ranking and sorted(first.ranking) == sorted(METHOD_IDS)
        for a, b in itertools.pairwise(first.ranking):
            assert (first.scores[a], -METHOD_IDS.index(a)) > (first.scores[b], -METHOD_IDS.index(b))


def test_criteria_cite_rules_that_exist(methods, catalog, strict_profile):
    """Does every rule id a criterion can cite exist in data/rules.csv?"""
    ctx = Context(methods, "avoid_except_urgent")
    cited = set()
    for flags in ALL_FLAGS:
        for criterion in CRITERIA:
            finding = criterion.check(Situation(**flags), ctx)
            if finding:
                cited.update(finding.rules)
    assert cited and cited <= set(catalog.rules), cited - set(catalog.rules)


def test_profile_is_found_by_id():
    """Is the profile of the situation loaded when none is passed in, and an unknown one refused?"""
    rec = recommend(Situation(after_hours=True, profile="kusatsu-city"))
    assert any("草津市" in r["ja"] for r in rec.reasons)
    with pytest.raises(UnknownProfile, match="no-such-town"):
        find_profile("no-such-town", REPO)


def test_json_shape(advise):
    """Does as_dict() give exactly method, ranking, reasons (ja/en) and warnings?"""
    data = advise(external=True).as_dict()
    assert set(data) == {"method", "ranking", "reasons", "warnings"}
    assert all(set(r) == {"ja", "en"} for r in data["reasons"])


@pytest.mark.parametrize("profile_id", ["nogata-city", "bcp-city"])
def test_after_hours_not_specified_cites_no_other_document(methods, profile_id):
    """Where the organization's document says nothing about after hours (004, 002), does the
    advisor say so and send staff to their local rules, without citing 003 §3 as their rule?"""
    profile = find_profile(profile_id, REPO)
    assert profile.policies["after_hours"] == "not_specified"
    for urgent in (False, True):
        rec = recommend(Situation(after_hours=True, urgent=urgent), profile, methods=methods)
        after = [f for f in rec.findings if f.criterion == "after_hours"]
        assert after and all(not f.rules for f in after)
        for text in [*(dict(f.reason) for f in after if f.reason), *rec.warnings]:
            assert "003 §3" not in text["ja"] and "003 §3" not in text["en"], text
    rec = recommend(Situation(after_hours=True), profile, methods=methods)
    assert any("check your local rules" in w["en"] for w in rec.warnings)
    assert any("所属のルールを確認" in w["ja"] for w in rec.warnings)
    assert (
        recommend(Situation(after_hours=True, urgent=True), profile, methods=methods).method
        == "phone"
    )
