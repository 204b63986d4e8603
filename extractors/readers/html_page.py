"""What a saved web page says about itself: its charset, that it is HTML at all, its title
and the fields its `<meta>` tags and browser comment carry.

Pure: bytes or text in, plain data out. The article itself is read by `readers.html`.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from extractors.textnorm import CJK_CHAR, clean_line

# `<meta>` names sites use for their fields → the label the field lines print.
_META_LABELS = {
    "pubdate": "PubDate",
    "publishdate": "PubDate",
    "firstpublishedtime": "PubDate",
    "article:published_time": "PubDate",
    "contentsource": "ContentSource",
    "source": "ContentSource",
    "og:url": "SavedFromURL",
    "url": "SavedFromURL",
}
_TITLE_METAS = ("articletitle", "og:title", "title")
# Site names trail a <title> after one of these separators.
_TITLE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|-{1,2}|—{1,2}|–)\s*")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(https?://\S+?)\s*-->", re.I)
SAVED_FROM_WINDOW = 2048
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Page-encoding names → the codec that reads them (GB2312 and GBK pages hold GB18030 text).
_CODEC_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
}
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|table|center|p|section|article)\b",
    re.I | re.S,
)
_DOCUMENT_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype|html)\b", re.I | re.S
)


def declared_charset(data: bytes) -> str | None:
    """The codec a page's `<meta charset>` / `http-equiv` declares, mapped to a Python codec."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    return _CODEC_ALIASES.get(name, name)


def decode_declared(data: bytes) -> tuple[str, str] | None:
    """A page's text in the charset its `<meta>` declares (GB2312, GBK), when it opens like
    HTML and its bytes are not UTF-8: valid UTF-8 is never an accident (a page re-saved as
    UTF-8 may keep its old GBK meta), so that case is left to the generic decoder."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"<":
        return None
    codec = declared_charset(data)
    if codec is None:
        return None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(codec), codec
    except (UnicodeDecodeError, LookupError):
        return None


def looks_like_html(text: str) -> bool:
    """A page, not Markdown with an HTML table in it: the text opens with an HTML element."""
    head = text[:4096]
    if _DOCUMENT_START.match(head):
        return True
    if not _HTML_START.match(head):
        return False
    # A converter's Markdown may open with a <table> or <div>: it carries Markdown lines too.
    lines = [line for line in text.split("\n") if line.strip()]
    return not any(line.lstrip().startswith(("#", "|", "**")) for line in lines)


def meta_fields(tree: LexborHTMLParser, text: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    # Browsers mark a saved page with the address it came from, in a comment before <html>.
    saved = _SAVED_FROM.search(text[:SAVED_FROM_WINDOW])
    if saved:
        fields.append(("SavedFromURL", saved.group(1)))
    for meta in tree.css("meta"):
        attrs = meta.attributes
        name = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip()
        label = _META_LABELS.get(name)
        if label and content and all(existing != label for existing, _ in fields):
            fields.append((label, content))
    canonical = tree.css_first("link[rel=canonical]")
    href = canonical.attributes.get("href") if canonical is not None else None
    if href and href.startswith("http") and all(label != "SavedFromURL" for label, _ in fields):
        fields.append(("SavedFromURL", href))
    return fields


def page_title(tree: LexborHTMLParser, metas: list[tuple[str, str]]) -> str | None:
    for name in _TITLE_METAS:
        for meta in tree.css("meta"):
            attrs = meta.attributes
            key = (attrs.get("name") or attrs.get("property") or "").lower()
            content = clean_line(attrs.get("content") or "")
            if key == name and CJK_CHAR.search(content):
                return content
    for heading in tree.css("h1"):
        text = clean_line(heading.text(deep=True))
        if CJK_CHAR.search(text):
            return text
    title = tree.css_first("title")
    if title is not None:
        parts = [p for p in _TITLE_SEPARATOR.split(clean_line(title.text())) if p]
        if parts and CJK_CHAR.search(parts[0]):
            return parts[0]
    return None
