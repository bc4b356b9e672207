"""The scoring criteria, one small function each, listed in one ordered registry.

A criterion looks at the situation and the rows of the comparison table and,
when it applies, returns a ``Finding``: points per method, the reason shown
to the learner (citing 003) and optionally a warning. Reasons therefore only
ever come from a criterion that actually scored something.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from chatdojo.advisor.situation import Situation
from chatdojo.advisor.table import Method
from chatdojo.content.profiles import NOT_SPECIFIED
from chatdojo.i18n import Text


@dataclass(frozen=True)
class Context:
    """What the criteria may read besides the situation: the table and the profile."""

    methods: Mapping[str, Method]
    after_hours_policy: str = "avoid_except_urgent"
    after_hours_rule: Text | None = None  # the profile's own wording, shown as is
    profile_name: Text | None = None
    # the organization's own policies and the citations of the rules that set them
    policies: Mapping[str, str] = field(default_factory=dict)
    policy_citations: Mapping[str, Text] = field(default_factory=dict)
    policy_rules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    criterion: str
    points: Mapping[str, int]
    reason: Text | None
    rules: tuple[str, ...] = ()
    warning: Text | None = None


@dataclass(frozen=True)
class Criterion:
    name: str
    check: Callable[[Situation, Context], Finding | None] = field(repr=False)


CRITERIA: list[Criterion] = []


def criterion(
    func: Callable[[Situation, Context], Finding | None],
) -> Callable[[Situation, Context], Finding | None]:
    CRITERIA.append(Criterion(func.__name__, func))
    return func


def _score(ctx: Context, rate: Callable[[Method], int]) -> dict[str, int]:
    """Apply ``rate`` to every table row, keeping only the rows it moved."""
    points = {m.id: rate(m) for m in ctx.methods.values()}
    return {k: v for k, v in points.items() if v}


# -- 003 §2: the four rules of thumb --------------------------------------------


@criterion
def staff_routine(s: Situation, ctx: Context) -> Finding | None:
    if s.external or s.urgent or s.meeting:
        return None
    return Finding(
        "staff_routine",
        _score(ctx, lambda m: 3 if m.id == "chat" else -1 if m.id == "mail" else 0),
        {
            "ja": "職員同士の急がない確認・相談・データの受け渡しは、チャットが基本です。"
            "職員間でメールを使っていた用件もチャットに移します（003 §2）",
            "en": "Non-urgent checks, questions and file hand-overs between staff go by chat; "
            "staff-to-staff e-mail moves to chat too (003 §2)",
        },
        ("003-2-01", "003-2-05", "003-3-01"),
    )


@criterion
def outside_party(s: Situation, ctx: Context) -> Finding | None:
    if not s.external:
        return None
    if ctx.policies.get("outside_parties") == "chat_with_public_bodies":
        return _outside_party_chat(ctx)

    def rate(m: Method) -> int:
        if m.external == "staff_first":
            return -3
        bonus = 2 if m.id == "mail" else 0  # the rule names e-mail for outside parties
        return (2 if m.external == "yes" else 0) + bonus

    return Finding(
        "outside_party",
        _score(ctx, rate),
        {
            "ja": "相手が事業者など組織の外の人なので、メールが基本です。"
            "チャットは職員間の連絡を前提にしています（003 §2）",
            "en": "The other side is outside the organization, so e-mail is the default; "
            "chat is meant for contact between staff (003 §2)",
        },
        ("003-2-02", "003-2-19", "003-2-20"),
    )


def _outside_party_chat(ctx: Context) -> Finding:
    """The organization's own rule lets staff chat with other public bodies (e.g. LoGoチャット
    between municipalities): chat is not ruled out, and the reason cites that rule."""
    name = ctx.profile_name or {"ja": "所属の組織", "en": "your organization"}
    cite = ctx.policy_citations.get("outside_parties") or {"ja": "", "en": ""}

    def rate(m: Method) -> int:
        if m.id == "chat":
            return 1
        return 2 if m.external == "yes" else 0

    return Finding(
        "outside_party",
        _score(ctx, rate),
        {
            "ja": f"{name['ja']}の規程では、他の自治体など公的機関の相手ともチャットで連絡できます"
            f"（{cite['ja']}）。事業者など民間の相手には、メールや電話など相手も使える手段を選びます",
            "en": f"{name['en']}'s rules let you chat with other public bodies as well "
            f"({cite['en']}); for a business or other private party, choose a method they "
            "also use, such as e-mail or phone",
        },
        ctx.policy_rules.get("outside_parties", ()),
    )


@criterion
def urgent(s: Situation, ctx: Context) -> Finding | None:
    if not s.urgent:
        return None
    return Finding(
        "urgent",
        _score(ctx, lambda m: 4 if m.id in ("face_to_face", "phone") else 0),
        {
            "ja": "すぐに伝える必要があるので、対面か電話で直接伝えます（003 §2）",
            "en": "It has to get through now, so say it in person or by phone (003 §2)",
        },
        ("003-2-03",),
    )


@criterion
def real_time(s: Situation, ctx: Context) -> Finding | None:
    if not s.urgent:
        return None
    return Finding(
        "real_time",
        _score(ctx, lambda m: {"◎": 1, "○": 0, "×": -3}[m.real_time]),
        {
            "ja": "急ぎのときは即時性で比べます。メールは相手がいつ読むか分からず、"
            "チャットはオンライン表示で様子が分かる程度です（003 §2 表）",
            "en": "When it is urgent, compare how immediate each method is: you cannot tell "
            "when an e-mail will be read, and chat only shows who is online (003 §2 table)",
        },
        ("003-2-09", "003-2-10", "003-2-22"),
    )


@criterion
def meeting(s: Situation, ctx: Context) -> Finding | None:
    if not s.meeting:
        return None
    return Finding(
        "meeting",
        _score(ctx, lambda m: 2 if "meeting" in m.uses else 0),
        {
            "ja": "会議・打合せに向いているのは、対面とWEB会議です（003 §2 表）",
            "en": "Meetings and discussions suit face-to-face talks and web meetings (003 §2 table)",
        },
        ("003-2-24",),
    )


@criterion
def meeting_across_sites(s: Situation, ctx: Context) -> Finding | None:
    if not (s.meeting and (s.offsite or s.external)):
        return None
    return Finding(
        "meeting_across_sites",
        _score(ctx, lambda m: 3 if m.id == "web_meeting" else 0),
        {
            "ja": "庁外施設の職員や事業者との会議・打合せには、WEB会議も使えます。"
            "移動の時間がかかりません（003 §2）",
            "en": "For meetings with staff at outside facilities or with vendors, a web "
            "meeting is an option and saves the journey (003 §2)",
        },
        ("003-2-04",),
    )


@criterion
def offsite(s: Situation, ctx: Context) -> Finding | None:
    if not s.offsite:
        return None
    reason = {
        "ja": "相手は離れた場所にいるので、対面には移動が必要です。"
        "表で「非接触」の手段が向いています（003 §2 表）",
        "en": "They are at another site, so meeting in person means travelling; the "
        "contactless methods of the table fit better (003 §2 table)",
    }
    rules: tuple[str, ...] = ("003-2-12",)
    if not (s.urgent or s.meeting or s.external):
        reason = {
            "ja": reason["ja"].removesuffix("（003 §2 表）")
            + "。簡単な打合せならチャットで済み、履歴も残ります（003 §2 表, §3）",
            "en": reason["en"].removesuffix(" (003 §2 table)")
            + "; a simple discussion can go by chat, which also keeps the history "
            "(003 §2 table, §3)",
        }
        rules += ("003-3-08",)
    return Finding(
        "offsite", _score(ctx, lambda m: -2 if m.contact == "contact" else 0), reason, rules
    )


# -- 003 §2 table: what each method leaves behind -----------------------------------


@criterion
def keep_record(s: Situation, ctx: Context) -> Finding | None:
    if not s.needs_record:
        return None
    return Finding(
        "keep_record",
        # when urgent, speed wins and the record is written afterwards
        _score(ctx, lambda m: {"kept": 2, "can_keep": 1, "none": 0 if s.urgent else -1}[m.record]),
        {
            "ja": "記録が必要なので、やり取りが残るメールやチャットが有利です。"
            "対面や電話は残らないため、伝えた後で要点を文字にしておきます（003 §2 表）",
            "en": "A record is needed, so e-mail and chat, which keep the exchange, come first; "
            "face-to-face talks and calls leave nothing, so write the outcome down afterwards "
            "(003 §2 table)",
        },
        ("003-2-06", "003-2-07", "003-2-08", "003-2-16"),
    )


# -- 003 §3: limits on what goes into chat ------------------------------------------


@criterion
def personal_data(s: Situation, ctx: Context) -> Finding | None:
    if not s.personal_data:
        return None

    def rate(m: Method) -> int:
        if m.id == "chat":
            return -10  # never, whatever else fits
        if m.record == "none":
            return 2  # nothing is stored anywhere
        return -1 if m.sender_can_delete == "no" else 0

    return Finding(
        "personal_data",
        _score(ctx, rate),
        {
            "ja": "個人情報を含むので、チャットは使いません。記録の残らない対面か電話で伝えるか、"
            "組織で認められた方法で渡します。メールは送ると相手側の控えを消せません（003 §3, §2 表）",
            "en": "It involves personal data, so chat is out. Tell it in person or by phone, which "
            "store nothing, or hand it over by a channel your organization approves; a sent "
            "e-mail cannot be taken back (003 §3, §2 table)",
        },
        ("003-3-13", "003-2-07"),
        warning={
            "ja": "個人情報はチャットに載せません。個人識別符号や特定個人情報は厳禁で、"
            "組み合わせると個人が分かる情報も控えます。誤って載せたらすぐ削除します（003 §3）",
            "en": "Personal data never goes into chat: identification codes and specific "
            "personal information (My Number data) are strictly banned, and so are details "
            "that identify someone in combination. "
            "Delete at once anything posted by mistake (003 §3)",
        },
    )


AFTER_HOURS_RULES = ("003-3-10", "003-4-04")


@criterion
def after_hours(s: Situation, ctx: Context) -> Finding | None:
    if not s.after_hours:
        return None
    org = _org_rule(ctx)
    if ctx.after_hours_policy == "allowed":
        return Finding(
            "after_hours",
            _score(ctx, lambda m: -1 if m.real_time == "◎" else 0),
            {
                "ja": "この組織では勤務時間外の連絡も認められています。それでも相手は勤務外かもしれないので、"
                "都合のよいときに読める手段が無難です（003 §3、扱いは組織により異なります）"
                + org["ja"],
                "en": "Your organization allows contact outside working hours. The other person may "
                "still be off duty, so a method they can read when it suits them is kinder "
                "(003 §3; organizations differ)" + org["en"],
            },
            AFTER_HOURS_RULES,
        )
    if ctx.after_hours_policy == NOT_SPECIFIED:
        return _after_hours_not_specified(s, ctx, org)
    if s.urgent:
        return Finding(
            "after_hours",
            _score(ctx, lambda m: -1 if m.contact == "contact" else 0),
            {
                "ja": "勤務時間外ですが、緊急なので連絡してよい場合にあたります。"
                "相手は職場にいないことが多いので、電話が確実です（003 §3）" + org["ja"],
                "en": "It is outside working hours, but an emergency is the exception where contact "
                "is fine; people are rarely at their desks then, so phone (003 §3)" + org["en"],
            },
            AFTER_HOURS_RULES,
        )
    # Not urgent under "avoid": the question is *when*, not *how*, so no points.
    return Finding(
        "after_hours",
        {},
        {
            "ja": "勤務時間外で急ぎでもないので、今は連絡を控えます。"
            "内容を準備しておき、勤務時間になってから送ります（003 §3）" + org["ja"],
            "en": "It is outside working hours and not urgent, so hold it back: prepare the "
            "message and send it once working hours start (003 §3)" + org["en"],
        },
        AFTER_HOURS_RULES,
        warning={
            "ja": "今は送らず、勤務時間になってから連絡しましょう（緊急時を除く・003 §3）",
            "en": "Do not send it now; get in touch once working hours start (except in an "
            "emergency, 003 §3)",
        },
    )


def _after_hours_not_specified(s: Situation, ctx: Context, org: Text) -> Finding:
    """The organization's document says nothing about after hours: cite no other
    document's rule as theirs; send the learner to their local rules."""
    if s.urgent:
        return Finding(
            "after_hours",
            _score(ctx, lambda m: -1 if m.contact == "contact" else 0),
            {
                "ja": "勤務時間外で急ぎの用件です。相手は職場にいないことが多いので、"
                "確実に届く電話が向いています" + org["ja"],
                "en": "It is outside working hours and urgent; people are rarely at their desks "
                "then, so a phone call is the surest way to reach them" + org["en"],
            },
            (),
        )
    return Finding(
        "after_hours",
        {},
        {
            "ja": "勤務時間外で、急ぎでもない連絡です" + org["ja"],
            "en": "It is outside working hours and not urgent" + org["en"],
        },
        (),
        warning={
            "ja": "所属の文書には時間外の連絡の定めがありません。所属のルールを確認してください",
            "en": "Your organization's document does not say; check your local rules",
        },
    )


