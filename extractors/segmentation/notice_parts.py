"""The anatomy of one document: addressees, covering text, signature and date, the rule it
encloses, and its attachments (附件), read from the lines segmentation gave it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from extractors.metadata.dates import (
    bracketed_date,
    cn_to_int,
    digits_date,
    find_dates,
    is_date_line,
    parse_date,
)
from extractors.metadata.docnumber import (
    DocNumber,
    parse_coded_order_number,
    parse_dated_number,
    parse_doc_number,
    parse_order_number,
)
from extractors.metadata.organs import split_organs
from extractors.metadata.organs.names import is_org_name
from extractors.model import Line
from extractors.patterns import ATTACHMENT_LABEL, ATTACHMENT_LIST
from extractors.segmentation.adoption import adopted_by, strip_state_prefix
from extractors.segmentation.header_forms import MAX_BYLINE_ORGANS
from extractors.segmentation.headers import (
    is_addressee_end,
    is_adoption_line,
    is_rule_title,
    looks_like_addressees,
)
from extractors.segmentation.segment import NoticeBlock
from extractors.segmentation.titles import enclosed_title_from, organs_of_line, titles_match
from extractors.textnorm import compact
from extractors.vocabulary import RULE_TYPES, SIGNER_TITLES

_LIST_ITEM = re.compile(r"^(?P<no>\d{1,2})[.．、]\s*(?P<title>.+)$")


@dataclass
class AttachmentBlock:
    no: int
    title: str | None
    lines: list[Line]
    page_start: int
    page_end: int


class PlacedTable(NamedTuple):
    """Where one of a notice's tables sits."""

    index: int  # into Document.tables
    attachment_no: int | None  # None: in the notice itself
    above: str | None  # the short title-like line printed just above it (its caption)


@dataclass
class NoticeParts:
    title: str
    doc_type: str | None
    issuers: list[str]
    doc_number: DocNumber | None
    doc_number_text: str | None  # as stored: normalised 文号, or 令/公告 第N号
    addressees: list[str]
    signature: list[str]
    signing_date: date | None
    enclosed_title: str | None
    main: list[Line]  # the document itself, header excluded, furniture and tables excluded
    attachments: list[AttachmentBlock] = field(default_factory=list)
    section_labels: list[str] = field(default_factory=list)
    tables: list[PlacedTable] = field(default_factory=list)  # in reading order
    addressee_line: str | None = None  # the 主送机关 as printed, its wrapped lines joined


def read_parts(block: NoticeBlock) -> NoticeParts:
    header = block.header
    body = block.body
    labels = [compact(line.text) for line in block.lines if line.kind == "section_label"]
    content = [line for line in body if line.kind in ("body", "table")]

    doc_number, number_text = _doc_number(header.anchor, header.title.title, header.kind)
    addressees, addressee_line, after_addressees = _addressees(content)
    listed = _listed_attachments(content)
    main, attachments = _split_attachments(content, listed)
    signature, signing_date, sig_end = _signature(main, header.kind)
    dated = parse_dated_number(header.anchor) if header.anchor else None
    if dated is not None:
        # The date printed with the 文号 under the title is the 成文日期 (a law database's
        # header), whatever dates the text carries.
        signing_date = dated.day
    enclosed = _enclosed_title(header.title.title, header.kind, main, sig_end)
    # Joint issuers may be listed with 、 (国务院、中央军委关于……): each part is organs.
    issuers = [o for part in header.title.issuer.split("、") if part for o in split_organs(part)]
    if header.kind == "order":
        issuers = [strip_state_prefix(name) for name in issuers]
    signed = [name for line in signature for name in split_organs(line)]
    marked = [name for organ in (header.mark or "").split() for name in split_organs(organ)]
    if not issuers:
        issuers = signed
    if not issuers:
        # No issuer in the title, no organ over the date: the 发文机关标志 names them.
        issuers = marked
    issuers = [_full_name(name, [*signed, *marked]) for name in issuers]
    if header.kind == "regulation" and header.anchor:
        # No signature: the organ that adopted it issues it. Its adoption date is not a
        # 成文日期, so signing_date stays as the document prints it (usually none).
        issuers = issuers or adopted_by(header.anchor, header.title.title)[0]
    if not issuers and header.kind == "regulation":
        # No note, no signature: a rule titled by its organ (镇巴县人民政府工作规则) is its own.
        issuers = [organ] if (organ := rule_title_organ(header.title.title)) else []

    tables = _tables_in(main, None)
    for att in attachments:
        tables += _tables_in(att.lines, att.no)
    return NoticeParts(
        title=header.title.title,
        doc_type=header.title.doc_type,
        issuers=issuers,
        doc_number=doc_number,
        doc_number_text=number_text,
        addressees=addressees,
        signature=signature,
        signing_date=signing_date,
        enclosed_title=enclosed,
        main=[line for line in main[after_addressees:] if line.kind == "body"],
        attachments=[
            AttachmentBlock(
                a.no, a.title, [x for x in a.lines if x.kind == "body"], a.page_start, a.page_end
            )
            for a in attachments
        ],
        section_labels=labels,
        tables=tables,
        addressee_line=addressee_line,
    )


