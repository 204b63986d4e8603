"""Where a document's title block starts, and how two printings of a title compare.

Used by segmentation (where a notice starts), notice anatomy (the enclosed title), the 目录
reconciliation and the reading-order repair of text dumps.
"""

from __future__ import annotations

import re

from extractors.layout.paragraphs import OUTLINE_MARKER
from extractors.metadata.dates import is_date_line
from extractors.metadata.divisions import find_organs, split_organs
from extractors.model import Line
from extractors.segmentation.adoption import adoption_note_at
from extractors.segmentation.headers import (
    is_adoption_line,
    is_anchor_line,
    is_rule_title,
    match_document_title,
)
from extractors.segmentation.site_metadata import title_key
from extractors.textnorm import compact, keep_word_spaces

# A two-column dump cuts a rule's title into lines of a dozen characters or fewer.
MAX_CUT_TITLE_LINES = 6
MAX_CUT_TITLE_LINE_CHARS = 16


def header_start_at(lines: list[Line], i: int) -> int | None:
    """If lines[i] closes a document header (文号, 第N号, adoption line), its first line."""
    text = lines[i].text
    if adoption_note_at(lines, i) is not None or is_adoption_line(text):
        return rule_title_start(lines, i)
    if not is_anchor_line(text):
        return None
    return header_title_start(lines, i)


def rule_title_start(lines: list[Line], i: int) -> int | None:
    """The title of a rule printed over its adoption note lines[i]: one to three lines, or
    up to MAX_CUT_TITLE_LINES short ones (a two-column dump cuts a long title)."""
    for n in range(1, MAX_CUT_TITLE_LINES + 1):
        j = i - n
        if j < 0 or lines[j].kind != "body":
            return None
        text = compact(lines[j].text)
        if n > 3 and len(text) > MAX_CUT_TITLE_LINE_CHARS:
            return None
        if n > 1 and (ends_title_lookback(text) or is_adoption_line(text)):
            return None
        joined = "".join(line.text for line in lines[j:i])
        if (
            is_rule_title(joined, about=True)
            and not continues_above(joined)
            and not _organ_cut_above(lines, j)
            and not _title_type_above(lines, j, i)
        ):
            return j - 1 if joined.startswith("关于") and _issuers_above(lines, j) else j
    return None


# A title is set larger than its note: a line above in the title's size, this much larger
# than the note, is the title's too (a PDF breaks 秀山土家族苗族自治县梅江河 / 流域…条例 inside
# a word, where no text rule can see the break).
TITLE_OVER_NOTE_PT = 1.0
SAME_SIZE_PT = 0.5


def _title_type_above(lines: list[Line], j: int, note: int) -> bool:
    if j == 0 or lines[j - 1].kind != "body":
        return False
    above, here, under = lines[j - 1].font_size, lines[j].font_size, lines[note].font_size
    if above is None or here is None or under is None:
        return False  # text sources carry no type sizes
    return abs(above - here) <= SAME_SIZE_PT and here - under >= TITLE_OVER_NOTE_PT


def _organ_cut_above(lines: list[Line], j: int) -> bool:
    """lines[j] opens inside an organ name the line above began (最高人民法院、最高人民检察 /
    院关于执行……): the title goes on up."""
    if j == 0 or lines[j - 1].kind != "body":
        return False
    above, here = compact(lines[j - 1].text), compact(lines[j].text)
    return any(o.start < len(above) < o.end for o in find_organs(above + here))


def _issuers_above(lines: list[Line], j: int) -> bool:
    """The line above is the title's issuers, printed apart, run together or with 、: a PDF
    breaks a long rule title (最高人民法院、最高人民检察院 / 关于执行《……》……的补充规定), a
    converter sets a title as two headings (# 四川省人民政府 / # 关于……的决定)."""
    if j == 0 or lines[j - 1].kind != "body":
        return False
    return organs_of_line(lines[j - 1].text) is not None


def organs_of_line(text: str) -> list[str] | None:
    """The organs a line prints, apart, run together or with 、 (宜春市统计局国家统计局宜春调查
    队), or None when the line is not only organs."""
    return split_organs(compact(text))


# A title never opens with a joining word: a line that does continues the title line above
# (上海市历史文化风貌区 / 和优秀历史建筑保护条例).
_CONTINUES_ABOVE = re.compile(r"^[和及与或、的]")
# Closing bracket → its kind; half- and full-width parentheses are one kind, since real text
# mixes them ((2024—2025年）).
_OPENS = {"《": "book", "（": "paren", "(": "paren"}
_CLOSES = {"》": "book", "）": "paren", ")": "paren"}


