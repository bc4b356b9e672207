"""Organization profiles: where the source documents disagree, the profile decides.

Each ``data/profiles/<id>.yml`` has bilingual ``facts`` (used as ``{{ key }}``
in guides and questions) and enumerated ``policies`` (used by ``when:``
conditions on questions). The neutral ``default`` profile defines the keys
every other profile must provide.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chatdojo.content.checker import Checker
from chatdojo.content.errors import ErrorSink
from chatdojo.content.yamlines import YamlProblem, load_yaml
from chatdojo.i18n import Text, pick

DEFAULT_PROFILE = "default"

# Allowed values of each policy; the first is what the neutral profile assumes.
POLICY_VALUES: dict[str, tuple[str, ...]] = {
    "after_hours": ("avoid_except_urgent", "allowed"),
    "screenshots": ("not_specified", "banned"),
    "personal_devices": ("registered_only", "allowed_with_rules", "not_allowed"),
}


@dataclass(frozen=True)
class Profile:
    id: str
    name: Text
    description: Text
    sources: tuple[str, ...]
    facts: dict[str, Text]
    policies: dict[str, str]

    def substitutions(self, lang: str) -> dict[str, str]:
        return {key: pick(value, lang) for key, value in self.facts.items()}

    def matches(self, when: dict[str, str]) -> bool:
        return all(self.policies.get(key) == value for key, value in when.items())


def load_profile(path: Path, sink: ErrorSink) -> Profile | None:
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
        data, {"id", "name", "description", "sources", "facts", "policies"}, "a profile"
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
    policies: dict[str, str] = {}
    raw_pol = chk.mapping(data.get("policies"), "'policies'", data.line_of("policies"))
    if raw_pol is not None:
        for key, allowed in POLICY_VALUES.items():
            value = raw_pol.get(key)
            if value not in allowed:
                chk.error(
                    raw_pol.line_of(key), f"policy '{key}' must be one of: {', '.join(allowed)}"
                )
            else:
                policies[key] = value
        chk.unknown_keys(raw_pol, set(POLICY_VALUES), "'policies'")
    if profile_id is None or name is None or description is None or raw_facts is None:
        return None
    return Profile(profile_id, name, description, tuple(sources), facts, policies)


def load_profiles(folder: Path, sink: ErrorSink) -> dict[str, Profile]:
    profiles: dict[str, Profile] = {}
    for path in sorted(folder.glob("*.yml")):
        profile = load_profile(path, sink)
        if profile is not None:
            profiles[profile.id] = profile
    default = profiles.get(DEFAULT_PROFILE)
    if default is None:
        sink.add(folder / f"{DEFAULT_PROFILE}.yml", 1, "the neutral default profile is missing")
        return profiles
    for profile in profiles.values():
        missing = sorted(set(default.facts) - set(profile.facts))
        if missing:
            sink.add(
                folder / f"{profile.id}.yml",
                1,
                f"facts missing (defined in default): {', '.join(missing)}",
            )
    return profiles
