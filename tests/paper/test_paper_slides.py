"""Slides ready for a meeting: every shape inside the 16:9 slide, titles clear of charts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from paper_helpers import DATA

from chatdojo.paper import export
from chatdojo.paper.compare import compare
from chatdojo.paper.io import read_usage
from chatdojo.paper.labels import figure_label

EMU_PER_INCH = 914400


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    """The full report and the typed-totals deck, in Japanese and English."""
    result = compare(read_usage(DATA / "sample_usage.csv"), staff=50)
    out: dict[str, Path] = {}
    for lang in ("ja", "en"):
        folder = tmp_path_factory.mktemp(f"slides-{lang}")
        pngs = export.write_pngs(result, folder, lang=lang)
        out[f"report-{lang}"] = export.write_pptx(result, folder / "r.pptx", pngs, lang=lang)
        out[f"figures-{lang}"] = export.write_figures_pptx(
            result.figures, folder / "f.pptx", pngs["totals"], lang=lang, summary="要約\n2行目"
        )
    usage = read_usage(DATA / "sample_usage.csv")
    few = usage.frame[usage.frame["department"].isin(sorted(set(usage.frame["department"]))[:3])]
    result = compare(dataclasses.replace(usage, frame=few.reset_index(drop=True)))
    folder = tmp_path_factory.mktemp("slides-few")
    pngs = export.write_pngs(result, folder, lang="en")  # 3 departments: a wide, low chart
    out["few-en"] = export.write_pptx(result, folder / "r.pptx", pngs, lang="en")
    return out


def _box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("name", ["report-ja", "report-en", "figures-ja", "figures-en", "few-en"])
def test_every_shape_inside_the_slide_and_titles_clear(decks, name):
    """Is every shape within 13.33 × 7.5 in, and no title over a chart or table?"""
    from pptx import Presentation

    deck = Presentation(str(decks[name]))
    width, height = deck.slide_width, deck.slide_height
    assert round(width / EMU_PER_INCH, 2) == 13.33 and round(height / EMU_PER_INCH, 2) == 7.5
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.shapes.title
        for shape in slide.shapes:
            left, top, right, bottom = _box(shape)
            where = f"{name} slide {number} {shape.name}: {_box(shape)} in {width}x{height}"
            assert left >= 0 and top >= 0 and right <= width and bottom <= height, where
            if title is not None and shape.shape_id != title.shape_id:
                assert not _overlap(_box(title), _box(shape)), where


@pytest.mark.parametrize("name", ["report-ja", "report-en", "figures-en"])
def test_title_slide_is_laid_out_for_16_9(decks, name):
    """Are the title and subtitle centred on the wide slide and wider than the 4:3 layout's?"""
    from pptx import Presentation

    deck = Presentation(str(decks[name]))
    first = deck.slides[0]
    for shape in (first.shapes.title, first.placeholders[1]):
        centre = shape.left + shape.width / 2
        assert abs(centre - deck.slide_width / 2) < 0.05 * EMU_PER_INCH, shape.name
        assert shape.width > 10 * EMU_PER_INCH, shape.name  # the 4:3 slide is 10 in wide
    layout = deck.slide_layouts[0].placeholders[0]  # later slides added in PowerPoint
    assert layout.left + layout.width <= deck.slide_width
    assert abs(layout.left + layout.width / 2 - deck.slide_width / 2) < 0.05 * EMU_PER_INCH


@pytest.mark.parametrize("name", ["report-ja", "figures-en"])
def test_key_figures_table_has_no_header_row(decks, name):
    """Is the first figure row styled like the others (no header style), with its figure?"""
    from pptx import Presentation

    deck = Presentation(str(decks[name]))
    tables = [s.table for s in deck.slides[1].shapes if s.has_table]
    assert len(tables) == 1
    assert tables[0].first_row is False
    lang = name.rsplit("-", 1)[1]
    assert tables[0].cell(0, 0).text == figure_label("baseline_sheets", lang)
