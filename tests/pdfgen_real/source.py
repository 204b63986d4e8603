"""A real-corpus file → the document's printed parts, as a typesetter would mark them up.

The typesetter is handed a web page, a crawler dump or a law database's Markdown and sets only
the document: it starts at the document's own title (the key names it, as an editor would know
which document to set; a page title printed above the document's own is skipped), drops the
site's furniture (breadcrumbs, 【字体】 widgets, share buttons, footers) and Markdown markup,
and gives each remaining line a role that decides its style: the red 发文机关标志, the 文号,
the title, an adoption note, the 主送 line, chapters, paragraphs, the signature and date,
tables. The roles are typographic, never metadata: what is printed is the document's text,
line for line, in its order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.real_corpus import KeyDocument

# The site's furniture: a line holding one of these is the page's, never the document's.
CHROME = re.compile(
    r"【字体|字号[:：]|打印本页|打印此页|关闭窗口|【打印】|【关闭】|分享到|扫一扫|微信\s*微博|"
    r"视力保护色|浏览量|浏览次数|阅读次数|责任编辑|网站标识码|ICP备|版权所有|主办单位|"
    r"您的位置|当前位置|上一篇|下一篇|相关链接|相关文件|附件下载|^发布时间[:：]|"
    r"信息来源[:：]|发布日期[:：]|访问次数|^索引号|^发布机构[:：]|^发文日期[:：]|^分类[:：]|^主题分类|"
    r"^成文日期[:：]|^发文机关[:：]|^文号[:：]|来源[:：]|\d{4}-\d{2}-\d{2}\s+\d{2}:\d{2}|本作品收录于|^收录于$|^时间[:：]\s*\d|https?://|^原文链接|^Original URL"
)
# After one of these the page's footer begins: nothing below it is the document.
FOOTER = re.compile(
    r"扫一扫|主办单位|版权所有|网站标识码|^中国政府网$|微信\s*微博|关闭窗口|打印本页"
)
CHROME_MAX_CHARS = 60  # furniture lines are short; longer lines are the text's
_FIELD = re.compile(r"^\s*[\w\u4e00-\u9fff]{2,20}[:：]")  # a site's 标签：值 line
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_MD_DELIMITER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)

_CN_DIGIT = "〇○零一二三四五六七八九十OＯ"
DATE_LINE = re.compile(
    rf"^\s*[（(]?\s*([\d０-９]{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*[\d０-９{_CN_DIGIT}]{{1,3}}\s*月"
    rf"\s*[\d０-９{_CN_DIGIT}]{{1,3}}\s*日\s*[）)]?\s*$"
)
DOC_NUMBER_LINE = re.compile(
    r"^\s*[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*[\d０-９OＯ]{4}\s*[〕\]］)）】]\s*(第\s*)?[\d０-９]+\s*号\s*$"
    r"|^\s*(第\s*)?[\d０-９]+\s*号\s*$|^\s*\d{4}\s*年\s*第\s*\d+\s*号\s*$"
)
ORDER_LINE = re.compile(r"^\s*\S{2,30}令\s*$|^\s*\S{2,30}公告\s*$")
CHAPTER_LINE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章节编]\s*\S*")
ADOPTION_LINE = re.compile(r"(通过|批准|公布|修正|修订|施行)")
# A line ending like this, and short, is the 主送 line (各省、自治区、直辖市人民政府：).
ADDRESSEE_MAX = 300  # a 主送 line naming every province runs long
SIGNATURE_MAX = 30
_SENTENCE_MARK = re.compile(r"[，。；！？,;]")
TITLE_LOOKAHEAD = 4  # a title printed over at most this many lines
HEAD_LINES_MAX = 4  # 标志 lines (one per joint issuer) and the 文号, above the title
ORGAN_ENDINGS = ("人民政府", "办公厅", "办公室", "委员会", "局", "厅", "部", "院", "府", "文件")
# Hard-wrapped sources: most lines of WRAP_MIN_CHARS or more are within WRAP_SLACK characters
# of one width (WRAP_SHARE of them, at least WRAP_MIN_LINES lines).
WRAP_MIN_CHARS = 24  # headings and 主送 lines are shorter
WRAP_MIN_LINES = 4
WRAP_SLACK = 1
WRAP_SHARE = 0.4


@dataclass
class Block:
    role: str  # head | docno | title | order | note | addressee | para | chapter | sign | date | table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)  # role == "table"


@dataclass
class Printed:
    """One document as it will be printed."""

    name: str  # the key document it is (tests.real_corpus.KeyDocument.name)
    blocks: list[Block]

    @property
    def title(self) -> str:
        return "".join(b.text for b in self.blocks if b.role == "title")

    @property
    def doc_number(self) -> str | None:
        return next((b.text for b in self.blocks if b.role == "docno"), None)

    def has_table(self) -> bool:
        return any(b.role == "table" for b in self.blocks)

    def text(self) -> str:
        return "\n".join(
            [b.text for b in self.blocks] + ["".join(r) for b in self.blocks for r in b.rows]
        )


def squash(text: str) -> str:
    """Compare form: NFKC, no white space, no Markdown emphasis."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", _MD_EMPHASIS.sub("", text)))


