"""What the learner tells the advisor: a handful of yes/no facts about the situation."""

from __future__ import annotations

from dataclasses import dataclass, fields

from chatdojo.content.profiles import DEFAULT_PROFILE
from chatdojo.i18n import Strings


@dataclass(frozen=True)
class Situation:
    external: bool = False  # the other side is outside the organization (a vendor, ...)
    urgent: bool = False  # it must reach them right away
    meeting: bool = False  # a meeting or discussion, not a single message
    offsite: bool = False  # they work at another site (an outside facility, ...)
    needs_record: bool = False  # the exchange must be kept on record
    personal_data: bool = False  # it involves personal data
    after_hours: bool = False  # it is outside working hours
    needs_agreement: bool = False  # the organization must formally agree (決裁)
    profile: str = DEFAULT_PROFILE

    @classmethod
    def from_flags(cls, flags: dict[str, bool], profile: str = DEFAULT_PROFILE) -> Situation:
        unknown = set(flags) - set(FLAG_NAMES)
        if unknown:
            raise ValueError(f"unknown situation flag(s): {', '.join(sorted(unknown))}")
        return cls(**{k: bool(v) for k, v in flags.items()}, profile=profile)

    def flags(self) -> dict[str, bool]:
        return {name: getattr(self, name) for name in FLAG_NAMES}


FLAG_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Situation) if f.type in ("bool", bool))

# The plain yes/no question the app asks for each flag.
QUESTIONS = Strings.load("advisor.questions")
