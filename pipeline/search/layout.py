"""The layout of `OUT/gazette.db`: its tables, the in-force view, the FTS table, the ranking.

The six indexed datasets become tables with keys (their columns come from `schemas`), plus
`notices_view`, which adds each notice's copy count, canonical flag, `status` and `in_force`
(today), the corpus tables of pipeline.corpus (document_copies, links, document_dates) and
the `documents` view, and `search_fts`, whose title and body are jieba
tokens joined by spaces (see tokens.py). The display text lives in the ordinary tables, never
in the FTS table. `search_rows` repeats the small columns of `search_fts` under the same
rowid: FTS5 reads a row's whole content, tokenised body included, to return any one column,
so a query that needs only ids and ranks takes rowid and bm25() from `search_fts` and the ids
from here. `_index_state` is the index's own bookkeeping.
"""

from __future__ import annotations

import pyarrow as pa

from extractors.metadata.status import IN_FORCE_STATUSES
from pipeline.corpus import DERIVED, derived_sql, document_of, notice_status_sql
from pipeline.search import BM25, DB_NAME, FTS_TABLE, VIEW
from schemas import (
    ARTICLES,
    ATTACHMENTS,
    CITATIONS,
    DATASETS,
    DIAGNOSTICS,
    ISSUES,
    LAND_PRICE_STANDARDS,
    NOTICES,
    OUTLINE,
    POLLUTANT_CONCENTRATIONS,
    PRICE_ITEMS,
    STATUS_EVENTS,
    TABLE_CELLS,
    TABLES,
    TOC_ENTRIES,
)

__all__ = [
    "BM25",
    "DB_NAME",
    "DERIVED_TABLES",
    "FTS_TABLE",
    "BROWSED",
    "INDEXED",
    "VIEW",
    "layout_statements",
    "refresh_derived_statements",
]


def _names(*schemas: pa.Schema) -> tuple[str, ...]:
    # Dataset names as `schemas` spells them, looked up by the schema objects themselves.
    by_schema = {id(schema): name for name, schema in DATASETS.items()}
    return tuple(by_schema[id(schema)] for schema in schemas)


# Parents before children, so rows are inserted in an order the foreign keys accept.
INDEXED = _names(ISSUES, NOTICES, ARTICLES, ATTACHMENTS, CITATIONS, STATUS_EVENTS, TOC_ENTRIES)
# Datasets the browser shows as they are (the document page, the typed tables and charts, the
# outline, the diagnostics), indexed after the ones above and searched by none.
BROWSED = _names(
    OUTLINE,
    TABLES,
    TABLE_CELLS,
    POLLUTANT_CONCENTRATIONS,
    PRICE_ITEMS,
    LAND_PRICE_STANDARDS,
    DIAGNOSTICS,
)
INDEXED = (*INDEXED, *BROWSED)
# Corpus-level tables (pipeline.corpus), recomputed from the tables above after every change:
# which copy of a document is canonical, links between documents, each document's dates.
# Views would recompute them on every query; tables keep a search under its latency bar.
# `documents` stays a view: its status is against today.
DERIVED_TABLES = tuple(name for name, _ in DERIVED if name != "documents")

