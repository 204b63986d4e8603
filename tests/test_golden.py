"""A fresh extraction of the samples matches the reviewed snapshot in tests/golden/."""

from __future__ import annotations

import difflib

import pytest

from schemas import DATASETS
from tests.golden import SAMPLES, snapshot, stored


@pytest.fixture(scope="module")
def fresh() -> dict[str, list[str]]:
    return snapshot()


def test_every_sample_is_in_the_snapshot() -> None:
    # raw/ holds the text dump, the converter Markdown and the generated PDFs.
    assert len(SAMPLES) >= 4
    issues = stored("issues")
    assert issues is not None and len(issues) == len(SAMPLES)


@pytest.mark.parametrize("name", list(DATASETS))
def test_dataset_matches_the_snapshot(fresh: dict[str, list[str]], name: str) -> None:
    want = stored(name)
    if want is None:
        pytest.fail(f"no snapshot of {name}: run `python -m tests.golden update` and review it")
    got = fresh[name]
    if got != want:
        diff = "\n".join(
            list(difflib.unified_diff(want, got, "snapshot", "fresh", lineterm=""))[:40]
        )
        pytest.fail(
            f"{name} drifted from tests/golden/{name}.jsonl; if meant, run "
            f"`python -m tests.golden update` and review the diff:\n{diff}"
        )
