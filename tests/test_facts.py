"""Organization profiles: inline facts that read as noun phrases, notes, not_specified
policies, and facts filled into every field of a question."""

from __future__ import annotations

from pathlib import Path

from chatdojo.content.banks import questions_for
from chatdojo.content.catalog import load_catalog
from chatdojo.content.facts import fill, tidy_spaces
from chatdojo.content.markdown import render

REPO = Path(__file__).resolve().parent.parent


def _set_fact(root: Path, line: str) -> None:
    path = root / "data" / "profiles" / "default.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  report_incident_to:")
    end = text.index("\n", start)
    path.write_text(text[:start] + line + text[end:], encoding="utf-8")


def test_a_sentence_as_an_inline_fact_is_refused(content_root: Path) -> None:
    """Is a fact with 「」, a full stop, nested brackets or too many characters reported?"""
    _set_fact(
        content_root,
        "  report_incident_to: {ja: 「情報管理責任者（ICT 推進課（本庁））」に至急報告します。,"
        " en: the information management officer at once. Also tell the ICT Promotion"
        " Division of the bureau}",
    )
    errors = [str(e) for e in load_catalog(content_root, use_cache=False).errors]
    prefix = "data/profiles/default.yml:16: fact 'report_incident_to'"
    assert (
        f"{prefix} (ja) has sentence punctuation or 「」 (move the sentence to 'notes')" in errors
    )
    assert f"{prefix} (ja) has brackets inside brackets" in errors
    assert (
        f"{prefix} (en) has sentence punctuation or 「」 (move the sentence to 'notes')" in errors
    )
    assert f"{prefix} (en) is 94 characters long (at most 70 for an inline fact)" in errors


def test_shipped_profiles_have_short_inline_facts() -> None:
    """Do the shipped profiles pass the fact checks, and keep sentences in notes?"""
    cat = load_catalog(REPO, use_cache=False)
    assert not [e for e in cat.errors if e.path.startswith("data/profiles")]
    for profile in cat.profiles.values():
        assert set(profile.facts) == {
            "system_name",
            "report_lost_device_to",
            "report_incident_to",
            "inquiry_hours",
        }
        assert "after_hours_rule" in profile.notes


def test_documents_silent_on_after_hours_say_not_specified() -> None:
    """Do 004 (Nogata) and 002 (City A) no longer borrow 003's "avoid except urgent"?"""
    cat = load_catalog(REPO, use_cache=False)
    for pid in ("nogata-city", "bcp-city"):
        profile = cat.profiles[pid]
        assert profile.policies["after_hours"] == "not_specified"
        note = profile.notes["after_hours_rule"]
        assert "所属のルールを確認" in note["ja"] and "check your local rules" in note["en"]
        assert "003" not in note["ja"] + note["en"]
    assert cat.profiles["nogata-city"].policies["personal_devices"] == "not_specified"


def test_questions_assuming_a_policy_are_hidden_where_it_is_not_specified() -> None:
    """Is every question with when: {after_hours: avoid_except_urgent} hidden for Nogata?"""
    cat = load_catalog(REPO)
    nogata = cat.profiles["nogata-city"]
    for bank in cat.banks.values():
        shown = {q.id for q in questions_for(bank, nogata)}
        for q in bank.questions:
            if q.when.get("after_hours") == "avoid_except_urgent":
                assert q.id not in shown


def test_no_half_width_space_around_a_fact_in_japanese() -> None:
    """Does "すぐに {{ x }} に報告" read without spaces, while English keeps its spaces?"""
    values = {"x": "統括管理者（議会事務局総務課長）"}
    assert (
        fill("すぐに {{ x }} に報告する", values)
        == "すぐに統括管理者（議会事務局総務課長）に報告する"
    )
    assert fill("Tell {{ x }} now", {"x": "the officer"}) == "Tell the officer now"
    assert fill("ID {{ x }} です", {"x": "A"}) == "ID Aです"
    html = render("報告先は **{{ x }}** です。", values)
    assert "**" not in html and "</span>です" in html and "は<span" in html
    assert "<strong>" in render("Report to **{{ x }}** now.", values)
    assert tidy_spaces("no facts here") == "no facts here"


