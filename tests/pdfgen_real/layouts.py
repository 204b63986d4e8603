"""The page plans: a 公文 on A4 (GB/T 9704), a gazette issue, landscape table pages.

A `Flow` hands out line slots down the columns of the current page and opens pages as it
goes; each layout says what a page looks like (its text block, its furniture) and how each
role of tests/pdfgen_real/source.py is set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .source import Block, Printed
from .typeset import MM, RED, PagePlan, break_lines, render, width

A4_W, A4_H = round(210 * MM, 2), round(297 * MM, 2)
ORGAN_ENDINGS = ("人民政府", "办公厅", "办公室", "委员会", "局", "厅", "部", "院", "府")


@dataclass
class Area:
    left: float
    top: float
    right: float
    bottom: float


class Flow:
    """Line slots down one or more columns, page after page."""

    def __init__(self, open_page: Callable[[int], tuple[PagePlan, Area]], gap: float) -> None:
        self.open_page = open_page
        self.gap = gap
        self.pages: list[PagePlan] = []
        self.n_cols = 1
        self.new_page()

    def new_page(self) -> None:
        page, area = self.open_page(len(self.pages))
        self.pages.append(page)
        self.area = area
        self.y = self.col_top = area.top
        self.col = 0

    @property
    def page(self) -> PagePlan:
        return self.pages[-1]

    def columns(self, n: int) -> None:
        """From here on the text runs in `n` columns (a new set starts below what is set)."""
        self.n_cols, self.col, self.col_top = n, 0, self.y

    def column(self) -> tuple[float, float]:
        a = self.area
        cw = (a.right - a.left - self.gap * (self.n_cols - 1)) / self.n_cols
        x0 = a.left + self.col * (cw + self.gap)
        return x0, x0 + cw

    @property
    def measure(self) -> float:
        x0, x1 = self.column()
        return x1 - x0

    def slot(self, pitch: float) -> tuple[float, float, float]:
        """(left, right, baseline) of the next line."""
        if self.y + pitch > self.area.bottom + 0.01:
            if self.col < self.n_cols - 1:
                self.col += 1
                self.y = self.col_top
            else:
                self.new_page()
        x0, x1 = self.column()
        baseline = self.y + pitch * 0.78
        self.y += pitch
        return x0, x1, baseline

    def space(self, points: float) -> None:
        if self.y > self.col_top:
            self.y = min(self.y + points, self.area.bottom)

    def room(self) -> float:
        return self.area.bottom - self.y


@dataclass
class Style:
    size: float  # body text
    pitch: float  # line to line
    title: float
    title_pitch: float


def set_blocks(flow: Flow, blocks: list[Block], style: Style, table_page) -> None:
    """Set the blocks after the title in the flow's current columns."""
    size, pitch = style.size, style.pitch
    for b in blocks:
        if b.role == "table":
            table_page(flow, b.rows)
            continue
        if b.role in ("docno", "order"):
            for line in break_lines(b.text, size, flow.measure):
                x0, x1, y = flow.slot(pitch)
                flow.page.centred(y, line, size, x0, x1)
        elif b.role == "note":
            for line in break_lines(b.text, size * 0.9, flow.measure - 4 * size):
                x0, x1, y = flow.slot(pitch * 0.9)
                flow.page.centred(y, line, size * 0.9, x0, x1)
        elif b.role == "chapter":
            flow.space(pitch * 0.4)
            x0, x1, y = flow.slot(pitch)
            flow.page.centred(y, b.text, size, x0, x1)
            flow.space(pitch * 0.2)
        elif b.role in ("sign", "date"):
            x0, x1, y = flow.slot(pitch)
            flow.page.flush_right(y, b.text, size, x1 - 2 * size)
        else:  # para, addressee
            indent = 0.0 if b.role == "addressee" else 2 * size
            lines = break_lines(b.text, size, flow.measure, indent)
            for i, line in enumerate(lines):
                x0, x1, y = flow.slot(pitch)
                first = indent if i == 0 else 0.0
                flow.page.justified(
                    x0 + first, y, line, size, x1 - x0 - first, last=i == len(lines) - 1
                )


def balanced(text: str, size: float, measure: float) -> list[str]:
    """A title's lines of nearly equal length (a 公文 sets its title as a trapezoid or a
    diamond, never with one character left on a line of its own)."""
    lines = break_lines(text, size, measure)
    if len(lines) < 2:
        return lines
    target = width(text, size) / len(lines) + size
    while True:
        trial = break_lines(text, size, target)
        if len(trial) <= len(lines):
            return trial
        target += size / 2


