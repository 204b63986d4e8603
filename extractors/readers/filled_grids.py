"""Tables written by a writer that fills every grid position: PyMuPDF's, as pymupdf4llm's
classic mode writes them into Markdown.

Such a writer names a header position without text `ColN`, writes a merged cell again in every
position it covers, and writes a table on a page printed sideways as the page lies. The other
converters (and the tables stage) leave a merged cell's covered positions empty; this module
turns a filled grid into that shape, so one span rule serves every reader. Pure: rows in, rows
out.
"""

from __future__ import annotations

import re

from extractors.tables.headers import count_header_rows
from extractors.tables.predicates import is_label
from extractors.textnorm import compact

Rows = list[list[str]]

# PyMuPDF's name for a header position without text of its own (pymupdf4llm writes it): Col9.
_PLACEHOLDER_HEADER = re.compile(r"^Col\d+$")


def repair_filled_grid(rows: Rows) -> Rows:
    """Undo the habits of table writers that fill every grid position (PyMuPDF, pymupdf4llm):
    a covered header position named `ColN`, a merged header cell written again in each row and
    column it covers (序号 over 序号, 价格（元） five times over 三甲 … 二乙以下), and a table
    from a page printed sideways written column by column. The repeats become empty cells, as
    the other converters leave them, so the tables stage finds the spans from the shape."""
    if not rows:
        return rows
    rows = [list(r) for r in rows]
    # PyMuPDF names a header position ColN when a merged cell to its left covers it: it is
    # that cell again, like every other position a merged cell covers.
    for c, text in enumerate(rows[0]):
        if _PLACEHOLDER_HEADER.match(text.strip()):
            rows[0][c] = rows[0][c - 1] if c else ""
    rows = _upright(rows)
    k = 1
    while k < len(rows):
        row = rows[k]
        repeats = [c for c, t in enumerate(row) if t.strip() and compact(t) == _above(rows, k, c)]
        others = [t for c, t in enumerate(row) if t.strip() and c not in repeats]
        if not repeats or not others or not all(is_label(t) for t in others):
            break
        _blank_repeats(rows, k, set(repeats))
        k += 1
    for r in range(k - 1):  # a label repeated along a header row over distinct sub-headers
        for c in range(len(rows[r]) - 1, 0, -1):
            t = compact(rows[r][c])
            if t and t == compact(rows[r][c - 1]) and rows[r + 1][c].strip():
                rows[r][c] = ""
    return rows


def _blank_repeats(rows: Rows, k: int, repeats: set[int]) -> None:
    """Blank the repeats of row k. A repeat right of a parent over a child (价格（元） over 三甲,
    then 三乙 over 三乙 …) is the child written up into the parent's area: the upper copy goes.
    Any other repeat is a cell spanning down: the lower copy goes."""
    parent_run = False
    for c in range(len(rows[k])):
        up, here = compact(rows[k - 1][c]), compact(rows[k][c])
        if up and here and up != here:
            parent_run = True
        elif not (up and here):
            parent_run = False
        if c in repeats:
            if parent_run and up == here:
                rows[k - 1][c] = ""
            else:
                rows[k][c] = ""


def _upright(rows: Rows) -> Rows:
    """A table written as its page lies when that page is printed sideways, turned back. Its
    numbering (序号 1, 2, …) then runs along the bottom row (page turned anticlockwise: the
    rows read bottom to top) or along the top row right to left (turned clockwise), instead of
    down the first column."""
    rows = [r for r in rows if any(c.strip() for c in r)] or rows
    if len(rows) < 2 or any(_ascending([r[c] for r in rows]) for c in range(len(rows[0]))):
        return rows
    if _ascending(rows[-1]):
        ordered = rows[::-1]
    elif _ascending(rows[0][::-1]):
        ordered = [r[::-1] for r in rows]
    else:
        return rows
    turned = [[r[c] for r in ordered] for c in range(len(rows[0]))]
    return turned if count_header_rows(turned) > 0 else rows


def _ascending(cells: list[str]) -> bool:
    """Labels, then a run of at least two consecutive integers (序号 | 1 | 2 | 3)."""
    texts = [compact(c) for c in cells if c.strip()]
    while texts and not texts[0].isdigit() and is_label(texts[0]):
        texts = texts[1:]
    if len(texts) < 2 or not all(t.isdigit() for t in texts):
        return False
    first = int(texts[0])
    return [int(t) for t in texts] == list(range(first, first + len(texts)))


def _above(rows: Rows, k: int, c: int) -> str:
    """The text of the header cell over row k's column c (a blanked repeat looks further up)."""
    for r in range(k - 1, -1, -1):
        if rows[r][c].strip():
            return compact(rows[r][c])
    return ""
