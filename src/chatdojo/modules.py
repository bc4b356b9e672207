"""The registry of pages the home page lists: one module per guide, plus tool pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chatdojo.content.guides import Guide
from chatdojo.content.model import Catalog
from chatdojo.content.profiles import Profile
from chatdojo.i18n import Text


@dataclass(frozen=True)
class Module:
    id: str
    notebook: str
    title: Text
    summary: Text
    kind: str  # "topic" or "tool"


# Tool pages; each is listed only once its notebook exists.
TOOL_PAGES: tuple[Module, ...] = (
    Module(
        "advisor",
        "advisor.ipynb",
        {"ja": "連絡手段アドバイザー", "en": "Communication-method advisor"},
        {
            "ja": "場面を答えると、合う連絡手段と理由を示します。",
            "en": "Describe the situation and get the method that fits, with reasons.",
        },
        "tool",
    ),
    Module(
        "scenarios",
        "scenarios.ipynb",
        {"ja": "シナリオ演習", "en": "Scenario walkthroughs"},
        {
            "ja": "場面を最後まで体験し、選択の結果を確かめます。",
            "en": "Work through a situation and see where each choice leads.",
        },
        "tool",
    ),
    Module(
        "paper-dashboard",
        "paper_dashboard.ipynb",
        {"ja": "ペーパーレス効果ダッシュボード", "en": "Paper-savings dashboard"},
        {
            "ja": "印刷枚数と費用の削減効果を計算し、資料にします。",
            "en": "Compute sheets and cost saved and export them for a presentation.",
        },
        "tool",
    ),
    Module(
        "paper-case",
        "paper_case_study.ipynb",
        {"ja": "事例：会議資料のペーパーレス化", "en": "Case study: paperless meeting papers"},
        {
            "ja": "003 §5 の数値を読み解きます（対前年比と削減率の違い）。",
            "en": "Reads the figures of 003 §5 (year-on-year ratio versus reduction rate).",
        },
        "tool",
    ),
    Module(
        "progress",
        "progress.ipynb",
        {"ja": "学習の記録と修了証", "en": "My progress and certificate"},
        {
            "ja": "名前か職員番号で続きから学び、修了証を受け取ります。",
            "en": "Resume with your name or staff number and get your certificate.",
        },
        "tool",
    ),
    Module(
        "trainer",
        "trainer.ipynb",
        {"ja": "講師用：セッション運営", "en": "Trainer: run a session"},
        {
            "ja": "参加コードを発行し、投影画面と講師用コンソールでライブ研修を進めます。",
            "en": "Create a join code and run a live session with a projector screen and a console.",
        },
        "tool",
    ),
)


# Tool pages built on the shipped documents (the advisor's table is 003 §2, the case
# study 003 §5): left out when a standalone pack replaces those documents.
SHIPPED_TOOLS = frozenset({"advisor", "paper-case"})


def offered(catalog: Catalog, guide: Guide, profile: Profile | None) -> bool:
    """Is the guide's module offered under ``profile`` (None: under any)?

    Not when the guide is limited to other profiles, nor when it has a quiz or scenarios
    and none of its questions or scenarios holds under the profile.
    """
    if profile is None:
        return True
    if not guide.shown_to(profile.id):
        return False
    bank = catalog.banks.get(guide.quiz or "")
    if bank is None and not guide.scenarios:
        return True  # a guide to read, nothing to answer
    if bank is not None and any(q.applies_to(profile.id, profile.policies) for q in bank.questions):
        return True
    for scenario_id in guide.scenarios:
        applies = getattr(catalog.scenarios.get(scenario_id), "applies_to", None)
        if applies is not None and applies(profile.id, profile.policies):
            return True
    return False


def topic_modules(catalog: Catalog, profile: Profile | None = None) -> list[Module]:
    guides = sorted(catalog.guides.values(), key=lambda g: (g.order, g.id))
    return [
        Module(g.id, f"{g.id}.ipynb", g.title, g.summary, "topic")
        for g in guides
        if offered(catalog, g, profile)
    ]


def all_modules(
    catalog: Catalog, notebooks: Path | None = None, profile: Profile | None = None
) -> list[Module]:
    """Topic modules offered under ``profile`` (all when None), then the tool pages."""
    folder = notebooks or catalog.root / "notebooks"
    tools = [
        m
        for m in TOOL_PAGES
        if (folder / m.notebook).is_file()
        and not (catalog.shipped_only_base and m.id in SHIPPED_TOOLS)
    ]
    return [*topic_modules(catalog, profile), *tools]
