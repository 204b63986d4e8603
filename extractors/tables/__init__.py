"""Tables as data: page-level table blocks → logical tables → typed records.

Pure functions over plain data. `grid.logical_tables` stitches a notice's table blocks into
logical tables with merged cells; `column_major.find_column_major_tables` rebuilds tables that a
text dump wrote one cell per line; `typed` turns recognised tables into records.
"""

from extractors.tables.column_major import find_column_major_tables
from extractors.tables.grid import Cell, LogicalTable, logical_tables
from extractors.tables.typed import (
    classify,
    land_price_standards,
    pollutant_concentrations,
    price_items,
)

__all__ = [
    "Cell",
    "LogicalTable",
    "classify",
    "find_column_major_tables",
    "land_price_standards",
    "logical_tables",
    "pollutant_concentrations",
    "price_items",
]
