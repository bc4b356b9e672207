"""HTML fragments for the dashboard: pure functions from figures to strings.

Kept apart from the widgets so they can be tested as text and reused in Voila
pages; every table scrolls sideways inside its own box on a 375-px phone.
"""

from __future__ import annotations

import base64
import html
import re

import pandas as pd

from chatdojo.paper import fmt
from chatdojo.paper.errors import Issue, LocalizedError, PaperInputError
from chatdojo.paper.labels import column_label, figure_label
from chatdojo.paper.messages import JA

# tabindex lets keyboard users scroll a wide table with the arrow keys.
SCROLL_BOX = '<div class="cd-scroll" tabindex="0" style="overflow-x:auto;max-width:100%">{}</div>'
TABLE_STYLE = "border-collapse:collapse;font-size:0.95em;width:100%"
CELL = "padding:0.25em 0.6em;border-bottom:1px solid #ddd;line-height:1.4;text-align:{align}"
NOWRAP = ";white-space:nowrap"
ALERT = (
    '<div role="alert" style="border:2px solid #b00020;background:#fdecea;color:#5f0010;'
    'padding:0.6em 0.8em;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.45">'
    "<strong>{title}</strong><br>{body}</div>"
)


NOTE = (
    '<div role="status" style="border:2px solid #1f6fb2;background:#f2f7fc;color:#0b2f52;'
    'padding:0.6em 0.8em;border-radius:4px;white-space:pre-wrap;overflow-wrap:anywhere;line-height:1.45">'
    "{body}</div>"
)
UNEXPECTED = {
    "ja": "予期しない問題が起きました。ファイルの形式を確かめて、もう一度お試しください。",
    "en": "Something unexpected went wrong. Check the file's format and try again.",
}


JA_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")


def user_text(value: object) -> str:
    """Escaped text from the user's file, marked with its own language (it is not ours)."""
    text = str(value)
    escaped = html.escape(text)
    if JA_TEXT.search(text):
        return f'<span lang="ja">{escaped}</span>'
    if LATIN.search(text):
        return f'<span lang="en">{escaped}</span>'
    return escaped


def issue_html(item: Issue, source: str, lang: str) -> str:
    """One problem: file, row, column and message; values from the file keep their language."""
    template = JA.get(item.message, item.message) if lang == "ja" else item.message
    body = html.escape(template, quote=False)
    if item.params:
        body = body.format(**{k: user_text(v) for k, v in item.params})
    parts = []
    if lang == "ja":
        if item.row is not None:
            parts.append(f"{item.row}行目")
        if item.column is not None:
            parts.append(f"列「{user_text(item.column)}」")
        where = "・".join(parts)
    else:
        if item.row is not None:
            parts.append(f"row {item.row}")
        if item.column is not None:
            parts.append(f"column {user_text(item.column)}")
        where = ", ".join(parts)
    head = user_text(source)
    return f"{head}: {where}: {body}" if where else f"{head}: {body}"


def error_html(error: PaperInputError, lang: str) -> str:
    lines = [issue_html(item, error.source, lang) for item in error.issues]
    if error.omitted:
        more = (
            f"ほか{error.omitted}件の問題があります（表示を省略）"
            if lang == "ja"
            else f"... and {error.omitted} more problem(s) not shown"
        )
        lines.append(f"{user_text(error.source)}: {more}")
    return "\n".join(lines)


def chart_html(png: bytes, alt: str) -> str:
    """A chart as an <img> with its description for screen readers."""
    src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return (
        f'<img class="cd-chart" src="{html.escape(src)}" alt="{html.escape(alt)}" '
        'style="width:100%;max-width:560px;height:auto;display:block">'
    )


def alert_html(error: BaseException, lang: str) -> str:
    """The CLI's message in the page's language, in a visible box; never a traceback."""
    if isinstance(error, PaperInputError):
        title = "入力を確認してください" if lang == "ja" else "Please check the input"
        body = error_html(error, lang)
    elif isinstance(error, LocalizedError):
        title = "入力を確認してください" if lang == "ja" else "Please check the input"
        body = html.escape(error.text(lang))
    else:
        title = "計算できませんでした" if lang == "ja" else "Could not calculate"
        body = html.escape(UNEXPECTED[lang])
    return ALERT.format(title=title, body=body)


def notes_html(notes: tuple[Issue, ...], source: str, lang: str) -> str:
    """Rows left out on purpose (e.g. a 合計 row), one line each with file and row."""
    lines = [issue_html(note, source, lang) for note in notes[:20]]
    return NOTE.format(body="\n".join(lines)) if lines else ""


TOO_BIG = (
    "the file is too big; the limit is {limit}. A usage table is much smaller: "
    "check that this is the right file"
)


