"""Every threshold of the PDF reader, named and documented in one place (like pdfplumber's
TableSettings). Lengths are in PDF points; "× size" means a multiple of the line's font size;
shares are of the page's width or height.

The values were set on the sample gazettes and the two generated PDF families
(tests/pdfgen, tests/pdfgen_story); change them here and the whole reader follows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfSettings:
    # --- header and footer bands -------------------------------------------------------------
    # The header band ends at the rule under the running header when there is one (a
    # horizontal line in the top `edge_top_share`, longer than `header_rule_min_width` of the
    # page width, plus `header_rule_clearance`); else at `header_share` of the page height.
    header_share: float = 0.075
    footer_share: float = 0.07
    header_rule_min_width: float = 0.6
    header_rule_flatness: float = 1.0  # |y1 − y2| below this: the line is horizontal
    header_rule_clearance: float = 1.0
    # Near the edges (above `edge_top_share`, below `edge_bottom_share` of the height), a
    # text repeated (digits masked) on at least max(`repeat_min_pages`, `repeat_share` of the
    # pages) is furniture even where no rule marks the band.
    edge_top_share: float = 0.15
    edge_bottom_share: float = 0.88
    repeat_min_pages: int = 3
    repeat_share: float = 0.3

    # --- lines ------------------------------------------------------------------------------
    # Spans on one baseline (within `baseline_tolerance`) and less than `join_gap` × size
    # apart are one line; a gap wider than `word_gap` × size keeps a space between them.
    baseline_tolerance: float = 2.0
    join_gap: float = 1.2
    word_gap: float = 0.6
    # Lines of one printed row (left and right column) share a baseline within this.
    row_tolerance: float = 2.5
    # A line belongs to a table when its centre lies within the table's box, give or take this.
    table_box_slack: float = 1.0

    # --- columns ----------------------------------------------------------------------------
    # Slack when testing which side of a gutter a line is on.
    gutter_slack: float = 2.0
    # Line starts are bucketed to this many points when looking for a shared left edge.
    start_bucket: int = 2
    # A candidate column edge: shared by at least 2 lines, right of `min_edge_share` of the
    # width, with at least `min_left_lines` lines ending `left_clearance` before it and
    # `min_right_lines` starting at it, and at most `max_crossing_share` of the lines crossing.
    min_edge_share: float = 0.2
    left_clearance: float = 4.0
    min_left_lines: int = 3
    min_right_lines: int = 2
    max_crossing_share: float = 0.4
    # Each column's widest line spans at least this share of the width (a run of page
    # numbers after 目录 leaders is no column); right-column lines narrower than it do not
    # set the column's right edge.
    min_column_share: float = 0.1
    # A full line of the right column starts within `full_line_start` × size of the edge and
    # ends within `full_line_end` × size of the column's right edge; a column needs 2 of them.
    full_line_start: float = 2.5
    full_line_end: float = 1.5
    min_full_lines: int = 2
    # The document's usual gutter replaces a page's own unless more than this share of the
    # page's lines would cross it.
    usual_gutter_max_crossing: float = 0.3

    # --- paragraph wrap ---------------------------------------------------------------------
    # A line wrapped (its paragraph goes on) when it stops within `wrap_gap` × size of the
    # column's right edge, or when the next line's first unbreakable unit would not have fitted
    # in the space left (+ `wrap_unit_slack` × size); unless the next line is indented by at
    # least `indent` × size (首行缩进). A Latin letter or digit is `latin_width` × size wide.
    wrap_gap: float = 0.8
    wrap_unit_slack: float = 0.5
    indent: float = 1.5
    latin_width: float = 0.6
    default_font_size: float = 10.0
    # The right edge is the median of the upper half of line ends when a column has this many.
    min_lines_for_edge: int = 3

    # --- text layer -------------------------------------------------------------------------
    # More unmapped glyphs than max(`broken_min`, `broken_share` of the text): no usable text.
    broken_min: int = 20
    broken_share: float = 0.05

    # --- work -------------------------------------------------------------------------------
    # A file's pages are scanned in several processes (`jobs`) only when each gets at least
    # this many: a fork and the trip of its results back cost about as much as a few pages.
    pages_per_job: int = 16


PDF_SETTINGS = PdfSettings()
