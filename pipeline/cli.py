"""`gazette`: the command line, a thin layer over pipeline.runner."""

from __future__ import annotations

import json
import os
import sys
from contextlib import ExitStack, closing
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from extractors.forks import usable_cores
from extractors.metadata.status import STATUSES
from pipeline.search.query import FORMATS as QUERY_FORMATS
from pipeline.search.serve import serve as serve_command
from pipeline.settings import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    import sqlite3

# Every command imports what it needs when it runs, not here: PyMuPDF, spaCy, jieba, DuckDB
# and Datasette take seconds to import together, and `gazette --help` needs none of them.


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gazette")
def main() -> None:
    """Turn Chinese government gazettes (政府公报) into typed Parquet datasets.

    \b
    Examples:
      gazette extract raw/ --out out/
      gazette schema > docs/schema.md
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out",
    "-o",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    metavar="DIR",
    help="Folder to write OUT/<dataset>/<issue_id>.parquet and the catalog into.",
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=0),
    metavar="N",
    default=0,
    show_default=True,
    help="Processes extracting in parallel; 0 means one per CPU. With fewer files than "
    "processes, a long file's pages and notices are shared among them.",
)
@click.option("--force", is_flag=True, help="Re-extract files the catalog says are unchanged.")
@click.option(
    "--prune",
    is_flag=True,
    help="Remove the rows of sources that no longer exist (without it: a warning).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Give up on a file after this long (a diagnostic); 0: no limit.",
)
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="OCR of PDF pages: auto reads the pages that need it (scans, garbage text layers), "
    "always every page, never none (scans are then only reported).",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run on a Dask distributed cluster (tcp://host:8786): its workers read the inputs "
    "and write the issue files into OUT, which they must all see.",
)
def extract(
    paths: tuple[str, ...],
    out_dir: str,
    workers: int,
    force: bool,
    prune: bool,
    timeout: float,
    ocr: str,
    cluster: str | None,
) -> None:
    """Extract gazettes in PATHS into Parquet datasets under OUT.

    Folders are searched recursively, skipping hidden files; only regular files are read, and a
    symlinked folder once. PDFs, plain-text dumps and converter Markdown are told apart by
    content, not by extension. Files that cannot be read do not stop the batch: each becomes a row in the
    `diagnostics` dataset and a `gazette: <path>: <reason>` line on stderr. Files unchanged
    since the last run into the same OUT are skipped. Each issue is committed on its own: an
    interrupted run leaves the issues it finished, and the next run completes the rest. One
    run at a time may write into OUT.

    Exits 1 only when no file at all could be read.

    \b
    Examples:
      gazette extract raw/ --out out/
      gazette extract raw/2024 raw/2023/12.pdf --out out/ --workers 1
      gazette extract raw/ --out out/ --force    # after changing extraction rules
      gazette extract raw/ --out out/ --prune    # forget files deleted from raw/
      gazette extract /shared/raw --out /shared/out --cluster tcp://10.0.0.5:8786
    """
    from pipeline.arrow import arrow_without_pandas
    from pipeline.catalog import CatalogError, safe_path
    from pipeline.runner import run
    from pipeline.summary import render, render_found

    arrow_without_pandas()

    with ExitStack() as stack:
        progress = _Progress(stack) if sys.stderr.isatty() else None
        try:
            result = run(
                paths,
                out_dir,
                workers=workers or usable_cores(),
                force=force,
                prune=prune,
                timeout=timeout or None,
                cluster=cluster,
                ocr=ocr,
                on_progress=progress,
                on_problem=progress.problem if progress else None,
            )
        except CatalogError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            # Disk full, an unwritable folder: what was committed stays; re-run to finish.
            where = f"{safe_path(exc.filename)}: " if isinstance(exc.filename, str) else ""
            raise click.ClickException(
                f"cannot write the output: {where}{exc.strerror or exc}; what was written "
                "before is intact, re-run to finish"
            ) from exc
    if not result.files:
        click.echo("gazette: no input files found", err=True)
    found = render_found(result)
    if found:
        click.echo(found + "\n")
    click.echo(render(result))
    if result.nothing_read:
        sys.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the schemas as JSON instead.")
def schema(as_json: bool) -> None:
    """Print the dataset schemas as Markdown (docs/schema.md), or as JSON.

    \b
    Examples:
      gazette schema > docs/schema.md
      gazette schema --json | jq '.notices.columns[].name'
    """
    if as_json:
        from pipeline.search.export import schemas_json

        click.echo(json.dumps(schemas_json(), ensure_ascii=False, indent=2))
        return
    from schemas import markdown

    click.echo(markdown())


# --- Finding documents: index, search, show, query (issue 5) ---------------------------------

_out_option = click.option(
    "--out",
    "-o",
    "out_dir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=str),
    metavar="DIR",
    help="The corpus: the folder `gazette extract --out` wrote.",
)


def _colour() -> bool:
    """Colour on a terminal only, and never when NO_COLOR is set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _date_option(name: str, help_text: str):  # noqa: ANN202 - a click decorator
    return click.option(
        name, type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD", help=help_text
    )