_FK_ISSUE = "FOREIGN KEY (issue_id) REFERENCES issues (issue_id)"
_FK_NOTICE = "FOREIGN KEY (notice_id) REFERENCES notices (notice_id)"
_FK_TABLE = "FOREIGN KEY (table_id) REFERENCES tables (table_id)"
_KEYS: dict[str, tuple[str, ...]] = {
    "issues": ("PRIMARY KEY (issue_id)",),
    "notices": ("PRIMARY KEY (notice_id)", _FK_ISSUE),
    "articles": ("PRIMARY KEY (article_id)", _FK_NOTICE, _FK_ISSUE),
    "attachments": ("PRIMARY KEY (notice_id, attachment_no)", _FK_NOTICE, _FK_ISSUE),
    "citations": (
        "PRIMARY KEY (notice_id, seq)",
        _FK_NOTICE,
        _FK_ISSUE,
        "FOREIGN KEY (cited_notice_id) REFERENCES notices (notice_id)",
    ),
    "status_events": ("PRIMARY KEY (notice_id, seq)", _FK_NOTICE, _FK_ISSUE),
    "toc_entries": ("PRIMARY KEY (issue_id, seq)", _FK_ISSUE, _FK_NOTICE),
    "outline": ("PRIMARY KEY (outline_id)", _FK_NOTICE, _FK_ISSUE),
    "tables": ("PRIMARY KEY (table_id)", _FK_ISSUE, _FK_NOTICE),
    "table_cells": ("PRIMARY KEY (table_id, row, col)", _FK_TABLE, _FK_ISSUE),
    # Typed records have no key of their own (a price item is code × grade, a land price
    # use × grade × frontage): rowids, and the table they were read from.
    "pollutant_concentrations": (_FK_TABLE, _FK_NOTICE, _FK_ISSUE),
    "price_items": (_FK_TABLE, _FK_NOTICE, _FK_ISSUE),
    "land_price_standards": (_FK_TABLE, _FK_NOTICE, _FK_ISSUE),
    # No foreign key: a file that could not be read has no issue row.
    "diagnostics": (),
}
# Columns the Parquet datasets do not have: filters `search` needs without a join.
EXTRA_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "notices": [
        ("year", "INTEGER", "Year of the issue the notice is printed in."),
        ("issuer_text", "TEXT", "Issuers joined by 、, for substring filters."),
    ]
}
_INDEXES = (
    "CREATE INDEX notices_issue ON notices (issue_id)",
    "CREATE INDEX notices_doc_number ON notices (doc_number)",
    "CREATE INDEX notices_document ON notices (document_id)",
    "CREATE INDEX notices_title ON notices (title)",
    "CREATE INDEX notices_enclosed_title ON notices (enclosed_title)",
    "CREATE INDEX status_events_issue ON status_events (issue_id)",
    "CREATE INDEX document_copies_notice ON document_copies (notice_id)",
    "CREATE INDEX document_dates_document ON document_dates (document_id)",
    "CREATE INDEX links_to ON links (to_document_id)",
    "CREATE INDEX links_from ON links (from_document_id)",
    "CREATE INDEX articles_issue ON articles (issue_id)",
    "CREATE INDEX articles_notice ON articles (notice_id)",
    "CREATE INDEX attachments_issue ON attachments (issue_id)",
    "CREATE INDEX citations_issue ON citations (issue_id)",
    "CREATE INDEX citations_cited_notice ON citations (cited_notice_id)",
    "CREATE INDEX citations_cited_doc_number ON citations (cited_doc_number)",
    "CREATE INDEX toc_entries_notice ON toc_entries (notice_id)",
    "CREATE INDEX search_rows_notice ON search_rows (notice_id)",
    "CREATE INDEX outline_notice ON outline (notice_id)",
    "CREATE INDEX tables_notice ON tables (notice_id)",
    "CREATE INDEX tables_issue ON tables (issue_id)",
    "CREATE INDEX table_cells_issue ON table_cells (issue_id)",
    "CREATE INDEX pollutant_concentrations_issue ON pollutant_concentrations (issue_id)",
    "CREATE INDEX price_items_issue ON price_items (issue_id)",
    "CREATE INDEX land_price_standards_issue ON land_price_standards (issue_id)",
    "CREATE INDEX diagnostics_issue ON diagnostics (issue_id)",
)
# status and in_force against today, by the one status rule (extractors.metadata.status),
# from the document's dates and the repeals, replacements and amendments that name it.
_TODAY = "date('now')"  # SQLite's today (UTC)
_STATUS_TODAY = notice_status_sql(_TODAY, n="notices", d="d")
_IN_FORCE = ", ".join(f"'{s}'" for s in IN_FORCE_STATUSES)
# CAST: a column of a CREATE TABLE … AS SELECT has no type, and a view column without one
# never equals the text '1' a Datasette facet link filters with.
_VIEW = f"""CREATE VIEW {VIEW} AS
SELECT notices.*, c.copies, CAST(c.is_canonical AS INTEGER) AS is_canonical,
  {_STATUS_TODAY} AS status,
  CAST({_STATUS_TODAY} IN ({_IN_FORCE}) AS INTEGER) AS in_force
FROM notices
LEFT JOIN document_copies c ON c.notice_id = notices.notice_id
LEFT JOIN document_dates d ON d.document_id = {document_of("notices")}"""
_DOCUMENTS = f"CREATE VIEW documents AS {derived_sql('documents', _TODAY)}"
# attachment_no (last, so the positions of the other columns and their bm25 weights are as
# documented) says which attachment an 'attachment' row is; it is null on other rows.
_FTS = f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
  kind, notice_id UNINDEXED, article_id UNINDEXED, title, body, attachment_no UNINDEXED,
  tokenize='unicode61'
)"""
_SEARCH_ROWS = f"""CREATE TABLE search_rows (
  fts_rowid INTEGER PRIMARY KEY, -- rowid of the {FTS_TABLE} row
  kind TEXT NOT NULL, -- notice, article or attachment
  notice_id TEXT NOT NULL,
  article_id TEXT, -- on article rows
  attachment_no INTEGER, -- on attachment rows
  FOREIGN KEY (notice_id) REFERENCES notices (notice_id),
  FOREIGN KEY (article_id) REFERENCES articles (article_id)
)"""
_STATE = """CREATE TABLE _index_state (
  kind TEXT NOT NULL,  -- 'issue': key is an issue id, value the hash of its Parquet files
  key TEXT NOT NULL,   -- 'manifest': key 'sha256', value the hash of OUT/_manifest.json
  value TEXT NOT NULL, -- 'layout': key 'sha256', value the hash of this database's layout
  PRIMARY KEY (kind, key)
)"""


def _sql_type(type_: pa.DataType) -> str:
    if pa.types.is_integer(type_) or pa.types.is_boolean(type_):
        return "INTEGER"  # booleans as 0/1
    return "TEXT"  # strings; dates as ISO text; lists as JSON arrays


_STORED_AS = {"list": " Stored as a JSON array.", "date32[day]": " ISO date.", "bool": " 0 or 1."}


def _create_table(name: str) -> str:
    lines = []
    for f in DATASETS[name]:
        null = "" if f.nullable else " NOT NULL"
        doc = f.metadata[b"description"].decode() if f.metadata else ""
        doc += _STORED_AS.get(str(f.type).split("<")[0], "")
        lines.append(f"  {f.name} {_sql_type(f.type)}{null}, -- {doc}")
    for col, sql_type, doc in EXTRA_COLUMNS.get(name, []):
        lines.append(f"  {col} {sql_type}, -- {doc}")
    lines += [f"  {key}," for key in _KEYS[name]]
    # The last comma goes (it may end a column line, before its comment, or a key line).
    last = lines[-1]
    lines[-1] = last.replace(", --", " --", 1) if " -- " in last else last.rstrip(",")
    return f"CREATE TABLE {name} (\n" + "\n".join(lines) + "\n)"


def layout_statements() -> list[str]:
    """Every statement that creates the database's tables, views and indexes."""
    tables = [_create_table(n) for n in INDEXED]
    # Created empty from their SELECTs (the tables above are empty): refresh_derived fills them.
    derived = [f"CREATE TABLE {n} AS {derived_sql(n, _TODAY)}" for n in DERIVED_TABLES]
    return [*tables, *derived, _VIEW, _DOCUMENTS, _FTS, _SEARCH_ROWS, _STATE, *_INDEXES]


def refresh_derived_statements() -> list[str]:
    """Statements that recompute the corpus-level tables from the indexed ones, in order."""
    out: list[str] = []
    for name in DERIVED_TABLES:
        out += [f"DELETE FROM {name}", f"INSERT INTO {name} {derived_sql(name, _TODAY)}"]
    return out
