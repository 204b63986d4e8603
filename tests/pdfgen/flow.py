"""What composition hands the paginator: a flat list of flow items, in reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

from .typeset import TLine


@dataclass
class Full:
    """Lines across the whole text block (titles, covering text, attachment text)."""

    lines: list[TLine]
    section: str
    keep: bool = False  # never split across pages
    need_after: float = 0.0  # room that must follow on the same page (keep with next)
    space_before: float = 0.0  # dropped at the top of a page
    anchor: str | None = None  # a notice starts here: its 文号


@dataclass
class Columns:
    """Body lines that flow down the columns, balanced where the flow stops mid-page."""

    lines: list[TLine]
    section: str
    space_before: float = 0.0


@dataclass
class Table:
    spec: dict
    size: float
    section: str
    caption: list[TLine] = field(default_factory=list)
    space_before: float = 0.0


@dataclass
class Figure:
    caption: list[TLine]
    height: float
    section: str
    space_before: float = 0.0


@dataclass
class NewPage:
    orientation: str  # portrait | landscape | rotated
    section: str


Item = Full | Columns | Table | Figure | NewPage
