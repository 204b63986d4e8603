"""The corpus as documents, not files: copies of one document, links between documents, and
the dates each document's status is computed from.

Every source row stays (provenance is whole): a notice read from the PDF and the same notice
read from a text dump are two `notices` rows with one `document_id`. What is derived from the
whole corpus — which copy is canonical, which document a citation points to, when a document
was repealed — is written here once, as SQL valid in both DuckDB (over the Parquet datasets)
and SQLite (the index), so `gazette query`, the index, search, show and the browser agree.

Canonical copy, by rule, in this order:
  1. complete text: a copy whose text is shorter than COMPLETE_SHARE of the longest copy's is
     incomplete (a damaged or truncated source) and loses to every complete one;
  2. the source: a born-digital PDF, then a web page, then OCR of a scan, then converter
     Markdown, then a text dump (SOURCE_RANK);
  3. the longer text; 4. the smaller notice_id, so the choice never depends on run order.

Links: a citation or a status event points to a document by its 文号 when it gives one (the
same 文号 is the same document), else by its 《title》, matched against notice titles and
enclosed titles; several documents can carry one title (a revised 办法 keeps its name), so the
latest one signed on or before the citing document wins. Unresolved links keep what was cited.
"""

from __future__ import annotations

from extractors.metadata.status import status_sql

__all__ = [
    "COMPLETE_SHARE",
    "SOURCE_RANK",
    "DERIVED",
    "copies_sql",
    "derived_sql",
    "document_of",
    "documents_sql",
    "notice_status_sql",
    "document_dates_sql",
    "links_sql",
    "source_rank_sql",
]

# A copy with less than this share of the longest copy's text is incomplete.
COMPLETE_SHARE = 0.95
# Lower is better: born-digital text before recognised text before converters' dumps.
SOURCE_RANK = {"pdf": 0, "html": 1, "ocr": 2, "markdown": 3, "text": 4}
_UNKNOWN_RANK = len(SOURCE_RANK)

# Which status event, seen from the document it names, is which relation.
RELATIONS = {
    ("repealed_by", "cited"): "repeals",
    ("amended_by", "cited"): "amends",
    ("replaces", "self"): "replaces",
    ("amended_by", "self"): "amended_by",
}


def document_of(notice: str) -> str:
    """SQL for the document of notice row ``notice``; a row written before notices had a
    document_id (an older extractor) is its own document."""
    return f"coalesce({notice}.document_id, {notice}.notice_id)"


def source_rank_sql(source_format: str = "i.source_format", ocr: str | None = None) -> str:
    """SOURCE_RANK as an SQL expression; ``ocr`` is a boolean SQL expression (a PDF read by OCR),
    when the corpus has a column saying so."""
    whens = " ".join(f"WHEN '{fmt}' THEN {rank}" for fmt, rank in SOURCE_RANK.items())
    by_format = f"CASE {source_format} {whens} ELSE {_UNKNOWN_RANK} END"
    if ocr is None:
        return by_format
    return f"CASE WHEN {source_format} = 'pdf' AND {ocr} THEN {SOURCE_RANK['ocr']} ELSE {by_format} END"


def copies_sql(notices: str = "notices", issues: str = "issues", ocr: str | None = None) -> str:
    """One row per notice: its document, its copy rank (1 = canonical) and the copy count."""
    return f"""
SELECT document_id, notice_id, issue_id, source_format, source_rank, text_chars, copies,
       copy_rank, copy_rank = 1 AS is_canonical
FROM (
  SELECT *, row_number() OVER (
           PARTITION BY document_id
           ORDER BY CASE WHEN text_chars >= {COMPLETE_SHARE} * longest THEN 0 ELSE 1 END,
                    source_rank, text_chars DESC, notice_id) AS copy_rank
  FROM (
    SELECT {document_of("n")} AS document_id, n.notice_id, n.issue_id, i.source_format,
           {source_rank_sql("i.source_format", ocr)} AS source_rank,
           length(coalesce(n.text, '')) AS text_chars,
           max(length(coalesce(n.text, ''))) OVER (PARTITION BY {document_of("n")}) AS longest,
           count(*) OVER (PARTITION BY {document_of("n")}) AS copies
    FROM {notices} n JOIN {issues} i ON i.issue_id = n.issue_id
  ) AS measured
) AS ranked"""


def _resolve(number: str, title: str, citing: str, notices: str) -> str:
    """SQL for the document a (文号, 《title》) citation from document ``citing`` points to."""
    return f"""CASE WHEN {number} IS NOT NULL THEN (
    SELECT min({document_of("t")}) FROM {notices} t WHERE t.doc_number = {number})
  ELSE (
    SELECT {document_of("t")} FROM {notices} t
    WHERE {title} IS NOT NULL AND (t.title = {title} OR t.enclosed_title = {title})
      AND {document_of("t")} <> {document_of(citing)}
      AND (t.signing_date IS NULL OR {citing}.signing_date IS NULL
           OR t.signing_date <= {citing}.signing_date)
    ORDER BY t.signing_date DESC, t.notice_id LIMIT 1)
  END"""


