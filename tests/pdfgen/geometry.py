"""Page geometry a variant implies: text block, columns, landscape and sideways areas."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .variant import LayoutVariant


@dataclass(frozen=True)
class Area:
    """A body area in visual coordinates of its page: where flowing content goes."""

    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Geometry:
    page_w: float
    page_h: float
    size: float
    leading: float
    ncols: int
    col_w: float
    gap: float
    box_w: float
    box_h: float
    top: float
    left_odd: float
    left_even: float
    land_w: float  # landscape page, visual size
    land_h: float
    land: Area
    rot: Area  # sideways content: the area in the *content's* own coordinates
    rot_left_odd: float  # where that area sits on the page (its top-left, page coordinates)
    rot_left_even: float

    def portrait(self, even: bool) -> Area:
        return Area(self.left_even if even else self.left_odd, self.top, self.box_w, self.box_h)

    def area(self, orientation: str) -> Area:
        if orientation == "landscape":
            return self.land
        if orientation == "rotated":
            return self.rot
        return Area(0.0, self.top, self.box_w, self.box_h)

    @property
    def rows(self) -> int:
        return int(self.box_h // self.leading)


def geometry(v: LayoutVariant) -> Geometry:
    pw, ph = v.page_size
    size = v.body_size
    raw_w = pw - v.margin_inner - v.margin_outer
    n = v.columns
    # columns hold a whole number of characters, as on a typesetter's grid
    chars = math.floor((raw_w - v.column_gap * (n - 1)) / n / size)
    col_w = chars * size
    if n > 1:
        gap = (raw_w - n * col_w) / (n - 1)
        box_w = raw_w
        shift = 0.0
    else:
        gap = 0.0
        box_w = col_w
        shift = (raw_w - box_w) / 2
    box_h = ph - v.margin_top - v.margin_bottom
    left_odd = v.margin_inner + shift
    left_even = v.margin_outer + shift
    # landscape: the long side across, the same margins turned
    lw, lh = ph, pw
    lt, lb, ls = v.margin_top - 8, v.margin_bottom - 8, v.margin_outer
    land = Area(ls, lt, lw - 2 * ls, lh - lt - lb)
    # sideways content on a portrait page fills the body box turned a quarter
    rot = Area(0.0, 0.0, box_h, raw_w)
    return Geometry(
        page_w=pw,
        page_h=ph,
        size=size,
        leading=v.leading,
        ncols=n,
        col_w=col_w,
        gap=gap,
        box_w=box_w,
        box_h=box_h,
        top=v.margin_top,
        left_odd=left_odd,
        left_even=left_even,
        land_w=lw,
        land_h=lh,
        land=land,
        rot=rot,
        rot_left_odd=v.margin_inner,
        rot_left_even=v.margin_outer,
    )