def set_title(flow: Flow, lines: list[str], style: Style) -> None:
    text = "".join(lines)
    for line in balanced(text, style.title, flow.measure - 2 * style.title):
        x0, x1, y = flow.slot(style.title_pitch)
        flow.page.centred(y, line, style.title, x0, x1)


# -- landscape table pages ------------------------------------------------------------------

CELL_SIZE = 10.5
CELL_PITCH = 15.0
CELL_PAD = 4.0
MIN_COL_EM = 4
MAX_COL_EM = 24  # a column of long cells wraps them rather than starve the others


def table_pages(
    rows: list[list[str]], furniture: Callable[[PagePlan, int], None], first_number: int
) -> list[PagePlan]:
    """A ruled table on landscape A4 pages, its header row repeated on every page."""
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    left, right, top, bottom = 25 * MM, A4_H - 25 * MM, 25 * MM, A4_W - 25 * MM
    natural = [
        min(
            MAX_COL_EM * CELL_SIZE,
            max(MIN_COL_EM * CELL_SIZE, *(width(r[c], CELL_SIZE) for r in rows)),
        )
        for c in range(n)
    ]
    total = sum(natural)
    widths = [(right - left) * w / total for w in natural]
    cells = [
        [break_lines(r[c], CELL_SIZE, widths[c] - 2 * CELL_PAD) or [""] for c in range(n)]
        for r in rows
    ]
    heights = [max(len(c) for c in row) * CELL_PITCH + 2 * CELL_PAD for row in cells]
    pages: list[PagePlan] = []
    i = 1
    while i < len(rows) or not pages:
        page = PagePlan(A4_H, A4_W)
        furniture(page, first_number + len(pages))
        pages.append(page)
        y, start = top, i
        for k in [0, *range(start, len(rows))]:
            if k and y + heights[k] > bottom and k != start:
                break
            x = left
            for c in range(n):
                for j, line in enumerate(cells[k][c]):
                    base = y + CELL_PAD + (j + 0.78) * CELL_PITCH
                    page.centred(base, line, CELL_SIZE, x, x + widths[c])
                x += widths[c]
            page.rule(left, y, right, y)
            y += heights[k]
            if k:
                i = k + 1
        page.rule(left, y, right, y)
        x = left
        for w in [0.0, *widths]:
            x += w
            page.rule(x, top, x, y)
    return pages


# -- (a) a 公文 on A4, GB/T 9704 ---------------------------------------------------------------

GW = Area(28 * MM, 37 * MM, 28 * MM + 156 * MM, 37 * MM + 225 * MM)
GW_STYLE = Style(size=15.6, pitch=28.9, title=21.0, title_pitch=30.0)
FOLIO_SIZE = 14.0


def folio(page: PagePlan, number: int, bottom: float, left: float, right: float) -> None:
    """`— 3 —` 7 mm under the text block, at the outside: right on odd pages, left on even."""
    text = f"— {number} —"
    y = bottom + 7 * MM + FOLIO_SIZE
    if number % 2:
        page.flush_right(y, text, FOLIO_SIZE, right - FOLIO_SIZE)
    else:
        page.text(left + FOLIO_SIZE, y, text, FOLIO_SIZE)


def red_head(doc: Printed) -> list[str]:
    """The 发文机关标志's lines: printed by the document, else its one signing organ's name
    with 文件 (a 函 prints the organ's name alone)."""
    heads = [b.text for b in doc.blocks if b.role == "head"]
    if heads or doc.doc_number is None:
        return heads
    signs = [b.text for b in doc.blocks if b.role == "sign"]
    if len(signs) != 1 or not signs[0].replace(" ", "").endswith(ORGAN_ENDINGS):
        return []
    organ = signs[0].replace(" ", "").replace("\u3000", "")
    return [organ if "函" in doc.doc_number else organ + "文件"]


