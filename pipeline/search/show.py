"""`gazette show`: one notice, readable in a terminal, from `OUT/gazette.db`.

The notice is found by its notice_id or its 文号, written with any brackets ([] 【】 () …).
Printed: the metadata, the articles grouped by chapter (or the body text when the document
has no articles), the attachments with their own articles, the documents it cites and the
documents in the corpus that cite it, its status today with the events behind it, and the
sources it was read from (each document once: pipeline.corpus). Plain text only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extractors.metadata.docnumber import normalize_brackets, parse_doc_number

INDENT = "  "
RULE_WIDTH = 40
_DIGITS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Lookup:
    notice_ids: list[str]  # every notice the reference names, the one to show first

    @property
    def found(self) -> bool:
        return bool(self.notice_ids)


def find_notice(con: sqlite3.Connection, ref: str) -> Lookup:
    """Notices named by a notice_id or a 文号; a 文号 reprinted in several issues names several."""
    ref = "".join(ref.split())
    row = con.execute("SELECT notice_id FROM notices WHERE notice_id = ?", (ref,)).fetchone()
    if row:
        return Lookup([row[0]])
    parsed = parse_doc_number(ref)
    # 令/公告 numbers (第5号) are stored as printed, so they are looked up as given.
    number = parsed.text if parsed else normalize_brackets(ref)
    # The canonical copy first (pipeline.corpus): a 文号 names one document, read from sources.
    rows = con.execute(
        "SELECT n.notice_id FROM notices n JOIN issues i USING (issue_id)"
        " LEFT JOIN document_copies c ON c.notice_id = n.notice_id WHERE n.doc_number = ?"
        " ORDER BY coalesce(c.copy_rank, 1), i.year, i.total_issue_no, n.notice_id",
        (number,),
    ).fetchall()
    return Lookup([r[0] for r in rows])


def render(
    con: sqlite3.Connection, notice_id: str, *, full_text: bool = False, also: Sequence[str] = ()
) -> str:
    """The notice as text; `full_text` prints the body and attachment texts, not articles.

    `also` lists other notices with the same 文号; copies of this same document among them are
    listed under Sources instead.
    """
    lines = list(_render(con, notice_id, full_text))
    copies = {r[0] for r in _copies(con, notice_id)}
    also = [n for n in also if n not in copies]
    if also:
        lines += [*_section("Same number in other issues"), *(INDENT + n for n in also)]
    return "\n".join(lines)


def _render(con: sqlite3.Connection, notice_id: str, full_text: bool) -> Iterator[str]:
    notice = con.execute(
        "SELECT n.*, i.gazette_name, i.year AS issue_year, i.issue_label, i.source_path"
        " FROM notices_view n JOIN issues i USING (issue_id) WHERE n.notice_id = ?",
        (notice_id,),
    ).fetchone()
    yield notice["title"]
    yield "=" * RULE_WIDTH
    yield from _metadata(notice)
    articles = con.execute(
        "SELECT * FROM articles WHERE notice_id = ? ORDER BY coalesce(attachment_no, 0), rowid",
        (notice_id,),
    ).fetchall()
    main_articles = [a for a in articles if a["attachment_no"] is None]
    if full_text or not main_articles:
        yield from _section("Text")
        yield from _text_lines(notice["text"] or "", INDENT)
    else:
        # The cover letter before 第一条 (to whom, 印发, signature) is in no article.
        preamble = _before_first_article(notice["text"] or "", main_articles[0]["label"])
        if preamble:
            yield from _section("Text")
            yield from _text_lines(preamble, INDENT)
        yield from _section("Articles")
        yield from _articles(main_articles)
    yield from _attachments(con, notice_id, articles, full_text)
    yield from _status(con, notice)
    yield from _citations(con, notice_id)
    yield from _cited_by(con, notice)
    yield from _sources(con, notice_id)


def _metadata(n: sqlite3.Row) -> Iterator[str]:
    kind = " · ".join(filter(None, [n["doc_type"], "规范性文件" if n["is_normative"] else None]))
    effective = n["effective_date"]
    if effective and n["effective_text"]:
        effective = f"{effective}  ({n['effective_text']})"
    validity = None
    if n["validity_months"]:
        validity = f"{n['validity_months']} months" + (" (试行期)" if n["is_trial"] else "")
    issue = f"{n['gazette_name'] or 'gazette'} {n['issue_year'] or ''}年第{n['issue_label']}期"
    pages = f"p. {n['page_start']}" + (
        f"–{n['page_end']}" if n["page_end"] != n["page_start"] else ""
    )
    fields = [
        ("number", n["doc_number"]),
        ("type", kind),
        ("issuers", _joined(n["issuers"])),
        ("to", _joined(n["addressees"])),
        ("signed", n["signing_date"]),
        ("effective", effective),
        ("validity", validity),
        ("expires", n["expiry_date"]),
        ("status", f"{n['status']} (today)" if n["status"] else None),
        ("printed in", f"{issue} · {pages} · {n['section'] or ''}".rstrip(" ·")),
        ("notice id", n["notice_id"]),
        ("source", n["source_path"]),
    ]
    width = max(len(label) for label, _ in fields)
    for label, value in fields:
        if value:
            yield f"{label.ljust(width)}  {value}"


def _articles(articles: list[sqlite3.Row], indent: str = "") -> Iterator[str]:
    chapter = section = None
    for a in articles:
        if a["chapter_no"] != chapter:
            chapter, section = a["chapter_no"], None
            if chapter is not None:
                yield ""
                yield f"{indent}第{cn_number(chapter)}章 {a['chapter_title'] or ''}".rstrip()
        if a["section_no"] != section:
            section = a["section_no"]
            if section is not None:
                yield f"{indent}第{cn_number(section)}节 {a['section_title'] or ''}".rstrip()
        lines = (a["text"] or "").split("\n")
        yield f"{indent}{INDENT}{a['label']} {lines[0]}"
        for line in lines[1:]:
            yield f"{indent}{INDENT * 2}{line}"


def _attachments(
    con: sqlite3.Connection, notice_id: str, articles: list[sqlite3.Row], full_text: bool
) -> Iterator[str]:
    rows = con.execute(
        "SELECT * FROM attachments WHERE notice_id = ? ORDER BY attachment_no", (notice_id,)
    ).fetchall()
    if not rows:
        return
    yield from _section("Attachments")
    for att in rows:
        pages = f"p. {att['page_start']}" + (
            f"–{att['page_end']}" if att["page_end"] != att["page_start"] else ""
        )
        yield f"附件{att['attachment_no']} {att['title'] or ''}  ({pages})"
        if full_text:
            yield from _text_lines(att["text"] or "", INDENT)
            continue
        own = [a for a in articles if a["attachment_no"] == att["attachment_no"]]
        yield from _articles(own, INDENT)


def _citations(con: sqlite3.Connection, notice_id: str) -> Iterator[str]:
    rows = con.execute(
        "SELECT c.*, coalesce(c.cited_notice_id, ("
        "  SELECT min(notice_id) FROM notices WHERE doc_number = c.cited_doc_number"
        ")) AS found FROM citations c WHERE c.notice_id = ? ORDER BY c.seq",
        (notice_id,),
    ).fetchall()
    if not rows:
        return
    yield from _section("Cites")
    for c in rows:
        title = f"《{c['cited_title']}》" if c["cited_title"] else ""
        where = f"  → {c['found']}" if c["found"] else ""
        at = f"  (附件{c['attachment_no']})" if c["attachment_no"] is not None else ""
        yield f"{INDENT}{c['seq']}. {c['cited_doc_number']} {title}{at}{where}".rstrip()


def _cited_by(con: sqlite3.Connection, notice: sqlite3.Row) -> Iterator[str]:
    rows = con.execute(
        "SELECT DISTINCT n.notice_id, n.doc_number, n.title FROM citations c"
        " JOIN notices n ON n.notice_id = c.notice_id"
        " WHERE (c.cited_notice_id = ? OR c.cited_doc_number = ?) AND c.notice_id != ?"
        " ORDER BY n.signing_date, n.notice_id",
        (notice["notice_id"], notice["doc_number"], notice["notice_id"]),
    ).fetchall()
    if not rows:
        return
    yield from _section("Cited by")
    for r in rows:
        yield f"{INDENT}{r['doc_number'] or r['notice_id']} {r['title']}"


def _status(con: sqlite3.Connection, notice: sqlite3.Row) -> Iterator[str]:
    """What the document says of its own status, and what other documents did to it."""
    own = con.execute(
        "SELECT event, subject, event_date, cited_doc_number, cited_title FROM status_events"
        " WHERE notice_id = ? ORDER BY seq",
        (notice["notice_id"],),
    ).fetchall()
    done_to = con.execute(
        "SELECT l.relation, l.event_date, n.doc_number, n.title FROM links l"
        " JOIN document_copies c ON c.document_id = l.from_document_id AND c.is_canonical"
        " JOIN notices n ON n.notice_id = c.notice_id"
        " WHERE l.to_document_id = ? AND l.relation <> 'cites'"
        " ORDER BY l.event_date, n.notice_id",
        (notice["document_id"] or notice["notice_id"],),
    ).fetchall()
    if not own and not done_to:
        return
    yield from _section("Status")
    for e in own:
        cited = " ".join(
            filter(
                None,
                [e["cited_doc_number"], f"《{e['cited_title']}》" if e["cited_title"] else None],
            )
        )
        yield f"{INDENT}{e['event_date'] or '(no date)'}  {e['event']} {cited}".rstrip()
    for r in done_to:
        by = r["doc_number"] or r["title"]
        yield f"{INDENT}{r['event_date'] or '(no date)'}  {_DONE_TO.get(r['relation'], r['relation'])} {by}"


# A link seen from the document it names.
_DONE_TO = {"repeals": "repealed by", "amends": "amended by", "replaces": "replaced by"}


def _copies(con: sqlite3.Connection, notice_id: str) -> list[sqlite3.Row]:
    return con.execute(
        "SELECT c.notice_id, c.is_canonical, c.source_format, i.source_path FROM document_copies c"
        " JOIN issues i ON i.issue_id = c.issue_id WHERE c.document_id ="
        " (SELECT document_id FROM document_copies WHERE notice_id = ?) ORDER BY c.copy_rank",
        (notice_id,),
    ).fetchall()


def _sources(con: sqlite3.Connection, notice_id: str) -> Iterator[str]:
    """Every source the document was read from, the canonical copy marked."""
    copies = _copies(con, notice_id)
    if len(copies) < 2:
        return
    yield from _section("Sources")
    for c in copies:
        mark = "canonical" if c["is_canonical"] else "copy"
        yield f"{INDENT}{mark:<9}  {c['source_format']:<8}  {c['source_path']}  {c['notice_id']}"


def _section(name: str) -> Iterator[str]:
    yield ""
    yield f"── {name} " + "─" * max(0, RULE_WIDTH - len(name) - 4)


def _before_first_article(text: str, label: str) -> str:
    for n, line in enumerate(text.split("\n")):
        if line.startswith(label):
            return "\n".join(text.split("\n")[:n]).strip()
    return ""


def _text_lines(text: str, indent: str) -> Iterator[str]:
    for line in text.split("\n"):
        yield f"{indent}{line}" if line else ""


def _joined(value: str | None) -> str | None:
    # List columns are JSON arrays in the database.
    return "、".join(json.loads(value)) if value else None


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 23 → 二十三, 105 → 一百零五 (chapter and section numbers)."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + cn_number(rest) if rest < 10 else cn_number(rest))
    if 10 <= rest < 20:
        tail = "一" + tail  # 一百一十五, not 一百十五
    return _DIGITS[n // 100] + "百" + tail
