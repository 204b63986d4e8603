"""Plan pages with `pymupdf.Story.place()`, then draw them with a `pymupdf.DocumentWriter`.

Planning places every segment into rectangles relative to the page's text block (odd and even
pages mirror their margins, so a plan does not depend on page parity) and records, per page,
which story went into which rectangle. Drawing replays the same placements page by page on
fresh stories, shifted (or turned, for sideways tables) into the page, then adds the running
header and the page-number footer, each a small story of its own.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pymupdf

from . import markup
from .markup import Grid, Seg

MM = 72 / 25.4
PAGE_W, PAGE_H = round(185 * MM, 2), round(260 * MM, 2)  # 16开
TOP, BOTTOM, INNER, OUTER = 68.0, 60.0, 60.0, 46.0
GAP = 16.0  # between the two columns
LAND = dict(left=56.0, right=56.0, top=58.0, bottom=50.0)  # landscape pages
TEXT_W = PAGE_W - INNER - OUTER
TEXT_H = PAGE_H - TOP - BOTTOM
COL_W = (TEXT_W - GAP) / 2
LEAD = 16.0  # 10 pt at line-height 1.6
FIXED_DATE = "D:20250101000000+08'00'"


def area(orientation: str) -> tuple[float, float]:
    """Width and height of the text block, in the reading orientation."""
    if orientation == "landscape":
        return PAGE_H - LAND["left"] - LAND["right"], PAGE_W - LAND["top"] - LAND["bottom"]
    if orientation == "rotated":
        return TEXT_H, TEXT_W
    return TEXT_W, TEXT_H


@dataclass
class PagePlan:
    orientation: str
    section: str
    ops: list[tuple[int, pymupdf.Rect]] = field(default_factory=list)  # (story id, rect)
    anchors: list[str] = field(default_factory=list)


class Planner:
    def __init__(self) -> None:
        self.css, self.arch = markup.css(), markup.archive()
        self.html: list[str] = []  # story id → its HTML
        self.pages: list[PagePlan] = []
        self.y = 0.0

    def story(self, html: str) -> pymupdf.Story:
        return pymupdf.Story(html, user_css=self.css, archive=self.arch)

    def new_id(self, html: str) -> tuple[int, pymupdf.Story]:
        self.html.append(html)
        return len(self.html) - 1, self.story(html)

    @property
    def size(self) -> tuple[float, float]:
        return area(self.pages[-1].orientation)

    def new_page(self, orientation: str, section: str) -> None:
        self.pages.append(PagePlan(orientation, section))
        self.y = 0.0

    def place(self, sid: int, story: pymupdf.Story, rect: pymupdf.Rect) -> tuple[bool, float]:
        more, filled = story.place(rect)
        story.draw(None)  # a story moves on to its next rectangle only once drawn
        self.pages[-1].ops.append((sid, rect))
        return bool(more), filled[3]

    def height(self, html: str, width: float) -> float:
        return self.story(html).place(pymupdf.Rect(0, 0, width, 10_000))[1][3]

    def run(self, segs: list[Seg]) -> list[PagePlan]:
        for seg in segs:
            if seg.kind == "page":
                self.new_page(seg.orientation, seg.section)
                continue
            if self.y > 0:
                self.y += seg.gap
            if seg.kind in ("full", "figure"):
                self.full(seg)
            elif seg.kind == "cols":
                self.columns(seg)
            else:
                self.table(seg)
        return self.pages

    def full(self, seg: Seg) -> None:
        w, h = self.size
        if seg.keep or seg.kind == "figure":
            need = self.height(seg.html, w) + seg.keep
            if self.y > 0 and self.y + need > h:
                self.new_page(self.pages[-1].orientation, seg.section)
        if seg.anchor:
            self.pages[-1].anchors.append(seg.anchor)
        sid, story = self.new_id(seg.html)
        while True:
            more, bottom = self.place(sid, story, pymupdf.Rect(0, self.y, w, h))
            if not more:
                self.y = bottom
                return
            self.new_page(self.pages[-1].orientation, seg.section)

    def columns(self, seg: Seg) -> None:
        w, h = self.size
        two = self.pages[-1].orientation == "portrait"
        cw = COL_W if two else w
        sid, story = self.new_id(seg.html)
        done: list[pymupdf.Rect] = []  # rects placed so far, to replay a trial from

        def rects(y: float, bottom: float) -> list[pymupdf.Rect]:
            left = pymupdf.Rect(0, y, cw, bottom)
            return [left, pymupdf.Rect(cw + GAP, y, w, bottom)] if two else [left]

        def replay() -> None:
            story.reset()
            for r in done:
                story.place(r)
                story.draw(None)

        def fits(bottom: float) -> bool:
            replay()
            more = True
            for r in rects(self.y, bottom):
                more = story.place(r)[0]
                story.draw(None)
            return not more

        while True:
            if h - self.y < 3 * LEAD:
                self.new_page(self.pages[-1].orientation, seg.section)
            bottom = h
            if seg.balance and two and fits(h):
                lo, hi = self.y + LEAD, h  # the shortest columns that hold the rest
                while hi - lo > 1:
                    mid = (lo + hi) / 2
                    lo, hi = (lo, mid) if fits(mid) else (mid, hi)
                bottom = hi
            replay()
            ends = []
            more = True
            for r in rects(self.y, bottom):
                more, end = self.place(sid, story, r)
                done.append(r)
                ends.append(end)
                if not more:
                    break
            if not more:
                self.y = max(ends) if bottom == h else bottom
                return
            self.new_page(self.pages[-1].orientation, seg.section)

    def table(self, seg: Seg) -> None:
        grid = Grid.of(seg.table, self.size[0])
        cuts = grid.groups()
        start = grid.n_header
        while start < len(grid.rows):
            w, h = self.size
            rect = pymupdf.Rect(0, self.y, w, h)
            best = None
            for end in cuts:
                if end <= start:
                    continue
                more, _ = self.story(grid.html(start, end)).place(rect)
                if more:
                    break
                best = end
            if best is None and self.y > 0:
                self.new_page(self.pages[-1].orientation, seg.section)
                continue
            # a row group taller than a whole page would overflow it (no such table here)
            best = best or next(c for c in cuts if c > start)
            sid, story = self.new_id(grid.html(start, best))
            _, self.y = self.place(sid, story, rect)
            self.y += 6
            start = best
            if start < len(grid.rows):
                self.new_page(self.pages[-1].orientation, seg.section)


# -- drawing ---------------------------------------------------------------------------------


class Writer:
    def __init__(self, planner: Planner) -> None:
        self.p = planner
        self.buf = io.BytesIO()
        self.w = pymupdf.DocumentWriter(self.buf)

    def simple(self, html: str, rect: pymupdf.Rect) -> None:
        """One page holding one story in `rect` (the cover, the colophon)."""
        dev = self.w.begin_page(pymupdf.Rect(0, 0, PAGE_W, PAGE_H))
        story = self.p.story(html)
        story.place(rect)
        story.draw(dev)
        self.w.end_page()

    def pages_of(self, html: str, rect: pymupdf.Rect) -> int:
        """Lay `html` out on as many pages as it takes; returns how many."""
        story = self.p.story(html)
        n = 0
        while True:
            dev = self.w.begin_page(pymupdf.Rect(0, 0, PAGE_W, PAGE_H))
            more, _ = story.place(rect)
            story.draw(dev)
            self.w.end_page()
            n += 1
            if not more:
                return n

    def body_page(self, plan: PagePlan, number: int, stories: dict, head: str) -> None:
        even = number % 2 == 0
        if plan.orientation == "landscape":
            box = pymupdf.Rect(0, 0, PAGE_H, PAGE_W)
            left, top = LAND["left"], LAND["top"]
            right, bottom = PAGE_H - LAND["right"], PAGE_W - LAND["bottom"]
        else:
            box = pymupdf.Rect(0, 0, PAGE_W, PAGE_H)
            left = OUTER if even else INNER
            top, right, bottom = TOP, left + TEXT_W, TOP + TEXT_H
        if plan.orientation == "rotated":  # set sideways, reading top to bottom (clockwise)
            matrix = pymupdf.Matrix(0, 1, -1, 0, right, top)
        else:
            matrix = pymupdf.Matrix(1, 0, 0, 1, left, top)
        dev = self.w.begin_page(box)
        for sid, rect in plan.ops:
            story = stories.get(sid)
            if story is None:
                story = stories[sid] = self.p.story(self.p.html[sid])
            story.place(rect)
            story.draw(dev, matrix)
        # furniture, drawn after the page's content
        text = head if even else plan.section
        for html, rect in (
            (markup.running_head(text, not even), pymupdf.Rect(left, top - 32, right, top - 6)),
            (markup.folio(number, not even), pymupdf.Rect(left, bottom + 20, right, bottom + 48)),
        ):
            story = self.p.story(html)
            story.place(rect)
            story.draw(dev)
        self.w.end_page()

    def close(self) -> bytes:
        self.w.close()
        return self.buf.getvalue()


def toc_rect() -> pymupdf.Rect:
    return pymupdf.Rect(INNER, 70, INNER + TEXT_W, PAGE_H - BOTTOM)


def toc_pages(planner: Planner, issue: dict) -> int:
    """How many pages the 目录 takes: its 文号 lines never wrap (the leaders make room for
    the number), so the count does not depend on the page numbers."""
    story = planner.story(markup.toc(issue, None, TEXT_W))
    n = 1
    while story.place(toc_rect())[0]:
        story.draw(None)
        n += 1
    return n


@dataclass
class StoryLayout:
    front_pages: int  # cover + 目录 pages
    toc_pages: int
    body_numbers: list[int]
    notice_pages: dict[str, int]  # 文号 → printed page the notice starts on
    orientations: list[str]


def build(issue: dict) -> tuple[bytes, StoryLayout]:
    segs = [
        s
        for sec in issue["sections"]
        for n in sec["notices"]
        for s in markup.notice(n, sec["name"])
    ]
    planner = Planner()
    pages = planner.run(segs)
    # pass one gave where every notice starts; the cover counts as page 1
    n_toc = toc_pages(planner, issue)
    first = 2 + n_toc
    numbers = [first + i for i in range(len(pages))]
    starts = {a: numbers[i] for i, pg in enumerate(pages) for a in pg.anchors}

    out = Writer(planner)
    out.simple(markup.cover(issue), pymupdf.Rect(60, 50, PAGE_W - 60, PAGE_H - 40))
    assert out.pages_of(markup.toc(issue, starts, TEXT_W), toc_rect()) == n_toc
    stories: dict[int, pymupdf.Story] = {}
    head = f"{issue['gazette_name']}\u3000{markup.issue_text(issue)}"
    if issue.get("total_issue_no"):
        head += f"（总第{issue['total_issue_no']}期）"
    for plan, number in zip(pages, numbers, strict=True):
        out.body_page(plan, number, stories, head)
    if issue.get("colophon"):
        n = len(issue["colophon"])
        rect = pymupdf.Rect(OUTER, PAGE_H - 80 - n * 16, OUTER + 240, PAGE_H - 40)
        out.simple(markup.colophon(issue), rect)
    data = out.close()

    doc = pymupdf.open("pdf", data)
    doc.subset_fonts()
    doc.set_metadata(
        {
            "title": f"{issue['gazette_name']} {markup.issue_text(issue)}",
            "author": issue["gazette_name"],
            "subject": "政府公报",
            "keywords": "",
            "creator": "gazette tests/pdfgen_story",
            "producer": "gazette tests/pdfgen_story (PyMuPDF Story)",
            "creationDate": FIXED_DATE,
            "modDate": FIXED_DATE,
        }
    )
    data = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    layout = StoryLayout(1 + n_toc, n_toc, numbers, starts, [pg.orientation for pg in pages])
    return data, layout
