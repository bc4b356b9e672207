"""Answer inputs, one builder per question type (keyboard- and touch-friendly widgets).

Each input returns the *raw* answer; the engine validates it, because any
widget value can be forged by a client.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

import ipywidgets as w

from chatdojo.i18n import pick, ui
from chatdojo.quiz.model import Choice, Question


@dataclass
class AnswerInput:
    widget: w.Widget
    get: Callable[[], Any]
    disable: Callable[[], None]


def _full(**kw: Any) -> w.Layout:
    return w.Layout(width="100%", **kw)


def _radio(question: Question, choices: list[Choice], lang: str, initial: Any) -> AnswerInput:
    options = [(pick(c.text, lang), c.id) for c in choices]
    value = initial if initial in {c.id for c in choices} else None
    radio = w.RadioButtons(options=options, value=value, layout=_full())
    radio.add_class("cd-choices")

    def disable() -> None:
        radio.disabled = True

    return AnswerInput(radio, lambda: radio.value, disable)


def _checkboxes(question: Question, choices: list[Choice], lang: str, initial: Any) -> AnswerInput:
    picked = set(initial or ())
    boxes = [
        w.Checkbox(
            value=c.id in picked, description=pick(c.text, lang), indent=False, layout=_full()
        )
        for c in choices
    ]
    box = w.VBox(boxes, layout=_full())
    box.add_class("cd-choices")

    def get() -> list[str]:
        return [c.id for c, b in zip(choices, boxes, strict=True) if b.value]

    def disable() -> None:
        for b in boxes:
            b.disabled = True

    return AnswerInput(box, get, disable)


def _matching(question: Question, choices: list[Choice], lang: str, initial: Any) -> AnswerInput:
    initial = initial if isinstance(initial, dict) else {}
    options = [(ui("select", lang), "")] + [(pick(c.text, lang), c.id) for c in choices]
    rows: list[w.Widget] = []
    selects: dict[str, w.Dropdown] = {}
    for index, pair in enumerate(question.pairs, start=1):
        # the item is the select's own <label>, so a screen reader names each select
        select = w.Dropdown(
            options=options,
            value=initial.get(pair.id, ""),
            description=f"<strong>{index}.</strong> {escape(pick(pair.prompt, lang))}",
            description_allow_html=True,
            style={"description_width": "initial"},
            layout=_full(),
        )
        row = w.VBox([select], layout=_full())
        row.add_class("cd-match-row")
        rows.append(row)
        selects[pair.id] = select

    def get() -> dict[str, str]:
        return {pid: s.value for pid, s in selects.items() if s.value}

    def disable() -> None:
        for s in selects.values():
            s.disabled = True

    return AnswerInput(w.VBox(rows, layout=_full()), get, disable)


def _ordering(question: Question, choices: list[Choice], lang: str, initial: Any) -> AnswerInput:
    known = {c.id: c for c in choices}
    order = list(initial) if initial and set(initial) == set(known) else [c.id for c in choices]
    box = w.VBox(layout=_full())
    state = {"disabled": False}

    buttons: dict[tuple[str, int], w.Button] = {}

    def move(index: int, delta: int) -> None:
        target = index + delta
        if 0 <= target < len(order):
            order[index], order[target] = order[target], order[index]
            draw()
            # the rows are rebuilt: keep focus on the moved item (same direction if it can
            # still go that way), never on <body>
            moved = order[target]
            again = buttons[(moved, delta)]
            (again if not again.disabled else buttons[(moved, -delta)]).focus()

    def draw() -> None:
        rows = []
        buttons.clear()
        for index, step_id in enumerate(order):
            item = pick(known[step_id].text, lang)
            text = w.HTML(f"<strong>{index + 1}.</strong> {escape(item)}")
            # the tooltip is the button's title, its accessible name: item and direction
            short = item if len(item) <= 40 else item[:39] + "…"
            up = w.Button(
                icon="arrow-up",
                tooltip=ui("move_item_up", lang, item=short, n=index + 1),
                layout=w.Layout(width="48px"),
            )
            down = w.Button(
                icon="arrow-down",
                tooltip=ui("move_item_down", lang, item=short, n=index + 1),
                layout=w.Layout(width="48px"),
            )
            up.description = ""
            up.disabled = state["disabled"] or index == 0
            down.disabled = state["disabled"] or index == len(order) - 1
            up.on_click(lambda _b, i=index: move(i, -1))
            down.on_click(lambda _b, i=index: move(i, 1))
            buttons[(step_id, -1)], buttons[(step_id, 1)] = up, down
            row = w.HBox([text, up, down], layout=_full())
            row.add_class("cd-order-row")
            rows.append(row)
        box.children = rows

    def disable() -> None:
        state["disabled"] = True
        draw()

    draw()
    return AnswerInput(box, lambda: list(order), disable)


def _numeric(question: Question, choices: list[Choice], lang: str, initial: Any) -> AnswerInput:
    if isinstance(initial, float):
        initial = f"{initial:.10g}"  # 576, not 576.0
    # a real <label> (the description), not only a placeholder that vanishes when typing
    text = w.Text(
        value="" if initial is None else str(initial),
        description=ui("numeric_label", lang),
        placeholder=ui("numeric_example", lang),
        style={"description_width": "initial"},
        # shrinks with the row: at 375 px a fixed width made the row scroll sideways
        layout=w.Layout(flex="1 1 auto", min_width="0", width="auto", max_width="100%"),
    )
    unit = w.HTML(escape(pick(question.unit, lang)), layout=w.Layout(flex="0 0 auto"))
    box = w.HBox([text, unit], layout=_full(align_items="center"))

    def disable() -> None:
        text.disabled = True

    return AnswerInput(box, lambda: text.value.strip() or None, disable)


INPUT_BUILDERS: dict[str, Callable[[Question, list[Choice], str, Any], AnswerInput]] = {
    "single": _radio,
    "truefalse": _radio,
    "multiple": _checkboxes,
    "matching": _matching,
    "ordering": _ordering,
    "numeric": _numeric,
}

PROMPT_KEYS = {
    "single": "choose_one",
    "truefalse": "choose_one",
    "multiple": "choose_all",
    "matching": "match_prompt",
    "ordering": "order_prompt",
    "numeric": "numeric_prompt",
}


def build_input(
    question: Question, choices: list[Choice], lang: str, initial: Any = None
) -> AnswerInput:
    return INPUT_BUILDERS[question.type](question, choices, lang, initial)


def is_empty(raw: Any) -> bool:
    return raw is None or raw == "" or raw == [] or raw == {}