def upload_limit_html(lang: str, max_bytes: int) -> str:
    """The size limit for the browser (static/chatdojo-upload-limit.js) and its message box.

    A file over the limit is refused before it is read, so it never reaches the
    server's websocket (where anything over its message limit drops the page).
    """
    from chatdojo.paper.errors import translate
    from chatdojo.paper.limits import mib

    message = translate(TOO_BIG, {"limit": mib(max_bytes)}, lang)
    return (
        f'<span class="cd-upload-limit" hidden data-max-bytes="{int(max_bytes)}" '
        f'data-message="{html.escape(message)}"></span>'
        '<div class="cd-upload-limit-message" role="alert" hidden '
        'style="border:2px solid #b00020;background:#fdecea;color:#5f0010;padding:0.6em 0.8em;'
        'border-radius:4px;overflow-wrap:anywhere;line-height:1.45;margin:4px 0"></div>'
    )


def needs_html(lang: str, limit: str) -> str:
    """What the file must hold, before anyone uploads: columns, spellings, size limit."""
    if lang == "ja":
        text = (
            "必要な列: 部署・年月・枚数・金額（1行に1部署・1か月、前年の同じ月も）。"
            "「所属」「対象月」「使用枚数（枚）」「金額（円）」のような見出しや、"
            f"令和6年4月・24,507円・合計の行もそのまま読めます。CSV か Excel（{limit}まで）。"
        )
    else:
        text = (
            "Needed columns: department, month, sheets and cost (one row per department and "
            "month, with the same months a year earlier). Headers with units or common "
            "synonyms, Japanese era months, amounts with yen signs and a total row are read "
            f"as they are. CSV or Excel, up to {limit}."
        )
    return f"<p class='cd-note'>{html.escape(text)}</p>"


def problem_html(message: str, lang: str) -> str:
    """An unexpected failure reported by a wrapped callback, escaped like everything else."""
    title = "うまく処理できませんでした" if lang == "ja" else "Something went wrong"
    return ALERT.format(title=title, body=html.escape(message))


def figures_table_html(figures: dict[str, float | None], lang: str) -> str:
    """Two-column table: label (with 対前年比/削減率 spelled out) and formatted value."""
    rows = "".join(
        f'<tr><th scope="row" style="{CELL.format(align="left")};font-weight:normal">'
        f"{html.escape(figure_label(key, lang))}</th>"
        f'<td style="{CELL.format(align="right")}{NOWRAP}">{html.escape(fmt.figure(key, value, lang))}</td></tr>'
        for key, value in figures.items()
    )
    return SCROLL_BOX.format(f'<table style="{TABLE_STYLE}">{rows}</table>')


def frame_table_html(table: pd.DataFrame, lang: str) -> str:
    """A per-department or per-month table with localized headers and formatted cells."""
    head = "".join(
        f'<th scope="col" style="{CELL.format(align="left")}{NOWRAP}">{html.escape(column_label(c, lang))}</th>'
        for c in table.columns
    )
    body = []
    for record in table.itertuples(index=False):
        cells = []
        for key, value in zip(table.columns, record, strict=True):
            if isinstance(value, str):  # a name from the user's file
                cells.append(
                    f'<td style="{CELL.format(align="left")}{NOWRAP}">{user_text(value)}</td>'
                )
            else:
                text = fmt.figure(key, value, lang)
                cells.append(
                    f'<td style="{CELL.format(align="right")}{NOWRAP}">{html.escape(text)}</td>'
                )
        body.append(f"<tr>{''.join(cells)}</tr>")
    return SCROLL_BOX.format(
        f'<table style="{TABLE_STYLE}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def summary_html(text: str) -> str:
    """Paragraphs of the read-aloud summary, large enough to read from a phone."""
    paragraphs = "".join(
        f"<p style='margin:0.3em 0'>{html.escape(line)}</p>" for line in text.splitlines()
    )
    return f"<div style='font-size:1.05em;line-height:1.6'>{paragraphs}</div>"


def labelled_table_html(table: pd.DataFrame) -> str:
    """A table of display strings whose index labels become row headers."""
    head = "".join(
        f'<th scope="col" style="{CELL.format(align="right")}">{html.escape(str(c))}</th>'
        for c in table.columns
    )
    rows = "".join(
        f'<tr><th scope="row" style="{CELL.format(align="left")};font-weight:normal">'
        f"{html.escape(str(label))}</th>"
        + "".join(
            f'<td style="{CELL.format(align="right")}{NOWRAP}">{html.escape(str(v))}</td>'
            for v in values
        )
        + "</tr>"
        for label, values in zip(table.index, table.itertuples(index=False), strict=True)
    )
    return SCROLL_BOX.format(
        f'<table style="{TABLE_STYLE}"><thead><tr><td></td>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
