"""The one search: BM25-ranked full-text search over `OUT/gazette.db`, one hit per document
(its canonical copy, pipeline.corpus).

A notice matches through its own row, an article or an attachment in `search_fts`; the best
of them (lowest bm25) stands for the notice, and `matches` counts them all. `search_sql()` is
the only search SQL: `gazette search` runs it with its filters, the browser's `search` canned
query runs it as is. It calls two SQL functions, registered from Python by
`register_functions` (here for the CLI, by the Datasette plugin for the browser):
`fts_query(q)`, the safe MATCH expression for the user's words, and `hit_snippet(q, …)`, the
passage around the first hit (snippet.py).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date

from extractors.metadata.status import IN_FORCE_STATUSES
from pipeline.corpus import document_of, notice_status_sql
from pipeline.search import BM25, FTS_TABLE
from pipeline.search.snippet import Snippet, hit_snippet
from pipeline.search.tokens import NOTHING, text_matches
from pipeline.search.tokens import fts_query as _fts_query

DEFAULT_LIMIT = 10  # notices `gazette search` lists
BROWSER_LIMIT = 100  # rows of the browser's search page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Filters:
    year: int | None = None  # the year
    issuer: str | None = None  # substring of any issuer
    doc_type: str | None = None  # exact 公文种类: 通知, 通报 …
    in_force_on: date | None = None  # status 现行有效 or 已修改 on that day
    status: str | None = None  # one of extractors.metadata.status.STATUSES …
    status_on: date | None = None  # … on this day (today when None)
    section: str | None = None  # exact section of the gazette: 市政府文件, 部门文件 …
    signed_from: date | None = None  # signing date on or after
    signed_to: date | None = None  # … on or before
    effective_from: date | None = None  # effective date on or after
    effective_to: date | None = None  # … on or before


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


def search_sql(where: str = "", limit: str = ":limit") -> str:
    """The search query for `:q`; WHERE (on `r`, the matched row) narrows the notices.

    Only rowid and bm25() come from the FTS table: reading any other column of it reads the
    whole tokenised row. MATERIALIZED: flattened into the GROUP BY, the query would call
    bm25() where FTS5 refuses it. min(rank) with bare columns: SQLite takes kind, article_id
    … from the row holding the minimum, so one pass picks the best row of each notice. The
    snippet's texts are the best row's own (null columns of the other kinds are skipped).
    """
    return f"""
with hits as materialized (
  select rowid as fts_rowid, {BM25} as rank
  from {FTS_TABLE}
  where {FTS_TABLE} match fts_query(:q)
),
best as (
  select r.notice_id, min(h.rank) as rank, r.kind, r.article_id, r.attachment_no,
         count(*) as matches
  from hits h join search_rows r using (fts_rowid)
  -- each document once: hits in its canonical copy (pipeline.corpus)
  join document_copies dc on dc.notice_id = r.notice_id and dc.is_canonical
  {where}
  group by r.notice_id
)
select n.title, n.doc_number, n.signing_date, n.issuer_text,
       case best.kind
         when 'article' then iif(a.attachment_no, '附件' || a.attachment_no || ' ', '') || a.label
         when 'attachment' then '附件' || best.attachment_no
       end as matched_in,
       hit_snippet(:q, a.text, a.chapter_title, a.section_title, t.text, t.title,
                   iif(best.kind = 'notice', n.text, null),
                   iif(best.kind = 'notice', n.title, null),
                   iif(best.kind = 'notice', n.doc_number, null)) as snippet,
       best.matches, n.notice_id, best.kind, a.label as article,
       coalesce(a.attachment_no, best.attachment_no) as attachment_no, -best.rank as score
from best
join notices n on n.notice_id = best.notice_id
left join articles a on best.kind = 'article' and a.article_id = best.article_id
left join attachments t
  on best.kind = 'attachment' and t.notice_id = best.notice_id
  and t.attachment_no = best.attachment_no
-- phrases printed as typed, excluded words absent: in the notice, not only the best row
where text_matches(:q, n.title, n.text, a.text, t.text)
order by best.rank, n.notice_id
limit {limit}
""".strip()


def fts_query(q: str | None) -> str:
    """SQL function: user words → the MATCH expression for the index; NOTHING when blank."""
    if not q or not q.strip():
        return NOTHING
    try:
        return _fts_query(q)
    except Exception:  # an exception inside SQLite only says "user-defined function raised"
        log.exception("fts_query failed for %r", q)
        return NOTHING


def register_functions(con: sqlite3.Connection) -> None:
    """Give a connection the SQL functions search_sql() calls."""
    con.create_function("fts_query", 1, fts_query, deterministic=True)
    con.create_function("hit_snippet", -1, hit_snippet, deterministic=True)
    con.create_function("text_matches", -1, text_matches, deterministic=True)


def search(
    con: sqlite3.Connection, query: str, filters: Filters | None = None, limit: int = DEFAULT_LIMIT
) -> list[Hit]:
    """The best `limit` notices for `query`, best first (CON from database.open_index)."""
    where, params = _filter_sql(filters or Filters())
    rows = con.execute(search_sql(where), {"q": query, "limit": limit, **params}).fetchall()
    return [
        Hit(
            notice_id=row["notice_id"],
            doc_number=row["doc_number"],
            title=row["title"],
            signing_date=row["signing_date"],
            kind=row["kind"],
            article=row["article"],
            attachment_no=row["attachment_no"],
            score=row["score"],
            matches=row["matches"],
            snippet=Snippet.from_marked(row["snippet"]),
        )
        for row in rows
    ]


_DATE_BOUNDS = (
    ("signing_date", "signed_from", ">="),
    ("signing_date", "signed_to", "<="),
    ("effective_date", "effective_from", ">="),
    ("effective_date", "effective_to", "<="),
)


def _filter_sql(filters: Filters) -> tuple[str, dict[str, object]]:
    clauses: list[str] = []
    params: dict[str, object] = {}
    if filters.year is not None:
        clauses.append("n.year = :year")
        params["year"] = filters.year
    if filters.issuer:
        clauses.append("instr(n.issuer_text, :issuer) > 0")
        params["issuer"] = filters.issuer
    if filters.doc_type:
        clauses.append("n.doc_type = :doc_type")
        params["doc_type"] = filters.doc_type
    if filters.in_force_on is not None:
        # The rule notices_view uses for status and in_force, on the given day.
        statuses = ", ".join(f"'{s}'" for s in IN_FORCE_STATUSES)
        clauses.append(f"{notice_status_sql(':day')} IN ({statuses})")
        params["day"] = filters.in_force_on.isoformat()
    if filters.status is not None:
        on = "date('now')" if filters.status_on is None else ":status_day"
        clauses.append(f"{notice_status_sql(on)} = :status")
        params["status"] = filters.status
        if filters.status_on is not None:
            params["status_day"] = filters.status_on.isoformat()
    if filters.section:
        clauses.append("n.section = :section")
        params["section"] = filters.section
    # Date ranges: ISO text compares as dates do; a document without the date is left out.
    for column, bound, op in _DATE_BOUNDS:
        value = getattr(filters, bound)
        if value is not None:
            clauses.append(f"n.{column} {op} :{bound}")
            params[bound] = value.isoformat()
    if not clauses:
        return "", params
    # The notices the filters keep, looked up once; every hit is then one probe of that set.
    where = " AND ".join(clauses)
    kept = (
        "select n.notice_id from notices n"
        f" left join document_dates d on d.document_id = {document_of('n')}"
        f" where {where}"
    )
    return f"where r.notice_id in ({kept})", params