@criterion
def needs_agreement(s: Situation, ctx: Context) -> Finding | None:
    if not s.needs_agreement:
        return None
    return Finding(
        "needs_agreement",
        {},
        None,
        ("003-3-12", "003-3-11"),
        warning={
            "ja": "組織として合意が要る内容は、チャットで決めずに決裁を起案して合意を取ります。"
            "チャットの内容も情報公開の対象になる行政情報です（003 §3）",
            "en": "Anything the organization has to agree on is settled by a formal approval "
            "(kessai), not in chat; chat content is official information open to disclosure "
            "requests (003 §3)",
        },
    )


def _org_rule(ctx: Context) -> Text:
    """The profile's own after-hours wording appended to a reason, or nothing."""
    if not ctx.after_hours_rule:
        return {"ja": "", "en": ""}
    if ctx.after_hours_policy == NOT_SPECIFIED:  # the note names the document itself
        return {"ja": f"。{ctx.after_hours_rule['ja']}", "en": f". {ctx.after_hours_rule['en']}"}
    name = ctx.profile_name or {"ja": "所属の規程", "en": "Your rules"}
    return {
        "ja": f"。{name['ja']}：{ctx.after_hours_rule['ja']}",
        "en": f". {name['en']}: {ctx.after_hours_rule['en']}",
    }