def _full_name(name: str, printed: list[str]) -> str:
    """A title's issuer as the signature or the 发文机关标志 prints it in full, when the title
    abbreviates it (市人民政府办公厅 for 贵阳市人民政府办公厅, 云南省科技厅 for 云南省科学技术厅):
    the full name holds the short one's characters in order and ends as it does. The state's
    name is no part of an issuer's (as orders are cited)."""
    for full in map(strip_state_prefix, printed):  # 中华人民共和国国务院 is 国务院
        if len(full) > len(name) and full[-1] == name[-1] and _in_order(name, full):
            return full
    return name


def _in_order(short: str, full: str) -> bool:
    chars = iter(full)
    return all(ch in chars for ch in short)


# A rule's title after the organ that opens it: its subject, then the rule type.
MIN_RULE_SUBJECT_CHARS = 2


def rule_title_organ(title: str) -> str | None:
    """The organ a rule's title opens with, when the rest is a subject and a rule type
    (镇巴县人民政府 | 工作规则, 四川省人民政府办公厅 | 政务公开工作规定); None for a title that
    opens with a place (宜宾市城市绿化管理办法: 宜宾市城市绿化管理办 is an organ's shape, but
    法 alone is no subject). The longest such organ wins."""
    flat = compact(title)
    rule_type = next((t for t in RULE_TYPES if flat.endswith(t)), None)
    if rule_type is None:
        return None
    subject_end = len(flat) - len(rule_type)
    for end in range(subject_end - MIN_RULE_SUBJECT_CHARS, 1, -1):
        if is_org_name(flat[:end]):
            return flat[:end]
    return None


def _tables_in(lines: list[Line], attachment_no: int | None) -> list[PlacedTable]:
    found = []
    for i, line in enumerate(lines):
        if line.kind == "table" and line.table is not None:
            found.append(PlacedTable(line.table, attachment_no, _caption_above(lines, i)))
    return found


def _caption_above(lines: list[Line], i: int) -> str | None:
    """A short title-like line right above a table is its caption (2018—2023年……评价结果)."""
    for line in reversed(lines[max(0, i - 2) : i]):
        if line.kind == "table":
            return None
        text = compact(line.text)
        if line.kind == "body" and 4 <= len(text) <= 60 and text[-1] not in "。：；，":
            return text
    return None


def _doc_number(anchor: str | None, title: str, kind: str) -> tuple[DocNumber | None, str | None]:
    if anchor is None:
        return None, None
    dated = parse_dated_number(anchor)
    parsed = dated.number if dated else parse_doc_number(anchor)
    if parsed:
        return parsed, parsed.text
    coded = parse_coded_order_number(anchor)
    if coded:
        return None, coded  # printed with the organ's code, as orders are cited
    order = parse_order_number(anchor)
    if order and kind == "order":
        # 令/公告 have no 〔year〕 number: keep what is printed, named by its organ as orders
        # are cited, without the state's name (中华人民共和国国务院令 第706号 → 国务院令第706号).
        return None, f"{strip_state_prefix(title)}{order}"
    return None, None


