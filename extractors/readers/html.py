"""Reader for government web pages saved as HTML: the article, its title and the site's fields.

A page is navigation, a header, sidebars, a footer and, somewhere, the article. The article is
found the same way on every site (no per-site selectors): the element that holds most of the
page's Chinese text outside links, descending while one child holds nearly all of it. The
page model it produces is the one every reader produces, on one page:

1. the page title (`<meta name="ArticleTitle">`, else the first `<h1>`, else `<title>`);
2. the site's metadata as `label：value` lines: `<meta>` fields (PubDate, ContentSource, …),
   metadata tables (索引号 | … | 发文机关 | …) and info lines (发布时间：… 来源：…) found
   outside the article;
3. the article's paragraphs as lines, its data tables as `TableGrid`s with rowspan/colspan.

Segmentation then reads the page like a crawler's text: title, metadata block, document.
Pure: decoded text in (`decode_html` honours a `<meta charset>`), a `Document` out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extractors.model import Document, Line, Page, Source, TableGrid
from extractors.readers.html_page import meta_fields, page_title
from extractors.readers.html_tables import is_layout_table, metadata_pairs, table_grid
from extractors.segmentation.site_fields import (
    is_field_line,
    join_label_lines,
    label_field,
    parse_fields,
)
from extractors.textnorm import CJK_CHAR, clean_line

# Never content: scripts, forms and embedded objects; navigation and page furniture.
_SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "map",
        "area",
        "img",
        "video",
        "audio",
        "head",
        "title",
        "meta",
        "link",
        "nav",
        "footer",
        "aside",
    ]
)
# Elements that end a line (HTML's block boxes, plus the cells of a layout table).
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "main",
        "header",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "center",
        "form",
        "fieldset",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "hr",
        "br",
    ]
)
_HEADING = {f"h{n}": n for n in range(1, 7)}
# The article may sit in a layout cell; descend through these, never into a paragraph.
_CONTAINER_TAGS = frozenset(
    [
        "body",
        "div",
        "section",
        "article",
        "main",
        "center",
        "td",
        "tr",
        "tbody",
        "table",
        "form",
        "font",
        "span",
    ]
)
_WHITESPACE = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Descend into a child while it holds at least this share of its parent's non-link text: a
# sidebar or a metadata table holds far less than the article, a sibling paragraph far more.
DOMINANT_SHARE = 0.75


@dataclass
class _Walk:
    """Lines and tables of a walk over part of the page."""

    lines: list[Line] = field(default_factory=list)
    tables: list[TableGrid] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    heading: int | None = None

    def flush(self) -> None:
        # HTML collapses runs of white space (source line breaks included) to one space.
        shown = _WHITESPACE.sub(" ", "".join(self.buffer)).strip()
        text = clean_line(shown)
        self.buffer.clear()
        if text:
            # raw keeps the page's spacing where clean-up squeezed it (organs side by side).
            raw = shown if shown != text else None
            self.lines.append(Line(text=text, page=1, heading_level=self.heading, raw=raw))


def read_html(text: str, source: Source) -> Document:
    tree = LexborHTMLParser(text)
    metas = meta_fields(tree, text)
    body = tree.body or tree.root
    if body is None:
        return Document(source=source, pages=[Page(index=1)])
    title = page_title(tree, metas)
    _drop_furniture(body)
    content = find_content(body)
    outside = _Walk()
    _walk(body, outside, skip=content)
    article = _Walk()
    _walk(content, article)
    lines: list[Line] = []
    if title:
        lines.append(Line(text=title, page=1, heading_level=1))
    joined = join_label_lines([line.text for line in outside.lines])
    visible = [Line(text=text, page=1) for text in joined if is_field_line(text)]
    # A `<meta>` field the page also shows is printed once, as shown.
    shown = {found.field for line in visible for found in parse_fields(line.text)}
    for label, value in metas:
        if label_field(label) not in shown:
            lines.append(Line(text=clean_line(f"{label}：{value}"), page=1))
    lines += visible
    offset = len(outside.tables)
    for line in article.lines:
        if line.kind == "table" and line.table is not None:
            line.table -= offset
        lines.append(line)
    return Document(source=source, pages=[Page(index=1, lines=lines)], tables=article.tables)


def find_content(body: LexborNode) -> LexborNode:
    """The article: descend from <body> while one container child holds most non-link text."""
    weight = _text_weights(body)
    node = body
    while True:
        children = [
            child
            for child in node.iter()
            if child.tag in _CONTAINER_TAGS and weight.get(child.mem_id, 0) > 0
        ]
        if not children:
            return node
        best = max(children, key=lambda child: weight.get(child.mem_id, 0))
        if weight[best.mem_id] < DOMINANT_SHARE * weight.get(node.mem_id, 0):
            return node
        if best.tag == "table" and not is_layout_table(best):
            return node  # a data table dominating the page still belongs to the document
        node = best


def _text_weights(body: LexborNode) -> dict[int, int]:
    """Chinese characters outside links under each element (by mem_id)."""
    weight: dict[int, int] = {}
    for node in body.traverse(include_text=True):
        if node.tag != "-text":
            continue
        han = len(CJK_CHAR.findall(node.text(deep=False) or ""))
        if not han:
            continue
        chain = []
        parent = node.parent
        in_link = False
        while parent is not None:
            if parent.tag == "a":
                in_link = True
                break
            chain.append(parent.mem_id)
            parent = parent.parent
        if in_link:
            continue
        for mem_id in chain:
            weight[mem_id] = weight.get(mem_id, 0) + han
    return weight


def _drop_furniture(body: LexborNode) -> None:
    # Collected first, outermost only: decomposing a node frees its descendants.
    doomed: list[LexborNode] = []
    doomed_ids: set[int] = set()
    for node in body.traverse():
        if node.tag in _SKIP_TAGS or _is_hidden(node):
            parent = node.parent
            while parent is not None and parent.mem_id not in doomed_ids:
                parent = parent.parent
            if parent is None:
                doomed.append(node)
            doomed_ids.add(node.mem_id)
    for node in doomed:
        node.decompose()


def _is_hidden(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


def _walk(root: LexborNode, out: _Walk, skip: LexborNode | None = None) -> None:
    """Lines of `root` in document order. An explicit stack, not recursion: a page of unclosed
    <font>/<div> tags nests thousands deep."""
    # (node, False, _) enters a node; (node, True, heading) leaves it, restoring the heading.
    stack: list[tuple[LexborNode, bool, int | None]] = [(root, False, None)]
    while stack:
        node, leaving, previous = stack.pop()
        if leaving:
            if node.tag in _BLOCK_TAGS:
                out.flush()
            out.heading = previous
            continue
        if skip is not None and node.mem_id == skip.mem_id:
            out.flush()
            continue
        tag = node.tag
        if tag == "-text":
            out.buffer.append(node.text(deep=False) or "")
            continue
        if tag in ("-comment", "-doctype") or tag in _SKIP_TAGS:
            continue
        if tag == "table" and _table_done(node, out, skip):
            continue
        if tag in _BLOCK_TAGS:
            out.flush()
        stack.append((node, True, out.heading))
        if tag in _HEADING:
            out.heading = _HEADING[tag]
        children = list(node.iter(include_text=True))
        stack.extend((child, False, None) for child in reversed(children))


def _table_done(table: LexborNode, out: _Walk, skip: LexborNode | None) -> bool:
    """Read a metadata or data table whole; False for a layout table, walked as blocks."""
    out.flush()
    if skip is not None and _contains(table, skip):
        return False
    pairs = metadata_pairs(table, _cell_text)
    if pairs is not None:
        for label, value in pairs:
            out.lines.append(Line(text=clean_line(f"{label}：{value}"), page=1))
        return True
    if is_layout_table(table):
        return False
    out.tables.append(table_grid(table, _cell_text))
    out.lines.append(Line(text="", page=1, kind="table", table=len(out.tables) - 1))
    return True


def _contains(node: LexborNode, inner: LexborNode) -> bool:
    parent: LexborNode | None = inner
    while parent is not None:
        if parent.mem_id == node.mem_id:
            return True
        parent = parent.parent
    return False


def _cell_text(cell: LexborNode) -> str:
    """A cell's lines joined by newlines, as the other readers give multi-line cells."""
    walk = _Walk()
    for child in cell.iter(include_text=True):
        _walk(child, walk)
    walk.flush()
    return "\n".join(line.text for line in walk.lines)
