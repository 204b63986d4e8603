"""One document as the browser's document page shows it, read from `OUT/gazette.db`.

Plain data for the template (document.html): the metadata, the body as paragraphs, the
articles under their chapters (each with the anchor `#第十一条`; in an attachment
`#附件1-第三条`), the attachments, the tables as rows of cells with their spans, what the
document cites, who cites, repeals or amends it, the sources it was read from and the printed
pages a PDF copy holds. The queries are `show.py`'s (one home for each): this module only
shapes their rows for HTML.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from extractors.metadata.dates import is_date_line
from extractors.metadata.organs.names import is_org_name
from extractors.textnorm import compact
from pipeline.search import show
from pipeline.search.show import cn_number

# A link seen from the document it names (show.py's words, in the page's Chinese).
DONE_TO = {"repeals": "被废止", "amends": "被修改", "replaces": "被替代"}
EVENTS = {
    "takes_effect": "施行",
    "expires": "失效",
    "repealed_by": "废止",
    "amended_by": "修改",
    "replaces": "替代",
}


@dataclass
class Article:
    anchor: str
    label: str
    paragraphs: list[str]
    page: int | None


@dataclass
class Chapter:
    heading: str | None  # 第二章 审批流程; None before the first chapter
    sections: list[tuple[str | None, list[Article]]] = field(default_factory=list)


@dataclass
class Table:
    table_id: str
    caption: str | None
    kind: str | None
    pages: str
    header: list[list[dict]]  # rows of cells: text, rowspan, colspan
    body: list[list[dict]]


@dataclass
class Paragraph:
    text: str
    kind: str = ""  # "signature" (set right, as printed), "heading" (an enclosed rule's title)


@dataclass
class Part:
    """The main text or one attachment: paragraphs or chapters of articles, and tables."""

    anchor: str
    heading: str | None
    pages: str | None
    paragraphs: list[Paragraph]
    chapters: list[Chapter]
    tables: list[Table]


@dataclass
class Document:
    notice: dict
    facts: list[tuple[str, str]]
    parts: list[Part]
    events: list[dict]  # what happened to it: {date, what, href, label}
    cites: list[dict]
    cited_by: list[dict]
    sources: list[dict]
    printed: dict | None  # {notice_id, pages: [n …], label} of the copy with a PDF


def load(con: sqlite3.Connection, notice_id: str, doc_url: str = "/doc/") -> Document | None:
    """The document page's data for NOTICE_ID, or None when there is no such notice."""
    notice = con.execute(
        "SELECT n.*, i.gazette_name, i.year AS issue_year, i.issue_label, i.source_path,"
        " i.source_format FROM notices_view n JOIN issues i USING (issue_id)"
        " WHERE n.notice_id = ?",
        (notice_id,),
    ).fetchone()
    if notice is None:
        return None
    n = dict(notice)
    articles = con.execute(
        "SELECT * FROM articles WHERE notice_id = ? ORDER BY coalesce(attachment_no, 0), rowid",
        (notice_id,),
    ).fetchall()
    tables = _tables(con, notice_id)
    parts = [_main_part(n, [a for a in articles if a["attachment_no"] is None], tables)]
    for att in con.execute(
        "SELECT * FROM attachments WHERE notice_id = ? ORDER BY attachment_no", (notice_id,)
    ):
        no = att["attachment_no"]
        own = [a for a in articles if a["attachment_no"] == no]
        heading = f"附件{no} {att['title'] or ''}".strip()
        parts.append(
            Part(
                anchor=f"附件{no}",
                heading=heading,
                pages=_pages(att["page_start"], att["page_end"]),
                paragraphs=[]
                if own
                else _shaped(
                    _paragraphs(att["text"], skip=[f"附件{no}", "附件", att["title"] or ""]), None
                ),
                chapters=_chapters(own, prefix=f"附件{no}-"),
                tables=tables.get(no, []),
            )
        )
    copies = show._copies(con, notice_id)
    return Document(
        notice=n,
        facts=_facts(n),
        parts=parts,
        events=_events(con, n, doc_url),
        cites=_cites(con, notice_id, doc_url),
        cited_by=_cited_by(con, n, doc_url),
        sources=[
            {
                "notice_id": c["notice_id"],
                "canonical": bool(c["is_canonical"]),
                "format": c["source_format"],
                "path": c["source_path"],
                "href": doc_url + c["notice_id"],
            }
            for c in copies
        ]
        or [
            {
                "notice_id": notice_id,
                "canonical": True,
                "format": n["source_format"],
                "path": n["source_path"],
                "href": doc_url + notice_id,
            }
        ],
        printed=_printed(con, n, [c["notice_id"] for c in copies]),
    )