def gongwen_pdf(doc: Printed) -> bytes:
    """One document as its issuing organ prints it: red 标志 and rule, 文号, title, text."""
    pages_done: list[PagePlan] = []

    def open_page(index: int) -> tuple[PagePlan, Area]:
        page = PagePlan(A4_W, A4_H)
        folio(page, len(pages_done) + index + 1, GW.bottom, GW.left, GW.right)
        page.furnished()
        return page, Area(GW.left, GW.top, GW.right, GW.bottom)

    flows: list[Flow] = []

    def table_page(flow: Flow, rows: list[list[str]]) -> None:
        # the table goes on landscape pages of its own; the text resumes on a new page
        done = [*pages_done, *flow.pages]
        land = table_pages(
            rows,
            lambda p, n: folio(p, n, A4_W - 18 * MM, 25 * MM, A4_H - 25 * MM),
            len(done) + 1,
        )
        flows.append(flow)
        pages_done.extend(flow.pages)
        pages_done.extend(land)
        flow.pages = []
        flow.new_page()

    flow = Flow(open_page, gap=0)
    blocks = [b for b in doc.blocks if b.role != "head"]
    heads = red_head(doc)
    s = GW_STYLE
    if heads:
        size = min(30.0, (GW.right - GW.left) / max(max(len(h) for h in heads), 1))
        flow.y += 10 * MM
        for head in heads:
            flow.y += size * 1.25
            flow.page.centred(flow.y, head, size, GW.left, GW.right, RED)
        flow.y += 8 * MM
        number = next((b for b in blocks if b.role == "docno"), None)
        if number is not None:
            blocks.remove(number)
            flow.y += s.pitch
            flow.page.centred(flow.y, number.text, s.size, GW.left, GW.right)
        flow.y += 4 * MM
        flow.page.rule(GW.left, flow.y, GW.right, flow.y, RED, 1.2)
        flow.y += 2 * s.pitch
    titles = [b.text for b in blocks if b.role == "title"]
    set_title(flow, titles, s)
    flow.space(s.pitch * 0.5)
    set_blocks(flow, [b for b in blocks if b.role != "title"], s, table_page)
    pages = [*pages_done, *flow.pages]
    # a table page set as the last thing leaves an empty portrait page behind
    if pages[-1].blank:
        pages.pop()
    return render(pages, doc.title, "gazette tests/pdfgen_real gongwen")


# -- (b) a gazette issue ----------------------------------------------------------------------

GZ_TOP, GZ_BOTTOM, GZ_INNER, GZ_OUTER = 30 * MM, 22 * MM, 22 * MM, 18 * MM
GZ_STYLE = Style(size=10.5, pitch=17.5, title=16.0, title_pitch=24.0)
COLUMN_GAP = 7 * MM
HEAD_SIZE = 9.0
LABEL_SIZE = 15.0
TWO_COLUMN_MIN_PARAS = 40  # a long rule runs in two columns, as gazettes set them


@dataclass
class Issue:
    gazette: str  # 云南省人民政府公报
    year: int
    number: int
    total: int
    publisher: str  # 云南省人民政府办公厅
    sections: list[tuple[str, list[Printed]]]  # (政府文件, documents)

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}期"


def _gz_area(number: int) -> Area:
    left = GZ_OUTER if number % 2 == 0 else GZ_INNER
    return Area(left, GZ_TOP, A4_W - (GZ_INNER if number % 2 == 0 else GZ_OUTER), A4_H - GZ_BOTTOM)


def _gz_furniture(page: PagePlan, number: int, issue: Issue, section: str) -> None:
    a = _gz_area(number)
    y = GZ_TOP - 8 * MM
    if number % 2 == 0:
        page.text(a.left, y, f"{issue.gazette}\u3000{issue.label}", HEAD_SIZE)
    else:
        page.flush_right(y, section, HEAD_SIZE, a.right)
    page.rule(a.left, y + 2.5 * MM, a.right, y + 2.5 * MM, width=0.6)
    page.centred(A4_H - GZ_BOTTOM + 10 * MM, f"— {number} —", HEAD_SIZE + 1, a.left, a.right)


def _body(issue: Issue, first: int) -> tuple[list[PagePlan], dict[str, int]]:
    """Every document from a new page, page numbers from `first`; where each one starts."""
    pages: list[PagePlan] = []
    starts: dict[str, int] = {}
    for section, docs in issue.sections:
        for k, doc in enumerate(docs):
            base = first + len(pages)

            def open_page(index: int, base=base, section=section) -> tuple[PagePlan, Area]:
                page = PagePlan(A4_W, A4_H)
                _gz_furniture(page, base + index, issue, section)
                page.furnished()
                return page, _gz_area(base + index)

            flow = Flow(open_page, COLUMN_GAP)
            s = GZ_STYLE

            def table_page(flow: Flow, rows: list[list[str]], section=section) -> None:
                number = first + len(pages) + len(flow.pages)
                land = table_pages(
                    rows,
                    lambda plan, n: plan.centred(
                        A4_W - 12 * MM, f"— {n} —", HEAD_SIZE + 1, 25 * MM, A4_H - 25 * MM
                    ),
                    number,
                )
                pages.extend(flow.pages)
                pages.extend(land)
                flow.pages = []
                after = first + len(pages)
                flow.open_page = lambda i, start=after, label=section: (
                    _furnished(start + i, issue, label),
                    _gz_area(start + i),
                )
                flow.new_page()

            if k == 0:  # the section's label opens it
                flow.y += LABEL_SIZE
                a = flow.area
                flow.page.centred(flow.y, section, LABEL_SIZE, a.left, a.right)
                flow.y += 3 * MM
                flow.page.rule(a.left, flow.y, a.right, flow.y, width=1.0)
                flow.y += 2 * s.pitch
            flow.page.anchors.append(doc.name)
            set_title(flow, [b.text for b in doc.blocks if b.role == "title"], s)
            blocks = [b for b in doc.blocks if b.role not in ("title", "head")]
            header = []
            while blocks and blocks[0].role in ("docno", "order", "note"):
                header.append(blocks.pop(0))
            set_blocks(flow, header, s, table_page)
            flow.space(s.pitch * 0.6)
            paras = sum(b.role == "para" for b in blocks)
            if paras >= TWO_COLUMN_MIN_PARAS and not doc.has_table():
                flow.columns(2)
            set_blocks(flow, blocks, s, table_page)
            starts[doc.name] = base
            pages.extend(p for p in flow.pages if not p.blank)
    return pages, starts