def continues_above(title: str) -> bool:
    """A title text that cannot be a title's first line: it opens with a joining word, or
    closes a bracket it never opened (the line above holds the title's start)."""
    return bool(_CONTINUES_ABOVE.match(title)) or _closes_unopened(title)


def _closes_unopened(text: str) -> bool:
    """A bracket closes that the text never opened: it starts inside a bracket a line above
    opened (……关于执行《中华人民共和国刑 / 法》确定罪名的补充规定（七）), so the title goes on up."""
    depth = {"book": 0, "paren": 0}
    for ch in text:
        if ch in _OPENS:
            depth[_OPENS[ch]] += 1
        elif ch in _CLOSES:
            depth[_CLOSES[ch]] -= 1
            if depth[_CLOSES[ch]] < 0:
                return True
    return False


def header_title_start(lines: list[Line], anchor: int, max_lines: int = 6) -> int | None:
    """First line of the title block closed by lines[anchor] (a 文号 or 第N号 line)."""
    best = None
    best_has_issuer = False
    j = anchor - 1
    taken: list[str] = []
    while j >= 0 and anchor - j <= max_lines:
        line = lines[j]
        if line.kind != "body" or ends_title_lookback(line.text):
            break
        taken.insert(0, line.text)
        if _printed_twice(taken):
            break  # an export prints the title twice: one title, the document's own (lower)
        match = match_document_title("".join(taken))
        if match:
            best, best_has_issuer = j, bool(match.issuer)
        if line.heading_level and (best_has_issuer or not _issuers_above(lines, j)):
            break  # a converter heading starts its block, unless the issuer sits just above
        j -= 1
    return best


def _printed_twice(texts: list[str]) -> bool:
    """The lines hold one title twice over, split at a line boundary (A / A, or A1 A2 / A1 A2)."""
    return any(
        title_key("".join(texts[:k])) == title_key("".join(texts[k:])) for k in range(1, len(texts))
    )


# A colon outside 《》 marks a label and its value (作者：…, 下载地址：…, 附件：) or the end of an
# addressee list: no title holds one.
_LABEL_COLON = re.compile(r"：(?![^《]*》)")


def ends_title_lookback(text: str) -> bool:
    return (
        bool(re.search(r"[。；]$", text))
        or bool(_LABEL_COLON.search(text))
        or bool(OUTLINE_MARKER.match(text))  # 第四条…, （一）…: body text, never a title
        or is_anchor_line(text)
        or is_date_line(text)
        or bool(re.search(r"\.{3,}|…{2,}", text))
        # a summary cut by an aggregator (……各区(市)县政府(管委会…): no title ends so
        or text.rstrip().endswith("…")
    )


def printed_title(lines: list[Line], title: str, issuer: str = "") -> str:
    """The title as the document prints it: its lines joined (a line break is no space), the
    spaces it prints between words of its subject kept (textnorm.keep_word_spaces). The
    issuer part stays compact: the gap between joint issuers is typesetting (they are
    listed apart in `issuers`). ``title`` is the compacted title the header matched; when
    the printed lines do not spell it, it stands."""
    printed = "".join(keep_word_spaces(line.raw or line.text) for line in lines)
    if compact(printed) != title:
        return title
    cut = _after_chars(printed, len(issuer))
    return compact(printed[:cut]) + printed[cut:]


def _after_chars(text: str, n: int) -> int:
    """Index in ``text`` just after its first n non-space characters."""
    seen = 0
    for k, ch in enumerate(text):
        if seen == n:
            return k
        seen += not ch.isspace()
    return len(text)


def breaks_before_subject(printed: str, issuer: str) -> bool:
    """A space between the issuer part and 关于 (泸州市人民政府 关于……): no document prints
    one there, it is where the printed title broke its lines and a converter joined them."""
    cut = _after_chars(printed, len(issuer))
    return bool(issuer) and cut < len(printed) and printed[cut].isspace()


def enclosed_title_from(title: str) -> str | None:
    """关于印发《X》的通知 → X; 关于印发X的通知 → X (no 《》, as some notices print it)."""
    m = re.search(r"(?:印发|转发|公布|发布|颁布)《(.+)》(?:的)?", title)
    if m:
        return m.group(1).replace("〈", "《").replace("〉", "》")
    m = re.search(r"(?:印发|转发)(.+?)的(?:通知|决定)$", title)
    return m.group(1) if m else None


def titles_match(a: str, b: str) -> bool:
    def key(s: str) -> str:
        s = compact(s).replace("〈", "《").replace("〉", "》")
        return re.sub(r"[（(][^）)]*[）)]|[《》]", "", s)

    return bool(key(a)) and key(a) == key(b)
