"""Layout variants: the geometry knobs a generated issue is set with.

Variant 0 is the canonical layout (two columns, 10.5 pt, `— 12 —` footers); any other number
seeds a random but reproducible choice of every knob, so a PDF reader is never tuned to one
geometry.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Literal

A4 = (595.28, 841.89)
SIXTEENMO = (595.0, 822.0)  # 大16开-ish trim, a little shorter than A4


@dataclass(frozen=True)
class LayoutVariant:
    seed: int = 0
    page_size: tuple[float, float] = A4
    margin_top: float = 76.0  # top of the body area (the running header sits above it)
    margin_bottom: float = 70.0
    margin_inner: float = 64.0  # binding side: right on even pages, left on odd ones
    margin_outer: float = 56.0
    body_size: float = 10.5
    line_spacing: float = 1.62  # leading = body_size * line_spacing
    columns: int = 2
    column_gap: float = 21.0
    title_size: float = 20.0
    table_size: float = 9.0
    footer_style: Literal["dash", "plain", "hyphen"] = "dash"  # — 12 —, 12, -12-
    footer_position: Literal["center", "outer"] = "center"
    header_rule: Literal["single", "double"] = "single"
    toc_style: Literal["paren", "inline"] = "paren"
    toc_leader: str = "."
    # Printed page numbers count the 目录 pages (so the first notice is on page 2 or 3, as in
    # the real issue) instead of starting at 1 on the first body page.
    toc_counts: bool = False
    masthead_sidebar: bool = True
    article_label_bold: bool = True
    landscape_mode: Literal["mediabox", "rotate"] = "mediabox"
    rotated_direction: Literal["ccw", "cw"] = "ccw"
    new_page_per_notice: bool = False
    cover_red: bool = True
    # the running header and footer are written after the page's text, as some typesetting
    # programs do (a text dump then shows them below the body)
    furniture_last: bool = False

    @property
    def leading(self) -> float:
        return round(self.body_size * self.line_spacing, 2)


def variant(n: int = 0) -> LayoutVariant:
    """Variant number `n`: 0 is the canonical layout, others are drawn from `random.Random(n)`."""
    if n == 0:
        return LayoutVariant()
    rnd = random.Random(n)
    body = rnd.choice([9.0, 9.5, 10.0, 10.5, 11.0])
    return replace(
        LayoutVariant(),
        seed=n,
        page_size=rnd.choice([A4, SIXTEENMO]),
        margin_top=round(rnd.uniform(66, 88), 1),
        margin_bottom=round(rnd.uniform(58, 80), 1),
        margin_inner=round(rnd.uniform(54, 76), 1),
        margin_outer=round(rnd.uniform(44, 62), 1),
        body_size=body,
        line_spacing=round(rnd.uniform(1.45, 1.85), 2),
        columns=rnd.choice([1, 2, 2]),
        column_gap=round(rnd.uniform(12, 30), 1),
        title_size=rnd.choice([18.0, 19.0, 20.0, 22.0]),
        table_size=min(body - 0.5, rnd.choice([8.0, 8.5, 9.0])),
        footer_style=rnd.choice(["dash", "plain", "hyphen"]),
        footer_position=rnd.choice(["center", "outer"]),
        header_rule=rnd.choice(["single", "double"]),
        toc_style=rnd.choice(["paren", "inline"]),
        toc_leader=rnd.choice([".", "…", "·"]),
        toc_counts=rnd.choice([False, True]),
        masthead_sidebar=rnd.choice([False, True]),
        article_label_bold=rnd.choice([False, True]),
        landscape_mode=rnd.choice(["mediabox", "rotate"]),
        rotated_direction=rnd.choice(["ccw", "cw"]),
        new_page_per_notice=rnd.random() < 0.2,
        cover_red=rnd.choice([False, True]),
        furniture_last=rnd.choice([False, True]),
    )
