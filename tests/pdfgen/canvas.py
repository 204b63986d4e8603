"""A drawing surface that writes PDF content-stream operators directly.

Callers draw in *visual* coordinates: origin top-left, y down, in the orientation the reader
sees. A canvas carries the affine map from visual coordinates to PDF user space, so the same
drawing code serves an upright page, a page shown landscape through /Rotate 90, and content
turned sideways on an upright page.
"""

from __future__ import annotations

from .fonts import FONT_NAME, cjk

Matrix = tuple[float, float, float, float, float, float]


def _f(v: float) -> str:
    s = f"{v:.2f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def upright(page_height: float) -> Matrix:
    """Visual (x, y-down) → PDF (x, y-up) on an unrotated page."""
    return (1.0, 0.0, 0.0, -1.0, 0.0, page_height)


def quarter_turn_ccw(left: float, bottom_pdf: float) -> Matrix:
    """Content whose visual x runs up the page: (X, Y) → (left + Y, bottom_pdf + X).

    Also the map for a portrait MediaBox shown landscape by /Rotate 90 (left = bottom_pdf = 0).
    """
    return (0.0, 1.0, 1.0, 0.0, left, bottom_pdf)


def quarter_turn_cw(right: float, top_pdf: float) -> Matrix:
    """Content whose visual x runs down the page: (X, Y) → (right - Y, top_pdf - X)."""
    return (0.0, -1.0, -1.0, 0.0, right, top_pdf)


class Canvas:
    def __init__(self, matrix: Matrix) -> None:
        self.m = matrix
        self.ops: list[str] = []

    def _pt(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.m
        return a * x + c * y + e, b * x + d * y + f

    def text(
        self,
        x: float,
        baseline: float,
        s: str,
        size: float,
        *,
        bold: bool = False,
        tc: float = 0.0,
        gray: float | None = None,
        rgb: tuple[float, float, float] | None = None,
    ) -> None:
        if not s:
            return
        a, b, c, d, _, _ = self.m
        px, py = self._pt(x, baseline)
        # text space (u right, v up) → visual (x + u, y - v) → PDF
        tm = " ".join(_f(v) for v in (a, b, -c, -d, px, py))
        color = ""
        if rgb is not None:
            color = " ".join(_f(v) for v in rgb)
            color = f"{color} rg {color} RG "
        elif gray is not None:
            color = f"{_f(gray)} g {_f(gray)} G "
        mode = f"2 Tr {_f(size * 0.035)} w " if bold else "0 Tr "
        hexs = cjk().encode(s)
        self.ops.append(
            f"q {color}BT /{FONT_NAME} {_f(size)} Tf {mode}{_f(tc)} Tc {tm} Tm <{hexs}> Tj ET Q"
        )

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> None:
        p0 = self._pt(x0, y0)
        p1 = self._pt(x1, y1)
        self.ops.append(
            f"q {_f(width)} w 0 G {_f(p0[0])} {_f(p0[1])} m {_f(p1[0])} {_f(p1[1])} l S Q"
        )

    def rect(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        *,
        width: float = 0.5,
        fill_gray: float | None = None,
        fill_rgb: tuple[float, float, float] | None = None,
        stroke: bool = True,
    ) -> None:
        pts = [self._pt(x0, y0), self._pt(x1, y1)]
        px0, px1 = sorted(p[0] for p in pts)
        py0, py1 = sorted(p[1] for p in pts)
        fill = ""
        if fill_rgb is not None:
            fill = " ".join(_f(v) for v in fill_rgb) + " rg "
        elif fill_gray is not None:
            fill = f"{_f(fill_gray)} g "
        op = "B" if (fill and stroke) else ("f" if fill else "S")
        self.ops.append(
            f"q {_f(width)} w 0 G {fill}{_f(px0)} {_f(py0)} {_f(px1 - px0)} {_f(py1 - py0)} re {op} Q"
        )

    def stream(self) -> str:
        return "\n".join(self.ops)