def links_sql(
    notices: str = "notices", citations: str = "citations", events: str = "status_events"
) -> str:
    """One row per citation and per status event naming another document: who cites, amends,
    repeals or replaces whom (to_document_id null when the cited document is not in the
    corpus), with the date for status events."""
    relation = " ".join(
        f"WHEN e.event = '{ev}' AND e.subject = '{subj}' THEN '{rel}'"
        for (ev, subj), rel in RELATIONS.items()
    )
    return f"""
SELECT c.notice_id AS from_notice_id, {document_of("s")} AS from_document_id,
       'cites' AS relation,
       CAST(NULL AS DATE) AS event_date, c.cited_doc_number, c.cited_title,
       {_resolve("c.cited_doc_number", "c.cited_title", "s", notices)} AS to_document_id,
       CAST(NULL AS VARCHAR) AS sentence
FROM {citations} c JOIN {notices} s ON s.notice_id = c.notice_id
UNION ALL
SELECT e.notice_id, {document_of("s")}, CASE {relation} END, e.event_date,
       e.cited_doc_number, e.cited_title,
       {_resolve("e.cited_doc_number", "e.cited_title", "s", notices)},
       e.sentence
FROM {events} e JOIN {notices} s ON s.notice_id = e.notice_id
WHERE e.cited_doc_number IS NOT NULL OR e.cited_title IS NOT NULL"""


def document_dates_sql(
    copies: str = "document_copies", notices: str = "notices", links: str = "links"
) -> str:
    """One row per document: its canonical copy's dates and the first day another document
    repealed it, made it cease (replacement) or amended it — the inputs of the status rule
    (extractors.metadata.status)."""
    return f"""
SELECT c.document_id, c.notice_id, c.copies, n.signing_date, n.effective_date, n.expiry_date,
       r.repealed_on, r.ceased_on, r.amended_on
FROM {copies} c
JOIN {notices} n ON n.notice_id = c.notice_id
LEFT JOIN (
  SELECT to_document_id,
         min(CASE WHEN relation = 'repeals' THEN event_date END) AS repealed_on,
         min(CASE WHEN relation = 'replaces' THEN event_date END) AS ceased_on,
         min(CASE WHEN relation = 'amends' THEN event_date END) AS amended_on
  FROM {links}
  WHERE to_document_id IS NOT NULL AND relation <> 'cites'
  GROUP BY to_document_id
) r ON r.to_document_id = c.document_id
WHERE c.is_canonical"""


# Derived relations in dependency order, each from the datasets it needs.
DERIVED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("document_copies", ("notices", "issues")),
    ("links", ("notices", "citations", "status_events")),
    ("document_dates", ("notices", "issues", "citations", "status_events")),
    ("documents", ("notices", "issues", "citations", "status_events")),
)


def documents_sql(today_sql: str, dates: str = "document_dates", notices: str = "notices") -> str:
    """One row per document: its canonical copy's metadata, how many copies, and its status
    today (``today_sql``: ``current_date`` in DuckDB, ``date('now')`` in SQLite)."""
    status = status_sql(
        today_sql,
        effective="d.effective_date",
        expiry="d.expiry_date",
        signing="d.signing_date",
        repealed_on="d.repealed_on",
        ceased_on="d.ceased_on",
        amended_on="d.amended_on",
    )
    return f"""
SELECT d.document_id, d.notice_id AS canonical_notice_id, d.copies, n.doc_number, n.title,
       n.doc_type, n.issuers, d.signing_date, d.effective_date, d.expiry_date,
       d.repealed_on, d.ceased_on, d.amended_on, {status} AS status
FROM {dates} d JOIN {notices} n ON n.notice_id = d.notice_id"""


def derived_sql(name: str, today_sql: str) -> str:
    """The SELECT behind derived relation ``name`` (see DERIVED)."""
    if name == "document_copies":
        return copies_sql()
    if name == "links":
        return links_sql()
    if name == "document_dates":
        return document_dates_sql()
    if name == "documents":
        return documents_sql(today_sql)
    raise KeyError(name)


def notice_status_sql(day_sql: str, n: str = "n", d: str = "d") -> str:
    """The status rule for a notice row ``n`` joined with its document's ``document_dates`` row
    ``d`` (LEFT JOIN: a notice with no document row falls back on its own dates)."""
    return status_sql(
        day_sql,
        effective=f"coalesce({d}.effective_date, {n}.effective_date)",
        expiry=f"coalesce({d}.expiry_date, {n}.expiry_date)",
        signing=f"coalesce({d}.signing_date, {n}.signing_date)",
        repealed_on=f"{d}.repealed_on",
        ceased_on=f"{d}.ceased_on",
        amended_on=f"{d}.amended_on",
    )