def _facts(n: dict) -> list[tuple[str, str]]:
    kind = " · ".join(filter(None, [n["doc_type"], "规范性文件" if n["is_normative"] else None]))
    effective = n["effective_date"]
    if effective and n["effective_text"]:
        effective = f"{effective}（{n['effective_text']}）"
    validity = None
    if n["validity_months"]:
        validity = f"{n['validity_months']}个月" + ("（试行）" if n["is_trial"] else "")
    issue = f"{n['gazette_name'] or ''} {n['issue_year'] or ''}年第{n['issue_label']}期".strip()
    pages = _pages(n["page_start"], n["page_end"])
    printed = " · ".join(filter(None, [issue, pages, n["section"]]))
    facts = [
        ("文号", n["doc_number"]),
        ("发文机关", _joined(n["issuers"])),
        ("主送", _joined(n["addressees"])),
        ("文种", kind),
        ("成文日期", n["signing_date"]),
        ("施行日期", effective),
        ("有效期", validity),
        ("失效日期", n["expiry_date"]),
        ("状态（今日）", n["status"]),
        ("刊载", printed),
    ]
    return [(label, str(value)) for label, value in facts if value]


def _main_part(n: dict, articles: list[sqlite3.Row], tables: dict) -> Part:
    text = n["text"] or ""
    if articles:
        # The cover letter before 第一条 (to whom, 印发, signature) is in no article.
        text = show._before_first_article(text, articles[0]["label"])
    return Part(
        anchor="正文",
        heading=None,
        pages=None,
        paragraphs=_shaped(
            _paragraphs(text, skip=[n["title"] or "", n["doc_number"] or ""]),
            n["enclosed_title"],
        ),
        chapters=_chapters(articles, prefix=""),
        tables=tables.get(None, []),
    )


def _paragraphs(text: str | None, skip: list[str]) -> list[str]:
    """The text's paragraphs (one a line), without the leading lines that repeat the title
    or the 文号 printed above it (the page shows those in its header)."""
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    heads = [compact(s) for s in skip if s]
    seen = ""
    while lines and heads:
        candidate = seen + compact(lines[0])
        if any(h.startswith(candidate) for h in heads):
            seen = "" if candidate in heads else candidate
            lines.pop(0)
        else:
            break
    return lines


def _shaped(lines: list[str], enclosed_title: str | None) -> list[Paragraph]:
    """Paragraphs with what they are: the signature and its date (printed flush right) and
    the title of the rule a notice encloses (printed centred above it)."""
    title = compact(enclosed_title or "")
    out = [Paragraph(line) for line in lines]
    for i, p in enumerate(out):
        if title and compact(p.text) == title:
            p.kind = "heading"
        elif is_date_line(p.text):
            p.kind = "signature"
            if i and is_org_name(out[i - 1].text):
                out[i - 1].kind = "signature"
    return out


def _chapters(articles: list[sqlite3.Row], prefix: str) -> list[Chapter]:
    chapters: list[Chapter] = []
    chapter_no: object = object()
    section_no: object = object()
    for a in articles:
        if a["chapter_no"] != chapter_no or not chapters:
            chapter_no, section_no = a["chapter_no"], object()
            heading = None
            if chapter_no is not None:
                heading = f"第{cn_number(chapter_no)}章 {a['chapter_title'] or ''}".strip()
            chapters.append(Chapter(heading))
        if a["section_no"] != section_no or not chapters[-1].sections:
            section_no = a["section_no"]
            heading = None
            if section_no is not None:
                heading = f"第{cn_number(section_no)}节 {a['section_title'] or ''}".strip()
            chapters[-1].sections.append((heading, []))
        lines = [line for line in (a["text"] or "").split("\n") if line.strip()]
        chapters[-1].sections[-1][1].append(
            Article(f"{prefix}{a['label']}", a["label"], lines or [""], a["page"])
        )
    return chapters


def _tables(con: sqlite3.Connection, notice_id: str) -> dict[int | None, list[Table]]:
    """The notice's tables by attachment (None: the main text), cells as HTML rows."""
    out: dict[int | None, list[Table]] = {}
    tables = con.execute(
        "SELECT * FROM tables WHERE notice_id = ? ORDER BY table_id", (notice_id,)
    ).fetchall()
    for t in tables:
        rows: dict[int, list[dict]] = {}
        header_rows: set[int] = set()
        for c in con.execute(
            "SELECT * FROM table_cells WHERE table_id = ? ORDER BY row, col", (t["table_id"],)
        ):
            rows.setdefault(c["row"], []).append(
                {
                    "text": c["text"] or "",
                    "rowspan": c["row_span"] or 1,
                    "colspan": c["col_span"] or 1,
                    "header": bool(c["is_header"]),
                }
            )
            if c["is_header"]:
                header_rows.add(c["row"])
        ordered = [rows[r] for r in sorted(rows)]
        n_header = t["header_rows"] or 0
        out.setdefault(t["attachment_no"], []).append(
            Table(
                table_id=t["table_id"],
                caption=t["caption"],
                kind=t["kind"],
                pages=_pages(t["page_start"], t["page_end"]) or "",
                header=ordered[:n_header],
                body=ordered[n_header:],
            )
        )
    return out


