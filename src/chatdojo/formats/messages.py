"""Import problems in the author's language, each with where it is and what to do.

``where`` is ``file.xlsx!sheet!C12`` for a workbook cell, ``file.csv:12:C (列名)``
for a CSV cell and ``file.xml:12`` / ``file.txt:12`` for Moodle files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, dict[str, str]] = {
    "encoding": {
        "ja": "文字コードを読み取れません（UTF-8 でも CP932 でもありません）。Excel では"
        "「CSV UTF-8（コンマ区切り）」で保存し直してください",
        "en": "cannot read the text encoding (neither UTF-8 nor CP932). In Excel, save again "
        "as 'CSV UTF-8 (Comma delimited)'",
    },
    "cp932": {
        "ja": "CP932（Shift_JIS、日本語版 Excel の「CSV（コンマ区切り）」）として読みました",
        "en": "read as CP932 (Shift_JIS, what Japanese Excel's 'CSV (Comma delimited)' writes)",
    },
    "utf8": {"ja": "UTF-8 として読みました", "en": "read as UTF-8"},
    "utf8bom": {"ja": "UTF-8（BOM 付き）として読みました", "en": "read as UTF-8 with BOM"},
    "fullwidth_space": {
        "ja": "全角スペース「　」があります: {value!r}。半角スペースにするか、消してください",
        "en": "contains a full-width space '　': {value!r}. Use a half-width space or delete it",
    },
    "fullwidth_comma": {
        "ja": "全角の区切り「{char}」があります: {value!r}。半角カンマ「,」で区切ってください"
        "（例: 003-2-01, 003-2-02）",
        "en": "contains the full-width separator '{char}': {value!r}. Separate items with a "
        "half-width comma ',' (e.g. 003-2-01, 003-2-02)",
    },
    "fullwidth_colon": {
        "ja": "全角コロン「：」があります: {value!r}。半角の「:」にしてください"
        "（例: after_hours: allowed）",
        "en": "contains a full-width colon '：': {value!r}. Use a half-width ':' "
        "(e.g. after_hours: allowed)",
    },
    "unknown_rule": {
        "ja": "規程ID「{value}」は見つかりません。近いID: {near}。data/rules.csv か"
        "ブックの rules シートにある ID を書いてください",
        "en": "rule id '{value}' is not known. Nearest: {near}. Use an id from "
        "data/rules.csv or the workbook's rules sheet",
    },
    "no_rule": {
        "ja": "規程IDがありません。この問題が確かめる規程の ID を1つ以上書いてください",
        "en": "no rule id. Name at least one rule this question checks",
    },
    "missing_en": {
        "ja": "英語の文（{column}）が空です。日本語の文に合う英訳を書いてください",
        "en": "the English text ({column}) is empty. Write the English for the Japanese text",
    },
    "missing_ja": {
        "ja": "日本語の文（{column}）が空です。書き入れてください",
        "en": "the Japanese text ({column}) is empty. Fill it in",
    },
    "missing": {
        "ja": "「{column}」が空です。{hint}",
        "en": "'{column}' is empty. {hint}",
    },
    "unknown_value": {
        "ja": "「{value}」は使えません。次のどれかにしてください: {allowed}",
        "en": "'{value}' is not allowed. Use one of: {allowed}",
    },
    "duplicate_id": {
        "ja": "ID「{value}」が重複しています（{other} と同じ）。別の ID にしてください",
        "en": "id '{value}' is used twice (also at {other}). Give it another id",
    },
    "orphan": {
        "ja": "この行（{row}）の前に、属する行（{parent}）がありません。"
        "行の種類と順番を確かめてください",
        "en": "this row ({row}) has no '{parent}' row above it. Check the row kinds and order",
    },
    "not_number": {
        "ja": "「{value}」は数値として読めません。半角数字で書いてください（例: 12.5）",
        "en": "'{value}' is not a number. Write it with half-width digits (e.g. 12.5)",
    },
    "not_bool": {
        "ja": "「{value}」は正誤として読めません。○ か × （TRUE / FALSE）で書いてください",
        "en": "'{value}' is not true or false. Write ○ or × (TRUE / FALSE)",
    },
    "bad_when": {
        "ja": "条件「{value}」が読めません。「方針: 値」をセミコロンで区切って書いてください"
        "（例: after_hours: allowed; screenshots: banned）",
        "en": "cannot read the condition '{value}'. Write 'policy: value' pairs separated by "
        "';' (e.g. after_hours: allowed; screenshots: banned)",
    },
    "no_headers": {
        "ja": "見出し行に必要な列 {columns} がありません。テンプレート"
        "（chatdojo export xlsx --template）の見出しを使ってください",
        "en": "the header row lacks the columns {columns}. Use the template's headers "
        "(chatdojo export xlsx --template)",
    },
    "no_bank": {
        "ja": "問題集（bank 行）がありません。最初の行を「bank」にして問題集の ID と題名を"
        "書いてください",
        "en": "no question bank ('bank' row). Start with a 'bank' row giving the bank's id "
        "and title",
    },
    "too_big": {
        "ja": "ファイルが大きすぎます（{size} バイト、上限 {limit} バイト）。分けて読み込んでください",
        "en": "the file is too large ({size} bytes, limit {limit}). Split it",
    },
    "too_many": {
        "ja": "問題が多すぎます（上限 {limit} 問）。ファイルを分けてください",
        "en": "too many questions (limit {limit}). Split the file",
    },
    "too_long": {
        "ja": "セルの文字が長すぎます（{size} 文字、上限 {limit} 文字）",
        "en": "the cell text is too long ({size} characters, limit {limit})",
    },
    "options": {
        "ja": "{what}。選択肢の行と正解（○）の数を確かめてください",
        "en": "{what}. Check the option rows and how many are marked correct (○)",
    },
    "unknown_format": {
        "ja": "ファイルの形式がわかりません。.xlsx、.csv、Moodle XML（<quiz>）、GIFT"
        "（.txt / .gift）のどれかにしてください",
        "en": "unknown file format. Use .xlsx, .csv, Moodle XML (<quiz>) or GIFT (.txt / .gift)",
    },
    "bad_file": {
        "ja": "ファイルを読めません: {detail}",
        "en": "cannot read the file: {detail}",
    },
    "xml_refused": {
        "ja": "XML を受け付けません（{detail}）。外部実体や DTD の実体宣言を含む XML は"
        "安全のため読みません。Moodle から書き出し直してください",
        "en": "XML refused ({detail}): entity declarations and external entities are not "
        "read, for safety. Export the file from Moodle again",
    },
    "gift_parse": {
        "ja": "GIFT の問題を読めません: {detail}。{{ }} の対応と、記号 ~ = # {{ }} : の前の \\ を"
        "確かめてください",
        "en": "cannot parse this GIFT question: {detail}. Check the {{ }} pairs and the \\ "
        "before the symbols ~ = # {{ }} :",
    },
    "skipped_type": {
        "ja": "Moodle の問題形式「{value}」は ChatDojo にないため読み込みませんでした",
        "en": "Moodle question type '{value}' has no ChatDojo counterpart and was not imported",
    },
}


def say(key: str, lang: str, **values: object) -> str:
    texts = MESSAGES[key]
    return texts.get(lang, texts["ja"]).format(**values)


@dataclass
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class Problems:
    lang: str = "ja"
    items: list[Problem] = field(default_factory=list)

    def add(self, where: str, key: str, **values: object) -> None:
        if len(self.items) < 500:
            self.items.append(Problem(where, say(key, self.lang, **values)))

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportFailed(self.items)
