"""Slide layout for the paper reports: 16:9, every shape inside the slide, titles clear of charts.

python-pptx's default template is drawn for a 10 in × 7.5 in (4:3) slide. Setting a
16:9 size leaves its placeholders where they were (a title slide hugging the left) and
a picture placed at a fixed height runs off the right edge when the chart is wide. Here
every layout is widened to 13.33 in, and each slide's title and body are placed in
fixed boxes: a picture is scaled to fit its box, whatever the chart's aspect ratio.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chatdojo.paper import calculations as calc
from chatdojo.paper import fmt
from chatdojo.paper.labels import figure_label, ui

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

WIDTH_IN, HEIGHT_IN = 13.333, 7.5
MARGIN_IN = 0.5
TITLE_TOP_IN, TITLE_HEIGHT_IN = 0.3, 1.0
BODY_TOP_IN = TITLE_TOP_IN + TITLE_HEIGHT_IN + 0.15  # below the title, never under it
BODY_BOTTOM_IN = HEIGHT_IN - 0.35
TITLE_PT = 32

KEY_SLIDE_FIGURES = (
    "baseline_sheets",
    "current_sheets",
    "sheets_saved",
    "sheets_ratio",
    "sheets_reduction_rate",
    "cost_saved",
    "cost_ratio",
    "cost_reduction_rate",
    "annualized_cost_saved",
    "co2_kg_saved",
)


def new_deck() -> Presentation:
    """An empty 16:9 deck whose master and layouts are widened from the 4:3 template."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    factor = Inches(WIDTH_IN) / deck.slide_width
    deck.slide_width, deck.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    masters = [deck.slide_master, *deck.slide_layouts]
    for owner in masters:
        for shape in owner.placeholders:
            if shape.left is not None and shape.width is not None:
                shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)
    return deck


def _place(shape: object, left: float, top: float, width: float, height: float) -> None:
    from pptx.util import Inches

    shape.left, shape.top = Inches(left), Inches(top)  # type: ignore[attr-defined]
    shape.width, shape.height = Inches(width), Inches(height)  # type: ignore[attr-defined]


def _title(slide: Slide, text: str, size: int = TITLE_PT) -> None:
    from pptx.util import Pt

    title = slide.shapes.title
    assert title is not None  # the layouts used here all have one
    title.text = text
    title.text_frame.word_wrap = True
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(size)
    _place(title, MARGIN_IN, TITLE_TOP_IN, WIDTH_IN - 2 * MARGIN_IN, TITLE_HEIGHT_IN)


def title_slide(deck: Presentation, title: str, subtitle: str, notes: str) -> None:
    """Title and subtitle centred on the 16:9 slide."""
    from pptx.util import Pt

    slide = deck.slides.add_slide(deck.slide_layouts[0])
    _title(slide, title, 40)
    _place(slide.shapes.title, 1.0, 2.2, WIDTH_IN - 2.0, 1.5)
    sub = slide.placeholders[1]
    sub.text = subtitle
    sub.text_frame.word_wrap = True
    for paragraph in sub.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(22)
    _place(sub, 1.0, 3.9, WIDTH_IN - 2.0, 1.6)
    slide.notes_slide.notes_text_frame.text = notes


def picture_slide(deck: Presentation, title: str, png: Path, notes: str) -> None:
    """A title and one chart, scaled to fit below the title and centred."""
    from pptx.util import Inches

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    _title(slide, title)
    picture = slide.shapes.add_picture(str(png), 0, 0)  # native size, for the aspect ratio
    box_w = Inches(WIDTH_IN - 2 * MARGIN_IN)
    box_h = Inches(BODY_BOTTOM_IN - BODY_TOP_IN)
    scale = min(box_w / picture.width, box_h / picture.height)
    width, height = int(picture.width * scale), int(picture.height * scale)
    picture.width, picture.height = width, height
    picture.left = Inches(MARGIN_IN) + (box_w - width) // 2
    picture.top = Inches(BODY_TOP_IN)
    slide.notes_slide.notes_text_frame.text = notes


def figures_slide(deck: Presentation, figures: dict, summary: str, lang: str) -> None:
    """A table of the key figures, ratio and reduction rate on separate rows (no header row)."""
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    _title(slide, ui("figures", lang))
    keys = [*KEY_SLIDE_FIGURES, *(k for k in calc.NET_KEYS if k in figures)]
    rows = len(keys)
    height = min(0.45, (BODY_BOTTOM_IN - BODY_TOP_IN) / rows)
    width = WIDTH_IN - 2 * MARGIN_IN - 1.0
    shape = slide.shapes.add_table(
        rows, 2, Inches(MARGIN_IN + 0.5), Inches(BODY_TOP_IN), Inches(width), Inches(height * rows)
    )
    table = shape.table
    table.first_row = False  # every row is a figure; the template styles row 1 as a header
    table.horz_banding = True
    for i, key in enumerate(keys):
        table.rows[i].height = Inches(height)
        for j, text in enumerate((figure_label(key, lang), fmt.figure(key, figures[key], lang))):
            cell = table.cell(i, j)
            cell.text = text
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if j else PP_ALIGN.LEFT  # figures line up
            paragraph.runs[0].font.size = Pt(16 if rows <= 10 else 14)
    table.columns[0].width = Inches(width - 3.5)
    table.columns[1].width = Inches(3.5)
    slide.notes_slide.notes_text_frame.text = summary
