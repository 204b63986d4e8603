"""HTML `<table>` elements as grids: rowspan/colspan resolved, and what kind of table it is.

A government page uses tables for three things: page layout (one row, or cells that hold
paragraphs and further tables), the site's metadata block (索引号 | 000014349/2018-00220 |
主题分类 | …) and the document's own data tables. Only the last become a `TableGrid`; the
reader walks layout tables as blocks and turns metadata tables into `label：value` lines.
"""

from __future__ import annotations

from collections.abc import Callable

from selectolax.lexbor import LexborNode

from extractors.model import TableGrid
from extractors.segmentation.site_fields import label_field

# A span larger than this is a page-builder's "colspan=100": clamp it to the grid.
MAX_SPAN = 200
# A metadata table: at least this share of its rows hold a known label in a label cell.
MIN_LABEL_ROW_SHARE = 0.5
# Cells holding more than this many characters are text blocks: the table is page layout.
MAX_DATA_CELL_CHARS = 400

CellText = Callable[[LexborNode], str]


def own_rows(table: LexborNode) -> list[LexborNode]:
    """The table's rows, without the rows of tables nested in its cells."""
    rows = []
    for tr in table.css("tr"):
        owner = tr.parent
        while owner is not None and owner.tag != "table":
            owner = owner.parent
        if owner is not None and owner.mem_id == table.mem_id:
            rows.append(tr)
    return rows


def row_cells(tr: LexborNode) -> list[LexborNode]:
    return [child for child in tr.iter() if child.tag in ("td", "th")]


def _span(cell: LexborNode, name: str) -> int:
    raw = (cell.attributes.get(name) or "1").strip()
    digits = "".join(ch for ch in raw if ch.isdigit())
    return max(1, min(int(digits) if digits else 1, MAX_SPAN))


def is_layout_table(table: LexborNode) -> bool:
    """One row or one column, nested tables, or paragraph-sized cells: layout, not data."""
    rows = own_rows(table)
    widths = [len(row_cells(tr)) for tr in rows]
    if len(rows) < 2 or max(widths, default=0) < 2:
        return True
    for tr in rows:
        for cell in row_cells(tr):
            if cell.css_first("table") is not None:
                return True
            if len(cell.text(deep=True).strip()) > MAX_DATA_CELL_CHARS:
                return True
    return False


def metadata_pairs(table: LexborNode, cell_text: CellText) -> list[tuple[str, str]] | None:
    """`(label, value)` pairs when the table is a site metadata block, else None."""
    rows = own_rows(table)
    if not rows:
        return None
    pairs: list[tuple[str, str]] = []
    labelled_rows = 0
    for tr in rows:
        texts = [cell_text(cell) for cell in row_cells(tr)]
        found = False
        k = 0
        while k < len(texts):
            label = texts[k]
            if label_field(label) is not None:
                value = texts[k + 1] if k + 1 < len(texts) else ""
                if label_field(value) is None:
                    pairs.append((label.strip().rstrip("：:"), value))
                    k += 2
                    found = True
                    continue
            k += 1
        labelled_rows += found
    if labelled_rows < MIN_LABEL_ROW_SHARE * len(rows) or not pairs:
        return None
    return pairs


def table_grid(table: LexborNode, cell_text: CellText) -> TableGrid:
    """The table's cells on a grid; a merged cell sits at its top-left, the cells it covers ""."""
    cells: dict[tuple[int, int], str] = {}
    taken: set[tuple[int, int]] = set()
    spans: list[tuple[int, int, int, int]] = []
    header_rows = 0
    header_open = True
    rows = own_rows(table)
    for r, tr in enumerate(rows):
        c = 0
        all_th = True
        for cell in row_cells(tr):
            while (r, c) in taken:
                c += 1
            rs = min(_span(cell, "rowspan"), len(rows) - r)
            cs = _span(cell, "colspan")
            cells[(r, c)] = cell_text(cell)
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            if rs > 1 or cs > 1:
                spans.append((r, c, rs, cs))
            all_th = all_th and cell.tag == "th"
            c += cs
        in_thead = tr.parent is not None and tr.parent.tag == "thead"
        if header_open and (in_thead or (all_th and row_cells(tr))):
            header_rows += 1
        else:
            header_open = False
    width = max((c + 1 for _, c in taken), default=0)
    grid = [[cells.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    caption = table.css_first("caption")
    return TableGrid(
        rows=grid,
        page_start=1,
        page_end=1,
        caption=cell_text(caption) or None if caption is not None else None,
        header_rows=header_rows,
        spans=spans,
    )