def _furnished(number: int, issue: Issue, section: str) -> PagePlan:
    page = PagePlan(A4_W, A4_H)
    _gz_furniture(page, number, issue, section)
    page.furnished()
    return page


TOC_SIZE = 10.5
TOC_PITCH = 19.0


def _toc_lines(issue: Issue, starts: dict[str, int] | None) -> list[tuple[str, str]]:
    """(kind, text) lines of the 目录: section labels, entries (title, 文号, leaders, page)."""
    out = []
    measure = A4_W - GZ_INNER - GZ_OUTER - 4 * TOC_SIZE
    for section, docs in issue.sections:
        out.append(("label", section))
        for doc in docs:
            entry = doc.title + (f"（{doc.doc_number}）" if doc.doc_number else "")
            lines = break_lines(entry, TOC_SIZE, measure)
            page = str(starts[doc.name]) if starts else "00"
            out += [("entry", x) for x in lines[:-1]] + [("last", f"{lines[-1]}\t{page}")]
    return out


def _toc_pages(issue: Issue, starts: dict[str, int] | None, first: int) -> list[PagePlan]:
    pages: list[PagePlan] = []
    y = A4_H
    for kind, text in _toc_lines(issue, starts):
        a = _gz_area(first + len(pages))
        if y + TOC_PITCH > a.bottom:
            page = PagePlan(A4_W, A4_H)
            page.centred(
                A4_H - GZ_BOTTOM + 10 * MM, f"— {first + len(pages)} —", 10, a.left, a.right
            )
            pages.append(page)
            y = a.top
            if len(pages) == 1:
                y += 20
                page.centred(y, "目\u3000\u3000录", 20, a.left, a.right)
                y += 16
        page = pages[-1]
        y += TOC_PITCH
        if kind == "label":
            page.text(a.left, y, text, TOC_SIZE + 1.5)
        elif kind == "entry":
            page.text(a.left + 2 * TOC_SIZE, y, text, TOC_SIZE)
        else:
            body, number = text.split("\t")
            page.text(a.left + 2 * TOC_SIZE, y, body, TOC_SIZE)
            start = a.left + 2 * TOC_SIZE + width(body, TOC_SIZE) + 2
            end = a.right - width(number, TOC_SIZE) - 2
            dots = "…" * max(int((end - start) / width("…", TOC_SIZE)), 1)
            page.text(start, y, dots, TOC_SIZE)
            page.flush_right(y, number, TOC_SIZE, a.right)
    return pages


def _cover(issue: Issue) -> PagePlan:
    page = PagePlan(A4_W, A4_H)
    page.centred(70 * MM, issue.gazette, min(38.0, 150 * MM / len(issue.gazette)), 0, A4_W, RED)
    page.centred(90 * MM, f"{issue.label}（总第{issue.total}期）", 16, 0, A4_W)
    page.rule(30 * MM, 97 * MM, A4_W - 30 * MM, 97 * MM, RED, 2.0)
    page.centred(A4_H - 40 * MM, f"{issue.publisher}\u3000编印", 14, 0, A4_W)
    return page


def gazette_pdf(issue: Issue) -> tuple[bytes, dict[str, int]]:
    """Cover (page 1), 目录, then the sections; returns the PDF and each document's page."""
    toc_count = len(_toc_pages(issue, None, 2))
    body, starts = _body(issue, 2 + toc_count)
    toc = _toc_pages(issue, starts, 2)
    assert len(toc) == toc_count
    data = render(
        [_cover(issue), *toc, *body],
        f"{issue.gazette} {issue.label}",
        "gazette tests/pdfgen_real gazette",
    )
    return data, starts
