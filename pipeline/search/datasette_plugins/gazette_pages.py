"""Datasette plugin: the archive's own pages, server-rendered from templates/.

- `/`                      home: search, documents by status and year, the typed datasets
- `/doc/<notice_id>`       a document: metadata, body, articles (#第十一条), attachments,
                           tables, links, sources, printed pages
- `/doc/<notice_id>/page/<n>.png`  a printed page, rendered from the source PDF (cached)
- `/search`                full-text search with the CLI's filters, no SQL on the page
- `/charts`                Vega-Lite charts of the typed datasets

Datasette's own pages (tables, facets, SQL) stay where they are, under `/gazette`. Every
query goes through Datasette's read-only connection of the immutable database.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import threading
from datetime import date
from pathlib import Path
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from extractors.metadata.status import STATUSES
from pipeline.search import charts, document, page_image
from pipeline.search.datasette_metadata import DATABASE, HOME_TABLES, PLUGIN
from pipeline.search.fulltext import BROWSER_LIMIT, Filters, search
from pipeline.search.snippet import HIT_END, HIT_START

DOC_URL = "/doc/"
# The search form's date fields: request argument → Filters field (same names).
DATE_ARGS = ("status_on", "signed_from", "signed_to", "effective_from", "effective_to")


def _db(datasette: Any) -> Any:
    return datasette.get_database(DATABASE)


def _config(datasette: Any) -> dict:
    return datasette.plugin_config(PLUGIN, database=DATABASE) or {}


async def _page(datasette: Any, request: Any, template: str, context: dict, status: int = 200):
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


async def home(datasette: Any, request: Any) -> Response:
    def read(conn: Any) -> dict:
        statuses = conn.execute(
            "SELECT status, count(*) AS n FROM documents GROUP BY status ORDER BY n DESC"
        ).fetchall()
        years = conn.execute(
            "SELECT i.year, count(*) AS n FROM documents d"
            " JOIN notices m ON m.notice_id = d.canonical_notice_id"
            " JOIN issues i ON i.issue_id = m.issue_id GROUP BY i.year ORDER BY i.year DESC"
        ).fetchall()
        recent = conn.execute(
            "SELECT canonical_notice_id AS notice_id, doc_number, title, signing_date, status"
            " FROM documents ORDER BY signing_date DESC, title LIMIT 12"
        ).fetchall()
        counts = {
            t: conn.execute(f"SELECT count(*) FROM [{t}]").fetchone()[0] for _, t in HOME_TABLES
        }
        return {"statuses": statuses, "years": years, "recent": recent, "counts": counts}

    data = await _db(datasette).execute_fn(read)
    context = {**data, "tables": HOME_TABLES, "database": DATABASE, "doc_url": DOC_URL}
    return await _page(datasette, request, "gazette_home.html", context)


async def doc_page(datasette: Any, request: Any) -> Response:
    notice_id = request.url_vars["notice_id"]
    doc = await _db(datasette).execute_fn(lambda conn: document.load(conn, notice_id, DOC_URL))
    if doc is None:
        context = {"message": f"没有这份文件 No document {notice_id} in this corpus."}
        return await _page(datasette, request, "gazette_missing.html", context, status=404)
    context = {"doc": doc, "database": DATABASE, "doc_url": DOC_URL}
    return await _page(datasette, request, "gazette_document.html", context)


async def page_png(datasette: Any, request: Any) -> Response:
    notice_id = request.url_vars["notice_id"]
    number = int(request.url_vars["page"])

    def read(conn: Any) -> Any:
        return conn.execute(
            "SELECT n.page_start, n.page_end, i.source_path, i.source_sha256, i.source_format"
            " FROM notices n JOIN issues i USING (issue_id) WHERE n.notice_id = ?",
            (notice_id,),
        ).fetchone()

    row = await _db(datasette).execute_fn(read)
    if row is None or row["source_format"] != "pdf" or row["page_start"] is None:
        return Response.text("no printed page for this notice", status=404)
    if not row["page_start"] <= number <= (row["page_end"] or row["page_start"]):
        return Response.text(f"page {number} is not one of this notice's pages", status=404)
    config = _config(datasette)
    source = page_image.PageSource(row["source_path"], row["source_sha256"], number)
    try:
        # Drawing a page takes 50-200 ms of CPU: off the event loop.
        png = await asyncio.to_thread(
            page_image.render_page,
            source,
            Path(config["corpus_dir"]),
            Path(config.get("page_cache") or page_image.default_cache_dir()),
        )
    except page_image.PageUnavailable as exc:
        return Response.text(str(exc), status=404)
    return Response(png, content_type="image/png", headers={"cache-control": "max-age=86400"})


def _filters(args: Any) -> tuple[Filters, list[str]]:
    """The search form's fields as Filters, and what could not be read (said on the page)."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    year = args.get("year", "").strip()
    if year:
        if year.isdigit():
            values["year"] = int(year)
        else:
            problems.append(f"年份 “{year}” 不是年份 (not a year)")
    for name in ("issuer", "doc_type", "section"):
        if args.get(name, "").strip():
            values[name] = args.get(name).strip()
    status = args.get("status", "").strip()
    if status:
        if status in STATUSES:
            values["status"] = status
        else:
            problems.append(f"状态 “{status}” 不是已知状态")
    for name in DATE_ARGS:
        text = args.get(name, "").strip()
        if not text:
            continue
        try:
            values[name] = date.fromisoformat(text)
        except ValueError:
            problems.append(f"“{text}” 不是日期 YYYY-MM-DD (not a date)")
    return Filters(**values), problems


