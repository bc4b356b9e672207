"""What the learner tells the advisor: a handful of yes/no facts about the situation."""

from __future__ import annotations

from dataclasses import dataclass, fields

from chatdojo.content.profiles import DEFAULT_PROFILE
from chatdojo.i18n import Text


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
QUESTIONS: dict[str, Text] = {
    "external": {
        "ja": "相手は事業者など、組織の外の人ですか？",
        "en": "Is the other side outside your organization (a vendor, for example)?",
    },
    "urgent": {
        "ja": "今すぐ伝わらないと困る、急ぎの用件ですか？",
        "en": "Does it have to reach them right away?",
    },
    "meeting": {
        "ja": "会議や打合せとして話し合いますか？",
        "en": "Is it a meeting or a discussion?",
    },
    "offsite": {
        "ja": "相手は庁外の施設など、離れた場所にいますか？",
        "en": "Are they at another site, such as an outside facility?",
    },
    "needs_record": {
        "ja": "やり取りを記録として残す必要がありますか？",
        "en": "Must the exchange be kept on record?",
    },
    "personal_data": {
        "ja": "個人情報を含みますか？",
        "en": "Does it involve personal data?",
    },
    "after_hours": {
        "ja": "勤務時間外の連絡ですか？",
        "en": "Is it outside working hours?",
    },
    "needs_agreement": {
        "ja": "組織としての正式な合意（決裁）が要る内容ですか？",
        "en": "Does it need the organization's formal agreement (kessai)?",
    },
}
