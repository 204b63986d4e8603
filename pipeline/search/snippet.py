"""The passage shown under a hit, for `gazette search` and for the browser alike.

Cut from the printed text in the ordinary tables, never from FTS5's snippet(), which could
only show the indexed jieba tokens with spaces between them. One function makes it
(`make_snippet`); the search SQL calls it as `hit_snippet(q, text, …)`, which returns the
passage with each hit between HIT_START and HIT_END, and both the CLI (`Snippet.from_marked`)
and the Datasette plugin (render_cell) turn those marks into what they display.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

from pipeline.search.tokens import highlight_terms

SNIPPET_BEFORE = 24  # characters of context before the first match
SNIPPET_LENGTH = 96  # characters in a snippet, context included
# Marks around each hit in hit_snippet()'s text. Control characters, because any printable
# pair could occur in a gazette's own text.
HIT_START, HIT_END = "\x02", "\x03"


@dataclass(frozen=True)
class Snippet:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # matched (start, end) in text

    def marked(self, start: str, end: str, escape: bool = False) -> str:
        """The text with every span wrapped in start … end (HTML-escaped first when asked)."""
        esc = html.escape if escape else str
        parts, pos = [], 0
        for a, b in self.spans:
            parts += [esc(self.text[pos:a]), start, esc(self.text[a:b]), end]
            pos = b
        parts.append(esc(self.text[pos:]))
        return "".join(parts)

    @classmethod
    def from_marked(cls, marked: str | None) -> Snippet:
        """The snippet hit_snippet() rendered with HIT marks, back as text and spans."""
        text, spans, pos = [], [], 0
        for part in re.split(f"({HIT_START}[^{HIT_END}]*{HIT_END})", marked or ""):
            if part.startswith(HIT_START):
                part = part[1:-1]
                spans.append((pos, pos + len(part)))
            text.append(part)
            pos += len(part)
        return cls("".join(text), spans)


def make_snippet(texts: list[str], words: list[str], pieces: list[str]) -> Snippet:
    """A window of the first text that contains a query word, around its first occurrence.

    Whole words are looked for first; the pieces of a word (取, 卵, 术) only when no text has
    a whole one, which happens when the FTS matched the word through its pieces: otherwise
    every 取 in a passage would light up.
    """
    for terms in (words, pieces):
        if not terms:
            continue
        pattern = _pattern(tuple(terms))
        for text in texts:
            flat = " ".join(text.split())
            first = pattern.search(flat)
            if first:
                return _window(flat, pattern, first.start())
    flat = " ".join(texts[0].split()) if texts else ""
    return _window(flat, None, 0)


def hit_snippet(q: str | None, *texts: str | None) -> str | None:
    """SQL function: the snippet of Q in the first of TEXTS that has a hit, hits marked.

    Several texts, because the index matched a title, a label or a body, and SQL cannot tell
    which; null ones are skipped. None when every text is null.
    """
    present = [t for t in texts if t]
    if not present:
        return None
    words, pieces = _terms((q or "").strip())
    return make_snippet(present, words, pieces).marked(HIT_START, HIT_END)


@functools.lru_cache(maxsize=256)
def _terms(q: str) -> tuple[list[str], list[str]]:
    # The SQL function is called once per hit row with the same query: cut it once.
    return highlight_terms(q) if q else ([], [])


@functools.lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so 历史风貌建筑 wins over 历史 where both match.
    return re.compile(
        "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
    )


def _window(flat: str, pattern: re.Pattern[str] | None, at: int) -> Snippet:
    start = max(0, at - SNIPPET_BEFORE)
    end = min(len(flat), start + SNIPPET_LENGTH)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(flat) else ""
    body = flat[start:end]
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(body) if pattern else ():
        a, b = m.start() + len(lead), m.end() + len(lead)
        if spans and spans[-1][1] == a:  # 【历史风貌】【建筑】 reads better as 【历史风貌建筑】
            a = spans.pop()[0]
        spans.append((a, b))
    return Snippet(lead + body + tail, spans)