def _events(con: sqlite3.Connection, n: dict, doc_url: str) -> list[dict]:
    """What the document says of its own status, then what other documents did to it."""
    events = []
    for e in con.execute(
        "SELECT * FROM status_events WHERE notice_id = ? ORDER BY seq", (n["notice_id"],)
    ):
        what = EVENTS.get(e["event"], e["event"])
        cited = " ".join(filter(None, [e["cited_doc_number"], _quoted(e["cited_title"])]))
        events.append(
            {
                "date": e["event_date"],
                "what": what,
                "label": cited,
                "href": None,
                "sentence": e["sentence"],
            }
        )
    for r in con.execute(
        "SELECT l.relation, l.event_date, n.notice_id, n.doc_number, n.title FROM links l"
        " JOIN document_copies c ON c.document_id = l.from_document_id AND c.is_canonical"
        " JOIN notices n ON n.notice_id = c.notice_id"
        " WHERE l.to_document_id = ? AND l.relation <> 'cites'"
        " ORDER BY l.event_date, n.notice_id",
        (n["document_id"] or n["notice_id"],),
    ):
        events.append(
            {
                "date": r["event_date"],
                "what": DONE_TO.get(r["relation"], r["relation"]),
                "label": " ".join(filter(None, [r["doc_number"], _quoted(r["title"])])),
                "href": doc_url + r["notice_id"],
                "sentence": None,
            }
        )
    return events


def _cites(con: sqlite3.Connection, notice_id: str, doc_url: str) -> list[dict]:
    rows = con.execute(
        "SELECT c.*, coalesce(c.cited_notice_id, ("
        "  SELECT dc.notice_id FROM notices m JOIN document_copies dc"
        "  ON dc.notice_id = m.notice_id AND dc.is_canonical"
        "  WHERE m.doc_number = c.cited_doc_number LIMIT 1"
        ")) AS found FROM citations c WHERE c.notice_id = ? ORDER BY c.seq",
        (notice_id,),
    ).fetchall()
    return [
        {
            "label": " ".join(filter(None, [_quoted(c["cited_title"]), c["cited_doc_number"]])),
            "href": doc_url + c["found"] if c["found"] else None,
            "where": f"附件{c['attachment_no']}" if c["attachment_no"] is not None else None,
        }
        for c in rows
    ]


def _cited_by(con: sqlite3.Connection, n: dict, doc_url: str) -> list[dict]:
    rows = con.execute(
        "SELECT DISTINCT m.notice_id, m.doc_number, m.title FROM citations c"
        " JOIN notices m ON m.notice_id = c.notice_id"
        " JOIN document_copies dc ON dc.notice_id = m.notice_id AND dc.is_canonical"
        " WHERE (c.cited_notice_id = ? OR c.cited_doc_number = ?) AND c.notice_id != ?"
        " ORDER BY m.signing_date, m.notice_id",
        (n["notice_id"], n["doc_number"], n["notice_id"]),
    ).fetchall()
    return [
        {
            "label": " ".join(filter(None, [r["doc_number"], r["title"]])),
            "href": doc_url + r["notice_id"],
        }
        for r in rows
    ]


def _printed(con: sqlite3.Connection, n: dict, copies: list[str]) -> dict | None:
    """The printed pages: this copy's when it was read from a PDF, else a copy's that was."""
    ids = [n["notice_id"], *[c for c in copies if c != n["notice_id"]]]
    for notice_id in ids:
        row = con.execute(
            "SELECT n.notice_id, n.page_start, n.page_end, n.page_label_start, i.source_path"
            " FROM notices n JOIN issues i USING (issue_id)"
            " WHERE n.notice_id = ? AND i.source_format = 'pdf'",
            (notice_id,),
        ).fetchone()
        if row and row["page_start"] is not None:
            end = row["page_end"] or row["page_start"]
            return {
                "notice_id": row["notice_id"],
                "pages": list(range(row["page_start"], end + 1)),
                "label": _pages(row["page_start"], end),
                "path": row["source_path"],
            }
    return None


def _pages(start: int | None, end: int | None) -> str | None:
    if start is None:
        return None
    return f"第{start}页" if end in (None, start) else f"第{start}–{end}页"


def _quoted(title: str | None) -> str | None:
    return f"《{title}》" if title else None


def _joined(value: str | None) -> str | None:
    # List columns are JSON arrays in the database.
    return "、".join(json.loads(value)) if value else None
