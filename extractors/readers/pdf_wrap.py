"""Where a PDF line's paragraph goes on: the line ran to its column's edge, or the next line's
first unbreakable unit (避头尾) would not have fitted in the space left."""

from __future__ import annotations

import re
import statistics

from extractors.model import Line
from extractors.readers.pdf_settings import PDF_SETTINGS as S

# Characters a line may not start with (避头尾): they go down with the character before them,
# so a line can stop short of the edge and still continue.
_NO_LINE_START = set("，。、；：？！）」』》〉”’…—·%")
_ASCII_RUN = re.compile(r"^[A-Za-z0-9.．\-—/%+~]+")


def mark_wrapped(lines: list[Line], mid: float | None, text_right: float) -> None:
    """A line continues on the next one when it runs to its column's right edge, or when the
    next line's first unbreakable unit (a character with the punctuation that may not start a
    line, or a number or Latin word) would not have fitted in the space left. Unless the next
    line is indented (首行缩进): then a paragraph ended there."""
    columns: dict[bool, list[Line]] = {}
    for line in lines:
        columns.setdefault(mid is not None and line.bbox[0] >= mid - S.gutter_slack, []).append(
            line
        )
    for column in columns.values():
        edges = sorted(line.bbox[2] for line in column)
        # The column's right edge: where most full lines stop (the upper half's median); a
        # block of one or two lines (a full-width row) is measured against the text block.
        right_edge = (
            statistics.median(edges[len(edges) // 2 :])
            if len(edges) >= S.min_lines_for_edge
            else text_right
        )
        left_edge = min(line.bbox[0] for line in column)
        for line, nxt in zip(column, [*column[1:], None], strict=True):
            size = line.font_size or S.default_font_size
            gap = right_edge - line.bbox[2]
            line.wrapped = gap <= size * S.wrap_gap or (
                nxt is not None
                and gap < _first_unit_width(nxt.text, size) + size * S.wrap_unit_slack
            )
            if line.wrapped and nxt is not None and nxt.bbox[0] >= left_edge + size * S.indent:
                line.wrapped = False


_NO_LINE_END = set("（「『《〈“‘([")  # openers go down with what follows them


def _first_unit_width(text: str, size: float) -> float:
    """Width of what a line breaker must keep together at the start of `text`: a character or
    a number/Latin run, with the openers before it and the closing punctuation after it."""
    width = 0.0
    i = 0
    while i < len(text):
        run = _ASCII_RUN.match(text[i:])
        token = run.group(0) if run else text[i]
        width += len(token) * size * (S.latin_width if run else 1.0)
        i += len(token)
        ends_open = token[-1] in _NO_LINE_END
        next_closes = i < len(text) and text[i] in _NO_LINE_START
        if not (ends_open or next_closes):
            break
    return width
