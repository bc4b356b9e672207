"""Japanese forms of every input message (keys are the English templates).

A template's fields (``{v}``, ``{limit}``…) are filled the same way in both
languages; a template missing here falls back to English, and
``tests/paper/test_paper_messages.py`` fails when one is missing.
"""

from __future__ import annotations

JA: dict[str, str] = {
    # reading the file
    "file is UTF-16 ('Unicode text'); save it as 'CSV UTF-8' or 'CSV (comma delimited)'": (
        "UTF-16（Unicode テキスト）のファイルです。Excel で「CSV UTF-8」または"
        "「CSV（コンマ区切り）」として保存し直してください"
    ),
    "text is neither UTF-8 nor Shift_JIS (CP932); open it in Excel and save as 'CSV UTF-8'": (
        "文字コードが UTF-8 でも Shift_JIS（CP932）でもありません。Excel で開き「CSV UTF-8」として保存してください"
    ),
    "cannot open file: {reason}": "ファイルを開けません: {reason}",
    "cannot open file: no such file": "ファイルを開けません: そのファイルはありません",
    "cannot open file: no permission to read it": "ファイルを開けません: 読み取る権限がありません",
    "old .xls format; save it as .xlsx or CSV": (
        "古い .xls 形式です。Excel で .xlsx または CSV として保存し直してください"
    ),
    "cannot open as an Excel .xlsx workbook; save it again from Excel": (
        "Excel（.xlsx）のブックとして開けません。Excel で保存し直してください"
    ),
    "cannot open as an Excel .xlsx workbook ({kind})": (
        "Excel（.xlsx）のブックとして開けません（{kind}）。Excel で保存し直してください"
    ),
    "the workbook has {n} sheets; the limit is {limit}": (
        "ブックのシートが{n}枚あります。上限は{limit}枚です"
    ),
    "there is no sheet '{sheet}'; sheets: {names}": (
        "シート「{sheet}」がありません。シート: {names}"
    ),
    "the workbook has no sheets": "ブックにシートがありません",
    "file is empty or row 1 has no headers; start from the template": (
        "ファイルが空か、見出しの行がありません。ひな形から始めてください"
    ),
    "no data rows under the header": "見出しの下にデータの行がありません",
    "row has {n} cells but the header has {width}; check for a stray comma": (
        "この行は{n}列ありますが、見出しは{width}列です。余分なコンマがないか確認してください"
    ),
    "total row '{v}' left out; totals are calculated from the other rows": (
        "合計の行（{v}）は計算から除きました。合計はほかの行から計算します"
    ),
    # limits
    "the file is {size}; the limit is {limit}. A usage table is much smaller: "
    "check that this is the right file": (
        "ファイルの大きさが{size}あります。上限は{limit}です。使用量の表はもっと小さいはずなので、"
        "正しいファイルか確認してください"
    ),
    "the file is too big; the limit is {limit}. A usage table is much smaller: "
    "check that this is the right file": (
        "ファイルが大きすぎます。上限は{limit}です。使用量の表はもっと小さいはずなので、"
        "正しいファイルか確認してください"
    ),
    "row has {n} columns; the limit is {limit}": "この行は{n}列あります。上限は{limit}列です",
    "more than {limit} rows; a usage table has one row per department and month. "
    "Split the file by year": (
        "行数が上限の{limit}行を超えています。使用量の表は部署・月ごとに1行です。"
        "年度ごとにファイルを分けてください"
    ),
    "the workbook unpacks to {size}; the limit is {limit}. "
    "Save only the usage table in a new workbook": (
        "ブックを展開すると{size}になります。上限は{limit}です。"
        "使用量の表だけを新しいブックに保存してください"
    ),
    "reading the file took longer than {seconds} seconds; "
    "save only the usage table and try again": (
        "読み込みに{seconds}秒以上かかったため中止しました。"
        "使用量の表だけを保存して、もう一度お試しください"
    ),
    "merged cells {range} on sheet '{sheet}' reach column {n}; the limit is {limit} columns. "
    "Unmerge them in Excel (Home > Merge & Center) or copy only the usage table": (
        "シート「{sheet}」の結合セル {range} が{n}列目まで広がっています。上限は{limit}列です。"
        "Excel で結合を解除する（ホーム＞セルを結合して中央揃え）か、使用量の表だけをコピーしてください"
    ),
    "merged cells {range} on sheet '{sheet}' bring the sheet to more than {limit} cells. "
    "Unmerge them in Excel (Home > Merge & Center) or copy only the usage table": (
        "シート「{sheet}」の結合セル {range} を展開するとセルが上限の{limit}個を超えます。"
        "Excel で結合を解除する（ホーム＞セルを結合して中央揃え）か、使用量の表だけをコピーしてください"
    ),
    "reading the workbook needed more than {limit} of memory; "
    "save only the usage table in a new workbook": (
        "ブックの読み込みに{limit}を超えるメモリが必要になったため中止しました。"
        "使用量の表だけを新しいブックに保存してください"
    ),
    # columns
    "second column for {field} (first is '{first}'); keep one": (
        "「{field_ja}」の列が2つあります（1つ目は「{first}」）。どちらか1つにしてください"
    ),
    "column name not recognised; did you mean '{guess}' ({other})?"
    " Rename the header or choose the column's meaning on the page (CLI: --mapping)": (
        "列名を認識できません。「{guess_ja}」のことですか。見出しを直すか、"
        "画面で列の意味を選んでください（コマンドでは --mapping）"
    ),
    "required column {field} is missing; found columns: {shown}": (
        "必要な列「{field_ja}」がありません。見つかった列: {shown}"
    ),
    "unknown field '{target}'; did you mean {close}?": (
        "項目「{target}」はありません。{close} のことですか"
    ),
    "unknown field '{target}'; use one of {fields}": (
        "項目「{target}」はありません。次のどれかにしてください: {fields}"
    ),
    "unit_cost entry '{key}: {value}' must be mono or color with a yen amount >= 0": (
        "unit_cost の「{key}: {value}」は、mono か color と0以上の円で書いてください"
    ),
    "unit_cost must be a number or {mono: yen, color: yen}": (
        "unit_cost は数値か {mono: 円, color: 円} の形で書いてください"
    ),
    "unit_cost differs by colour but the file has no colour column": (
        "unit_cost がモノクロとカラーで違いますが、ファイルにカラー区分の列がありません"
    ),
    "cannot read mapping file: {reason}": "列の対応ファイルを読めません: {reason}",
    "not a valid UTF-8 YAML mapping: {reason}": (
        "列の対応ファイルが正しい UTF-8 の YAML ではありません: {reason}"
    ),
    "a mapping must be a dictionary of 'source column: field'": (
        "列の対応は「元の列名: 項目」の形で書いてください"
    ),
    "'columns' must map source column names to fields": (
        "columns には「元の列名: 項目」の形で書いてください"
    ),
    # cells
    "empty cell; enter 0 if nothing was used": "空欄です。使っていない月は 0 を入れてください",
    "'{v}' is not a number": "「{v}」は数値ではありません",
    "'{v}' is negative; counts and amounts must be 0 or more": (
        "「{v}」はマイナスです。枚数と金額は0以上にしてください"
    ),
    "'{v}' is not a whole number of sheets": "「{v}」は枚数として整数ではありません",
    "empty month; write YYYY-MM, e.g. 2024-11": "年月が空欄です。2024-11 のように書いてください",
    "'{v}' is not a month; write YYYY-MM, e.g. 2024-11": (
        "「{v}」は年月として読めません。2024-11、2024年11月、令和6年11月 のように書いてください"
    ),
    "'{v}' is not a colour type; write モノクロ or カラー (mono or color)": (
        "「{v}」はカラー区分として読めません。モノクロ か カラー と書いてください"
    ),
    "empty department name": "部署名が空欄です",
    # periods and comparison
    "range ends ({end}) before it starts ({start})": "期間の終わり（{end}）が始まり（{start}）より前です",
    "'{text}' is not a month range; write YYYY-MM..YYYY-MM, e.g. 2024-11..2024-12": (
        "「{text}」は期間として読めません。2024-11..2024-12 のように書いてください"
    ),
    "baseline {baseline} has {n_base} month(s) but current "
    "{current} has {n_cur}; give ranges of equal length": (
        "比較元 {baseline} は{n_base}か月、比較先 {current} は{n_cur}か月です。同じ長さにしてください"
    ),
    "baseline and current periods overlap": "比較元と比較先の期間が重なっています",
    "no rows for {month} (baseline period {window})": (
        "{month} の行がありません（比較元の期間 {window}）"
    ),
    "no rows for {month} (current period {window})": (
        "{month} の行がありません（比較先の期間 {window}）"
    ),
    "'{dept}' has {month} in the baseline period but no row for {other} in the "
    "current period; add that row (0 if nothing was used)": (
        "「{dept}」は比較元に {month} の行がありますが、比較先に {other} の行がありません。"
        "その行を足してください（使っていなければ 0）"
    ),
    "'{dept}' has {month} in the current period but no row for {other} in the "
    "baseline period; add that row (0 if nothing was used)": (
        "「{dept}」は比較先に {month} の行がありますが、比較元に {other} の行がありません。"
        "その行を足してください（使っていなければ 0）"
    ),
    "the latest month {latest} has no rows one year earlier ({earlier}); "
    "add last year's rows or choose the periods to compare": (
        "最新の月 {latest} の1年前（{earlier}）の行がありません。"
        "前年の行を足すか、比較する期間を指定してください"
    ),
    # dashboard
    "No file chosen.": "ファイルが選ばれていません。",
    "{value} is negative; enter 0 or more": "{value} はマイナスです。0以上を入れてください",
    "enter last year's sheets (more than 0)": "前年の枚数（0より大きい数）を入れてください",
    "costs must be 0 or more": "費用は0以上にしてください",
    # job logs
    "not a date; write YYYY-MM-DD": "日付として読めません。2024-11-05 のように書いてください",
    "required column '{name}' is missing": "必要な列「{name}」がありません",
    "sheets must be a number 0 or more": "枚数は0以上の数にしてください",
    "empty department": "部署が空欄です",
}
JA["sheets_per_count must be a number above 0, not '{value}'"] = (
    "sheets_per_count は0より大きい数にしてください（「{value}」になっています）"
)
