"""Our intersections_to_cells is pdfplumber's, faster: the same cells in the same order on any
grid of rulings (random grids with merged cells, broken and stray rulings, and the ruled
table pages of the sample PDFs)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pdfplumber import table as plumber_table

from extractors.readers.mupdf import pymupdf
from extractors.readers.pdf_tables import (
    MIN_RULES,
    _edge,
    _rulings,
    intersections_to_cells,
    read_drawings,
)

RAW_PDFS = sorted((Path(__file__).resolve().parent.parent / "raw" / "pdf").glob("*.pdf"))
TOL = plumber_table.DEFAULT_SNAP_TOLERANCE


def _intersections(horizontal, vertical) -> dict:
    edges = [_edge(r, "h") for r in horizontal] + [_edge(r, "v") for r in vertical]
    edges = plumber_table.merge_edges(edges, TOL, TOL, 3, 3)
    return plumber_table.edges_to_intersections(edges, 1, 1)


def _random_grid(rnd: random.Random):
    """Rulings of a grid: each side of each cell drawn or not (merged cells), sometimes a
    ruling a little off or a stray line through the table."""
    xs = sorted(rnd.sample(range(20, 560, 7), rnd.randint(2, 9)))
    ys = sorted(rnd.sample(range(20, 800, 5), rnd.randint(2, 14)))
    horizontal, vertical = [], []
    for j, y in enumerate(ys):
        for i in range(len(xs) - 1):
            if j in (0, len(ys) - 1) or rnd.random() < 0.8:
                shift = rnd.choice([0, 0, 0, 0.5, 4])
                horizontal.append((xs[i], y + shift, xs[i + 1], y + shift))
    for i, x in enumerate(xs):
        for j in range(len(ys) - 1):
            if i in (0, len(xs) - 1) or rnd.random() < 0.75:
                vertical.append((x, ys[j], x, ys[j + 1]))
    if rnd.random() < 0.3:
        y = rnd.uniform(ys[0], ys[-1])
        horizontal.append((xs[0] - 10, y, xs[-1] + 10, y))
    return horizontal, vertical


@pytest.mark.parametrize("seed", range(200))
def test_random_grids_give_pdfplumbers_cells(seed):
    intersections = _intersections(*_random_grid(random.Random(seed)))
    assert intersections_to_cells(intersections) == plumber_table.intersections_to_cells(
        intersections
    )


def test_sample_table_pages_give_pdfplumbers_cells():
    pages = 0
    for path in RAW_PDFS:
        with pymupdf.open(path) as doc:
            for page in doc:
                horizontal, vertical = _rulings(read_drawings(page))
                if len(horizontal) < MIN_RULES or len(vertical) < 2:
                    continue
                pages += 1
                intersections = _intersections(horizontal, vertical)
                ours = intersections_to_cells(intersections)
                assert ours == plumber_table.intersections_to_cells(intersections)
    assert pages >= 5  # the samples' price lists and land-price grades are ruled tables
