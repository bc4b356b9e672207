"""``chatdojo init DIR --org ID --name 名称``: scaffold an organization pack.

The pack mirrors a content root (see ``chatdojo.content.packs``): a profile whose
facts and notes start from the neutral profile's wording, a rules sheet with its
headers and one example row, a worked example question and a README in Japanese.
``chatdojo check --pack DIR`` passes on the new pack as it is.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from chatdojo.content.packs import ID_PATTERN


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "init",
        help="make a new organization pack (profile, rules sheet, example question, README)",
        description="Make DIR as an organization pack that layers over the shipped content. "
        "Then: edit DIR/data/rules.csv and DIR/data/profiles/ID.yml, add questions "
        "(or 'chatdojo import FILE --into DIR'), 'chatdojo check --pack DIR', "
        "'chatdojo serve --pack DIR'. See docs/authoring.md.",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="the new pack's folder")
    parser.add_argument(
        "--org", required=True, metavar="ID", help="organization id, e.g. aisho-town"
    )
    parser.add_argument(
        "--name", required=True, metavar="名称", help="organization name, e.g. 愛荘町"
    )
    parser.add_argument("--name-en", metavar="NAME", help="English name (default: the id)")
    parser.add_argument(
        "--doc",
        metavar="DOC",
        help="id of your rule document, used in rule ids and citations (default: the org id)",
    )
    parser.add_argument(
        "--standalone",
        action="store_true",
        help="use the pack without the four shipped documents",
    )
    parser.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"chatdojo init: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    org = str(args.org)
    if not ID_PATTERN.match(org):
        return _fail(
            f"--org '{org}' は英小文字・数字・ハイフンで書いてください（例 aisho-town） / "
            "use lower-case letters, digits and '-' (e.g. aisho-town)"
        )
    doc = str(args.doc or org)
    if not ID_PATTERN.match(doc):
        return _fail(f"--doc '{doc}': use lower-case letters, digits and '-' (e.g. 005, aisho)")
    folder: Path = args.dir
    if folder.exists() and any(folder.iterdir()):
        return _fail(
            f"{folder} は空ではありません。新しいフォルダーを指定してください / "
            f"{folder} is not empty: choose a new folder"
        )
    files = scaffold(org, str(args.name), str(args.name_en or org), doc, bool(args.standalone))
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"作成しました / created: {folder} ({len(files)} files)")
    print(f"次に / next: chatdojo check --pack {folder}")
    return 0


def _yaml_text(ja: str, en: str) -> str:
    import json

    return "{ja: " + json.dumps(ja, ensure_ascii=False) + ", en: " + json.dumps(en) + "}"


def scaffold(org: str, name: str, name_en: str, doc: str, standalone: bool) -> dict[str, str]:
    """The files of a new pack, by relative path."""
    from chatdojo.content.catalog import default_root, load_catalog
    from chatdojo.content.profiles import DEFAULT_PROFILE

    base = load_catalog(default_root(), packs=[]).profiles.get(DEFAULT_PROFILE)
    rule_id = f"{doc}-1-01"
    rules = io.StringIO()
    writer = csv.writer(rules, lineterminator="\n")
    writer.writerow(("id", "source", "article", "topic", "summary_ja", "summary_en"))
    writer.writerow(
        (
            rule_id,
            doc,
            "第1条",
            "chat-etiquette",
            "（例）この行を規程の条文の要約に書き換えてください",
            "(Example) Replace this row with a summary of your rule's article",
        )
    )
    facts = "\n".join(
        f"  {key}: {_yaml_text(text['ja'], text['en'])}"
        for key, text in (base.facts.items() if base else ())
    )
    notes = "\n".join(
        f"  {key}:\n    ja: {text['ja']}\n    en: {text['en']}"
        for key, text in (base.notes.items() if base else ())
    )
    policies = "\n".join(f"  {key}: not_specified" for key in (base.policies if base else ()))
    profile = f"""# {name} のプロファイル / profile of {name_en}
# facts: 文中に入る短い語句（「」や句点なし）。notes: それだけで1文になる説明。
# 最初は「標準」プロファイルの文を写してあります。規程に合わせて書き換えてください。
# policies の値は data/policies.yml（同梱）とこのパックの data/policies.yml にある値から選びます。
id: {org}
name: {_yaml_text(name, name_en)}
description:
  ja: {name}の規程（{doc}）に基づいて学びます。
  en: Teaches the rules of {name_en} (document {doc}).
sources: ["{doc}"]
facts:
{facts}
notes:
{notes}
policies:
{policies}
"""
    question = f"""---
id: {org}
title: {_yaml_text(name + "の規程", name_en + "'s rules")}
topic: chat-etiquette
guide: {org}
---

# {name}の問題 / {name_en}'s questions

One ```question block per question. 1つの ```question ブロックが1問です。
表計算ソフトから取り込む場合は `chatdojo import FILE --into PACK` を使います。

```question
id: {org}-001
type: single
kind: situation
profiles: [{org}]
policy_note: source
text:
  ja: （例）同僚から業務の連絡がチャットで届きました。まず何をしますか。
  en: (Example) A colleague sends you a work message in the chat. What do you do first?
options:
  - text: {{ja: 内容を確認し、必要なら返信する, en: Read it and reply if needed}}
    correct: true
    feedback: {{ja: 正解です。, en: Correct.}}
  - text: {{ja: 読まずに放置する, en: Leave it unread}}
    feedback: {{ja: 業務の連絡は確認します。, en: Work messages are read.}}
explanation:
  ja: （例）規程の条文に沿った解説をここに書きます。
  en: (Example) Explain the answer with your rule's article here.
rules: [{rule_id}]
```
"""
    guide = f"""---
id: {org}
title: {_yaml_text(name + "の規程", name_en + "'s rules")}
summary: {_yaml_text(name + "のチャット運用のきまり", "How " + name_en + " uses business chat")}
topic: chat-etiquette
order: 1
quiz: {org}
profiles: [{org}]
---

::: ja
（例）{name}の規程の要点をここに書きます（[{doc} 第1条](rule:{rule_id})）。
:::

::: en
(Example) Summarize {name_en}'s rules here ([{doc} Art. 1](rule:{rule_id})).
:::
"""
    pack = f"""id: {org}
name: {_yaml_text(name, name_en)}
description: {_yaml_text(name + "の規程で学ぶためのパック", "Pack for training on " + name_en + "'s rules")}
""" + ("standalone: true\n" if standalone else "")
    readme = f"""# {name} のパック

このフォルダーは ChatDojo で {name} の規程を教えるための「パック」です。

1. `data/rules.csv` に規程の条文を1行ずつ書きます（例の行は書き換えます）。
   Excel では「CSV UTF-8（コンマ区切り）」で保存してください。
2. `data/profiles/{org}.yml` に組織の連絡先などを書きます。
3. 問題を `quizzes/{org}.md` に書くか、表計算ソフトから取り込みます:
   `chatdojo import 問題.xlsx --into .`（xlsx のひな形は `chatdojo export xlsx --template -o 問題.xlsx` で作れます。
   CSV は UTF-8 でも Shift_JIS でも読めます）
4. 確かめます: `chatdojo check --pack .`
5. 研修で使います: `chatdojo serve --pack . --profile {org}`
6. 近隣の団体と共有します: `chatdojo pack export {org} -o {org}.zip`

詳しくは docs/authoring.md を見てください。
"""
    return {
        "pack.yml": pack,
        "README.md": readme,
        "data/rules.csv": rules.getvalue(),
        f"data/profiles/{org}.yml": profile,
        f"quizzes/{org}.md": question,
        f"guidance/{org}.md": guide,
    }