def _addressees(content: list[Line]) -> tuple[list[str], str | None, int]:
    """主送机关 right under the header, possibly wrapped over a few lines: the addressees, the
    line as printed (its lines joined) and the index after it."""
    taken: list[str] = []
    for i, line in enumerate(content[:4]):
        if line.kind != "body":
            break
        taken.append(line.text)
        if is_addressee_end(line.text):
            text = compact("".join(taken))
            if looks_like_addressees(text):
                return split_list(text.rstrip("：")), text, i + 1
            break
    return [], None, 0


# What separates addressees: the comma and the semicolon. 、 joins the parts of one
# (各省、自治区、直辖市人民政府 is one addressee; 国务院各部委、各直属机构 another).
_ADDRESSEE_SEPARATORS = "，,；;"


def split_list(text: str) -> list[str]:
    """Split a 主送机关 list at ，； outside brackets: 各县（市、区）人民政府 is one addressee."""
    items: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        depth += ch in "（(《〈["
        depth -= ch in "）)》〉]"
        if ch in _ADDRESSEE_SEPARATORS and depth <= 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [item for item in items if item]


def _listed_attachments(content: list[Line]) -> dict[int, str]:
    """附件：1.… 2.… as listed under the covering text: number → title."""
    listed: dict[int, str] = {}
    for i, line in enumerate(content):
        m = ATTACHMENT_LIST.match(line.text)
        if not m:
            continue
        items: list[str] = [m.group("rest")] if m.group("rest") else []
        for nxt in content[i + 1 : i + 40]:
            if nxt.kind != "body" or is_date_line(nxt.text) or is_org_name(nxt.text):
                break
            if ATTACHMENT_LABEL.match(compact(nxt.text)):
                break
            items.append(nxt.text)
        listed = _number_items(items)
        break
    return listed


def _number_items(items: list[str]) -> dict[int, str]:
    numbered: dict[int, str] = {}
    current: int | None = None
    for text in items:
        m = _LIST_ITEM.match(text)
        if m and int(m.group("no")) == (current or 0) + 1:
            current = int(m.group("no"))
            numbered[current] = m.group("title")
        elif current is not None:
            numbered[current] += text
        elif not numbered:
            numbered[1] = text  # a single attachment is listed without a number
            current = 1
    return {no: compact(title) for no, title in numbered.items()}


def _split_attachments(
    content: list[Line], listed: dict[int, str]
) -> tuple[list[Line], list[AttachmentBlock]]:
    starts = _attachment_starts(content, listed)
    if not starts:
        return content, []
    main = content[: starts[0][0]]
    blocks: list[AttachmentBlock] = []
    for k, (start, no, title_at) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(content)
        lines = content[start:end]
        title = listed.get(no) or _title_after_label(content, title_at, end)
        pages = [line.page for line in lines] or [content[start].page]
        blocks.append(AttachmentBlock(no, title, lines, min(pages), max(pages)))
    return main, blocks


def _attachment_starts(content: list[Line], listed: dict[int, str]) -> list[tuple[int, int, int]]:
    """(line index, attachment number, index of its title line) for each attachment."""
    starts: list[tuple[int, int, int]] = []
    seen: set[int] = set()
    for i, line in enumerate(content):
        m = ATTACHMENT_LABEL.match(compact(line.text)) if line.kind == "body" else None
        if not m:
            continue
        no = cn_to_int(m.group("no")) if m.group("no") else 1
        if no is None or no in seen:
            continue
        seen.add(no)
        starts.append((i, no, i + 1))
    for no, title in listed.items():
        if no in seen:
            continue
        found = _find_title_run(content, title, starts[0][0] if starts else 0)
        if found is not None:
            starts.append((found, no, found))
    return sorted(starts)


def _find_title_run(content: list[Line], title: str, start: int) -> int | None:
    """A listed title printed as a run of lines (a sideways page gives one character a line)."""
    for i in range(start, len(content)):
        text = ""
        for line in content[i : i + 80]:
            text += compact(line.text)
            if len(text) >= len(title):
                break
        text = text.removeprefix("附件").removeprefix("件")
        if len(title) >= 6 and text.startswith(title):
            # A lone 件 (or 附) above the run is what is left of the printed 附件 label.
            return i - 1 if i > 0 and compact(content[i - 1].text) in ("附", "件", "附件") else i
    return None