def chrome(line: str) -> bool:
    """A line of the site's furniture (a sentence of the text may name 主办单位 or a URL)."""
    return len(line.strip()) <= CHROME_MAX_CHARS and bool(CHROME.search(line))


def _footer(line: str) -> bool:
    return len(line.strip()) <= CHROME_MAX_CHARS and bool(FOOTER.search(line))


def raw_lines(path: Path) -> list[str]:
    """The file's lines as a reader of the page sees them: HTML through the extractor's own
    reading of the article (a saved page has no lines of its own), text and Markdown as
    written, markup removed."""
    data = path.read_bytes()
    if path.suffix in (".html", ".htm"):
        return _html_lines(data, path)
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    for line in text.split("\n"):
        if _MD_COMMENT.match(line):
            continue
        for piece in _HTML_BREAK.split(line):
            if path.suffix == ".md":
                piece = _MD_HEADING.sub("", piece)
                piece = _MD_BULLET.sub("", piece)
                piece = _MD_EMPHASIS.sub("", piece)
            out.append(piece.rstrip())
    return out


def _html_lines(data: bytes, path: Path) -> list[str]:
    from extractors.model import Source
    from extractors.readers.html import read_html

    doc = read_html(data.decode("utf-8", "replace"), Source(str(path), "", "html"))
    out: list[str] = []
    for line in doc.pages[0].lines:
        if line.kind == "table" and line.table is not None:
            rows = doc.tables[line.table].rows
            out += ["|" + "|".join(cell.replace("|", "｜") for cell in row) + "|" for row in rows]
        else:
            out.append(line.text)
    return out


def _title_runs(lines: list[str], title: str) -> list[tuple[int, int]]:
    """(start, end) of every run of 1..TITLE_LOOKAHEAD non-blank lines that spell the title."""
    want = squash(title)
    runs = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        got, j, taken = "", i, 0
        while j < len(lines) and taken < TITLE_LOOKAHEAD:
            if lines[j].strip():
                got += squash(lines[j])
                taken += 1
                if got == want:
                    runs.append((i, j + 1))
                    break
                if not want.startswith(got):
                    break
            j += 1
    return runs


def document_region(lines: list[str], title: str) -> tuple[int, int] | None:
    """Where the document's own printing starts (its title; the last printing of the title
    before the text begins, so a page or database title above it is skipped) and ends (the
    page's footer)."""
    runs = _title_runs(lines, title)
    if not runs:
        return None
    in_title = {i for start, end in runs for i in range(start, end)}
    first_text = next(
        (
            i
            for i in range(runs[0][1], len(lines))
            if len(lines[i].strip()) > 80 and i not in in_title and not _FIELD.match(lines[i])
        ),
        len(lines),
    )
    start = [r for r in runs if r[0] < first_text][-1][0]
    end = next((i for i in range(start, len(lines)) if _footer(lines[i])), len(lines))
    return start, end


def mark_up(doc: KeyDocument) -> Printed | None:
    """The document's blocks, or None where its title is not printed as lines of the file."""
    lines = raw_lines(doc.source)
    title = doc.expected.get("title") or ""
    region = document_region(lines, title)
    if region is None:
        return None
    start, end = region
    (t_start, t_end) = next(r for r in _title_runs(lines, title) if r[0] == start)
    blocks = _above_title(lines, start)
    blocks += [Block("title", x.strip()) for x in lines[t_start:t_end] if x.strip()]
    body = [x.strip() for x in lines[t_end:end] if x.strip() and not chrome(x)]
    blocks += _roles(rejoin(body))
    return Printed(doc.name, blocks)


