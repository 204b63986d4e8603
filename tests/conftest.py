"""Shared fixtures: where the real samples are, and a fresh output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

RAW = Path(__file__).resolve().parent.parent / "raw"
RAW_TEXT = RAW / "000_bbc4044de49a57c2.txt"  # plain-text dump
RAW_MARKDOWN = RAW / "003_e888584f49a9a9b6.txt"  # converter Markdown


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An output folder that does not exist yet, as on a first run."""
    return tmp_path / "out"
