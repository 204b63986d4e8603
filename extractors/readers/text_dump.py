"""Reader for plain text that a PDF text extractor already made of a gazette.

What such a dump keeps of the page: a page starts where a line begins with exactly one space
(the extractor's page separator), and the lines themselves, column by column. Everything else
(furniture, reading order, paragraphs) is decided by layout, not here.
"""

from __future__ import annotations

import html
import re

from extractors.model import Document, Line, Page, Source
from extractors.textnorm import clean_line

_PAGE_START = re.compile(r"^ (?=\S)")


# A crawler may store a page's body as its HTML (<p>…</p><p style="…">…</p> on one line): each
# block element is a printed line, the other tags are markup.
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|div|br|h[1-6]|li|tr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def read_text_dump(text: str, source: Source) -> Document:
    pages: list[Page] = []
    for n, raw in enumerate(text.split("\n")):
        if not raw.strip():
            continue
        if not pages or _PAGE_START.match(raw):
            pages.append(Page(index=len(pages) + 1))
        for piece in _html_lines(raw):
            cleaned = clean_line(piece)
            if cleaned:
                line = Line(text=cleaned, page=pages[-1].index, raw=piece.strip(), source_line=n)
                pages[-1].lines.append(line)
    return Document(source=source, pages=pages)


def _html_lines(raw: str) -> list[str]:
    """The line, or the printed lines of the HTML it holds."""
    if "<" not in raw or not _BLOCK_TAG.search(raw):
        return [raw]
    pieces = (html.unescape(_TAG.sub("", part)) for part in _BLOCK_TAG.split(raw))
    return [piece for piece in pieces if piece.strip()]