def _above_title(lines: list[str], start: int) -> list[Block]:
    """The 发文机关标志 (……文件, a joint one over several lines, or a 函's organ name) and the
    文号 printed just above the title, as a 公文 prints them."""
    found: list[Block] = []
    i = start - 1
    while i >= 0 and len(found) < HEAD_LINES_MAX:
        text = lines[i].strip()
        i -= 1
        if not text:
            continue
        if chrome(text):
            break
        if DOC_NUMBER_LINE.match(text):
            found.insert(0, Block("docno", text))
        elif len(text) <= SIGNATURE_MAX and (text.endswith("文件") or _organ_line(text)):
            found.insert(0, Block("head", text))
        else:
            break
    return found


def _organ_line(text: str) -> bool:
    return not _SENTENCE_MARK.search(text) and text.endswith(ORGAN_ENDINGS)


def rejoin(lines: list[str]) -> list[str]:
    """A source that broke its paragraphs at a fixed width (a crawler's hard line breaks) gets
    its paragraphs back, as a person retyping it would: a line as long as the common width
    runs on into the next. Sources with one paragraph a line are left alone."""
    long = [len(x) for x in lines if len(x) >= WRAP_MIN_CHARS]
    if len(long) < WRAP_MIN_LINES:
        return lines
    width = Counter(long).most_common(1)[0][0]
    near = sum(abs(n - width) <= WRAP_SLACK for n in long)
    if near < WRAP_SHARE * len(long):
        return lines
    out: list[str] = []
    run_on = False
    for line in lines:
        if run_on and out:
            out[-1] += line
        else:
            out.append(line)
        run_on = len(line) >= width - WRAP_SLACK and not line.endswith(("。", "：", ":"))
    return out


def _roles(body: list[str]) -> list[Block]:
    out: list[Block] = []
    table: list[list[str]] = []
    seen_text = False  # a paragraph of text was printed: the header is over
    lines = body
    for i, text in enumerate(lines):
        if text.startswith("|"):
            if not _MD_DELIMITER.match(text):
                table.append([c.strip() for c in text.strip().strip("|").split("|")])
            continue
        if table:
            out.append(Block("table", rows=table))
            table = []
        if not seen_text and DOC_NUMBER_LINE.match(text):
            out.append(Block("docno", text))
        elif not seen_text and ORDER_LINE.match(text) and len(text) <= SIGNATURE_MAX:
            out.append(Block("order", text))
        elif not seen_text and _is_note(text):
            out.append(Block("note", text))
        elif not seen_text and text.endswith(("：", ":")) and len(text) <= ADDRESSEE_MAX:
            out.append(Block("addressee", text))
            seen_text = True
        elif CHAPTER_LINE.match(text) and len(text) <= SIGNATURE_MAX:
            out.append(Block("chapter", text))
            seen_text = True
        elif DATE_LINE.match(text) and len(text) <= SIGNATURE_MAX:
            out.append(Block("date", text))
        elif _is_signature(lines, i):
            out.append(Block("sign", text))
        else:
            out.append(Block("para", text))
            seen_text = True
    if table:
        out.append(Block("table", rows=table))
    return out


def _is_note(text: str) -> bool:
    """An adoption note: in brackets, or as a database prints it without (2021年9月1日 …会议
    通过)."""
    if text[0] in "（(" and ADOPTION_LINE.search(text):
        return True
    return (
        DATE_LINE.match(text) is None
        and bool(re.match(r"^\s*\d{4}\s*年", text))
        and text.rstrip(" ）)").endswith(("通过", "批准", "公布", "施行", "修正", "修订"))
    )


def _is_signature(lines: list[str], i: int) -> bool:
    """A short line of no sentence directly above the date (or above another such line)."""
    text = lines[i]
    if len(text) > SIGNATURE_MAX or _SENTENCE_MARK.search(text):
        return False
    for j in range(i + 1, min(i + 4, len(lines))):
        nxt = lines[j]
        if DATE_LINE.match(nxt):
            return True
        if len(nxt) > SIGNATURE_MAX or _SENTENCE_MARK.search(nxt):
            return False
    return False