def _title_after_label(content: list[Line], at: int, end: int) -> str | None:
    for line in content[at:end]:
        if line.kind == "body" and line.text:
            return compact(line.text)
    return None


def _signature(main: list[Line], kind: str) -> tuple[list[str], date | None, int]:
    """Organ lines straight above the first full date line: the signature and 成文日期."""
    body = [(i, line) for i, line in enumerate(main) if line.kind == "body"]
    for pos, (i, line) in enumerate(body):
        signed = _signer_and_date(line.text)
        if signed is not None:
            return [], signed, i + 1  # 自治区主席 陈 武 2016年12月6日: an order's signer
        if not is_date_line(line.text):
            continue
        names: list[str] = []
        k = pos - 1
        while k >= 0 and is_org_name(body[k][1].text) and len(names) < 6:
            names.insert(0, compact(body[k][1].text))
            k -= 1
        if names or kind in ("order", "regulation"):
            return names, parse_date(line.text), i + 1
    # No signature over a date: a date in brackets opening the text is the document's own
    # (a 公报 prints （2023年4月12日） under its title and issuers), and the organs over it,
    # when the text opens with them, its byline.
    byline: list[str] = []
    for _, line in body[:MAX_BYLINE_ORGANS]:
        organs = organs_of_line(line.text)
        if organs is None:
            break
        byline.append(" ".join(organs))
    head = bracketed_date(body[len(byline)][1].text) if len(body) > len(byline) else None
    if head is not None:
        return byline, head, body[len(byline)][0] + 1
    # …or a date a site printed as eight digits (20151214) under the text's first paragraph.
    for i, line in body[1:]:
        day = digits_date(line.text)
        if day is not None:
            return [], day, i + 1
    dated = [(i, line) for i, line in body if is_date_line(line.text)]
    if dated:
        i, line = dated[0]
        return [], parse_date(line.text), i + 1
    return [], None, 0


# The signer's title and name before the date on one line: 自治区主席陈武 (a place, the title,
# a name of a few characters).
MAX_SIGNER_CHARS = 12
_SIGNER = re.compile(
    rf"^[\u4e00-\u9fff]{{0,5}}(?:{'|'.join(sorted(SIGNER_TITLES, key=len, reverse=True))})"
    r"[\u4e00-\u9fff·]{1,4}$"
)


def _signer_and_date(text: str) -> date | None:
    """The date of a line printing an order's signer and the date together
    (自治区主席 陈 武 2016年12月6日, perhaps after the order's sentence), else None."""
    found = find_dates(text)
    if not found or found[-1].end != len(text.rstrip()):
        return None
    # The order's sentence may run on the line before them (……起施行。 部 长 李盛霖 二○○六年…).
    head = re.split(r"[。；]", compact(text[: found[-1].start]))[-1]
    return found[-1].date if len(head) <= MAX_SIGNER_CHARS and _SIGNER.match(head) else None


def _enclosed_title(title: str, kind: str, main: list[Line], after: int) -> str | None:
    expected = enclosed_title_from(title)
    printed = _printed_title(main, after, expected, kind)
    return printed or expected


def _printed_title(main: list[Line], after: int, expected: str | None, kind: str) -> str | None:
    """The enclosed rule's title as printed under the signature (it may wrap over lines)."""
    body = [line for line in main[after:] if line.kind == "body"][:6]
    for start in range(0, 3):
        candidates: list[str] = []
        for n in (1, 2, 3):
            chunk = body[start : start + n]
            if len(chunk) < n or any(is_adoption_line(line.text) for line in chunk):
                continue
            text = compact("".join(line.text for line in chunk))
            if expected and titles_match(text, expected):
                candidates.append(text)
            elif kind == "order" and not expected and is_rule_title(text):
                return text  # the shortest run that reads as a rule's title
        if candidates:
            return expected if expected in candidates else max(candidates, key=len)
    return None
