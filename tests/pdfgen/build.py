"""Assemble the PDF: compose and paginate the body, lay out the 目录, number the pages, draw
every page as a raw content stream, embed and subset the font, save with fixed metadata."""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

from .canvas import Canvas, quarter_turn_ccw, quarter_turn_cw, upright
from .compose import compose
from .fonts import FONT_NAME, cjk
from .front import cover_photo, draw_colophon, draw_cover, draw_toc_page, issue_text, layout_toc
from .furniture import footer, running_head
from .geometry import Geometry, geometry
from .paginate import PageSpec, Placed, paginate
from .tables import draw_table
from .typeset import TLine
from .variant import LayoutVariant

FIXED_DATE = "D:20250101000000+08'00'"


@dataclass
class Layout:
    """Where things ended up: what a test checks the PDF against."""

    front_pages: int  # cover + 目录 pages
    toc_pages: int
    body_numbers: list[int]  # printed number of each body page
    notice_pages: dict[str, int]  # 文号 → printed page number the notice starts on
    orientations: list[str]  # per body page: portrait | landscape | rotated
    back_pages: int


class _Doc:
    def __init__(self) -> None:
        self.doc = pymupdf.open()
        self.font_xref = 0

    def page(self, width: float, height: float, rotate: int = 0) -> pymupdf.Page:
        p = self.doc.new_page(width=width, height=height)
        if not self.font_xref:
            self.font_xref = p.insert_font(fontname=FONT_NAME, fontbuffer=cjk().buffer)
        else:
            self.doc.xref_set_key(
                p.xref, "Resources", f"<</Font<</{FONT_NAME} {self.font_xref} 0 R>>>>"
            )
        if rotate:
            p.set_rotation(rotate)
        return p

    def contents(self, page: pymupdf.Page, canvases: list[Canvas]) -> None:
        data = "\n".join(c.stream() for c in canvases if c.ops).encode("latin-1")
        xref = self.doc.get_new_xref()
        self.doc.update_object(xref, "<<>>")
        self.doc.update_stream(xref, data)
        self.doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")


def draw_line(c: Canvas, ln: TLine, x: float, y: float, w: float) -> None:
    if not ln.runs:
        return
    pad = ln.tags.get("pad", 0.0)
    if ln.align == "center":
        x0 = x + (w - ln.width) / 2
    elif ln.align == "right":
        x0 = x + w - ln.width - pad
    else:
        x0 = x
    base = y + (ln.height - ln.size) / 2 + ln.size * 0.86
    for run in ln.runs:
        c.text(x0 + run.x, base, run.text, ln.size, bold=run.bold, tc=run.tc, rgb=ln.rgb)


def draw_figure(c: Canvas, x: float, y: float, w: float, h: float, size: float) -> None:
    """A bar chart of 优良天数 2018—2023: vector art that is not a table."""
    values = [322, 306, 315, 308, 295, 288]
    years = ["2018", "2019", "2020", "2021", "2022", "2023"]
    left, right = x + w * 0.14, x + w * 0.9
    top, bottom = y + 10, y + h - 26
    c.line(left, top, left, bottom, width=0.6)
    c.line(left, bottom, right, bottom, width=0.6)
    slot = (right - left) / len(values)
    for i, (val, yr) in enumerate(zip(values, years, strict=True)):
        bh = (bottom - top - 10) * (val - 250) / 90
        bx = left + slot * i + slot * 0.25
        c.rect(bx, bottom - bh, bx + slot * 0.5, bottom, fill_gray=0.55, stroke=False)
        c.text(
            bx + slot * 0.25 - cjk().width(str(val), size - 2) / 2,
            bottom - bh - 3,
            str(val),
            size - 2,
        )
        c.text(
            bx + slot * 0.25 - cjk().width(yr, size - 1.5) / 2, bottom + size + 2, yr, size - 1.5
        )
    c.text(left - cjk().width("天数", size - 1.5) - 4, top + size, "天数", size - 1.5)


def draw_items(c: Canvas, items: list[Placed], size: float) -> None:
    for it in items:
        if it.kind == "line":
            draw_line(c, it.obj, it.x, it.y, it.w)
        elif it.kind == "table":
            draw_table(c, it.obj, it.x, it.y, it.extra)
        elif it.kind == "figure":
            draw_figure(c, it.x, it.y, it.w, it.extra, size)


