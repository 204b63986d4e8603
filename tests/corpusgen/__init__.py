"""A generated multi-year corpus: many issues where later documents repeal, amend and replace
earlier ones, each document's expected status known by construction.

`write_corpus(folder)` writes every issue as a text dump and every MARKDOWN_EVERY-th issue
also as converter Markdown (the same issue from two sources), and returns the history.
`python -m tests.corpusgen OUT` writes it to a folder.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpusgen.render import markdown, text_dump
from tests.corpusgen.scenario import Doc, Fate, Issue, build_history

FIRST_YEAR = 2019
YEARS = 6
MARKDOWN_EVERY = 3

__all__ = ["Doc", "Fate", "Issue", "build_history", "write_corpus"]


def write_corpus(
    folder: Path, first_year: int = FIRST_YEAR, years: int = YEARS, seed: int = 14
) -> list[Issue]:
    folder.mkdir(parents=True, exist_ok=True)
    issues = build_history(first_year, years, seed)
    for k, issue in enumerate(issues):
        stem = f"luzhou_{issue.year}_{issue.number:02d}"
        (folder / f"{stem}.txt").write_text(text_dump(issue), encoding="utf-8")
        if k % MARKDOWN_EVERY == 0:
            (folder / f"{stem}.md").write_text(markdown(issue), encoding="utf-8")
    return issues
