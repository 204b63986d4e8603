"""Lay out a gazette issue from structured content as a print-like, born-digital PDF.

We have no original gazette PDFs, so the PDF reader is tested against these. An issue is set
the way 泸州市人民政府公报 is printed: a cover; 目录 pages whose entries give the printed page
each notice starts on; body pages with a running header that alternates (even: gazette name
and issue at the left, odd: the section label at the right), a rule under it and a page
number footer (`— 12 —`, `12` or `-12-`); each notice's title block across the page, the
文号 under it, the covering text and a flush-right signature; the enclosed rule's body in two
columns (or one) with 首行缩进, centred chapter headings, 第X条 articles; attachments on new
pages (附件1 at the top left, a centred title) with ruled tables that repeat their header
rows across pages, span rows and columns, and may sit on landscape pages or be turned
sideways on an upright page. One CJK font (PyMuPDF's built-in Droid Sans Fallback) is
embedded and subset; text is written as glyph ids, bold is faked with a stroked fill.

    from tests.pdfgen import build_issue_pdf, load_content, variant
    pdf = build_issue_pdf(load_content("luzhou_2024_12"), variant(3))

    python -m tests.pdfgen OUT_DIR [--variant N]   # one PDF per content file

Same content and variant give identical bytes (fixed metadata dates, no document id).

Content schema (tests/fixtures/pdf_content/*.json)
-------------------------------------------------
issue:
    schema            "gazette-pdfgen-content/1"
    source            the raw sample it was transcribed from; transcription: how
    gazette_name      泸州市人民政府公报
    gazette_name_latin  cover line in pinyin, or null
    frequency         月刊, or null
    year              2024
    issue_label       第12期 / 第9/10期
    cover_date        2024.12, or absent
    total_issue_no    69, or null when the sample does not say
    masthead          [{role, value}]: 编印单位, 编审, 主编, … (may be empty)
    slogan            lines printed on the cover / 目录 sidebar
    colophon          back-cover lines (may be empty: no back cover)
    abridged          true when any notice or attachment carries only part of its text
    sections          [{name: 市政府文件 | 市政府办公室文件 | 部门文件, notices: [notice]}]
notice:
    doc_number        泸市府办规〔2024〕7号
    issuers           [issuing bodies]
    title             the title on one line (as the 目录 and the notices dataset give it)
    title_lines       the title as printed: one string per printed line
    addressees        各区县人民政府，市级有关部门：
    cover_paragraphs  the covering text before the body (paragraph strings)
    signature         [issuer lines, set flush right]
    date              2024年9月19日
    enclosed_title    the enclosed rule's title (…管理办法), or null when the notice is its
                      own text; enclosed_title_lines: as printed, when broken
    body              [block]: the enclosed rule, or the notice's own text
    attachment_list   ["身份信息核查函", …]: the 附件：1.… list printed after the body
    postscript        a closing note such as （注：…此略…）
    attachments       [attachment]
    abridged          true: the body carries the first part of the text only
    attachments_abridged  true: only some of the listed attachments are included
block:
    {kind: paragraph, text}
    {kind: heading, level: 1 (一、) | 2 (（一）) | 3 (1.) | 4 ((1)), text}
    {kind: chapter | section, label: 第一章, text: 组织管理}
    {kind: article, label: 第一条, text}   (text without the label)
    {kind: table, table: table}           a table inside the body (spans the page)
    {kind: figure, caption}                a chart (vector drawing, not a table)
attachment:
    no                附件1 / 附件 (a lone attachment)
    title, title_lines
    orientation       portrait | landscape | rotated (default: from its tables)
    body              [block] before the tables; tables: [table]; after: [paragraph strings]
                      after the tables; closing: [lines set flush right]; abridged
table:
    caption           a title above the table, or null
    header_rows       [[cell]]: repeated on every page the table continues on
    rows              [[cell]]: a cell is a string; "\\n" forces a line break in it
    spans             [{row, col, row_span, col_span}]: rows count header rows first, then
                      body rows; a span names its top-left cell, the cells it covers are ""
    orientation       portrait | landscape (wide page) | rotated (sideways on an upright page)
    col_widths        optional relative column widths
    min_row_height    optional height of body rows, in points (a form's blank cells)
    note              transcription remark
"""

from __future__ import annotations

import json
from pathlib import Path

from .build import Layout, build
from .variant import LayoutVariant, variant

CONTENT_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "pdf_content"

__all__ = [
    "CONTENT_DIR",
    "Layout",
    "LayoutVariant",
    "build_issue_pdf",
    "build_issue_layout",
    "content_files",
    "load_content",
    "variant",
]


def content_files() -> list[Path]:
    return sorted(CONTENT_DIR.glob("*.json"))


def load_content(name: str | Path) -> dict:
    """A content file by stem (`luzhou_2024_12`) or path."""
    path = Path(name)
    if not path.suffix:
        path = CONTENT_DIR / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def build_issue_pdf(content: dict, variant: LayoutVariant) -> bytes:
    return build(content, variant)[0]


def build_issue_layout(content: dict, variant: LayoutVariant) -> tuple[bytes, Layout]:
    """The PDF and where its notices, numbers and orientations ended up."""
    return build(content, variant)