def _body_page(
    d: _Doc, spec: PageSpec, number: int, issue: dict, g: Geometry, v: LayoutVariant
) -> None:
    even = number % 2 == 0
    name, itext = issue["gazette_name"], issue_text(issue)
    pw, ph = g.page_w, g.page_h
    head = dict(number=number, name=name, issue=itext, section=spec.section)
    if spec.orientation == "landscape":
        lw, lh, a = g.land_w, g.land_h, g.land
        if v.landscape_mode == "rotate":
            page = d.page(pw, ph, rotate=90)
            base = (0.0, 1.0, 1.0, 0.0, 0.0, 0.0)
            content = Canvas((0.0, 1.0, 1.0, 0.0, a.y, a.x))
        else:
            page = d.page(lw, lh)
            base = upright(lh)
            content = Canvas((1.0, 0.0, 0.0, -1.0, a.x, lh - a.y))
        furn = Canvas(base)
        running_head(furn, v, left=a.x, right=a.x + a.w, body_top=a.y, **head)
        footer(furn, v, left=a.x, right=a.x + a.w, body_bottom=a.y + a.h, number=number)
    else:
        page = d.page(pw, ph)
        area = g.portrait(even)
        furn = Canvas(upright(ph))
        running_head(furn, v, left=area.x, right=area.x + area.w, body_top=area.y, **head)
        footer(
            furn, v, left=area.x, right=area.x + area.w, body_bottom=area.y + area.h, number=number
        )
        if spec.orientation == "rotated":
            left = g.rot_left_even if even else g.rot_left_odd
            if v.rotated_direction == "ccw":
                content = Canvas(quarter_turn_ccw(left, ph - g.top - g.box_h))
            else:
                content = Canvas(quarter_turn_cw(left + g.rot.h, ph - g.top))
        else:
            content = Canvas((1.0, 0.0, 0.0, -1.0, area.x, ph - area.y))
    draw_items(content, spec.items, g.size)
    d.contents(page, [content, furn] if v.furniture_last else [furn, content])


def build(issue: dict, v: LayoutVariant) -> tuple[bytes, Layout]:
    g = geometry(v)
    pages = paginate(compose(issue, g, v), g)
    toc = layout_toc(issue, g, v)
    first = len(toc.pages) + 1 if v.toc_counts else 1
    numbers = [first + i for i in range(len(pages))]
    starts = {doc: numbers[i] for i, p in enumerate(pages) for doc in p.anchors}

    d = _Doc()
    c = Canvas(upright(g.page_h))
    draw_cover(c, issue, g, v)
    cover = d.page(g.page_w, g.page_h)
    d.contents(cover, [c])
    pix = pymupdf.Pixmap(pymupdf.csRGB, 240, 150, cover_photo(), False)
    cover.insert_image(
        pymupdf.Rect(70, 300, g.page_w - 70, 300 + (g.page_w - 140) * 150 / 240), pixmap=pix
    )
    for i in range(len(toc.pages)):
        c = Canvas(upright(g.page_h))
        draw_toc_page(c, toc, i, starts, issue, g, v)
        d.contents(d.page(g.page_w, g.page_h), [c])
    for spec, n in zip(pages, numbers, strict=True):
        _body_page(d, spec, n, issue, g, v)
    back = 0
    if issue.get("colophon"):
        c = Canvas(upright(g.page_h))
        draw_colophon(c, issue, g)
        d.contents(d.page(g.page_w, g.page_h), [c])
        back = 1

    doc = d.doc
    doc.subset_fonts()
    doc.set_metadata(
        {
            "title": f"{issue['gazette_name']} {issue_text(issue)}",
            "author": next(
                (m["value"] for m in issue.get("masthead") or [] if m["role"] == "编印单位"),
                issue["gazette_name"],
            ),
            "subject": "政府公报",
            "keywords": "",
            "creator": "gazette tests/pdfgen",
            "producer": "gazette tests/pdfgen (PyMuPDF)",
            "creationDate": FIXED_DATE,
            "modDate": FIXED_DATE,
        }
    )
    data = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    layout = Layout(
        front_pages=1 + len(toc.pages),
        toc_pages=len(toc.pages),
        body_numbers=numbers,
        notice_pages=starts,
        orientations=[p.orientation for p in pages],
        back_pages=back,
    )
    return data, layout
