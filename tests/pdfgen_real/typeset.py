"""Line breaking on a character grid, and pages drawn with `pymupdf.TextWriter`.

Unlike tests/pdfgen (glyph ids written into content streams by hand) and tests/pdfgen_story
(MuPDF's HTML engine, ragged right), this engine sets each character itself, the way a word
processor sets a 公文: lines justified to the text block by spreading the slack over the gaps
between characters, 避头尾 (no line starts with ，。、；：？！）》” and none ends with （《“),
digits and Latin kept together, the last line of a paragraph left short. A page is a list of
drawing operations; `render` replays them into a PDF with one embedded, subset CJK font.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pymupdf

MM = 72 / 25.4
NO_START = set("，。、；：？！）》〉」』”’,.;:?!)%）】〕·…—")
NO_END = set("（《〈「『“‘(【〔")
# Justification spreads at most this much (in em) between two characters; a line that would
# need more (a long unbreakable number pushed down) stays ragged, as a word processor leaves it.
MAX_SPREAD_EM = 0.25
FIXED_DATE = "D:20250101000000+08'00'"
BLACK = (0, 0, 0)
RED = (0.85, 0.05, 0.05)


@functools.lru_cache(maxsize=1)
def font() -> pymupdf.Font:
    """PyMuPDF's built-in CJK font (Droid Sans Fallback): every machine with PyMuPDF has it."""
    return pymupdf.Font("cjk")


@functools.lru_cache(maxsize=4096)
def advance(ch: str) -> float:
    return font().glyph_advance(ord(ch))


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".-/%")


def units(text: str) -> list[str]:
    """Unbreakable pieces: a CJK character, or a run of digits and Latin letters."""
    out: list[str] = []
    for ch in text:
        if out and _is_word(ch) and _is_word(out[-1][-1]):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def width(text: str, size: float) -> float:
    return sum(advance(c) for c in text) * size


def break_lines(text: str, size: float, measure: float, indent: float = 0.0) -> list[str]:
    """Greedy lines no wider than `measure` (the first starts `indent` points in)."""
    pieces = units(text)
    lines: list[list[str]] = []
    cur: list[str] = []
    used = indent
    for piece in pieces:
        w = width(piece, size)
        if cur and used + w > measure + 0.01:
            if piece[0] in NO_START:  # pull the last piece down with the mark
                moved = [cur.pop()] if len(cur) > 1 else []
                lines.append(cur)
                cur = moved
            elif cur[-1][-1] in NO_END and len(cur) > 1:
                moved = [cur.pop()]
                lines.append(cur)
                cur = moved
            else:
                lines.append(cur)
                cur = []
            used = sum(width(p, size) for p in cur)
        cur.append(piece)
        used += w
    if cur:
        lines.append(cur)
    return ["".join(x) for x in lines]


@dataclass
class TextOp:
    x: float
    y: float  # baseline
    text: str
    size: float
    color: tuple = BLACK
    spread: float = 0.0  # extra points after every character but the last


@dataclass
class RuleOp:
    x0: float
    y0: float
    x1: float
    y1: float
    color: tuple = BLACK
    width: float = 0.5


@dataclass
class PagePlan:
    width: float
    height: float
    ops: list = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)  # documents that start on this page
    furniture_ops: int = 0  # the first ops are the page's furniture (header, folio)

    def furnished(self) -> None:
        """What is drawn so far is furniture: a page holding nothing more is blank."""
        self.furniture_ops = len(self.ops)

    @property
    def blank(self) -> bool:
        return len(self.ops) <= self.furniture_ops

    def text(self, x, y, text, size, color=BLACK, spread=0.0) -> None:
        self.ops.append(TextOp(round(x, 2), round(y, 2), text, size, color, round(spread, 3)))

    def rule(self, x0, y0, x1, y1, color=BLACK, width=0.5) -> None:
        self.ops.append(
            RuleOp(round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2), color, width)
        )

    def centred(self, y, text, size, left, right, color=BLACK) -> None:
        self.text((left + right - width(text, size)) / 2, y, text, size, color)

    def flush_right(self, y, text, size, right, color=BLACK) -> None:
        self.text(right - width(text, size), y, text, size, color)

    def justified(self, x, y, text, size, measure, last: bool) -> None:
        """One line of a paragraph: spread to the measure unless it is the paragraph's last."""
        natural = width(text, size)
        gaps = len(text) - 1
        spread = 0.0
        if not last and gaps > 0 and natural < measure:
            spread = (measure - natural) / gaps
            if spread > MAX_SPREAD_EM * size:
                spread = 0.0
        self.text(x, y, text, size, spread=spread)


def render(pages: list[PagePlan], title: str, creator: str) -> bytes:
    doc = pymupdf.open()
    f = font()
    for plan in pages:
        page = doc.new_page(width=plan.width, height=plan.height)
        writers: dict[tuple, pymupdf.TextWriter] = {}
        for op in plan.ops:
            if isinstance(op, RuleOp):
                page.draw_line((op.x0, op.y0), (op.x1, op.y1), color=op.color, width=op.width)
                continue
            tw = writers.get(op.color)
            if tw is None:
                tw = writers[op.color] = pymupdf.TextWriter(page.rect, color=op.color)
            if op.spread:
                x = op.x
                for ch in op.text:
                    tw.append((x, op.y), ch, font=f, fontsize=op.size)
                    x += advance(ch) * op.size + op.spread
            else:
                tw.append((op.x, op.y), op.text, font=f, fontsize=op.size)
        for color, tw in writers.items():
            tw.write_text(page, color=color)
    doc.subset_fonts()
    doc.set_metadata(
        {
            "title": title,
            "author": "",
            "subject": "",
            "keywords": "",
            "creator": creator,
            "producer": "gazette tests/pdfgen_real (PyMuPDF TextWriter)",
            "creationDate": FIXED_DATE,
            "modDate": FIXED_DATE,
        }
    )
    data = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    return data
