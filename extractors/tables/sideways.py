"""Price tables printed sideways, which a text dump writes one character per line.

The dump keeps each column's text in order (its header, then its cells one after another) but
loses every boundary but one: glyphs that shared a baseline come out on one line separated by
spaces (`甲 355 27%`: the end of the 三甲 header, then the two items' prices). So the columns are
found by the header labels such tables print, in their printed order, and a column's text is
cut into cells only where the text itself shows the cut:
- the items' values stand on one line separated by spaces (`项 项`, `355 27%`);
- or every cell starts the same way (250503021 / 250503021-1, a name and its 加收 variant);
otherwise the text is the first cell's, in reading order, and the other cells stay empty.
A cell whose text the dump lost stays empty; nothing is invented.
"""

from __future__ import annotations

import re
import unicodedata

from extractors.model import TableGrid

MIN_RUN = 40  # lines; a run this long of single glyphs is no prose
MIN_COLUMNS = 4
MIN_PREFIX = 4  # characters two cells must share at their start to be cut apart there

# Column headers of the medical-service price tables (医疗服务价格项目表), in printed order;
# alternatives longest first.
_COLUMNS = (
    ("序号",),
    ("项目编码", "编码"),
    ("项目名称", "名称"),
    ("项目内涵", "内涵"),
    ("除外内容",),
    ("计价单位",),
    ("说明", "备注"),
    ("价格(元)",),
)
_GRADES = ("三甲", "三乙", "二甲", "二乙", "二乙以下")  # hospital grades under 价格（元）
_ATTACHMENT = re.compile(r"^(?:附?件\d*)")


def find_sideways_tables(lines: list[str]) -> list[tuple[int, int, TableGrid]]:
    found = []
    for start, end in _glyph_runs(lines):
        rebuilt = _rebuild(lines[start:end])
        if rebuilt:
            first_line, grid = rebuilt
            found.append((start + first_line, end, grid))
    return found


def _glyph_line(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and all(len(t) <= 3 for t in tokens)


def _glyph_runs(lines: list[str]) -> list[tuple[int, int]]:
    runs = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _glyph_line(lines[j]):
            j += 1
        single = sum(len(x) == 1 for x in lines[i:j])
        if j - i >= MIN_RUN and single * 2 >= j - i:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _fold(ch: str) -> str:
    # Compare in NFKC (（ → (), but only where that keeps one character per character.
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def _rebuild(run: list[str]) -> tuple[int, TableGrid] | None:
    """The table in a run of glyph lines, and the line of the run where it starts."""
    tokens: list[tuple[int, int, int]] = []  # (start, end) in the stream, line number
    stream = ""
    for n, line in enumerate(run):
        for token in line.split():
            tokens.append((len(stream), len(stream) + len(token), n))
            stream += token
    folded = "".join(_fold(ch) for ch in stream)
    labels = _labels(folded)
    if len(labels) < MIN_COLUMNS or labels[0][0] != "序号":
        return None
    bounds = [(s, e) for _, s, e in labels] + [(len(stream), len(stream))]
    contents = [_tokens(stream, tokens, bounds[k][1], bounds[k + 1][0]) for k in range(len(labels))]
    seq = contents[0]
    if not seq or [t for t, _ in seq] != [str(i) for i in range(1, len(seq) + 1)]:
        return None
    n_rows = len(seq)
    header = [stream[s:e] for _, s, e in labels]
    columns = [[t for t, _ in seq]] + [_cells(c, n_rows) for c in contents[1:]]
    # The caption is what precedes the first header after any sentence the run began with.
    before = stream[: labels[0][1]]
    lead = max((before.rfind(p) + 1 for p in "。；：！？"), default=0)
    caption = _ATTACHMENT.sub("", before[lead:]) or None
    first_line = next((n for s, e, n in tokens if e > lead), 0)
    # The price column may carry grade sub-columns: 价格（元） over 三甲 … 二乙以下.
    grades = _grades(folded, labels[-1][2]) if labels[-1][0] == "价格(元)" else []
    if grades:
        columns.pop()
        ends = [s for _, s, _ in grades[1:]] + [len(stream)]
        for (_, _s, e), end in zip(grades, ends, strict=True):
            columns.append(_cells(_tokens(stream, tokens, e, end), n_rows))
    return first_line, _grid(header, [stream[s:e] for _, s, e in grades], columns, caption)


def _labels(folded: str) -> list[tuple[str, int, int]]:
    found = []
    pos = 0
    for alternatives in _COLUMNS:
        hits = [(folded.find(a, pos), -len(a), a) for a in alternatives]
        hits = [h for h in hits if h[0] >= 0]
        if hits:
            start, neg, label = min(hits)
            found.append((alternatives[0], start, start - neg))
            pos = start - neg
    return found


def _grades(folded: str, pos: int) -> list[tuple[str, int, int]]:
    found = []
    for grade in _GRADES:
        start = folded.find(grade, pos)
        if start < 0:
            continue
        if grade == "二乙" and folded.startswith("二乙以下", start):
            continue  # 二乙 must not be read out of 二乙以下
        found.append((grade, start, start + len(grade)))
        pos = start + len(grade)
    return found


def _tokens(
    stream: str, tokens: list[tuple[int, int, int]], lo: int, hi: int
) -> list[tuple[str, int]]:
    """The tokens between two stream offsets (clipped), with their line numbers."""
    out = []
    for s, e, n in tokens:
        s, e = max(s, lo), min(e, hi)
        if s < e:
            out.append((stream[s:e], n))
    return out


def _cells(content: list[tuple[str, int]], n_rows: int) -> list[str]:
    if not content:
        return [""] * n_rows
    if len(content) == n_rows and len({n for _, n in content}) == 1:
        return [t for t, _ in content]  # side by side on one line: one value per item
    text = "".join(t for t, _ in content)
    parts = _repeated_start(text, n_rows)
    if parts:
        return parts
    return [text] + [""] * (n_rows - 1)


def _repeated_start(text: str, n: int) -> list[str] | None:
    """`text` cut into n cells that all start with the same (longest) prefix."""
    if n < 2:
        return None
    for m in range(len(text) // n, MIN_PREFIX - 1, -1):
        prefix = text[:m]
        starts = [i for i in range(len(text)) if text.startswith(prefix, i)]
        if len(starts) == n and all(b - a >= m for a, b in zip(starts, starts[1:], strict=False)):
            return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)], strict=True)]
    return None


def _grid(
    header: list[str], grades: list[str], columns: list[list[str]], caption: str | None
) -> TableGrid:
    n_rows = len(columns[0])
    plain = len(header) - (1 if grades else 0)
    top = header[:plain] + ([header[-1]] + [""] * (len(grades) - 1) if grades else [])
    rows = [top]
    spans: list[tuple[int, int, int, int]] = []
    if grades:
        rows.append([""] * plain + grades)
        spans = [(0, c, 2, 1) for c in range(plain)] + [(0, plain, 1, len(grades))]
    rows += [[col[r] for col in columns] for r in range(n_rows)]
    return TableGrid(
        rows=rows,
        page_start=0,
        page_end=0,
        caption=caption,
        header_rows=len(rows) - n_rows,
        spans=spans,
    )
