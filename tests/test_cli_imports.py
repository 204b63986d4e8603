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


def test_extracting_a_text_imports_no_pdf_reader_pandas_or_cn2an(tmp_path) -> None:
    # pandas is hidden from pyarrow's first conversion (pipeline/arrow.py); cn2an loads only
    # for a numeral of a hundred or more; the PDF reader only when a PDF comes.
    text = tmp_path / "notice.txt"
    text.write_text(
        "泸州市人民政府\n关于印发《泸州市测试办法》的通知\n泸市府发〔2024〕1号\n各区县人民政府：\n"
        "现将办法印发给你们。\n第十二条 本办法自2024年十二月一日起施行。\n泸州市人民政府\n2024年1月2日\n",
        encoding="utf-8",
    )
    code = (
        "from pipeline.cli import main\n"
        f"try:\n    main(['extract', {str(text)!r}, '--out', {str(tmp_path / 'out')!r}])\n"
        "except SystemExit:\n    pass"
    )
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert (tmp_path / "out" / "notices").is_dir()
    assert {"pyarrow"} <= loaded
    assert not loaded & {"pandas", "cn2an", "pymupdf", "pdfplumber", "duckdb", "datasette"}


def test_the_pdf_reader_loads_no_ocr_engine_until_a_page_needs_it() -> None:
    probe = (
        "import json, sys\nimport extractors.readers.pdf\nprint(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "pymupdf" in loaded
    assert not loaded & {"cv2", "numpy", "rapidocr", "onnxruntime", "pymupdf.layout"}
