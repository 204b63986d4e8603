"""Damaged PDFs say so: cut short or with a rebuilt xref, each is a diagnostic, not a crash.

Real extraction of the committed sample PDF, cut the way a failed download cuts it.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds

from pipeline.runner import run
from tests.conftest import RAW

PDF = RAW / "pdf" / "luzhou_2024_12_v0.pdf"  # 9 notices


def test_truncated_and_repaired_pdfs_are_diagnostics_and_the_rest_is_read(tmp_path: Path) -> None:
    data = PDF.read_bytes()
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a_whole.pdf").write_bytes(data)
    # Cut at 65 %: MuPDF opens it but cannot count its pages (it raised code=7 outside the try).
    (inputs / "b_cut_early.pdf").write_bytes(data[: int(len(data) * 0.65)])
    # Cut in its last bytes: MuPDF rebuilds the xref and reads every page; the file still lies.
    (inputs / "c_cut_late.pdf").write_bytes(data[: len(data) - 200])
    lines: list[str] = []
    result = run([inputs], tmp_path / "out", on_problem=lines.append)

    assert [f.status for f in result.files] == ["read", "failed", "read"]
    rows = ds.dataset(tmp_path / "out" / "diagnostics").to_table().to_pylist()
    found = sorted((Path(r["source_path"]).name, r["severity"], r["code"]) for r in rows)
    assert found == [
        ("b_cut_early.pdf", "error", "corrupt_pdf"),
        ("c_cut_late.pdf", "warning", "damaged_pdf"),
        ("c_cut_late.pdf", "warning", "damaged_pdf"),
    ]
    (line,) = lines
    assert "b_cut_early.pdf: not a readable PDF: damaged or cut short" in line
    assert "extractor crashed" not in line
    messages = {r["message"] for r in rows if r["code"] == "damaged_pdf"}
    assert any("cut short" in m for m in messages) and any("cross-reference" in m for m in messages)
