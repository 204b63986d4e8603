"""Character-level clean-up shared by every reader: one canonical form of Chinese text.

Converters and text extractors disagree on spaces and punctuation width; the gazette as printed
uses full-width punctuation and no spaces between Chinese characters. Normalising here means a
title read from a PDF, a text dump and a Markdown file compares equal.
"""

from __future__ import annotations

import re
import unicodedata

from extractors.patterns import CN_NUM

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef《》〈〉“”‘’—…·"
_CJK_OR_PUNCT = f"[{_CJK}{_CJK_PUNCT}]"

CJK_CHAR = re.compile(f"[{_CJK}]")

# Spaces between two CJK characters (or CJK and CJK punctuation) are layout, never content:
# letter-spaced lines (地 区 生 产 总 值) and spaces a converter put at line joins.
_SPACE_BETWEEN_CJK = re.compile(f"(?<={_CJK_OR_PUNCT})[ \t\u3000\u00a0]+(?={_CJK_OR_PUNCT})")
# Between CJK and a digit the printed text has no space either (自 2024 年 10 月).
_SPACE_CJK_DIGIT = re.compile(f"(?<={_CJK_OR_PUNCT})[ \t\u3000\u00a0]+(?=[0-9])")
_SPACE_DIGIT_CJK = re.compile(f"(?<=[0-9%])[ \t\u3000\u00a0]+(?={_CJK_OR_PUNCT})")

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_HALF_PUNCT_NEAR_CJK = re.compile(f"(?<={_CJK_OR_PUNCT})[,:;?!]|[,:;?!](?=[{_CJK}])")
_PAREN_GROUP = re.compile(r"\(([^()]*)\)")
# Cheap tests that spare a line the scans above when it has nothing they change.
_HAS_HALF_PUNCT = re.compile("[,:;?!]")
_HAS_GAP = re.compile("[ \t\u3000\u00a0]")
_RUN_OF_SPACES = re.compile(r"[ \t]{2,}")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def unescape_markdown(text: str) -> str:
    return _MD_ESCAPE.sub(r"\1", text)


def _full_width_parens(text: str) -> str:
    """(…) → （…） when the group holds or touches Chinese: 《规划》(2021—2035年) is printed full-width."""

    def repl(m: re.Match[str]) -> str:
        inner = m.group(1)
        before = text[m.start() - 1] if m.start() > 0 else ""
        touches_cjk = bool(CJK_CHAR.search(inner)) or bool(re.match(_CJK_OR_PUNCT, before or " "))
        return f"（{inner}）" if touches_cjk else m.group(0)

    return _PAREN_GROUP.sub(repl, text) if "(" in text else text


def normalize_punctuation(text: str) -> str:
    text = _full_width_parens(text)
    if not _HAS_HALF_PUNCT.search(text):  # most lines: the lookaround scan is then a no-op
        return text
    return _HALF_PUNCT_NEAR_CJK.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)


def squeeze_cjk_spaces(text: str) -> str:
    if not _HAS_GAP.search(text):
        return text
    text = _SPACE_BETWEEN_CJK.sub("", text)
    text = _SPACE_CJK_DIGIT.sub("", text)
    return _SPACE_DIGIT_CJK.sub("", text)


_LEADING_LABEL = re.compile(rf"^(第{CN_NUM}[章节条])\s+")


def clean_line(text: str) -> str:
    """One line of running text in canonical form (spaces inside Latin words are kept).

    The space after a leading 第X条 / 第X章 label is typeset and kept: it ends the label.
    """
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u3000", " ")
    text = normalize_punctuation(text.strip())
    label = _LEADING_LABEL.match(text)
    if label:
        text = text[label.end() :]
    text = squeeze_cjk_spaces(text)
    text = _RUN_OF_SPACES.sub(" ", text).strip()
    return f"{label.group(1)} {text}" if label else text


_SPACE_NEAR_CJK = re.compile(f"\\s+(?={_CJK_OR_PUNCT})|(?<={_CJK_OR_PUNCT})\\s+")


def squeeze_near_cjk(text: str) -> str:
    """No space next to any Chinese character: for table cells, whose spacing is justification
    (不与“ B 超 → 不与“B超), not words."""
    return _SPACE_NEAR_CJK.sub("", text)


# A line whose space-separated pieces are mostly single characters is letter-spaced (几 个 问
# 题 的 通 知): its spaces are typesetting. Otherwise a space between two Chinese characters
# is the document's own (a word space in a title: ……基础研究 增强……, two joint issuers).
LETTER_SPACED_SHARE = 0.5
_GAP = re.compile(r"[ \t\u3000\u00a0]+")


def keep_word_spaces(raw: str) -> str:
    """One line in canonical form, keeping the spaces its document prints between Chinese
    words (one per gap, the printed character); spaces next to digits, Latin or at the ends
    go as clean_line drops them, and a letter-spaced line keeps none."""
    text = unicodedata.normalize("NFC", raw).strip()
    pieces = [p for p in _GAP.split(text) if p]
    if len(pieces) < 2:
        return clean_line(text)
    if sum(len(p) == 1 for p in pieces) >= LETTER_SPACED_SHARE * len(pieces):
        return clean_line(text)
    out = ""
    for m, piece in zip([None, *_GAP.finditer(text)], pieces, strict=False):
        cleaned = clean_line(piece)
        if (
            m is not None
            and out
            and re.match(_CJK_OR_PUNCT, out[-1])
            and re.match(_CJK_OR_PUNCT, cleaned[:1] or " ")
        ):
            out += " " if m.group(0)[0] == "\u00a0" else m.group(0)[0]
        out += cleaned
    return out


def compact(text: str) -> str:
    """All whitespace removed: the form titles, 文号 and names are compared and stored in."""
    # str.split() splits on exactly the characters re's \s matches, 4× faster (issue 15).
    return "".join(text.split())


def nfkc(text: str) -> str:
    """Compatibility forms folded (full-width digits and Latin, ㎡ → m2): how cells compare."""
    return unicodedata.normalize("NFKC", text)


def display_width(text: str) -> float:
    """Width in CJK character cells: a Latin letter or digit is half a cell."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)
