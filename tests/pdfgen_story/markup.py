"""Content (the tests/pdfgen JSON schema) → HTML fragments and CSS for `pymupdf.Story`.

A notice becomes a list of segments the page planner places: `full` (across the text block),
`cols` (flows down two columns), `table` (an HTML table, cut into page chunks by the planner),
`figure` (an SVG chart) and `page` (start a new page, in an orientation).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pymupdf

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CELL_PT = 8.5  # table text
PAD = 5.6  # a cell's left and right padding and one rule
FALLBACK = "droid-sans-fallback.ttf"  # PyMuPDF's built-in CJK font, when WQY is missing

CSS = """
@font-face {font-family: gz; src: url(%(font)s);}
* {font-family: gz; font-size: 10pt;}
body {margin: 0; padding: 0; line-height: 1.6;}
p {margin: 0; text-align: justify; text-indent: 2em;}
p.c {text-align: center; text-indent: 0;}
p.f {text-indent: 0;}
p.r {text-align: right; text-indent: 0; padding-right: 2em;}
p.title {font-size: 18pt; line-height: 1.45; text-align: center; text-indent: 0;}
p.docno {text-align: center; text-indent: 0; margin: 7pt 0 14pt 0;}
p.etitle {font-size: 14pt; line-height: 1.5; text-align: center; text-indent: 0;}
p.chap {text-align: center; text-indent: 0; margin-top: 6pt;}
p.attno {font-size: 12pt; text-indent: 0; margin-bottom: 4pt;}
p.atitle {font-size: 15pt; line-height: 1.5; text-align: center; text-indent: 0;}
p.alist {padding-left: 5.5em; text-indent: -3.5em;}
p.cap {text-align: center; text-indent: 0; margin-bottom: 3pt;}
table.g {border-collapse: collapse;}
table.g td {border: 0.6pt solid #000; padding: 2pt 2.5pt; font-size: %(cell)spt;
  line-height: 1.35; text-align: center; vertical-align: middle;}
table.g td.l {text-align: left;}
table.g td.h {font-weight: bold;}
"""


@functools.lru_cache(maxsize=1)
def font_source() -> tuple[str, bytes]:
    """(file name inside the Archive, font bytes): WenQuanYi Micro Hei, else PyMuPDF's CJK."""
    if WQY.exists():
        return WQY.name, WQY.read_bytes()
    return FALLBACK, pymupdf.Font("cjk").buffer


def archive() -> pymupdf.Archive:
    name, data = font_source()
    arch = pymupdf.Archive()
    arch.add((data, name))
    arch.add((chart_svg().encode(), "chart.svg"))
    return arch


def css() -> str:
    return CSS % {"font": font_source()[0], "cell": CELL_PT}


@functools.lru_cache(maxsize=1)
def measure() -> pymupdf.Font:
    return pymupdf.Font(fontbuffer=font_source()[1])


