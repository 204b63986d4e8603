"""Running headers, header rules and page-number footers of body pages.

Even (left-hand) pages carry the gazette name and issue at the outer, left edge; odd pages
carry the section label (市政府文件 / 市政府办公室文件 / 部门文件) at the outer, right edge.
"""

from __future__ import annotations

from .canvas import Canvas
from .fonts import cjk
from .variant import LayoutVariant

FOOTERS = {"dash": "— {} —", "plain": "{}", "hyphen": "-{}-"}


def page_label(number: int, style: str) -> str:
    return FOOTERS[style].format(number)


def running_head(
    c: Canvas,
    v: LayoutVariant,
    *,
    left: float,
    right: float,
    body_top: float,
    number: int,
    name: str,
    issue: str,
    section: str,
) -> None:
    font = cjk()
    size = max(9.0, v.body_size - 1)
    base = body_top - 20
    if number % 2 == 0:
        c.text(left, base, name, size, bold=True)
        c.text(left + font.width(name, size) + size, base, issue, size)
    else:
        c.text(right - font.width(section, size + 0.5), base, section, size + 0.5, bold=True)
    rule_y = base + 6
    if v.header_rule == "double":
        c.line(left, rule_y, right, rule_y, width=1.2)
        c.line(left, rule_y + 2.2, right, rule_y + 2.2, width=0.4)
    else:
        c.line(left, rule_y, right, rule_y, width=0.7)


def footer(
    c: Canvas, v: LayoutVariant, *, left: float, right: float, body_bottom: float, number: int
) -> None:
    font = cjk()
    size = max(9.0, v.body_size - 0.5)
    label = page_label(number, v.footer_style)
    w = font.width(label, size)
    base = body_bottom + 30
    if v.footer_position == "outer":
        x = left if number % 2 == 0 else right - w
    else:
        x = (left + right - w) / 2
    c.text(x, base, label, size)
