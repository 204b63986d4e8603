"""bench/serve.py runs (on the samples, two requests a page) so that it does not rot."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import serve as bench_serve
from tests.test_serve import build_corpus


def test_bench_serve_runs_on_the_samples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = build_corpus(tmp_path / "out").parent
    # Its exit status says whether the page met the budget: timing is the bench's to judge,
    # never a test's (a loaded CI machine is not a slow server).
    bench_serve.main([str(out), "--repeat", "2", "--pages", "30"])
    printed = capsys.readouterr().out
    assert "document page (30 pages)" in printed and "search, status and year filters" in printed
    assert "ms budget" in printed
