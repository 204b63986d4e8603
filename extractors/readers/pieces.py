"""A text source given as pieces of its bytes, decoded line by line: a long dump is never
held whole (its bytes, its text and its list of lines would be ~4× the file).

The kind and the encoding are the sniffer's, told from the first SNIFF_BYTES; the rest is
decoded with the same codec as it comes, normalised as the sniffer normalises (a leading
byte-order mark dropped, CR LF and lone CR made LF).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from extractors.readers.sniff import UnreadableInput, sniff

# Bytes the kind and the encoding are told from: a few thousand lines of a dump.
SNIFF_BYTES = 1 << 20
# Codecs whose text is read on as it comes. UTF-16/32 without or with a mark, NUL debris and
# replaced bytes in the head are rare in long dumps and read whole instead.
_STREAMED_CODECS = frozenset({"utf-8", "utf-8-sig", "gb18030"})


@dataclass(frozen=True)
class Streamable:
    kind: str  # text | markdown
    encoding: str
    genuine_replacements: int  # U+FFFD the head itself holds (not damage)


def streamable(head: bytes) -> Streamable | None:
    """The kind and codec of a text source from its first bytes, when it can be read on line
    by line; None for a PDF, a web page, odd encodings, or a head without a line end."""
    end = head.rfind(b"\n")
    if end < 0 or b"\x00" in head:
        return None
    try:
        sniffed = sniff(head[: end + 1])
    except UnreadableInput:
        return None
    if sniffed.kind not in ("text", "markdown") or sniffed.replaced:
        return None
    if (sniffed.encoding or "").lower() not in _STREAMED_CODECS:
        return None
    return Streamable(
        sniffed.kind, sniffed.encoding or "utf-8", (sniffed.text or "").count("\ufffd")
    )


class TextPieces:
    """The lines of a text given as byte pieces, as `text.split("\\n")` would give them."""

    def __init__(self, pieces: Iterable[bytes], found: Streamable) -> None:
        self._pieces = pieces
        self._found = found
        self.replaced = 0  # characters decoded as U+FFFD, or NUL bytes dropped

    def lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self._found.encoding)(errors="replace")
        pending = ""
        started = False
        marks = 0
        for piece in self._pieces:
            text = pending + decoder.decode(piece)
            if not started and text:
                text, started = text.lstrip("\ufeff"), True
            # A CR at the end may be the first half of a CR LF split between pieces.
            pending_cr = text.endswith("\r")
            *done, pending = self._clean(text[:-1] if pending_cr else text).split("\n")
            if pending_cr:
                pending += "\r"
            marks += sum(line.count("\ufffd") for line in done)
            yield from done
        last = self._clean(pending + decoder.decode(b"", final=True)).split("\n")
        marks += sum(line.count("\ufffd") for line in last)
        self.replaced += max(marks - self._found.genuine_replacements, 0)
        yield from last

    def _clean(self, text: str) -> str:
        """Line ends made LF; NUL debris dropped, and counted as lost."""
        nuls = text.count("\x00")
        if nuls:
            text = text.replace("\x00", "")
            self.replaced += nuls
        return text.replace("\r\n", "\n").replace("\r", "\n")
