"""Cover, 目录 and back cover (colophon).

The 目录 is laid out before page numbers are known: an entry's page number sits in a field of
fixed width at the right, so the number of 目录 pages does not depend on the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .canvas import Canvas
from .fonts import cjk
from .geometry import Geometry
from .typeset import Run, TLine, blank, layout_text
from .variant import LayoutVariant

RED = (0.78, 0.06, 0.08)
SIDEBAR_W = 118.0


def issue_text(issue: dict) -> str:
    return f"{issue['year']}年{issue['issue_label']}"


def _center(c: Canvas, text: str, size: float, cx: float, base: float, **kw) -> None:
    w = cjk().width(text, size) + kw.get("tc", 0.0) * (len(text) - 1)
    c.text(cx - w / 2, base, text, size, **kw)


# -- cover ---------------------------------------------------------------------------------


def cover_photo(width: int = 240, height: int = 150) -> bytes:
    """RGB samples of a made-up riverside view (sky, hills, river): the cover photograph."""
    import math

    out = bytearray()
    for y in range(height):
        for x in range(width):
            hill = height * (0.48 + 0.08 * math.sin(x / 23.0) + 0.05 * math.sin(x / 7.0 + 1))
            river = height * 0.74 + 4 * math.sin(x / 31.0)
            if y < hill:
                t = y / hill
                px = (int(120 + 90 * t), int(170 + 60 * t), int(225 + 20 * t))
            elif y < river:
                shade = int(20 * math.sin(x / 5.0 + y / 3.0))
                px = (40 + shade, 105 + shade, 60 + shade)
            else:
                ripple = int(18 * math.sin(x / 3.0 + y))
                px = (70 + ripple, 120 + ripple, 160 + ripple)
            out += bytes(max(0, min(255, v)) for v in px)
    return bytes(out)


def draw_cover(c: Canvas, issue: dict, g: Geometry, v: LayoutVariant) -> None:
    font = cjk()
    pw, ph = g.page_w, g.page_h
    cx = pw / 2
    color = RED if v.cover_red else None
    name = issue["gazette_name"]
    size = min(46.0, (pw - 150) / max(1.0, font.width(name, 1.0)))
    if color:
        c.rect(0, 0, pw, 34, fill_rgb=RED, stroke=False)
    _center(c, name, size, cx, 150, bold=True, rgb=color)
    y = 150 + 0.5 * size
    if issue.get("gazette_name_latin"):
        latin = issue["gazette_name_latin"]
        _center(c, latin, 11, cx, y + 14, tc=1.6)
        y += 22
    c.rect(70, y + 8, pw - 70, y + 11, fill_rgb=color or (0, 0, 0), stroke=False, width=0)
    c.line(70, y + 15, pw - 70, y + 15, width=0.6)
    y += 60
    _center(c, f"{issue['year']}年　{issue['issue_label']}", 20, cx, y, bold=True)
    if issue.get("total_issue_no"):
        _center(c, f"（总第{issue['total_issue_no']}期）", 13, cx, y + 28)
    if issue.get("cover_date"):
        c.text(
            pw - 70 - font.width(issue["cover_date"], 16), 90, issue["cover_date"], 16, rgb=color
        )
    bottom = ph - 90
    if issue.get("masthead") and not v.masthead_sidebar:
        rows = issue["masthead"]
        top = bottom - 30 - 17 * len(rows)
        c.rect(120, top - 14, pw - 120, top + 17 * len(rows), width=0.6)
        for i, row in enumerate(rows):
            c.text(140, top + 4 + 17 * i, row["role"], 10, bold=True)
            c.text(240, top + 4 + 17 * i, row["value"], 10)
        bottom = top - 40
    for i, line in enumerate(issue.get("slogan") or []):
        _center(c, line, 15, cx, bottom - 60 + 24 * i, rgb=color)
    publisher = next(
        (m["value"] for m in issue.get("masthead") or [] if m["role"] == "编印单位"), None
    )
    if publisher:
        _center(c, f"{publisher}　编印", 12, cx, ph - 56)


# -- 目录 -----------------------------------------------------------------------------------


@dataclass
class TocPage:
    lines: list[tuple[TLine, float]] = field(default_factory=list)  # line, y


@dataclass
class Toc:
    pages: list[TocPage]
    x: float
    w: float
    top: float
    num_w: float
    sidebar: bool


def layout_toc(issue: dict, g: Geometry, v: LayoutVariant) -> Toc:
    font = cjk()
    size = min(11.0, v.body_size + 0.5)
    lead = round(size * 1.6, 2)
    sidebar = bool(issue.get("masthead")) and v.masthead_sidebar
    x0 = (g.page_w - g.box_w) / 2
    w = g.box_w
    if sidebar:
        x0 += SIDEBAR_W + 16
        w -= SIDEBAR_W + 16
    num_w = font.width("（000）", size)
    top = max(104.0, g.top + 30)  # below the 目录 heading; 目录 pages have no running header
    height = g.page_h - top - 56
    blocks: list[list[TLine]] = []
    for sec in issue["sections"]:
        head = [blank(0.4 * lead, size)] + layout_text(
            [(sec["name"], True)], w, size + 1.5, height=round((size + 1.5) * 1.8, 2), justify=False
        )
        for ln in head:
            ln.keep_with_next = True
        first = True
        for n in sec["notices"]:
            title = n["title"]
            doc = n["doc_number"]
            if v.toc_style == "paren":
                lines = layout_text(
                    title, w - num_w - size, size, height=lead, justify=False, hanging=0
                )
                last = layout_text(f"（{doc}）", w - num_w, size, height=lead, justify=False)
            else:
                # title and （文号） run on; the 文号 is never broken across lines
                avail = w - num_w - 3 * size
                lines = layout_text(title, avail, size, height=lead, justify=False, hanging=size)
                tail = f"（{doc}）"
                tw = font.width(tail, size)
                end = lines[-1].runs[-1].x + font.width(lines[-1].runs[-1].text, size)
                if end + tw <= avail:
                    last = [lines.pop()]
                    last[0].runs.append(Run(end, tail))
                    last[0].width = end + tw
                else:
                    last = layout_text(tail, avail, size, height=lead, justify=False, indent=size)
            last[-1].tags["toc_doc"] = doc
            entry = lines + last + [blank(0.25 * lead, size)]
            blocks.append((head if first else []) + entry)
            first = False
    pages: list[TocPage] = [TocPage()]
    y = 0.0
    for b in blocks:
        h = sum(ln.height for ln in b)
        if y + h > height and pages[-1].lines:
            pages.append(TocPage())
            y = 0.0
        for ln in b:
            if not ln.runs and y == 0:
                continue
            pages[-1].lines.append((ln, y))
            y += ln.height
    return Toc(pages, x0, w, top, num_w, sidebar)


def draw_toc_page(
    c: Canvas,
    toc: Toc,
    index: int,
    numbers: dict[str, int],
    issue: dict,
    g: Geometry,
    v: LayoutVariant,
) -> None:
    font = cjk()
    page = toc.pages[index]
    x0, w = toc.x, toc.w
    cx = x0 + w / 2
    if index == 0:
        _center(c, "目　录", 22, cx, toc.top - 34, bold=True)
        c.line(x0, toc.top - 20, x0 + w, toc.top - 20, width=1.0)
    else:
        _center(c, "目　录（续）", 14, cx, toc.top - 30, bold=True)
        c.line(x0, toc.top - 20, x0 + w, toc.top - 20, width=0.6)
    leader_ch = v.toc_leader
    for ln, y in page.lines:
        base = toc.top + y + (ln.height - ln.size) / 2 + ln.size * 0.86
        for run in ln.runs:
            c.text(x0 + run.x, base, run.text, ln.size, bold=run.bold)
        doc = ln.tags.get("toc_doc")
        if doc is None:
            continue
        n = numbers[doc]
        label = f"（{n}）" if v.toc_style == "paren" else str(n)
        lw = font.width(label, ln.size)
        c.text(x0 + w - lw, base, label, ln.size)
        end = ln.runs[-1].x + font.width(ln.runs[-1].text, ln.size)
        start = x0 + end + ln.size * 0.5
        stop = x0 + w - toc.num_w - ln.size * 0.3
        step = font.adv(leader_ch) * ln.size
        count = int((stop - start) // step)
        if count > 2:
            c.text(stop - count * step, base, leader_ch * count, ln.size)
    if index == 0 and toc.sidebar:
        draw_sidebar(c, issue, g)


def draw_sidebar(c: Canvas, issue: dict, g: Geometry) -> None:
    font = cjk()
    x0 = (g.page_w - g.box_w) / 2
    y = max(104.0, g.top + 30) - 34
    name = issue["gazette_name"]
    # the name in two lines: "泸州市人民政府" / "公报"
    parts = [name[:-2], name[-2:]] if len(name) > 8 else [name]
    for p in parts:
        size = min(15.0, (SIDEBAR_W - 6) / max(1.0, font.width(p, 1.0)))
        c.text(x0, y, p, size, bold=True)
        y += size * 1.45
    y += 6
    if issue.get("frequency"):
        c.text(x0, y, f"（{issue['frequency']}）", 10.5)
        y += 18
    c.text(x0, y, f"{issue['year']}年　{issue['issue_label']}", 10.5, bold=True)
    y += 18
    if issue.get("total_issue_no"):
        c.text(x0, y, f"（总第{issue['total_issue_no']}期）", 10.5)
        y += 18
    y += 14
    for row in issue.get("masthead") or []:
        c.text(x0, y, row["role"], 9.5, bold=True)
        y += 15
        for ln in layout_text(row["value"], SIDEBAR_W - 4, 9.5, height=14, justify=False):
            c.text(x0 + ln.runs[0].x, y, ln.text, 9.5)
            y += 14
        y += 6
    y += 18
    for s in issue.get("slogan") or []:
        c.text(x0, y, s, 10)
        y += 16
    rule_x = x0 + SIDEBAR_W + 8
    c.line(rule_x, max(104.0, g.top + 30) - 50, rule_x, g.page_h - 56, width=0.6)


# -- back cover -------------------------------------------------------------------------------


def draw_colophon(c: Canvas, issue: dict, g: Geometry) -> None:
    lines = issue.get("colophon") or []
    x0 = (g.page_w - g.box_w) / 2
    size = 9.5
    top = g.page_h - g.top - len(lines) * size * 1.7 - 20
    c.line(x0, top - 12, x0 + 230, top - 12, width=0.8)
    for i, text in enumerate(lines):
        c.text(x0, top + i * size * 1.7, text, size)
