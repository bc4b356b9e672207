"""Organization profiles: where the source documents disagree, the profile decides.

Each ``data/profiles/<id>.yml`` has bilingual ``facts`` (short noun phrases used
inline as ``{{ key }}``), bilingual ``notes`` (sentences, used as ``{{ key }}`` only
where a sentence of their own fits) and enumerated ``policies`` (used by ``when:``
conditions on questions; every policy may be ``not_specified``). The neutral
``default`` profile defines the keys every other profile must provide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from chatdojo.content import policies as policies_file
from chatdojo.content.checker import Checker
from chatdojo.content.errors import ErrorSink
from chatdojo.content.yamlines import YamlProblem, load_yaml
from chatdojo.i18n import Text, pick

DEFAULT_PROFILE = "default"

# The policy keys, their allowed values and labels live in data/policies.yml
# (chatdojo.content.policies); ``not_specified``: the organization's document says
# nothing, so questions that assume a value (``when:``) are hidden and notes say
# "check your local rules".
NOT_SPECIFIED = policies_file.NOT_SPECIFIED

# An inline fact is a short noun phrase that must read inside any sentence.
FACT_MAX_LENGTH = {"ja": 30, "en": 70}
_SENTENCE_MARKS = {
    "ja": re.compile(r"[。．！？!?]|「|」"),
    "en": re.compile(r"[.!?;](\s|$)|[「」]"),
}
_OPEN, _CLOSE = "（(", "）)"


def fact_problems(value: str, lang: str) -> list[str]:
    """Why ``value`` cannot be used inline as a fact (empty when it can)."""
    problems = []
    limit = FACT_MAX_LENGTH[lang]
    if len(value) > limit:
        problems.append(f"is {len(value)} characters long (at most {limit} for an inline fact)")
    if _SENTENCE_MARKS[lang].search(value):
        problems.append("has sentence punctuation or 「」 (move the sentence to 'notes')")
    depth = deepest = 0
    for ch in value:
        depth += (ch in _OPEN) - (ch in _CLOSE)
        deepest = max(deepest, depth)
    if deepest > 1:
        problems.append("has brackets inside brackets")
    if depth != 0:
        problems.append("has unbalanced brackets")
    return problems


@dataclass(frozen=True)
class Profile:
    id: str
    name: Text
    description: Text
    sources: tuple[str, ...]
    facts: dict[str, Text]
    policies: dict[str, str]
    notes: dict[str, Text] = field(default_factory=dict)
    # policy key -> the organization's own rule ids that set it (cited by the advisor)
    policy_rules: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # ``policy_<key>``: the label of this profile's value (from data/policies.yml), so
    # guide text and scenario steps can say 「この組織では：{{ policy_screenshots }}」
    labels: dict[str, Text] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Text]:
        """Every ``{{ key }}`` this profile fills: inline facts and notes."""
        return {**self.labels, **self.notes, **self.facts}

    def substitutions(self, lang: str) -> dict[str, str]:
        return {key: pick(value, lang) for key, value in self.values.items()}

    def says_nothing_about(self, policy: str) -> bool:
        return self.policies.get(policy) == NOT_SPECIFIED

    def matches(self, when: dict[str, str]) -> bool:
        return all(self.policies.get(key) == value for key, value in when.items())


def load_profile(
    path: Path, sink: ErrorSink, policies: Mapping[str, policies_file.Policy]
) -> Profile | None:
    chk = Checker(sink, path)
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except YamlProblem as problem:
        sink.add(path, problem.line, problem.message)
        return None
    except (OSError, UnicodeDecodeError) as exc:
        sink.add(path, 1, f"cannot read profile: {exc}")
        return None
    data = chk.mapping(data, "a profile", 1)
    if data is None:
        return None
    chk.unknown_keys(
        data,
        {"id", "name", "description", "sources", "facts", "notes", "policies", "policy_rules"},
        "a profile",
    )
    profile_id = chk.string(data, "id")
    if profile_id is not None and profile_id != path.stem:
        chk.error(
            data.line_of("id"), f"profile id '{profile_id}' must match the file name '{path.stem}'"
        )
    name = chk.text(data, "name")
    description = chk.text(data, "description")
    sources = chk.string_list(data, "sources", required=False)
    facts: dict[str, Text] = {}
    raw_facts = chk.mapping(data.get("facts"), "'facts'", data.line_of("facts"))
    if raw_facts is not None:
        for key in raw_facts:
            text = chk.text(raw_facts, key)
            if text is not None:
                facts[str(key)] = text
                for lang, phrase in text.items():
                    for issue in fact_problems(phrase, lang):
                        chk.error(raw_facts.line_of(key), f"fact '{key}' ({lang}) {issue}")
    notes: dict[str, Text] = {}
    if "notes" in data:
        raw_notes = chk.mapping(data.get("notes"), "'notes'", data.line_of("notes"))
        for note_key in raw_notes or {}:
            assert raw_notes is not None
            if str(note_key) in facts:
                chk.error(raw_notes.line_of(note_key), f"'{note_key}' is both a fact and a note")
            note = chk.text(raw_notes, note_key)
            if note is not None:
                notes[str(note_key)] = note
    chosen: dict[str, str] = {}
    raw_pol = chk.mapping(data.get("policies"), "'policies'", data.line_of("policies"))
    if raw_pol is not None:
        where = f"(declared in {policies_file.POLICIES_FILE})"
        for key, policy in policies.items():
            value = raw_pol.get(key, NOT_SPECIFIED if key not in raw_pol else None)
            if value not in policy.values:
                chk.error(
                    raw_pol.line_of(key),
                    f"policy '{key}' must be one of: {', '.join(policy.values)} {where}; "
                    "a pack may add a value in its own data/policies.yml",
                )
            else:
                chosen[key] = str(value)
        for key in raw_pol:
            if key not in policies:
                chk.error(
                    raw_pol.line_of(key),
                    f"unknown key '{key}' in 'policies' (known: {', '.join(sorted(policies))}); "
                    f"declare a new policy in data/policies.yml",
                )
    policy_rules: dict[str, tuple[str, ...]] = {}
    if "policy_rules" in data:
        raw_rules = chk.mapping(
            data["policy_rules"], "'policy_rules'", data.line_of("policy_rules")
        )
        for key in raw_rules or {}:
            assert raw_rules is not None
            if key not in policies:
                chk.error(
                    raw_rules.line_of(key),
                    f"'policy_rules' names unknown policy '{key}' (known: {', '.join(policies)})",
                )
                continue
            policy_rules[str(key)] = tuple(chk.string_list(raw_rules, key))
    if profile_id is None or name is None or description is None or raw_facts is None:
        return None
    return Profile(
        profile_id, name, description, tuple(sources), facts, chosen, notes, policy_rules
    )


def load_profiles(
    folder: Path, sink: ErrorSink, policies: Mapping[str, policies_file.Policy] | None = None
) -> dict[str, Profile]:
    """The profiles of one content root (its policies from ``data/policies.yml`` beside)."""
    if policies is None:
        policies = policies_file.load_policies([folder.parent / "policies.yml"], sink)
    return load_profile_files(sorted(folder.glob("*.yml")), sink, policies, folder)


def load_profile_files(
    files: Iterable[Path],
    sink: ErrorSink,
    policies: Mapping[str, policies_file.Policy],
    default_folder: Path,
) -> dict[str, Profile]:
    """Profiles of every layer; an id given twice is reported with both files.

    The order is the organization menu's: the neutral default first, then the others
    in the order of ``files`` (the shipped ones by file name, then each pack's, packs in
    the order given), never by id alone (愛荘町 ``aisho-town`` would sort above 標準).
    """
    profiles: dict[str, Profile] = {}
    where: dict[str, Path] = {}
    for path in files:
        profile = load_profile(path, sink, policies)
        if profile is None:
            continue
        if profile.id in profiles:
            sink.add(
                path,
                1,
                f"profile '{profile.id}' is already defined in {sink.display(where[profile.id])}"
                ":1; give this organization another id",
            )
            continue
        profiles[profile.id] = profile
        where[profile.id] = path
    default = profiles.get(DEFAULT_PROFILE)
    if default is None:
        sink.add(
            default_folder / f"{DEFAULT_PROFILE}.yml", 1, "the neutral default profile is missing"
        )
        return profiles
    for profile in profiles.values():
        for what, mine, theirs in (
            ("facts", profile.facts, default.facts),
            ("notes", profile.notes, default.notes),
        ):
            missing = sorted(set(theirs) - set(mine))
            if missing:
                sink.add(
                    where[profile.id],
                    1,
                    f"{what} missing (defined in default): {', '.join(missing)}",
                )
            extra = sorted(set(mine) - set(theirs))
            if extra:
                sink.add(
                    where[profile.id],
                    1,
                    f"{what} not in the default profile: {', '.join(extra)}",
                )
    return {DEFAULT_PROFILE: default, **profiles}


def with_policy_labels(profile: Profile, policies: Mapping[str, policies_file.Policy]) -> Profile:
    """The profile with ``policy_<key>`` filled by the label of each of its policy values."""
    import dataclasses

    labels = {
        f"policy_{key}": policy.values[profile.policies[key]]
        for key, policy in policies.items()
        if profile.policies.get(key) in policy.values
    }
    return dataclasses.replace(profile, labels=labels)