@main.command("index")
@_out_option
@click.option("--rebuild", is_flag=True, help="Drop the database and build it from scratch.")
def index_command(out_dir: str, rebuild: bool) -> None:
    """Build or update the search database, DIR/gazette.db.

    One SQLite file beside the Parquet datasets: what `search`, `show` and `serve` read.
    Only issues whose Parquet files changed are re-read and issues whose files are gone are
    removed; with nothing changed nothing is written. One transaction per run: a crash leaves
    the previous database as it was.

    \b
    Examples:
      gazette index --out out/
      gazette index --out out/ --rebuild
    """
    from pipeline.search import index as gazette_index

    try:
        report = gazette_index.build_index(out_dir, rebuild=rebuild)
    except gazette_index.IndexBuildError as exc:
        raise click.ClickException(str(exc)) from exc
    for warning in report.warnings:
        click.echo(f"gazette: index: {warning}", err=True)
    click.echo(gazette_index.describe(report))


@main.command()
@click.argument("words", nargs=-1, required=True)
@_out_option
@click.option("--year", type=int, metavar="YEAR", help="Only notices in issues of this year.")
@click.option("--issuer", metavar="TEXT", help="Only notices with an issuer containing TEXT.")
@click.option("--doc-type", metavar="TYPE", help="Only this 公文种类: 通知, 通报, 意见 …")
@click.option(
    "--in-force-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Only documents in force that day (现行有效 or 已修改: in effect, not expired, "
    "repealed or replaced).",
)
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    help="Only documents of this status (on --status-on, else today).",
)
@click.option(
    "--status-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The day --status is judged on (default: today).",
)
@click.option("--section", metavar="TEXT", help="Only notices of this gazette section.")
@_date_option("--signed-from", "Only documents signed on or after this day.")
@_date_option("--signed-to", "Only documents signed on or before this day.")
@_date_option("--effective-from", "Only documents effective on or after this day.")
@_date_option("--effective-to", "Only documents effective on or before this day.")
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    metavar="N",
    help="Notices to list.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead.")
