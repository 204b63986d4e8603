"""Tell what a source file is from its bytes: a PDF, a saved web page (HTML), a plain-text
dump or converter Markdown.

Pure: bytes in, decoded text out. Gazettes come as UTF-8 (often with a BOM from Windows
tools), UTF-16 (Word's "Unicode text") or GBK/GB18030 (older mainland tooling), so those are
tried in that order. Anything else goes to charset-normalizer, whose guesses are kept only
when they read as Chinese: on short or odd input it happily returns Latin-1 mojibake.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from extractors.readers.html_page import decode_declared, looks_like_html

PDF_MAGIC = b"%PDF-"
PDF_MAGIC_WINDOW = 1024  # some generators put junk before the header; readers accept 1 KiB of it

# Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Text files carry tab, newlines and form feed (pdftotext's page break); other C0 bytes in
# more than this share of the input mean it is not text at all.
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\v\f\r\x1b")
_OTHER_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
MAX_CONTROL_SHARE = 0.05

# A UTF-8 file with a stray bad byte (a truncated download, a bad splice) is still the text we
# want; more than this share of replaced characters and it is something else.
MAX_REPLACED_SHARE = 0.001

# NUL bytes in text: a few are debris (a bad splice, a padded download) and are dropped, as
# many as this share of the bytes; more, and all on odd (or all on even) offsets, is UTF-16
# written without a byte-order mark (the NUL is the high byte of every ASCII character).
MAX_STRAY_NUL_SHARE = 0.001
UTF16_NUL_SIDE_SHARE = 0.95  # of the NULs, on the odd offsets (LE) or on the even ones (BE)

# Decoded text is plausible Chinese when its non-ASCII characters are nearly all CJK.
MIN_CJK_SHARE = 0.9

# A line carries Markdown markup when it starts like one of these, or holds a backslash escape
# (only a Markdown emitter writes `\*`). Numbered items are left out: `1. ` opens plain
# Chinese paragraphs too.
_MARKDOWN_LINE = re.compile(
    r"""^(?:
        \#{1,6}\s+\S                 # ATX heading
      | [-*+]\s+\S                   # bullet item
      | \*\*\S                       # bold run opening a line
      | \|.*\|\s*$                   # pipe-table row
      | (?:-{3,}|\*{3,}|_{3,})\s*$   # thematic break
      | [^\t]*\t[^\t]*\t            # tab-separated row, as converters emit tables
      | .*\\[*_\#\[\]`>|-]          # backslash escape
    )""",
    re.VERBOSE,
)
# Markdown when at least this many lines carry markup and they are not a stray few in a
# long dump (one `----` rule in a 5,000-line text file is not Markdown).
MIN_MARKDOWN_LINES = 2
MIN_MARKDOWN_SHARE = 0.02
# A text that opens with an ATX heading is Markdown however little else it marks up: a law
# database's export is `# 标题`, its notes and plain paragraphs; no plain dump starts so.
_OPENING_HEADING = re.compile(r"^#{1,6}[ \t]+\S")
# …and so is one that opens with a blog post's YAML front matter (--- / key: value / ---).
_FENCE = re.compile(r"^---\s*$")
_FRONT_MATTER_FIELD = re.compile(r"^[A-Za-z_][\w-]*:")
MAX_FRONT_MATTER_LINES = 40


class UnreadableInput(Exception):
    """The bytes are not a source we can read. `code` is stable; `reason` is one line."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Sniffed:
    kind: Literal["pdf", "html", "text", "markdown"]
    text: str | None  # None for PDF: its reader works from the bytes
    encoding: str | None  # codec name the text was decoded with; None for PDF
    replaced: int = 0  # characters decoded as U+FFFD because their bytes were invalid


def sniff(data: bytes) -> Sniffed:
    """Classify `data` and decode it; raise UnreadableInput when it is not a readable source."""
    if PDF_MAGIC in data[:PDF_MAGIC_WINDOW]:
        return Sniffed(kind="pdf", text=None, encoding=None)
    if not data:
        raise UnreadableInput("empty_file", "file is empty (0 bytes)")
    # A saved page says its charset (GB2312/GBK on older government sites) in a <meta>.
    declared = decode_declared(data)
    text, encoding, replaced = (*declared, 0) if declared else _decode(data)
    text = _normalise(text)
    if not text.strip():
        raise UnreadableInput("empty_file", f"file holds only whitespace ({len(data)} bytes)")
    kind: Literal["html", "text", "markdown"] = (
        "html" if looks_like_html(text) else "markdown" if looks_like_markdown(text) else "text"
    )
    return Sniffed(kind=kind, text=text, encoding=encoding, replaced=replaced)


def looks_like_markdown(text: str) -> bool:
    """True when enough lines carry Markdown markup; Chinese plain text carries none."""
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and (_OPENING_HEADING.match(lines[0]) or _opens_with_front_matter(lines)):
        return True
    marked = sum(1 for line in lines if _MARKDOWN_LINE.match(line))
    return marked >= MIN_MARKDOWN_LINES and marked >= MIN_MARKDOWN_SHARE * len(lines)


def _opens_with_front_matter(lines: list[str]) -> bool:
    """A blog post's YAML front matter: a --- fence, key: value lines, a closing fence."""
    if not _FENCE.match(lines[0]):
        return False
    for k, line in enumerate(lines[1:MAX_FRONT_MATTER_LINES], start=1):
        if _FENCE.match(line):
            return k > 1
        if not _FRONT_MATTER_FIELD.match(line):
            return False
    return False


def _decode(data: bytes) -> tuple[str, str, int]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # A lone surrogate or a cut-off last character costs that character, not the file.
            lossy = data.decode(codec, errors="replace")
            replaced = lossy.count("\ufffd") - data.decode(codec, errors="ignore").count("\ufffd")
            if replaced <= max(1, MAX_REPLACED_SHARE * len(lossy)):
                return lossy, codec, replaced
            raise UnreadableInput(
                "undecodable_text", f"starts with a {codec} byte-order mark but is not {codec}"
            )
    unmarked = _utf16_without_bom(data)
    if unmarked is not None:
        return unmarked
    nuls = data.count(b"\x00")
    if 0 < nuls <= max(1, MAX_STRAY_NUL_SHARE * len(data)):
        text, codec, replaced = _decode(data.replace(b"\x00", b""))
        return text, codec, replaced + nuls  # the NULs count as characters lost
    _reject_binary(data)
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # Valid UTF-8 is never an accident; GB18030 accepts many byte soups, so check it.
        if codec == "utf-8" or is_plausible_chinese(text):
            return text, codec, 0
    lossy = data.decode("utf-8", errors="replace")
    replaced = lossy.count("\ufffd")
    if replaced <= max(1, MAX_REPLACED_SHARE * len(lossy)):
        return lossy, "utf-8", replaced
    guessed = _guess(data)
    if guessed is not None:
        return guessed[0], guessed[1], 0
    raise UnreadableInput(
        "undecodable_text",
        "text is neither UTF-8, UTF-16 nor GB18030, and no encoding reads as Chinese",
    )


def _utf16_without_bom(data: bytes) -> tuple[str, str, int] | None:
    """UTF-16 text without a byte-order mark, told by where its NUL bytes fall; else None."""
    nuls = data.count(b"\x00")
    if len(data) % 2 or nuls <= MAX_STRAY_NUL_SHARE * len(data):
        return None
    # Nearly all, not all: a CJK character whose low byte is 0 (U+4E00 一) puts a NUL on the
    # other side; the decoded text must then look Chinese as well.
    odd = data[1::2].count(b"\x00") / nuls
    codec = (
        "utf-16-le"
        if odd >= UTF16_NUL_SIDE_SHARE
        else "utf-16-be"
        if odd <= 1 - UTF16_NUL_SIDE_SHARE
        else None
    )
    if codec is None:
        return None
    lossy = data.decode(codec, errors="replace")
    replaced = lossy.count("\ufffd")
    if replaced > max(1, MAX_REPLACED_SHARE * len(lossy)) or not is_plausible_chinese(lossy):
        return None
    return lossy, codec, replaced


def _reject_binary(data: bytes) -> None:
    if b"\x00" in data:
        raise UnreadableInput("binary_content", "binary content (NUL bytes), not text or PDF")
    controls = len(data.translate(None, _OTHER_BYTES))
    if controls > MAX_CONTROL_SHARE * len(data):
        raise UnreadableInput(
            "binary_content",
            f"binary content ({controls} of {len(data)} bytes are control codes), not text or PDF",
        )


def _guess(data: bytes) -> tuple[str, str] | None:
    # Imported here: it is slow to import and only odd files get this far.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return (text, best.encoding) if is_plausible_chinese(text) else None


def is_plausible_chinese(text: str) -> bool:
    """At least one Han character, and the non-ASCII characters are nearly all CJK."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not any(_is_han(ch) for ch in wide):
        return False
    cjk = sum(1 for ch in wide if _is_cjk(ch))
    return cjk >= MIN_CJK_SHARE * len(wide)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# Blocks Chinese official text uses: Han, CJK punctuation, full-width forms, and the
# symbols gazettes print (①, Ⅳ, ※, —, “”, box drawing in tables).
_CJK_RANGES = (
    ("\u2000", "\u206f"),  # general punctuation
    ("\u2100", "\u218f"),  # letterlike symbols, number forms
    ("\u2190", "\u21ff"),  # arrows
    ("\u2460", "\u24ff"),  # enclosed alphanumerics
    ("\u2500", "\u25ff"),  # box drawing, block elements, geometric shapes
    ("\u2600", "\u26ff"),  # miscellaneous symbols (★, ☆)
    ("\u3000", "\u303f"),  # CJK symbols and punctuation
    ("\u3200", "\u33ff"),  # enclosed CJK, compatibility (㈠, ㎡)
    ("\u3400", "\u4dbf"),  # extension A
    ("\u4e00", "\u9fff"),  # unified ideographs
    ("\uf900", "\ufaff"),  # compatibility ideographs
    ("\ufe30", "\ufe4f"),  # compatibility forms
    ("\uff00", "\uffef"),  # half-width and full-width forms
)


def _is_cjk(ch: str) -> bool:
    return any(lo <= ch <= hi for lo, hi in _CJK_RANGES) or unicodedata.category(ch) == "Zs"


def _normalise(text: str) -> str:
    # The utf-8-sig and utf-16/32 codecs drop a leading BOM; a BOM behind a GB18030 or
    # charset-normalizer decode, or a doubled one, is still there.
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")
