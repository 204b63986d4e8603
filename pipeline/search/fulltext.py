"""`gazette search`: BM25-ranked full-text search over `OUT/gazette.db`, one hit per notice.

A notice matches through its own row, an article or an attachment in `search_fts`; the best
of them (lowest bm25) stands for the notice, and `matches` counts them all. Filters are SQL
conditions on the notice. Snippets are cut from the original text in the ordinary tables, so
they show the document as printed, never the tokens the FTS table holds.
"""

from __future__ import annotations

import html
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date

from pipeline.index import BM25, fts_query, highlight_terms

SNIPPET_BEFORE = 24  # characters of context before the first match
SNIPPET_LENGTH = 96  # characters in a snippet, context included


@dataclass(frozen=True)
class Filters:
    year: int | None = None  # the year
    issuer: str | None = None  # substring of any issuer
    doc_type: str | None = None  # exact 公文种类: 通知, 通报 …
    in_force_on: date | None = None


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


@dataclass(frozen=True)
class Hit:
    notice_id: str
    doc_number: str | None
    title: str
    signing_date: str | None
    kind: str  # which row matched best: notice, article or attachment
    article: str | None  # the article's label, when an article matched best
    attachment_no: int | None  # the attachment the best match is in, if any
    score: float  # −bm25: higher is better
    matches: int  # rows of this notice that matched
    snippet: Snippet

    def as_json(self) -> dict:
        return {
            "notice_id": self.notice_id,
            "doc_number": self.doc_number,
            "title": self.title,
            "signing_date": self.signing_date,
            "article": self.article,
            "attachment_no": self.attachment_no,
            "kind": self.kind,
            "score": round(self.score, 4),
            "matches": self.matches,
            "snippet": self.snippet.marked("<mark>", "</mark>", escape=True),
        }


def search(
    con: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = 10
) -> list[Hit]:
    """The best `limit` notices for `query`, best first."""
    where, params = _filter_sql(filters or Filters())
    # Only rowid and bm25() come from the FTS table: reading any other column of it reads the
    # whole tokenised row. MATERIALIZED: flattened into the GROUP BY, the query would call
    # bm25() where FTS5 refuses it. min(rank) with bare columns: SQLite takes kind, article_id
    # … from the row holding the minimum, so one pass picks the best row of each notice.
    sql = f"""
        WITH hits AS MATERIALIZED (
            SELECT rowid AS fts_rowid, {BM25} AS rank
            FROM search_fts
            WHERE search_fts MATCH ?
        )
        SELECT r.kind, r.notice_id, r.article_id, r.attachment_no, min(h.rank) AS rank, count(*)
        FROM hits h JOIN search_rows r USING (fts_rowid)
        {where}
        GROUP BY r.notice_id
        ORDER BY rank, r.notice_id
        LIMIT ?"""
    rows = con.execute(sql, [fts_query(query), *params, limit]).fetchall()
    words, pieces = highlight_terms(query)
    return [_hit(con, row, words, pieces) for row in rows]


def _filter_sql(filters: Filters) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.year is not None:
        clauses.append("n.year = ?")
        params.append(filters.year)
    if filters.issuer:
        clauses.append("instr(n.issuer_text, ?) > 0")
        params.append(filters.issuer)
    if filters.doc_type:
        clauses.append("n.doc_type = ?")
        params.append(filters.doc_type)
    if filters.in_force_on is not None:
        # The rule notices_view uses for in_force, against the given day instead of today.
        clauses.append(
            "coalesce(n.effective_date, n.signing_date) <= ?"
            " AND (n.expiry_date IS NULL OR n.expiry_date >= ?)"
        )
        params += [filters.in_force_on.isoformat()] * 2
    if not clauses:
        return "", params
    # The notices the filters keep, looked up once; every hit is then one probe of that set.
    where = " AND ".join(clauses)
    return f"WHERE r.notice_id IN (SELECT notice_id FROM notices n WHERE {where})", params


def _hit(con: sqlite3.Connection, row: tuple, words: list[str], pieces: list[str]) -> Hit:
    kind, notice_id, article_id, attachment_no, rank, matches = row
    doc_number, title, signing_date = con.execute(
        "SELECT doc_number, title, signing_date FROM notices WHERE notice_id = ?", (notice_id,)
    ).fetchone()
    label, attachment_no, texts = _matched_row(con, kind, notice_id, article_id, attachment_no)
    return Hit(
        notice_id=notice_id,
        doc_number=doc_number,
        title=title,
        signing_date=signing_date,
        kind=kind,
        article=label,
        attachment_no=attachment_no,
        score=-rank,
        matches=matches,
        snippet=make_snippet(texts, words, pieces),
    )


def _matched_row(
    con: sqlite3.Connection,
    kind: str,
    notice_id: str,
    article_id: str | None,
    attachment_no: int | None,
) -> tuple[str | None, int | None, list[str]]:
    """(article label, attachment number, the row's original texts, body first).

    The texts are where the snippet is cut from. An article may be in an attachment too.
    """
    if kind == "article":
        row = con.execute(
            "SELECT label, attachment_no, text, chapter_title, section_title FROM articles"
            " WHERE article_id = ?",
            (article_id,),
        ).fetchone()
        return (row[0], row[1], [t for t in row[2:] if t]) if row else (None, None, [])
    if kind == "attachment":
        row = con.execute(
            "SELECT text, title FROM attachments WHERE notice_id = ? AND attachment_no = ?",
            (notice_id, attachment_no),
        ).fetchone()
    else:
        row = con.execute(
            "SELECT text, title, doc_number FROM notices WHERE notice_id = ?", (notice_id,)
        ).fetchone()
    return None, attachment_no, [t for t in (row or ()) if t]


def make_snippet(texts: list[str], words: list[str], pieces: list[str]) -> Snippet:
    """A window of the first text that contains a query word, around its first occurrence.

    Whole words are looked for first; the pieces of a word (取, 卵, 术) only when no text has
    a whole one, which happens when the FTS matched the word through its pieces.
    """
    for terms in (words, pieces):
        if not terms:
            continue
        pattern = re.compile(
            "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE
        )
        for text in texts:
            flat = " ".join(text.split())
            first = pattern.search(flat)
            if first:
                return _window(flat, pattern, first.start())
    flat = " ".join(texts[0].split()) if texts else ""
    return _window(flat, None, 0)


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