def p(text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{escape(text)}</p>"


@dataclass
class Seg:
    kind: str  # full | cols | table | figure | page
    html: str = ""
    section: str = ""
    table: dict | None = None
    anchor: str | None = None  # a notice starts here (its 文号)
    keep: float = 0.0  # room that must follow on the same page, else start a new page
    gap: float = 0.0  # space before, dropped at the top of a page
    balance: bool = False  # cols: something follows on this page, so even the columns out
    orientation: str = "portrait"


# -- a notice --------------------------------------------------------------------------------


def block(b: dict) -> str:
    kind, text = b["kind"], b.get("text", "")
    if kind == "article":
        return p(f"{b['label']}\u3000{text}")
    if kind in ("chapter", "section"):
        label = b.get("label", "")
        return p(f"{label}\u3000{text}" if label else text, "chap")
    return p(text)


def attachment_list(items: list[str]) -> str:
    if len(items) == 1:
        return f'<p class="alist">附件：{escape(items[0])}</p>'
    first = f'<p class="alist">附件：1.{escape(items[0])}</p>'
    rest = "".join(
        f'<p class="alist" style="padding-left:5.5em;text-indent:-1.5em">{i}.{escape(t)}</p>'
        for i, t in enumerate(items[1:], 2)
    )
    return first + rest


def signature(n: dict) -> str:
    lines = [*(n.get("signature") or []), *([n["date"]] if n.get("date") else [])]
    return '<p class="f">&#160;</p>' + "".join(p(x, "r") for x in lines)


def notice(n: dict, section: str) -> list[Seg]:
    head = "".join(p(t, "title") for t in n["title_lines"]) + p(n["doc_number"], "docno")
    segs = [Seg("page", section=section), Seg("full", head, section, anchor=n["doc_number"])]
    cover = (p(n["addressees"], "f") if n.get("addressees") else "") + "".join(
        p(x) for x in n.get("cover_paragraphs") or []
    )
    post = p(n["postscript"]) if n.get("postscript") else ""
    tail = attachment_list(n["attachment_list"]) if n.get("attachment_list") else ""
    if n.get("enclosed_title"):
        segs.append(Seg("full", cover + signature(n) + post, section))
        lines = n.get("enclosed_title_lines") or [n["enclosed_title"]]
        title = "".join(p(t, "etitle") for t in lines)
        segs.append(Seg("full", title, section, keep=48, gap=18))
        segs += body(n.get("body") or [], section, "", tail)
    else:
        segs += body(n.get("body") or [], section, cover, tail + signature(n) + post)
    for a in n.get("attachments") or []:
        segs += attachment(a, section)
    return segs


def body(blocks: list[dict], section: str, head: str, tail: str) -> list[Seg]:
    segs: list[Seg] = []
    cur = head
    for b in blocks:
        if b["kind"] in ("table", "figure"):
            if cur:
                segs.append(Seg("cols", cur, section, balance=True))
                cur = ""
            if b["kind"] == "table":
                segs += table(b["table"], section)
            else:
                html = f'<img src="chart.svg" style="width:300pt"/>{p(b["caption"], "cap")}'
                segs.append(Seg("figure", f'<div style="text-align:center">{html}</div>', section))
            continue
        cur += block(b)
    cur += tail
    if cur:
        segs.append(Seg("cols", cur, section, gap=6 if segs else 0))
    return segs


def attachment(a: dict, section: str) -> list[Seg]:
    orientation = a.get("orientation") or next(
        (t["orientation"] for t in a.get("tables") or [] if t.get("orientation") != "portrait"),
        "portrait",
    )
    lines = a.get("title_lines") or [a["title"]]
    head = p(a["no"], "attno") + "".join(p(t, "atitle") for t in lines)
    segs = [
        Seg("page", section=section, orientation=orientation),
        Seg("full", head + '<p class="f">&#160;</p>', section, keep=60),
    ]
    if a.get("body"):
        segs.append(Seg("full", "".join(block(b) for b in a["body"]), section))
    for t in a.get("tables") or []:
        segs += table(t, section)
    after = "".join(p(x, "f") for x in a.get("after") or [])
    if a.get("closing"):
        after += '<p class="f">&#160;</p>' + "".join(p(x, "r") for x in a["closing"])
    if after:
        segs.append(Seg("full", after, section, gap=6))
    return segs


def table(spec: dict, section: str) -> list[Seg]:
    segs = []
    if spec.get("caption"):
        segs.append(Seg("full", p(spec["caption"], "cap"), section, keep=70, gap=8))
    segs.append(Seg("table", section=section, table=spec, gap=0 if segs else 8))
    return segs


# -- tables ------------------------------------------------------------------------------------


@dataclass
class Grid:
    rows: list[list[str]]
    n_header: int
    spans: dict[tuple[int, int], tuple[int, int]]
    covered: set[tuple[int, int]]
    min_h: float
    widths: list[float]  # content width of each column (the cell box adds PAD and rule)

    @classmethod
    def of(cls, spec: dict, width: float) -> Grid:
        rows = [list(r) for r in (spec.get("header_rows") or []) + spec["rows"]]
        ncols = max(len(r) for r in rows)
        for r in rows:
            r += [""] * (ncols - len(r))
        spans = {
            (s["row"], s["col"]): (s.get("row_span", 1), s.get("col_span", 1))
            for s in spec.get("spans") or []
        }
        covered = {
            (i, j)
            for (r, c), (rs, cs) in spans.items()
            for i in range(r, r + rs)
            for j in range(c, c + cs)
            if (i, j) != (r, c)
        }
        n_header = len(spec.get("header_rows") or [])
        grid = cls(rows, n_header, spans, covered, float(spec.get("min_row_height") or 0), [])
        grid.widths = grid.column_widths(width - ncols * PAD, spec.get("col_widths"))
        return grid

    def column_widths(self, room: float, weights: list[float] | None) -> list[float]:
        """Given weights, shares of `room`; else each column's widest line, the widest ones
        cut down to one common cap until the table fits (never below a column's longest
        unbreakable word), so every page of a table has the same columns."""
        if weights:
            return [room * w / sum(weights) for w in weights]
        font, size = measure(), CELL_PT
        ncols = len(self.rows[0])
        natural, floor = [2 * size] * ncols, [2 * size] * ncols
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                if (r, c) in self.covered or self.spans.get((r, c), (1, 1))[1] > 1:
                    continue
                for part in text.split("\n"):
                    natural[c] = max(natural[c], font.text_length(part, size) + 1)
                    for word in re.findall(r"[\x21-\x7e]+", part):
                        floor[c] = max(floor[c], font.text_length(word, size) + 1)
        if sum(natural) <= room:
            return [w * room / sum(natural) for w in natural]
        lo, hi = 0.0, max(natural)
        for _ in range(40):
            cap = (lo + hi) / 2
            used = sum(max(f, min(n, cap)) for n, f in zip(natural, floor, strict=True))
            lo, hi = (cap, hi) if used <= room else (lo, cap)
        return [max(f, min(n, lo)) for n, f in zip(natural, floor, strict=True)]

    def groups(self) -> list[int]:
        """Body row indices a page may break before (no row span crosses them), and the end."""
        cuts = []
        for r in range(self.n_header + 1, len(self.rows) + 1):
            if not any(sr < r < sr + rs for (sr, _), (rs, _) in self.spans.items()):
                cuts.append(r)
        return cuts

    def cell_width(self, c: int, cs: int) -> float:
        return sum(self.widths[c : c + cs]) + (cs - 1) * PAD

    def row_height(self, r: int) -> float:
        """MuPDF makes a row as tall as a row-spanning cell that starts in it, but leaves the
        row's other cells their own height (a gap without rules opens under them): when a
        row spans, every cell starting in it gets the tallest one's content height."""
        starts = [(c, *self.spans.get((r, c), (1, 1))) for c in range(len(self.rows[r]))]
        starts = [(c, rs, cs) for c, rs, cs in starts if (r, c) not in self.covered]
        if all(rs == 1 for _, rs, _ in starts):
            return self.min_h if r >= self.n_header else 0.0
        font, lead = measure(), CELL_PT * 1.35
        lines = 1
        for c, _, cs in starts:
            room = self.cell_width(c, cs) * 0.92
            parts = self.rows[r][c].split("\n")
            n = sum(max(1, math.ceil(font.text_length(x, CELL_PT) / room)) for x in parts)
            lines = max(lines, n)
        return max(lines * lead, self.min_h if r >= self.n_header else 0.0)

    def html(self, a: int, b: int) -> str:
        """The header rows and body rows a..b as one bordered table."""
        out = ['<table class="g">']
        for r in [*range(self.n_header), *range(a, b)]:
            out.append("<tr>")
            row_h = self.row_height(r)
            for c, text in enumerate(self.rows[r]):
                if (r, c) in self.covered:
                    continue
                rs, cs = self.spans.get((r, c), (1, 1))
                attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (
                    f' colspan="{cs}"' if cs > 1 else ""
                )
                cls = "h" if r < self.n_header else ("l" if len(text) > 12 else "")
                height = f";height:{row_h:.2f}pt" if row_h and rs == 1 else ""
                style = f' style="width:{self.cell_width(c, cs):.2f}pt{height}"'
                cell = "<br/>".join(escape(x) for x in text.split("\n")) or "&#160;"
                out.append(f'<td class="{cls}"{attrs}{style}>{cell}</td>')
            out.append("</tr>")
        out.append("</table>")
        return "".join(out)


# -- front and back matter --------------------------------------------------------------------


def issue_text(issue: dict) -> str:
    return f"{issue['year']}年{issue['issue_label']}"


def cover(issue: dict) -> str:
    red = "color:#c8101a"
    out = []
    if issue.get("cover_date"):
        out.append(f'<p class="r" style="{red};font-size:15pt">{escape(issue["cover_date"])}</p>')
    out.append('<p class="f" style="font-size:40pt">&#160;</p>')
    name = escape(issue["gazette_name"])
    out.append(f'<p class="c" style="font-size:36pt;line-height:1.3;{red}">{name}</p>')
    if issue.get("gazette_name_latin"):
        latin = escape(issue["gazette_name_latin"])
        out.append(f'<p class="c" style="font-size:9pt;letter-spacing:1.5pt">{latin}</p>')
    out.append('<div style="border-bottom:2.5pt solid #c8101a;margin:6pt 0 30pt 0">&#160;</div>')
    out.append(f'<p class="c" style="font-size:20pt">{escape(issue_text(issue))}</p>')
    if issue.get("total_issue_no"):
        out.append(f'<p class="c" style="font-size:12pt">（总第{issue["total_issue_no"]}期）</p>')
    if issue.get("frequency"):
        out.append(f'<p class="c" style="font-size:11pt">{escape(issue["frequency"])}</p>')
    out.append('<p class="f" style="font-size:60pt">&#160;</p>')
    for s in issue.get("slogan") or []:
        out.append(f'<p class="c" style="font-size:14pt;{red}">{escape(s)}</p>')
    if issue.get("masthead"):
        rows = "".join(
            f'<tr><td style="padding:1pt 12pt 1pt 0">{escape(m["role"])}</td>'
            f'<td style="padding:1pt 0">{escape(m["value"])}</td></tr>'
            for m in issue["masthead"]
        )
        out.append(f'<table style="margin:30pt 0 0 110pt;font-size:9.5pt">{rows}</table>')
    return "".join(out)


def toc(issue: dict, starts: dict[str, int] | None, width: float) -> str:
    """The 目录: section headings, each entry's title, then （文号） and "…" leaders up to its
    page number at the right edge (leaders measured with the font, the rest filled with
    no-break spaces, the line set flush right)."""
    font, size = measure(), 10.5
    dot, space = font.text_length("…", size), font.text_length("\u00a0", size)
    out = ['<p class="c" style="font-size:22pt;margin-bottom:14pt">目\u3000录</p>']
    for sec in issue["sections"]:
        name = escape(sec["name"])
        out.append(f'<p class="f" style="font-size:13pt;margin:10pt 0 4pt 0">{name}</p>')
        for n in sec["notices"]:
            num = str(starts[n["doc_number"]]) if starts else "00"
            doc = f"（{n['doc_number']}）"
            room = width - font.text_length(doc + num, size) - 1
            leaders = max(3, int((room - space) // dot))
            fill = "&#160;" * max(1, int((room - leaders * dot) // space))
            out.append(f'<p class="f" style="font-size:{size}pt">{escape(n["title"])}</p>')
            out.append(
                f'<p class="f" style="font-size:{size}pt;white-space:nowrap;text-align:right;'
                f'margin-bottom:5pt">{escape(doc)}{"…" * leaders}{fill}{num}</p>'
            )
    return "".join(out)


def colophon(issue: dict) -> str:
    lines = "".join(p(x, "f") for x in issue.get("colophon") or [])
    return f'<div style="border-top:0.8pt solid #000;padding-top:6pt;font-size:9.5pt">{lines}</div>'


def running_head(text: str, right: bool) -> str:
    align = "right" if right else "left"
    return (
        f'<div style="text-align:{align};border-bottom:0.75pt solid #000;'
        f'padding-bottom:2pt;font-size:9.5pt">{escape(text)}</div>'
    )


def folio(number: int, right: bool) -> str:
    align = "right" if right else "left"
    return f'<p class="f" style="text-align:{align};font-size:10pt">— {number} —</p>'


# -- the chart ---------------------------------------------------------------------------------


def chart_svg() -> str:
    """优良天数 2018—2023 as a bar chart: vector art that is not a table."""
    values = [322, 306, 315, 308, 295, 288]
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="130" viewBox="0 0 300 130">',
        '<line x1="40" y1="8" x2="40" y2="108" stroke="#000" stroke-width="0.7"/>',
        '<line x1="40" y1="108" x2="292" y2="108" stroke="#000" stroke-width="0.7"/>',
    ]
    for i, v in enumerate(values):
        h = (v - 250) * 1.2
        x = 52 + i * 40
        out.append(f'<rect x="{x}" y="{108 - h:g}" width="22" height="{h:g}" fill="#4a78b0"/>')
        out.append(f'<text x="{x + 2}" y="{104 - h:g}" font-size="8">{v}</text>')
        out.append(f'<text x="{x}" y="120" font-size="8">{2018 + i}</text>')
    out.append("</svg>")
    return "".join(out)
