"""An issue of the history as its sources look: a PDF text dump and converter Markdown.

The text dump is laid out as tests/fixtures/unseen/jiangyou_2025_01.txt is: a running header
and a section label on every page, the title split after the issuer, lines cut at the column
width with blank lines between them, the signature and date, `— N —` page numbers. The
Markdown is what converters write (mianyang_2024_12.md): `#` titles, one line per paragraph.
"""

from __future__ import annotations

from tests.corpusgen.scenario import Doc, Issue, cn_date

GAZETTE = "泸州市人民政府公报"
COLUMN_CHARS = 28  # characters per printed line of the dump
LINES_PER_PAGE = 40


def _wrap(paragraph: str) -> list[str]:
    return [paragraph[i : i + COLUMN_CHARS] for i in range(0, len(paragraph), COLUMN_CHARS)]


def _doc_lines(doc: Doc) -> list[str]:
    head, _, rest = doc.title.partition("关于")
    # The title is cut after the issuer, its two lines printed together.
    lines = [f"{head}\n关于{rest}", doc.doc_number, doc.addressees]
    for para in doc.paragraphs:
        lines += _wrap(para)
    return lines + [doc.issuer, cn_date(doc.signing)]


def text_dump(issue: Issue) -> str:
    header = f" {GAZETTE}  {issue.year}年第{issue.number}期（总第{issue.total}期）"
    out: list[str] = []
    page = 0
    for doc in issue.docs:
        lines = _doc_lines(doc)
        # Each document starts on a new page, as gazettes print them.
        for start in range(0, len(lines), LINES_PER_PAGE):
            page += 1
            out += [header, "", doc.section, ""]
            out += [line for chunk in lines[start : start + LINES_PER_PAGE] for line in (chunk, "")]
            out += [f"— {page} —", ""]
    return "\n".join(out)


def markdown(issue: Issue) -> str:
    out = [f"# {GAZETTE}", "", f"{issue.year}年 第{issue.number}期  ", f"(总第{issue.total}期)", ""]
    section = None
    for doc in issue.docs:
        if doc.section != section:
            out += [f"## {doc.section}", ""]
            section = doc.section
        out += [f"# {doc.title}", "", doc.doc_number, "", doc.addressees, ""]
        for para in doc.paragraphs:
            out += [para, ""]
        out += [doc.issuer, "", cn_date(doc.signing), ""]
    return "\n".join(out)
