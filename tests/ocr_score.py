"""Score a scan's extract against the born-digital extract of the same PDF, field by field.

    python -m tests.ocr_score [--story] [--variant N ...] [--issue luzhou_2024_09_10 ...]

A scan is made of the PDF (tests/scangen), both are extracted, and every field the
born-digital path gives is looked for in the scan's rows:
  notices      each born-digital notice found (matched by title, else by order)
  文号          doc_number equal
  titles       title equal
  dates        signing, effective and expiry dates equal (where the born-digital one has one)
  articles     each (notice, 第X条) found with its text (whitespace aside) ≥ 0.95 alike
  table cells  each typed record (pollutant values, prices, land prices) equal, and each
               table cell's text equal
The score is fields found / fields given. Prints per-category scores.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

ARTICLE_LIKENESS = 0.95
DATE_FIELDS = ("signing_date", "effective_date", "expiry_date")
TYPED = ("pollutant_concentrations", "price_items", "land_price_standards")
_IDS = ("table_id", "issue_id", "notice_id", "source_sha256", "extractor_version", "text_source")


@dataclass
class Score:
    found: dict[str, int] = field(default_factory=dict)
    given: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def add(self, category: str, ok: bool, what: str = "") -> None:
        self.given[category] = self.given.get(category, 0) + 1
        self.found[category] = self.found.get(category, 0) + int(ok)
        if not ok:
            self.misses.append(f"{category}: {what}")

    @property
    def total(self) -> float:
        given = sum(self.given.values())
        return sum(self.found.values()) / given if given else 1.0

    def report(self) -> str:
        parts = [f"{c} {self.found[c]}/{self.given[c]}" for c in self.given]
        return f"score {self.total:.3f}  (" + ", ".join(parts) + ")"


def _flat(text: str | None) -> str:
    return "".join((text or "").split())


def _alike(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_notices(born: list[dict], scan: list[dict]) -> dict[str, dict]:
    """born notice_id → the scan notice that is the same document: best title likeness, in
    order (each scan notice used once)."""
    matched: dict[str, dict] = {}
    used: set[str] = set()
    for notice in born:
        candidates = [n for n in scan if n["notice_id"] not in used]
        if not candidates:
            break
        best = max(candidates, key=lambda n: _alike(_flat(notice["title"]), _flat(n["title"])))
        if _alike(_flat(notice["title"]), _flat(best["title"])) >= 0.6:
            matched[notice["notice_id"]] = best
            used.add(best["notice_id"])
    return matched


def score(born: dict, scan: dict) -> Score:
    s = Score()
    matched = match_notices(born["notices"], scan["notices"])
    for notice in born["notices"]:
        other = matched.get(notice["notice_id"])
        title = notice["title"]
        s.add("notices", other is not None, title)
        other = other or {}
        if notice.get("doc_number"):
            s.add("文号", other.get("doc_number") == notice["doc_number"], notice["doc_number"])
        s.add("titles", _flat(other.get("title")) == _flat(title), title)
        for name in DATE_FIELDS:
            if notice.get(name) is not None:
                s.add("dates", other.get(name) == notice[name], f"{title} {name}")
    _score_articles(s, born, scan, matched)
    for dataset in TYPED:
        want = [_strip(r) for r in born.get(dataset, [])]
        have = [_strip(r) for r in scan.get(dataset, [])]
        for record in want:
            hit = record in have
            if hit:
                have.remove(record)
            s.add("table cells", hit, f"{dataset} {record}")
    _score_cells(s, born, scan)
    return s


def _strip(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in _IDS}


def _score_articles(s: Score, born: dict, scan: dict, matched: dict[str, dict]) -> None:
    by_notice: dict[str, list[dict]] = {}
    for article in scan["articles"]:
        by_notice.setdefault(article["notice_id"], []).append(article)
    for article in born["articles"]:
        other = matched.get(article["notice_id"])
        texts = [
            _flat(a["text"])
            for a in by_notice.get(other["notice_id"] if other else "", [])
            if a["label"] == article["label"]
            and a.get("attachment_no") == article.get("attachment_no")
        ]
        want = _flat(article["text"])
        ok = any(_alike(want, t) >= ARTICLE_LIKENESS for t in texts)
        s.add("articles", ok, f"{article['label']} {want[:20]}")


def _score_cells(s: Score, born: dict, scan: dict) -> None:
    """Table cells by (page the table starts on, its order there, row, col): a table the scan
    split or merged differently costs its own cells, not every later table's."""

    def cells(rows: dict) -> dict[tuple, str]:
        place: dict[str, tuple[int, int]] = {}
        seen: dict[int, int] = {}
        for t in rows.get("tables", []):
            k = seen[t["page_start"]] = seen.get(t["page_start"], -1) + 1
            place[t["table_id"]] = (t["page_start"], k)
        return {
            (*place[c["table_id"]], c["row"], c["col"]): _flat(c["text"])
            for c in rows.get("table_cells", [])
        }

    have = cells(scan)
    for key, text in cells(born).items():
        s.add("table cells", have.get(key) == text, f"cell {key} {text[:16]}")


def scan_and_score(pdf: bytes, name: str, **scan_options) -> tuple[Score, float]:
    from extractors.extract import extract_bytes
    from tests.scangen import ScanSettings, scan_pdf

    born = extract_bytes(pdf, f"{name}.pdf").rows
    scanned = scan_pdf(pdf, ScanSettings(**scan_options))
    start = time.perf_counter()
    result = extract_bytes(scanned, f"{name}.scan.pdf")
    return score(born, result.rows), time.perf_counter() - start


def _sources(args: argparse.Namespace) -> Iterable[tuple[str, bytes]]:
    from tests.pdfgen import build_issue_pdf, load_content, variant
    from tests.pdfgen_story import build_issue_pdf as build_story

    for issue in args.issue:
        if args.story:
            yield f"{issue}_story", build_story(load_content(issue))
        for n in args.variant:
            yield f"{issue}_v{n}", build_issue_pdf(load_content(issue), variant(n))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.ocr_score", description=__doc__)
    ap.add_argument("--story", action="store_true", help="the held-out Story generator")
    ap.add_argument("--variant", type=int, action="append", default=[])
    ap.add_argument("--issue", action="append", default=[])
    ap.add_argument("--misses", action="store_true", help="list what was not found")
    args = ap.parse_args(argv)
    args.issue = args.issue or ["luzhou_2024_09_10", "luzhou_2024_12"]
    for name, pdf in _sources(args):
        result, seconds = scan_and_score(pdf, name)
        print(f"{name:28s} {result.report()}  {seconds:.0f} s")
        if args.misses:
            for miss in result.misses:
                print("   ", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
