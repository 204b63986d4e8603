"""`gazette`: the command line, a thin layer over pipeline.runner."""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack

import click

from pipeline.runner import run
from pipeline.summary import render, render_found
from pipeline.writer import ManifestError
from schemas import markdown


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
    help="Folder to write OUT/<dataset>/<issue_id>.parquet and OUT/_manifest.json into.",
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=0),
    metavar="N",
    default=1,
    show_default=True,
    help="Processes extracting in parallel; 0 means one per CPU.",
)
@click.option("--force", is_flag=True, help="Re-extract files the manifest says are unchanged.")
def extract(paths: tuple[str, ...], out_dir: str, workers: int, force: bool) -> None:
    """Extract gazettes in PATHS into Parquet datasets under OUT.

    Folders are searched recursively, skipping hidden files. PDFs, plain-text dumps and converter Markdown are told apart by content, not by
    extension. Files that cannot be read do not stop the batch: each becomes a row in the
    `diagnostics` dataset and a `gazette: <path>: <reason>` line on stderr. Files unchanged
    since the last run into the same OUT are skipped.

    Exits 1 only when no file at all could be read.

    \b
    Examples:
      gazette extract raw/ --out out/
      gazette extract raw/2024 raw/2023/12.pdf --out out/ --workers 4
      gazette extract raw/ --out out/ --force    # after changing extraction rules
    """
    with ExitStack() as stack:
        progress = _Progress(stack) if sys.stderr.isatty() else None
        try:
            result = run(
                paths,
                out_dir,
                workers=workers or os.cpu_count() or 1,
                force=force,
                on_progress=progress,
                on_problem=progress.problem if progress else None,
            )
        except ManifestError as exc:
            raise click.ClickException(str(exc)) from exc
    if not result.files:
        click.echo("gazette: no input files found", err=True)
    found = render_found(result)
    if found:
        click.echo(found + "\n")
    click.echo(render(result))
    if result.nothing_read:
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the dataset schemas as Markdown (docs/schema.md).

    \b
    Example:
      gazette schema > docs/schema.md
    """
    click.echo(markdown())


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
