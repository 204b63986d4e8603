"""Line breaking for Chinese text: greedy fill, 避头尾 (kinsoku), justification by Tc.

A paragraph is a list of (text, bold) segments. Lines come back as `TLine`s whose runs carry
x offsets from the line's left edge; justified lines spread their slack over every glyph gap
with the Tc operator, as a typesetter spreads a CJK line to the column edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fonts import cjk

# may not start a line / may not end a line
NO_START = set("，。、；：？！）》」』”’〉】〕…·%‰℃,.;:?!)]}—～")
NO_END = set("（《「『“‘〈【〔([{")
_WORD = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.%/-_+:@&'~μ×")

Segment = tuple[str, bool]


@dataclass
class Run:
    x: float
    text: str
    bold: bool = False
    tc: float = 0.0  # extra space after each glyph (Tc): how a CJK run is spread


@dataclass
class TLine:
    runs: list[Run]
    size: float
    height: float
    tc: float = 0.0
    width: float = 0.0  # drawn width, from the first glyph's left to the last glyph's right
    align: str = "left"  # left | center | right, within the box the placer gives
    keep_with_next: bool = False
    rgb: tuple[float, float, float] | None = None
    tags: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _units(chars: list[tuple[str, bool]]) -> list[tuple[int, int]]:
    """Break opportunities: every CJK character is a unit, a Latin word or number is one
    (a very long one, a URL, is split into characters so it can break anywhere)."""
    units = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i][0] in _WORD:
            j = i + 1
            while j < n and chars[j][0] in _WORD:
                j += 1
            if j - i > 14:
                units.extend((x, x + 1) for x in range(i, j))
            else:
                units.append((i, j))
            i = j
        else:
            units.append((i, i + 1))
            i += 1
    return units


def layout_text(
    segments: list[Segment] | str,
    width: float,
    size: float,
    *,
    height: float | None = None,
    indent: float = 0.0,
    hanging: float = 0.0,
    justify: bool = True,
    align: str = "left",
    keep_with_next: bool = False,
    rgb: tuple[float, float, float] | None = None,
) -> list[TLine]:
    """Break one paragraph into lines `width` wide. `indent`: first line, `hanging`: the rest."""
    if isinstance(segments, str):
        segments = [(segments, False)]
    font = cjk()
    height = height if height is not None else size * 1.5
    chars = [(c, b) for text, b in segments for c in text if c != "\n"]
    if not chars:
        return []
    adv = [font.adv(c) * size for c, _ in chars]
    units = _units(chars)

    def uw(u: tuple[int, int]) -> float:
        return sum(adv[u[0] : u[1]])

    lines: list[TLine] = []
    k0 = 0
    first = True
    while k0 < len(units):
        # a line never starts with a space
        while k0 < len(units) and chars[units[k0][0]][0] == " " and not first:
            k0 += 1
        if k0 >= len(units):
            break
        offset = indent if first else hanging
        avail = width - offset
        w = 0.0
        k = k0
        while k < len(units):
            wu = uw(units[k])
            if wu > avail and k == k0 and units[k][1] - units[k][0] > 1:
                # a word longer than the line: split it into characters
                a, b = units[k]
                units[k : k + 1] = [(i, i + 1) for i in range(a, b)]
                continue
            if w + wu > avail + 0.01 and k > k0:
                break
            w += wu
            k += 1
        if k < len(units):
            kk = k
            while kk - k0 > 1 and (
                chars[units[kk][0]][0] in NO_START or chars[units[kk - 1][1] - 1][0] in NO_END
            ):
                kk -= 1
            if kk - k0 >= 1:
                k = kk
        line_units = list(units[k0:k])
        while len(line_units) > 1 and chars[line_units[-1][0]][0] == " ":
            line_units.pop()
        last = k >= len(units)
        natural = sum(uw(u) for u in line_units)
        gaps = len(line_units) - 1
        gap = 0.0
        if justify and not last and gaps > 0 and align == "left":
            gap = (avail - natural) / gaps
            if gap < 0 or gap > size * 0.6:
                gap = 0.0
        # spread the slack over the gaps between units: inside a CJK run by Tc, never
        # inside a Latin word or a number
        runs: list[Run] = []
        x = offset
        cjk_run = False
        for u in line_units:
            a, b = u
            bold = chars[a][1]
            word = b - a > 1 or chars[a][0] in _WORD
            if not word and cjk_run and runs[-1].bold == bold:
                runs[-1].text += chars[a][0]
            else:
                runs.append(Run(x, "".join(c for c, _ in chars[a:b]), bold, 0.0 if word else gap))
            cjk_run = not word
            x += uw(u) + gap
        lines.append(
            TLine(
                runs=runs,
                size=size,
                height=height,
                tc=gap,
                width=natural + gap * gaps,
                align=align,
                keep_with_next=keep_with_next,
                rgb=rgb,
            )
        )
        k0 = k
        first = False
    return lines


def layout_lines(
    text: str, width: float, size: float, *, height: float | None = None, **kw
) -> list[TLine]:
    """`layout_text` for each `\\n`-separated part of `text` (forced line breaks)."""
    out: list[TLine] = []
    for part in text.split("\n"):
        if part.strip():
            out.extend(layout_text(part, width, size, height=height, **kw))
    return out


def blank(height: float, size: float) -> TLine:
    return TLine(runs=[], size=size, height=height)