def search(
    words: tuple[str, ...],
    out_dir: str,
    year: int | None,
    issuer: str | None,
    doc_type: str | None,
    in_force_on: datetime | None,
    status: str | None,
    status_on: datetime | None,
    section: str | None,
    signed_from: datetime | None,
    signed_to: datetime | None,
    effective_from: datetime | None,
    effective_to: datetime | None,
    limit: int,
    as_json: bool,
) -> None:
    """Search the full text; one hit per document (its canonical copy), best first.

    Notices, their articles and their attachments are searched.
    Words are cut with jieba, as the index was; every word must match, `a OR b` either of
    them, `NOT a` or `-a` none (-a inside quotes or after --, or it reads as an option); a
    "quoted phrase" must be printed as typed. Titles weigh more than bodies. Each hit shows the notice, its 文号 and signing date, the article or attachment
    that matched best, and a snippet of the original text with the words in 【】 (in colour on
    a terminal; wrapped in <mark></mark>, HTML-escaped, with --json).

    \b
    Examples:
      gazette search 历史风貌建筑
      gazette search 医疗服务 价格 --issuer 医疗保障局 --in-force-on 2025-06-01
      gazette search 检查 --doc-type 通报 --year 2024 --json
      gazette search 管理办法 --status 已废止 --status-on 2026-01-01
      gazette search '"历史风貌建筑"' OR 文物 NOT 拆除 --signed-from 2024-01-01
    """
    from pipeline.search import fulltext
    from pipeline.search.tokens import query_words

    query = " ".join(words)
    if not query_words(query):
        raise click.UsageError(f"nothing to search for in {query!r}: it has no words")
    filters = fulltext.Filters(
        year=year,
        issuer=issuer,
        doc_type=doc_type,
        in_force_on=in_force_on.date() if in_force_on else None,
        status=status,
        status_on=status_on.date() if status_on else None,
        section=section,
        signed_from=signed_from.date() if signed_from else None,
        signed_to=signed_to.date() if signed_to else None,
        effective_from=effective_from.date() if effective_from else None,
        effective_to=effective_to.date() if effective_to else None,
    )
    with closing(_open_index(out_dir)) as con:
        hits = fulltext.search(con, query, filters, limit)
    if as_json:
        click.echo(json.dumps([h.as_json() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no notice matches", err=True)
        return
    start, end = ("\x1b[1;31m", "\x1b[0m") if _colour() else ("【", "】")
    for rank, hit in enumerate(hits, 1):
        attachment = f"附件{hit.attachment_no}" if hit.attachment_no is not None else None
        where = " ".join(filter(None, [attachment, hit.article])) or None
        more = f"{hit.matches} matches" if hit.matches > 1 else None
        facts = [hit.doc_number, hit.signing_date, where, more, hit.notice_id]
        click.echo(f"{rank:>2}. {hit.title}")
        click.echo(f"    {' · '.join(f for f in facts if f)}")
        click.echo(f"    {hit.snippet.marked(start, end)}")


@main.command()
@click.argument("ref", nargs=-1, required=True)
@_out_option
@click.option("--text", "full_text", is_flag=True, help="Print the whole text, not articles.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of the documents.")
def show(ref: tuple[str, ...], out_dir: str, full_text: bool, as_json: bool) -> None:
    """Print notices: metadata, articles, attachments, citations, status, sources.

    Each REF is a 文号 (any brackets: 〔〕 [] 【】 ()) or a notice_id; several REFs show
    several documents, one after the other. A 文号 typed with spaces in it is also tried
    whole.

    \b
    Examples:
      gazette show 泸市府办规〔2024〕7号
      gazette show '泸市府办规[2024]7号' --out out/
      gazette show 10f2229f33d80d52-n001 --text
      gazette show 泸市府办规〔2024〕7号 泸市卫规〔2024〕1号 --json
    """
    from dataclasses import asdict

    from pipeline.search import document
    from pipeline.search import show as gazette_show

    with closing(_open_index(out_dir)) as con:
        lookups = [gazette_show.find_notice(con, r) for r in ref]
        missing = [r for r, f in zip(ref, lookups, strict=True) if not f.found]
        if missing and len(ref) > 1:
            whole = gazette_show.find_notice(con, "".join(ref))
            if whole.found:
                lookups, missing = [whole], []
        if missing:
            raise click.ClickException(
                f"no notice with the 文号 or id {missing[0]!r}; try `gazette search`"
            )
        if as_json:
            docs = [asdict(document.load(con, f.notice_ids[0])) for f in lookups]
            click.echo(json.dumps(docs, ensure_ascii=False, indent=2))
            return
        texts = []
        for found in lookups:
            first, *others = found.notice_ids
            texts.append(gazette_show.render(con, first, full_text=full_text, also=others))
        click.echo("\n\n".join(texts))


@main.command()
@click.argument("sql")
@_out_option
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="How to print the result.",
)
def query(sql: str, out_dir: str, fmt: str) -> None:
    """Run SQL (DuckDB) over the Parquet datasets, read-only.

    SQL is the query itself, the path of a file holding it, or - to read it from stdin.
    Each dataset is a view named after it: issues, notices, articles, attachments, citations,
    toc_entries, tables, price_items, diagnostics …, every dataset folder in DIR, and the
    corpus views documents, links, document_copies, document_dates. No index needed. Only
    statements that read run: COPY, CREATE, ATTACH, SET … are refused (`gazette export`
    writes files).

    \b
    Examples:
      gazette query "select doc_type, count(*) from notices group by 1"
      gazette query "select doc_number, expiry_date from notices where is_normative" -f csv
      gazette query report.sql -f markdown
      echo "select count(*) from documents" | gazette query - -f json
    """
    import duckdb

    from pipeline.search import query as gazette_query

    if sql == "-":
        sql = sys.stdin.read()
    elif os.path.isfile(sql):
        with open(sql, encoding="utf-8") as f:
            sql = f.read()
    if not gazette_query.datasets(out_dir):
        raise _QueryError(f"no datasets in {out_dir}: run `gazette extract` first")
    try:
        result = gazette_query.run_query(out_dir, sql)
    except gazette_query.QueryInvalid as exc:
        raise _QueryError(str(exc), exit_code=2) from exc
    except gazette_query.QueryRefused as exc:
        raise _QueryError(str(exc)) from exc
    except duckdb.Error as exc:
        raise _QueryError(" ".join(str(exc).split())) from exc
    click.echo(gazette_query.render(result, fmt))


class _QueryError(click.ClickException):
    """`gazette: query: <reason>` on stderr. Exit status 2 when there is no statement to run
    (empty, blank, does not parse: a usage error, as Click's), 1 when one was refused or failed."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: object = None) -> None:
        click.echo(f"gazette: query: {self.format_message()}", err=True)


@main.command()
@click.argument("dataset")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@_out_option
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["csv", "xlsx"]),
    help="File format (default: from PATH's suffix).",
)
def export(dataset: str, path: Path, out_dir: str, fmt: str | None) -> None:
    """Write one dataset to PATH as CSV (UTF-8 with a BOM) or .xlsx, for spreadsheets.

    \b
    Examples:
      gazette export price_items prices.xlsx
      gazette export notices notices.csv --out out/
    """
    from pipeline.search.export import ExportError
    from pipeline.search.export import export as export_dataset

    try:
        rows = export_dataset(out_dir, dataset, path, fmt)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{dataset}: {rows} rows written to {path}", err=True)


def _open_index(out_dir: str) -> sqlite3.Connection:
    """The index, read-only; missing is an error, stale a warning (old results beat none)."""
    from pipeline.search.database import index_status, open_index

    status = index_status(out_dir)
    if status.state == "missing":
        raise click.ClickException(status.message)
    if status.state == "stale":
        click.echo(f"gazette: {status.message}", err=True)
    return open_index(out_dir)


class _Progress:
    """A progress bar on stderr, opened at the first file, once the total is known."""

    def __init__(self, stack: ExitStack) -> None:
        self._stack = stack
        self._bar = None

    def __call__(self, done: int, total: int, path: str) -> None:
        if self._bar is None:
            bar = click.progressbar(length=total, label="extracting", file=sys.stderr)
            self._bar = self._stack.enter_context(bar)
        self._bar.update(1)

    def problem(self, line: str) -> None:
        # Wipe the bar's line first, or the message is glued to it; the bar redraws below.
        prefix = "\r\x1b[K" if self._bar is not None else ""
        click.echo(prefix + line, err=True)


main.add_command(serve_command, name="serve")
