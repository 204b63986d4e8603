"""Datasette metadata for gazette.db, generated from `schemas/` and the database itself.

Descriptions come from the Arrow field metadata in `schemas.DATASETS`, so the browser shows the
same words as docs/schema.md and cannot drift from them. Facets, sort orders and column notes
are only emitted for tables and columns the database really has: the index is built by another
module and may gain or lose columns without this file having to change in step.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.search.fulltext import BROWSER_LIMIT, search_sql
from pipeline.search.layout import FTS_TABLE
from schemas import DATASETS

DATABASE = "gazette"  # Datasette names a database after its file stem: gazette.db
PLUGIN = "gazette-search"  # key of the plugin's configuration in the metadata

# Tables whose Datasette search box goes through the jieba-aware plugin: table → the column
# of search_fts that points at its rows.
SEARCH_TABLES = {"notices": "notice_id", "notices_view": "notice_id", "articles": "article_id"}

# The browser's search page runs the search `gazette search` runs (pipeline.search.fulltext).
SEARCH_SQL = search_sql(limit=str(BROWSER_LIMIT))

_NOTICE_FACETS: list[Any] = ["year", "section", {"array": "issuers"}, "doc_type", "is_normative"]

# What the home page lists first, in this order: the tables people come for (label, table).
HOME_TABLES: list[tuple[str, str]] = [
    ("文件 Documents (each once, with its status today)", "documents"),
    ("医疗服务价格 Medical-service prices", "price_items"),
    ("污染物浓度 Pollutant concentrations", "pollutant_concentrations"),
    ("土地价格标准 Land price standards", "land_price_standards"),
    ("表格 Every table found", "tables"),
    ("条 Articles", "articles"),
    ("提纲 Numbered outline", "outline"),
    ("引用与废止 Links: cites, repeals, amends", "links"),
    ("公报 Issues", "issues"),
    ("问题 Diagnostics", "diagnostics"),
]

_TABLES: dict[str, dict[str, Any]] = {
    "issues": {"label_column": "issue_label", "sort_desc": "year"},
    "notices": {"label_column": "title", "sort_desc": "signing_date", "facets": _NOTICE_FACETS},
    "notices_view": {
        "label_column": "title",
        "sort_desc": "signing_date",
        "facets": [*_NOTICE_FACETS, "status", "in_force", "is_canonical"],
    },
    "documents": {
        "label_column": "title",
        "sort_desc": "signing_date",
        "facets": ["status", "doc_type", {"array": "issuers"}],
    },
    "links": {"facets": ["relation"]},
    "status_events": {"facets": ["event", "subject"]},
    "articles": {"label_column": "label", "facets": ["chapter_title"]},
    "attachments": {"label_column": "title"},
    "citations": {"label_column": "cited_doc_number"},
    "toc_entries": {"label_column": "title", "facets": ["section"]},
    "diagnostics": {"facets": ["severity", "code", "stage"]},
    "outline": {"label_column": "heading", "facets": ["marker_type", "level"]},
    "tables": {"label_column": "caption", "facets": ["kind", "n_cols"]},
    "table_cells": {"label_column": "text", "facets": ["is_header"]},
    "pollutant_concentrations": {"facets": ["pollutant", "year", "area"], "sort": "year"},
    "price_items": {"label_column": "name", "facets": ["grade", "unit"], "sort": "seq"},
    "land_price_standards": {"facets": ["land_use", "grade", "frontage"]},
}

# Columns the index adds or stores differently from the Parquet datasets.
_EXTRA_COLUMNS = {
    "issuer_text": "Issuers joined by 、, for reading and for `contains` filters.",
    "year": "Year of the gazette issue the row comes from.",
    "in_force": "1 when the notice's document is in force today (现行有效 or 已修改), 0 "
    "otherwise: computed by the view against today's date whenever it is queried.",
    "status": "The document's status today: 尚未生效, 现行有效, 已修改, 已失效 or 已废止, by the "
    "one status rule (extractors/metadata/status.py) from its dates and the documents that "
    "repeal, replace or amend it.",
    "copies": "How many sources the document was read from.",
    "is_canonical": "1 for the copy chosen by pipeline.corpus's rule (complete text, then "
    "born-digital PDF, web page, OCR, Markdown, text dump), 0 for the other copies.",
}
_FTS_COLUMNS = {
    "kind": "What the row indexes: notice, article or attachment.",
    "notice_id": "The notice the row belongs to.",
    "article_id": "The article, on article rows.",
    "attachment_no": "The attachment, on attachment rows.",
    "title": "Title, 文号, article label or attachment title, as jieba tokens.",
    "body": "Text, as jieba tokens separated by spaces.",
}
_TABLE_DOCS = {
    "notices_view": "The notices table plus each document's copies, canonical flag, `status` "
    "and `in_force`, computed against today's date.",
    "documents": "One row per document (its canonical copy), with its status today.",
    "links": "Who cites, repeals, amends or replaces whom; to_document_id is null when the "
    "cited document is not in the corpus (what was cited is kept).",
    "document_copies": "Every notice with its document, copy rank and canonical flag.",
    "document_dates": "Per document: the dates the status rule reads (canonical copy's dates, "
    "first repeal, replacement and amendment by another document).",
    "search_rows": "The small columns of the full-text index, for the search query.",
    FTS_TABLE: "Full-text index (SQLite FTS5) of notices and articles, jieba-tokenised. Query it "
    "with `match fts_query('…')`, as the search query does; a raw MATCH on Chinese words "
    "finds nothing.",
}


# Tokenised text confuses more than it helps (the search query is the way in); the index's
# bookkeeping is nobody's business but the index's.
_HIDDEN = {FTS_TABLE, "_index_state", "search_rows", "document_copies", "document_dates"}


def _column_doc(field: pa.Field) -> str:
    doc = field.metadata[b"description"].decode() if field.metadata else ""
    # SQLite has no list, bool or date types: say how the index stores them.
    if pa.types.is_list(field.type):
        doc += " Stored as a JSON array."
    elif pa.types.is_boolean(field.type):
        doc += " 1 or 0."
    elif pa.types.is_date(field.type):
        doc += " ISO date, YYYY-MM-DD."
    return doc


def _columns(db_path: Path) -> dict[str, list[str]]:
    """Tables and views of the database with their columns, read without writing anything."""
    uri = f"file:{db_path}?immutable=1"
    with sqlite3.connect(uri, uri=True) as conn:
        names = [
            r[0]
            for r in conn.execute("select name from sqlite_master where type in ('table','view')")
        ]
        return {n: [r[1] for r in conn.execute(f'pragma table_info("{n}")')] for n in names}


def _facet_column(facet: Any) -> str:
    return facet["array"] if isinstance(facet, dict) else facet


def _table_metadata(table: str, columns: list[str]) -> dict[str, Any]:
    schema = DATASETS.get("notices" if table == "notices_view" else table)
    docs = {f.name: _column_doc(f) for f in schema} if schema is not None else {}
    docs.update(_FTS_COLUMNS if table == FTS_TABLE else _EXTRA_COLUMNS)
    meta: dict[str, Any] = {"columns": {c: docs[c] for c in columns if c in docs}}
    description = _TABLE_DOCS.get(table)
    if description is None and schema is not None:
        description = schema.metadata[b"description"].decode()
    if description:
        meta["description"] = description
    for key, value in _TABLES.get(table, {}).items():
        if key == "facets":
            value = [f for f in value if _facet_column(f) in columns]
        elif value not in columns:
            continue  # a label or sort column the index does not have
        meta[key] = value
    if table in _HIDDEN:
        meta["hidden"] = True
    return meta


def search_form_html(action: str) -> str:
    """A search box that submits to the search query, for the index and database pages."""
    return (
        f'<form class="gazette-search" action="{action}" method="get">'
        '<label for="gazette-q">全文检索 Full-text search: </label>'
        '<input id="gazette-q" type="search" name="q" placeholder="历史风貌建筑" size="30"> '
        '<input type="submit" value="Search">'
        "</form>"
    )


def build_metadata(
    db_path: Path, title: str = "Gazette corpus (政府公报)", page_cache: Path | None = None
) -> dict[str, Any]:
    """Datasette metadata for the gazette.db at DB_PATH: descriptions, facets, search query.

    PAGE_CACHE is where printed pages rendered from the source PDFs are kept (page_image.py).
    """
    tables = _columns(db_path)
    form = search_form_html("/search")
    about = (
        "<p>Notices, articles, attachments and citations extracted from government gazettes. "
        "Read-only. Search below (Chinese words are split with jieba), browse "
        '<a href="/">the archive\'s home page</a>, '
        f'<a href="/{DATABASE}/documents">documents</a> by facet, or run SQL.</p>'
    )
    return {
        "title": title,
        "description_html": about + form,
        "databases": {
            DATABASE: {
                "description_html": about + form,
                "tables": {t: _table_metadata(t, cols) for t, cols in sorted(tables.items())},
                "queries": {
                    "search": {
                        "title": "Full-text search (全文检索)",
                        "description": "Notices whose title, text or articles match the words "
                        "of q, best match first, with the passage that matched.",
                        "sql": SEARCH_SQL,
                        "params": ["q"],
                        "hide_sql": True,  # the SQL is one click away; results come first
                    }
                },
                "plugins": {
                    PLUGIN: {
                        "fts_table": FTS_TABLE,
                        "search_tables": SEARCH_TABLES,
                        # Where the source PDFs are looked for, and their rendered pages kept.
                        "corpus_dir": str(db_path.resolve().parent),
                        "page_cache": str(page_cache) if page_cache else None,
                    }
                },
            }
        },
    }


if __name__ == "__main__":  # for plain Datasette: python -m pipeline.search.datasette_metadata DB
    import json
    import sys

    json.dump(build_metadata(Path(sys.argv[1])), sys.stdout, ensure_ascii=False, indent=2)
