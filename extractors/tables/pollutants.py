"""Air-pollutant concentration tables (污染物年均浓度): pollutants as columns or as rows."""

from __future__ import annotations

import re

from extractors.tables.columns import header_paths, plain
from extractors.tables.grid import LogicalTable
from extractors.tables.values import header_unit, parse_number, parse_year

# Tried in this order: PM2.5 before PM10 keeps `PM2.5` from reading as anything shorter.
_POLLUTANTS = (
    ("PM2.5", re.compile(r"PM2\.5|细颗粒物")),
    ("PM10", re.compile(r"PM10|可吸入颗粒物")),
    ("SO2", re.compile(r"SO2|二氧化硫")),
    ("NO2", re.compile(r"NO2|二氧化氮")),
    ("O3", re.compile(r"(?<![A-Z])O3|臭氧")),
    ("CO", re.compile(r"(?<![A-Z])CO(?![A-Z0-9])|一氧化碳")),
)
_BRACKETS = re.compile(r"\([^()]*\)")
_LIMIT_ROW = re.compile(r"标准|限值")
_YEARS = re.compile(r"\d{4}(?:[—\-–~至到]\d{4})?年度?")
_SUBJECT = re.compile(r"(?:主要)?(?:污染物|大气|环境空气|空气|PM|SO2|NO2|O3)")


def pollutant_of(text: str) -> str | None:
    """SO2 / SO₂ / so2 / 二氧化硫 … → the canonical name; None for anything else."""
    t = _BRACKETS.sub("", plain(text)).upper()
    return next((name for name, pattern in _POLLUTANTS if pattern.search(t)), None)


def area_of(caption: str | None) -> str | None:
    """The area a caption names around its years: 2018—2023年主城区污染物… → 主城区."""
    if not caption:
        return None
    t = plain(caption)
    m = _YEARS.search(t)
    after = t[m.end() :] if m else t
    cut = _SUBJECT.search(after)
    if cut and cut.start() > 0:
        return after[: cut.start()]  # 2018—2023年主城区污染物…
    before = t[: m.start()] if m else ""
    return before or None  # 江阳区2023年大气污染物…


def pollutant_concentrations(table: LogicalTable) -> list[dict]:
    cells = _by_columns(table) or _by_rows(table)
    if cells is None:
        return []
    readings, limits = cells
    area = area_of(table.caption)
    records = []
    for year, pollutant, unit, text in readings:
        limit_name, limit_text = limits.get(pollutant, (None, ""))
        records.append(
            {
                "area": area,
                "year": year,
                "pollutant": pollutant,
                "value": parse_number(text),
                "unit": unit,
                "standard_limit": parse_number(limit_text),
                "standard_name": limit_name,
            }
        )
    return records


Readings = list[tuple[int, str, str | None, str]]  # year, pollutant, unit, cell text
Limits = dict[str, tuple[str, str]]  # pollutant → (limit row label, cell text)


def is_pollutant_table(table: LogicalTable) -> bool:
    return (_by_columns(table) or _by_rows(table)) is not None


def _by_columns(table: LogicalTable) -> tuple[Readings, Limits] | None:
    """Pollutants head the columns (SO2(μg/m3) …); years and the limit row label the rows."""
    columns = {}
    for c, path in enumerate(header_paths(table)):
        name = pollutant_of("".join(path))
        if name:
            columns[c] = (name, header_unit("".join(path)))
    label_col = next((c for c in range(table.n_cols) if c not in columns), None)
    if len(columns) < 2 or label_col is None:
        return None
    readings: Readings = []
    limits: Limits = {}
    for r in table.data_rows():
        label = table.text_at(r, label_col)
        year = parse_year(label)
        for c, (name, unit) in columns.items():
            if year is not None:
                readings.append((year, name, unit, table.text_at(r, c)))
            elif _LIMIT_ROW.search(label) and name not in limits:
                limits[name] = (plain(label), table.text_at(r, c))
    return (readings, limits) if readings else None


def _by_rows(table: LogicalTable) -> tuple[Readings, Limits] | None:
    """Years head the columns; pollutants (with their units) label the rows."""
    paths = header_paths(table)
    years = {c: parse_year(p[-1]) for c, p in enumerate(paths) if p and parse_year(p[-1])}
    limit_col = next((c for c, p in enumerate(paths) if p and _LIMIT_ROW.search(p[-1])), None)
    if len(years) < 2:
        return None
    readings: Readings = []
    limits: Limits = {}
    for r in table.data_rows():
        label = table.text_at(r, 0)
        name = pollutant_of(label)
        if not name:
            continue
        unit = header_unit(label)
        readings += [(year, name, unit, table.text_at(r, c)) for c, year in years.items()]
        if limit_col is not None:
            limits[name] = ("".join(paths[limit_col]), table.text_at(r, limit_col))
    return (readings, limits) if readings else None
