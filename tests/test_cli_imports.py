"""`gazette` starts fast: each command imports the heavy libraries it needs, and only those.

A property of the import graph, checked in a fresh interpreter, not a timing.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pymupdf", "fitz", "spacy", "jieba", "datasette", "duckdb", "uvicorn", "pyarrow")


def _imported_after(code: str) -> set[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    return {name for name in HEAVY if name in loaded}


def test_importing_the_cli_imports_no_heavy_library() -> None:
    assert _imported_after("import pipeline.cli") == set()


@pytest.mark.parametrize(
    ("module", "allowed"),
    [
        # `gazette search` / `show`: jieba to cut the query; no pyarrow, DuckDB, PDF or NLP.
        ("pipeline.search.fulltext, pipeline.search.database, pipeline.search.show", {"jieba"}),
        ("pipeline.search.query", set()),  # DuckDB is imported when a query runs
    ],
)
def test_search_commands_import_only_what_they_need(module: str, allowed: set[str]) -> None:
    assert _imported_after(f"import {module}") <= allowed
