"""Answer patterns a test-wise learner can use without knowing any rule.

Option order is shuffled on screen, so position gives nothing away; length, polarity and
elimination do. These statistics say, per bank, how often each pattern holds, and
``violations`` turns them into the limits ``make test`` enforces (issue 19).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from chatdojo.content.questions import Question

LANGS = ("ja", "en")

# The limits: a learner who games a pattern must not do much better than chance.
MAX_KEY_LONGEST = 0.40  # per bank and language: single-choice keys that are the longest option
TRUE_SHARE = (0.40, 0.60)  # whole catalogue: share of true/false statements keyed "true"
MIN_MATCHING_SPARE = 0.80  # whole catalogue: matching questions with a distractor option
MAX_MULTIPLE_NEARLY_ALL = 0.25  # per bank: multiple-choice with all or all but one correct


def display_width(text: str) -> int:
    """Columns the text takes on screen: full-width and wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def key_is_longest(question: Question, lang: str) -> bool:
    """Is the keyed option strictly the widest one (a tie gives nothing away)?"""
    widths = [(display_width(c.text.get(lang, "")), c.correct) for c in question.choices]
    keyed = [w for w, correct in widths if correct]
    others = [w for w, correct in widths if not correct]
    return bool(keyed and others) and min(keyed) > max(others)


def has_spare_option(question: Question) -> bool:
    """Does a matching question offer more targets than prompts, or reuse one?"""
    answers = [p.answer for p in question.pairs]
    return len(question.choices) > len(question.pairs) or len(set(answers)) < len(answers)


def nearly_all_correct(question: Question) -> bool:
    """Are all options, or all but one, correct in a multiple-choice question?"""
    wrong = sum(not c.correct for c in question.choices)
    return wrong <= 1


def prompt_gives_answer(question: Question) -> list[str]:
    """Matching prompts that contain their own target's text (gc-018: 電子メール → メール)."""
    targets = {c.id: c.text for c in question.choices}
    found = []
    for pair in question.pairs:
        target = targets.get(pair.answer, {})
        for lang in LANGS:
            answer = target.get(lang, "").strip().casefold()
            if len(answer) >= 2 and answer in pair.prompt.get(lang, "").casefold():
                found.append(f"{question.id} {pair.id} ({lang})")
    return found


@dataclass(frozen=True)
class BankPatterns:
    single: int
    key_longest: dict[str, int]
    truefalse: int
    true_keys: int
    matching: int
    matching_spare: int
    multiple: int
    multiple_nearly_all: int
    correct_options: int
    options_in_multiple: int

    def share(self, part: int, whole: int) -> float | None:
        return round(part / whole, 3) if whole else None

    def as_dict(self) -> dict[str, object]:
        return {
            "single": self.single,
            "key_longest_share": {
                lang: self.share(n, self.single) for lang, n in self.key_longest.items()
            },
            "truefalse": self.truefalse,
            "true_share": self.share(self.true_keys, self.truefalse),
            "matching": self.matching,
            "matching_spare_share": self.share(self.matching_spare, self.matching),
            "multiple": self.multiple,
            "multiple_nearly_all_share": self.share(self.multiple_nearly_all, self.multiple),
            "multiple_correct_option_share": self.share(
                self.correct_options, self.options_in_multiple
            ),
        }


def patterns(questions: Iterable[Question]) -> BankPatterns:
    qs = list(questions)
    single = [q for q in qs if q.type == "single"]
    tf = [q for q in qs if q.type == "truefalse"]
    matching = [q for q in qs if q.type == "matching"]
    multiple = [q for q in qs if q.type == "multiple"]
    return BankPatterns(
        single=len(single),
        key_longest={lang: sum(key_is_longest(q, lang) for q in single) for lang in LANGS},
        truefalse=len(tf),
        true_keys=sum(q.choice("true").correct for q in tf),
        matching=len(matching),
        matching_spare=sum(has_spare_option(q) for q in matching),
        multiple=len(multiple),
        multiple_nearly_all=sum(nearly_all_correct(q) for q in multiple),
        correct_options=sum(c.correct for q in multiple for c in q.choices),
        options_in_multiple=sum(len(q.choices) for q in multiple),
    )


def report(banks: Mapping[str, Iterable[Question]]) -> dict[str, object]:
    """Per bank and over the whole catalogue, as ``coverage --json`` shows it."""
    lists = {bank_id: list(qs) for bank_id, qs in sorted(banks.items())}
    every = [q for qs in lists.values() for q in qs]
    return {
        "banks": {bank_id: patterns(qs).as_dict() for bank_id, qs in lists.items()},
        "catalogue": patterns(every).as_dict(),
    }


def violations(banks: Mapping[str, Iterable[Question]]) -> list[str]:
    """Each broken limit as one line (empty when a test-wise learner gains nothing)."""
    lists = {bank_id: list(qs) for bank_id, qs in sorted(banks.items())}
    out: list[str] = []
    for bank_id, qs in lists.items():
        p = patterns(qs)
        for lang, n in p.key_longest.items():
            if p.single and n / p.single > MAX_KEY_LONGEST:
                out.append(
                    f"{bank_id}: the key is the longest option in {n} of {p.single} "
                    f"single-choice questions ({lang}); at most {MAX_KEY_LONGEST:.0%}"
                )
        if p.multiple and p.multiple_nearly_all / p.multiple > MAX_MULTIPLE_NEARLY_ALL:
            out.append(
                f"{bank_id}: {p.multiple_nearly_all} of {p.multiple} multiple-choice questions "
                f"have all options or all but one correct; at most {MAX_MULTIPLE_NEARLY_ALL:.0%}"
            )
    whole = patterns(q for qs in lists.values() for q in qs)
    if whole.truefalse:
        share = whole.true_keys / whole.truefalse
        low, high = TRUE_SHARE
        if not low <= share <= high:
            out.append(
                f"catalogue: {whole.true_keys} of {whole.truefalse} true/false statements are "
                f"keyed true ({share:.0%}); keep it between {low:.0%} and {high:.0%}"
            )
    if whole.matching and whole.matching_spare / whole.matching < MIN_MATCHING_SPARE:
        out.append(
            f"catalogue: only {whole.matching_spare} of {whole.matching} matching questions "
            f"have a spare option; at least {MIN_MATCHING_SPARE:.0%}"
        )
    for qs in lists.values():
        for q in qs:
            if q.type == "matching":
                out.extend(
                    f"{q.path}:{q.line}: matching prompt contains its own answer: {where}"
                    for where in prompt_gives_answer(q)
                )
    return out