def test_facts_are_filled_into_options_and_feedback(content_root: Path) -> None:
    """Are {{ facts }} filled in options, feedback and explanations, not only the text?"""
    bank_path = content_root / "quizzes" / "basics.md"
    text = bank_path.read_text(encoding="utf-8")
    text = text.replace(
        "{ja: チャット, en: Chat}",
        "{ja: '{{ report_incident_to }} に連絡', en: 'Tell {{ report_incident_to }}'}",
    )
    text = text.replace(
        "feedback: {ja: はい, en: Yes}",
        "feedback: {ja: '{{ system_name }}', en: '{{ system_name }}'}",
    )
    bank_path.write_text(text, encoding="utf-8")
    cat = load_catalog(content_root, use_cache=False)
    assert cat.errors == []
    profile = cat.profiles["default"]
    (question,) = questions_for(cat.banks["basics"], profile)
    first = question.choices[0]
    assert first.text == {
        "ja": "所属の規程で定められた情報セキュリティの担当者に連絡",
        "en": "Tell the security contact your own rules name",
    }
    assert first.feedback == {
        "ja": "業務用チャット・グループウェア",
        "en": "the business chat or groupware",
    }


def _replace_in_bank(root: Path, old: str, new: str) -> None:
    bank = root / "quizzes" / "basics.md"
    text = bank.read_text(encoding="utf-8")
    assert old in text
    bank.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unfilled_placeholder_in_an_option_fails_the_check(content_root: Path) -> None:
    """Is a {{ name }} no profile fills, in an option's feedback, reported (not just in the text)?"""
    _replace_in_bank(
        content_root, "feedback: {ja: いいえ, en: No}", "feedback: {ja: '{{ nope }}', en: No}"
    )
    errors = [str(e) for e in load_catalog(content_root, use_cache=False).errors]
    assert (
        "quizzes/basics.md:9: question b-1: 'choices[2].feedback.ja' would show '{{ nope }}' "
        "unfilled under every profile"
    ) in errors


def test_a_broken_placeholder_fails_the_check(content_root: Path) -> None:
    """Is a mistyped placeholder ('{{ system_name }' ) in an explanation reported?"""
    _replace_in_bank(
        content_root,
        "explanation: {ja: 説明, en: Because}",
        "explanation: {ja: 説明, en: 'Use {{ system_name }'}",
    )
    errors = [str(e) for e in load_catalog(content_root, use_cache=False).errors]
    assert any("'explanation.en' would show '{{ or }}' unfilled" in e for e in errors), errors


def test_a_note_inside_a_sentence_is_reported(content_root: Path) -> None:
    """Is a note (a sentence) used inside 「…」です reported, and one after a label accepted?"""
    _replace_in_bank(
        content_root,
        'text: {ja: どれ？, en: "Which?"}',
        "text:\n  ja: 扱いは「{{ after_hours_rule }}」です。どれ？\n"
        "  en: 'Yours: {{ after_hours_rule }}. Which?'",
    )
    errors = [str(e) for e in load_catalog(content_root, use_cache=False).errors]
    assert len(errors) == 1, errors
    assert "'text' (ja) uses the note '{{ after_hours_rule }}' inside a sentence" in errors[0]


def test_quiz_page_shows_options_with_facts_filled(content_root: Path) -> None:
    """Does the quiz page's answer widget show the profile's fact, not '{{ report_incident_to }}'?"""
    from chatdojo.views.page import Page
    from chatdojo.views.quiz_view import QuizView

    _replace_in_bank(
        content_root,
        "{ja: チャット, en: Chat}",
        "{ja: '{{ report_incident_to }} に連絡', en: 'Tell {{ report_incident_to }}'}",
    )
    page = Page.from_request(load_catalog(content_root), {"lang": "en", "profile": "default"})
    view = QuizView(page, page.catalog.banks["basics"])
    labels = [label for label, _ in view.input.widget.options]
    assert "Tell the security contact your own rules name" in labels
    assert not any("{{" in label for label in labels)


def test_a_fact_with_brackets_inside_brackets_is_reported() -> None:
    """Would "（報告先：{{ report_lost_device_to }}）" nest brackets under Kumamoto's fact?"""
    from chatdojo.content.factcheck import nested_facts

    profiles = list(load_catalog(REPO).profiles.values())
    found = nested_facts("すぐ報告する（報告先：{{ report_lost_device_to }}）", "ja", profiles)
    assert found == [("report_lost_device_to", "kumamoto-council")]
    assert (
        nested_facts("すぐ{{ report_lost_device_to }}へ報告する（001 第17条）", "ja", profiles)
        == []
    )
    assert nested_facts("Report it (to {{ report_lost_device_to }})", "en", profiles)
