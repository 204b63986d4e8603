"""Datasette plugin: full-text search that works on the jieba-tokenised gazette.db.

Datasette hands a search box's words straight to FTS5 MATCH. The index holds Chinese text as
jieba tokens separated by spaces, so 历史风貌建筑 typed as is matches nothing: the words must
be split the way the index split them. This plugin

- registers the SQL function `fts_query(q)`, which does that split (pipeline.index.fts_query)
  and returns a safe MATCH expression, and `hit_snippet(q, text, …)`, the passage around the
  first hit; the `search` canned query uses both;
- answers the `_search` box of the tables named in its configuration (notices, notices_view,
  articles) through that function instead of Datasette's own escaping;
- shows search snippets with the hits highlighted and notice ids as links.

Loaded from this directory with `--plugins-dir` (pipeline/serve.py does so); configured by the
metadata that pipeline/datasette_metadata.py generates, under plugins → gazette-search.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from pipeline import index
from pipeline.datasette_metadata import HIT_END, HIT_START, PLUGIN

NOTHING = '""'  # an FTS5 expression that matches no row, and is not a syntax error
SNIPPET_BEFORE, SNIPPET_AFTER = 30, 90  # characters of context around the first hit

log = logging.getLogger(__name__)


def fts_query(q: str | None) -> str:
    """User words → the MATCH expression for the index; NOTHING for a blank query."""
    if not q or not q.strip():
        return NOTHING
    try:
        return index.fts_query(q) or NOTHING
    except Exception:  # an exception inside SQLite only says "user-defined function raised"
        log.exception("fts_query failed for %r", q)
        return NOTHING


@functools.lru_cache(maxsize=256)
def _hit_patterns(q: str) -> list[re.Pattern[str]]:
    """Regexes for the query's words, then for their dictionary pieces, longest first.

    Pieces (取, 卵, 术 of 取卵术) are what the index matched when jieba cut a word
    differently inside the text; they are only looked for when no whole word is there, or
    every 取 in a passage would light up.
    """
    return [
        re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))
        for terms in index.highlight_terms(q)
        if terms
    ]


def hit_snippet(q: str | None, *texts: str | None) -> str | None:
    """A window around the first hit of Q's words in the first of TEXTS that has one.

    Hits sit between HIT marks. Cut from the printed text rather than by FTS5's snippet(),
    which can only show the indexed jieba tokens with spaces between them. Several texts,
    because the index matched a title, a label or a body, and SQL cannot tell which.
    """
    texts_ = [t for t in texts if t]
    for pattern in _hit_patterns(q.strip()) if q else []:
        for text in texts_:
            first = pattern.search(text)
            if first is not None:
                start = max(0, first.start() - SNIPPET_BEFORE)
                end = min(len(text), first.end() + SNIPPET_AFTER)
                window = pattern.sub(lambda m: HIT_START + m.group(0) + HIT_END, text[start:end])
                # 历史风貌|建筑 are two words but one hit to a reader: one mark.
                window = window.replace(HIT_END + HIT_START, "")
                return ("…" if start else "") + window + ("…" if end < len(text) else "")
    if not texts_:
        return None
    width = SNIPPET_BEFORE + SNIPPET_AFTER
    return texts_[0][:width] + ("…" if len(texts_[0]) > width else "")


@hookimpl
def startup(datasette: Any) -> None:
    # jieba loads its dictionary on first use, about a second: pay it before the first
    # visitor's search does.
    index.fts_query("预热")


@hookimpl
def prepare_connection(conn: Any) -> None:
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.create_function("hit_snippet", -1, hit_snippet, deterministic=True)


# trylast: Datasette's own search filter runs first and reports supports_search=False for
# these tables (they have no FTS table of their own); running last lets this answer win.
@hookimpl(trylast=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    config = datasette.plugin_config(PLUGIN, database=database) or {}
    column = (config.get("search_tables") or {}).get(table)
    if column is None:
        return None
    fts = config.get("fts_table", "search_fts")
    search = request.args.get("_search", "")
    context = {"supports_search": True, "search": search}
    if not search.strip():
        return FilterArguments([], extra_context=context)
    where = (
        f"[{column}] in (select [{column}] from [{fts}] where [{fts}] match fts_query(:gazette_q))"
    )
    return FilterArguments(
        [where],
        {"gazette_q": search},
        [f'search matches "{search}"'],
        extra_context=context,
    )


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if datasette.plugin_config(PLUGIN, database=database) is None or table is not None:
        return None  # only the gazette database's query results
    if column == "snippet" and isinstance(value, str):
        text = str(escape(value))
        return Markup(text.replace(HIT_START, "<mark>").replace(HIT_END, "</mark>"))
    if column == "notice_id" and isinstance(value, str):
        url = datasette.urls.row(database, "notices", tilde_encode(value))
        return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')
    return None
