"""Shared helpers for the answer-key tests over the two real gazette issues in raw/.

Every expected value in tests/test_seed_000.py and tests/test_seed_003.py was read by hand
from the raw documents (line numbers are given next to the values); none was copied from the
program's output.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from extractors.extract import extract_bytes

RAW = Path(__file__).resolve().parent.parent / "raw"
SEED_000 = RAW / "000_bbc4044de49a57c2.txt"
SEED_003 = RAW / "003_e888584f49a9a9b6.txt"

# The fields compared per notice, in the order they are reported.
NOTICE_FIELDS = (
    "doc_number",
    "title",
    "doc_type",
    "issuers",
    "section",
    "signing_date",
    "effective_date",
    "validity_months",
    "is_trial",
    "expiry_date",
    "enclosed_title",
)

SECTION_LABELS = ("市政府文件", "市政府办公室文件", "部门文件")

CN_DIGITS = "一二三四五六七八九"


@cache
def extract_rows(path: Path) -> dict[str, list[dict]]:
    """Run the extractor once per source file and cache its rows."""
    return extract_bytes(path.read_bytes(), str(path)).rows


def nospace(s: str | None) -> str:
    """The text with every whitespace character removed (PDF layout puts spaces anywhere)."""
    return re.sub(r"\s+", "", s or "")


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 20 → 二十, 22 → 二十二 (enough for article numbers)."""
    if n < 10:
        return CN_DIGITS[n - 1]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens - 1]
    return head + "十" + (CN_DIGITS[units - 1] if units else "")


def labels(first: int, last: int) -> list[str]:
    """第一条 … 第N条 as printed."""
    return [f"第{cn_number(i)}条" for i in range(first, last + 1)]


def notice_by_doc(rows: dict[str, list[dict]], doc_number: str) -> dict:
    """The notice with this 文号; fails the test (instead of raising) when there is none."""
    found = [n for n in rows["notices"] if n.get("doc_number") == doc_number]
    if not found:
        got = [n.get("doc_number") for n in rows["notices"]]
        pytest.fail(f"no notice with doc_number {doc_number!r}; notices found: {got}")
    assert len(found) == 1, f"{len(found)} notices with doc_number {doc_number!r}"
    return found[0]


def articles_of(rows: dict[str, list[dict]], notice_id: str) -> list[dict]:
    return [a for a in rows["articles"] if a["notice_id"] == notice_id]


def main_articles(rows: dict[str, list[dict]], notice_id: str) -> list[dict]:
    """Articles of the main document (attachment_no None), in article_id order of appearance."""
    return [a for a in articles_of(rows, notice_id) if a.get("attachment_no") is None]


def article(rows: dict[str, list[dict]], notice_id: str, label: str) -> dict:
    found = [a for a in main_articles(rows, notice_id) if a["label"] == label]
    if not found:
        pytest.fail(f"{notice_id}: no main-document article labelled {label}")
    assert len(found) == 1, f"{notice_id}: {len(found)} main-document articles labelled {label}"
    return found[0]


def cited_numbers(rows: dict[str, list[dict]], notice_id: str) -> set[str]:
    return {c["cited_doc_number"] for c in rows["citations"] if c["notice_id"] == notice_id}


def attachment_numbers(rows: dict[str, list[dict]], notice_id: str) -> list[int]:
    return sorted(a["attachment_no"] for a in rows["attachments"] if a["notice_id"] == notice_id)


def check_notice_field(notice: dict, field: str, expected: dict) -> None:
    """Compare one field of a notice with the value read from the document."""
    want = expected[field]
    got = notice.get(field)
    if field == "issuers" and got is not None:
        got = list(got)
    assert got == want, f"{field}: expected {want!r}, got {got!r}"


def section_label_lines(text: str | None) -> list[str]:
    """Lines of a text that are nothing but a gazette section label (`## 部门文件` included)."""
    out = []
    for line in (text or "").splitlines():
        bare = line.strip().lstrip("#").strip()
        if bare in SECTION_LABELS:
            out.append(line)
    return out