async def search_page(datasette: Any, request: Any) -> Response:
    args = request.args
    q = args.get("q", "").strip()
    filters, problems = _filters(args)

    def read(conn: Any) -> dict:
        choices = {
            "years": [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT year FROM notices WHERE year IS NOT NULL ORDER BY year DESC"
                )
            ],
            "doc_types": [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT doc_type FROM notices WHERE doc_type IS NOT NULL ORDER BY 1"
                )
            ],
            "sections": [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT section FROM notices WHERE section IS NOT NULL ORDER BY 1"
                )
            ],
        }
        hits = search(conn, q, filters, BROWSER_LIMIT) if q else []
        return {**choices, "hits": hits}

    data = await _db(datasette).execute_fn(read)
    hits = [
        {
            "title": h.title,
            "href": DOC_URL + h.notice_id + _anchor(h.article, h.attachment_no),
            "facts": " · ".join(
                filter(
                    None,
                    [
                        h.doc_number,
                        h.signing_date,
                        _where(h.article, h.attachment_no),
                        f"{h.matches} 处" if h.matches > 1 else None,
                    ],
                )
            ),
            "snippet": Markup(h.snippet.marked("<mark>", "</mark>", escape=True)),
        }
        for h in data.pop("hits")
    ]
    context = {
        **data,
        "q": q,
        "args": {
            k: args.get(k, "")
            for k in ("year", "issuer", "doc_type", "section", "status", *DATE_ARGS)
        },
        "statuses": STATUSES,
        "hits": hits,
        "problems": problems,
        "limit": BROWSER_LIMIT,
    }
    return await _page(datasette, request, "gazette_search.html", context)


def _anchor(article: str | None, attachment_no: int | None) -> str:
    if article:
        return f"#附件{attachment_no}-{article}" if attachment_no is not None else f"#{article}"
    return f"#附件{attachment_no}" if attachment_no is not None else ""


def _where(article: str | None, attachment_no: int | None) -> str | None:
    return (
        " ".join(
            filter(None, [f"附件{attachment_no}" if attachment_no is not None else None, article])
        )
        or None
    )


async def charts_page(datasette: Any, request: Any) -> Response:
    specs = await _db(datasette).execute_fn(charts.charts)
    context = {
        "charts": [
            (name, Markup(json.dumps(spec, ensure_ascii=False).replace("</", "<\\/")))
            for name, spec in specs
        ],
        "database": DATABASE,
    }
    return await _page(datasette, request, "gazette_charts.html", context)


@hookimpl
def startup(datasette: Any) -> None:
    # PyMuPDF takes 0.2 s to import (seconds on a loaded machine): imported in the background
    # now, so the first printed page a reader opens is only drawn, and startup does not wait.
    threading.Thread(target=importlib.import_module, args=("pymupdf",), daemon=True).start()


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/$", home),
        (r"^/doc/(?P<notice_id>[A-Za-z0-9_-]+)$", doc_page),
        (r"^/doc/(?P<notice_id>[A-Za-z0-9_-]+)/page/(?P<page>[0-9]{1,5})\.png$", page_png),
        (r"^/search$", search_page),
        (r"^/charts$", charts_page),
    ]


@hookimpl
def extra_css_urls() -> list[str]:
    return ["/assets/gazette.css"]


@hookimpl
def menu_links() -> list[dict]:
    return [
        {"href": "/", "label": "首页 Home"},
        {"href": "/search", "label": "检索 Search"},
        {"href": "/charts", "label": "图表 Charts"},
        {"href": f"/{DATABASE}", "label": "全部表 All tables"},
    ]


def doc_link(notice_id: str) -> Markup:
    """A notice id as a link to its document page (tables and query results)."""
    return Markup(f'<a href="{escape(DOC_URL + notice_id)}">{escape(notice_id)}</a>')


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    # Every notice id of the corpus's tables leads to the document's page, the snippet of the
    # search query shows its hits; other cells are Datasette's.
    if database != DATABASE:
        return None
    if column in ("notice_id", "canonical_notice_id", "cited_notice_id") and isinstance(value, str):
        return doc_link(value)
    if column == "snippet" and table is None and isinstance(value, str):
        text = str(escape(value))
        return Markup(text.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))
    return None
