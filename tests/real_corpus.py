"""Score the extractor on the corpus of real documents in tests/fixtures/real/.

Each source file there has an answer key beside it, `<file>.key.json`, read by hand from the
document (see tests/fixtures/real/README.md). This module matches the key's documents to the
notices the extractor found and compares field by field. `python -m tests.real_corpus` prints
the score per file and per field; tests/test_real_corpus.py asserts every field.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

REAL = Path(__file__).resolve().parent / "fixtures" / "real"

# Fields a key document may carry, compared with the notice row of the same name.
NOTICE_FIELDS = (
    "doc_number",
    "title",
    "doc_type",
    "issuers",
    "signing_date",
    "effective_date",
    "expiry_date",
    "publication_date",
    "publishing_organ",
    "source_url",
)
DERIVED_FIELDS = ("article_count", "chapters")
# A title that matches no 文号 still names its document when this close to the key's.
TITLE_MATCH_RATIO = 0.8
_SPACE = re.compile(r"\s+")
_CHAPTER_LABEL = re.compile(r"^第[一二三四五六七八九十百零〇两\d]+章\s*")


@dataclass(frozen=True)
class KeyDocument:
    source: Path  # the file the document is printed in
    index: int  # position among the key's documents
    expected: dict

    @property
    def name(self) -> str:
        rel = self.source.relative_to(REAL)
        return f"{rel}#{self.index + 1}"


def key_files() -> list[Path]:
    return sorted(REAL.rglob("*.key.json"))


def source_of(key: Path) -> Path:
    """The document a key is for: `<file>.key.json` beside `<file>`, or beside `<stem>.<ext>`."""
    name = key.name[: -len(".key.json")]
    exact = key.with_name(name)
    if exact.is_file():
        return exact
    siblings = [p for p in key.parent.glob(f"{name}.*") if not p.name.endswith(".json")]
    if len(siblings) != 1:
        raise FileNotFoundError(f"{key}: no single document beside it ({len(siblings)} found)")
    return siblings[0]


def key_documents() -> list[KeyDocument]:
    docs = []
    for key in key_files():
        data = json.loads(key.read_text(encoding="utf-8"))
        for i, expected in enumerate(data.get("documents", [])):
            docs.append(KeyDocument(source_of(key), i, expected))
    return docs


@cache
def extracted(source: Path) -> dict[str, list[dict]]:
    """Every dataset's rows for one source file (cached: a file is read once per run)."""
    from extractors.extract import extract_bytes

    result = extract_bytes(source.read_bytes(), str(source.relative_to(REAL.parent.parent)))
    return result.rows


def _squash(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def match_notice(doc: KeyDocument, rows: dict[str, list[dict]] | None = None) -> dict | None:
    """The notice the key document corresponds to: same 文号, else the closest title (among
    `rows`' notices when given: the rows of another rendering of the document, such as a PDF
    tests/pdfgen_real sets from it)."""
    notices = (rows if rows is not None else extracted(doc.source)).get("notices", [])
    number = doc.expected.get("doc_number")
    if number:
        for notice in notices:
            if _squash(notice.get("doc_number")) == _squash(number):
                return notice
    title = _squash(doc.expected.get("title"))
    best, best_ratio = None, 0.0
    for notice in notices:
        ratio = difflib.SequenceMatcher(None, _squash(notice.get("title")), title).ratio()
        if ratio > best_ratio:
            best, best_ratio = notice, ratio
    return best if best_ratio >= TITLE_MATCH_RATIO else None


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def actual_value(
    doc: KeyDocument, notice: dict, field: str, rows: dict[str, list[dict]] | None = None
):
    """What the extractor gives for one key field, in the key's own terms (from `rows` when
    given, as match_notice)."""
    if field in NOTICE_FIELDS:
        return _iso(notice.get(field))
    rows = rows if rows is not None else extracted(doc.source)
    main_articles = [
        a
        for a in rows.get("articles", [])
        if a["notice_id"] == notice["notice_id"] and a.get("attachment_no") is None
    ]
    if field == "article_count":
        return len(main_articles)
    if field == "chapters":
        # The document's 第X章 as the outline reads them (a 规则 numbers its items 一、 under
        # its chapters, with no 第X条: its chapters have no articles to carry them), in number
        # order, the first printing of each.
        seen: dict[int, str] = {}
        for item in rows.get("outline", []):
            if (
                item["notice_id"] == notice["notice_id"]
                and item.get("attachment_no") is None
                and item["marker_type"] == "第X章"
            ):
                seen.setdefault(item["number"], item.get("heading") or "")
        return [_squash(title) for _, title in sorted(seen.items())]
    raise KeyError(field)


def expected_value(doc: KeyDocument, field: str):
    value = doc.expected.get(field)
    if field == "chapters" and value is not None:
        return [_squash(_CHAPTER_LABEL.sub("", chapter)) for chapter in value]
    return value


def comparable(field: str, value):
    """Lists compare as lists (Arrow gives arrays); everything else, titles' spaces included,
    exactly as the key gives it."""
    if isinstance(value, tuple):
        return list(value)
    return value


def checked_fields(doc: KeyDocument) -> list[str]:
    """Fields the key states (a null is a statement too: "the document gives none")."""
    fields = [f for f in NOTICE_FIELDS if f in doc.expected]
    return fields + [f for f in DERIVED_FIELDS if doc.expected.get(f) is not None]


def score() -> tuple[Counter, Counter, list[str]]:
    right: Counter = Counter()
    total: Counter = Counter()
    misses: list[str] = []
    for doc in key_documents():
        notice = match_notice(doc)
        total["found"] += 1
        if notice is None:
            misses.append(f"{doc.name}: not found ({doc.expected.get('title')})")
            continue
        right["found"] += 1
        for field in checked_fields(doc):
            total[field] += 1
            want = comparable(field, expected_value(doc, field))
            got = comparable(field, actual_value(doc, notice, field))
            if want == got:
                right[field] += 1
            else:
                misses.append(f"{doc.name}: {field}: want {want!r} got {got!r}")
    return right, total, misses


def main() -> int:
    right, total, misses = score()
    for line in misses:
        print(line)
    print()
    for field in ["found", *NOTICE_FIELDS, *DERIVED_FIELDS]:
        if total[field]:
            print(f"{field:18} {right[field]:4} / {total[field]:4}")
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"{'all fields':18} {all_right:4} / {all_total:4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
