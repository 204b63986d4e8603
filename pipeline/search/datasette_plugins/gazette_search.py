"""Datasette plugin: full-text search that works on the jieba-tokenised gazette.db.

Datasette hands a search box's words straight to FTS5 MATCH. The index holds Chinese text as
jieba tokens separated by spaces, so 历史风貌建筑 typed as is matches nothing: the words must
be split the way the index split them. This plugin

- registers the SQL functions the one search query calls (pipeline.search.fulltext):
  `fts_query(q)`, which does that split and returns a safe MATCH expression, and
  `hit_snippet(q, text, …)`, the passage around the first hit, the same one `gazette search`
  prints; the `search` canned query is that search SQL;
- answers the `_search` box of the tables named in its configuration (notices, notices_view,
  articles) through that function instead of Datasette's own escaping.

Snippets and notice-id links are drawn by gazette_pages.py's render_cell.

Loaded from this directory with `--plugins-dir` (pipeline/search/serve.py does so); configured by
the metadata that pipeline/search/datasette_metadata.py generates, under plugins → gazette-search.
"""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments

from pipeline.search.datasette_metadata import PLUGIN
from pipeline.search.fulltext import fts_query, register_functions


@hookimpl
def startup(datasette: Any) -> None:
    # jieba loads its dictionary on first use, about a second: pay it before the first
    # visitor's search does.
    fts_query("预热")


@hookimpl
def prepare_connection(conn: Any) -> None:
    register_functions(conn)


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
