"""Reader for plain text that a PDF text extractor already made of a gazette.

What such a dump keeps of the page: a page starts where a line begins with exactly one space
(the extractor's page separator), and the lines themselves, column by column. Everything else
(furniture, reading order, paragraphs) is decided by layout, not here.
"""

from __future__ import annotations

import re

from extractors.model import Document, Line, Page, Source
from extractors.textnorm import clean_line

_PAGE_START = re.compile(r"^ (?=\S)")


def read_text_dump(text: str, source: Source) -> Document:
    pages: list[Page] = []
    for n, raw in enumerate(text.split("\n")):
        if not raw.strip():
            continue
        if not pages or _PAGE_START.match(raw):
            pages.append(Page(index=len(pages) + 1))
        cleaned = clean_line(raw)
        if cleaned:
            line = Line(text=cleaned, page=pages[-1].index, raw=raw.strip(), source_line=n)
            pages[-1].lines.append(line)
    return Document(source=source, pages=pages)
