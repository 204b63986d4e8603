"""Typed records from logical tables, recognised by what their headers say.

Never by position or a sample's title: a price table is one whose header names a code, an item
name and a price in 元; a land-price table one whose header names a land use, a grade and a
price per area. Units come from the header (`SO2(μg/m3)`, `（元/建筑平方米）`).
"""

from __future__ import annotations

import re

from extractors.tables.columns import find_column, header_paths, plain
from extractors.tables.grid import Cell, LogicalTable
from extractors.tables.pollutants import is_pollutant_table, pollutant_concentrations
from extractors.tables.values import header_unit, parse_grade, parse_number, parse_percent

__all__ = ["classify", "land_price_standards", "pollutant_concentrations", "price_items"]

_PRICE_HEAD = re.compile(r"价|收费|金额|标准")
_AREA_UNIT = re.compile(r"^(万?元)/(?:建筑|土地|占地)?(平方米|m2|亩)$")


def classify(table: LogicalTable) -> str | None:
    """The kind of records a table holds, by its header; None when it is none of them."""
    if is_pollutant_table(table):
        return "pollutant_concentrations"
    if _price_layout(table):
        return "price_items"
    if _land_layout(table):
        return "land_price_standards"
    return None


# --- 医疗服务价格项目 --------------------------------------------------------------------


def _yuan_factor(unit: str | None) -> float | None:
    if not unit:
        return None
    head = unit.split("/")[0]
    return {"元": 1.0, "万元": 10000.0}.get(head)


def _price_layout(table: LogicalTable) -> dict | None:
    code = find_column(table, "编码", "代码")
    name = find_column(table, "名称")
    prices = {}
    for c, path in enumerate(header_paths(table)):
        factor = _yuan_factor(header_unit(path[0])) if path else None
        if factor and _PRICE_HEAD.search(path[0]):
            prices[c] = (path[-1] if len(path) > 1 else None, factor)
    if code is None or name is None or not prices:
        return None
    return {
        "seq": find_column(table, "序号"),
        "code": code,
        "name": name,
        "content": find_column(table, "内涵"),
        "exclusions": find_column(table, "除外"),
        "unit": find_column(table, "计价单位", "单位", exclude=("元",)),
        "note": find_column(table, "说明", "备注"),
        "prices": prices,
    }


def price_items(table: LogicalTable) -> list[dict]:
    """One record per item per grade: price_yuan for a price, surcharge_pct for `39%`."""
    layout = _price_layout(table)
    if layout is None:
        return []

    def text(r: int, key: str) -> str | None:
        c = layout[key]
        return table.text_at(r, c).strip() if c is not None else None

    records = []
    for r in table.data_rows():
        code, name = plain(text(r, "code") or ""), text(r, "name")
        if not code and not name:
            continue
        seq = plain(text(r, "seq") or "")
        item = {
            "seq": int(seq) if seq.isdigit() else None,
            "code": code or None,
            "name": name or None,
            "content": text(r, "content") or None,
            "exclusions": text(r, "exclusions") or None,
            "unit": text(r, "unit") or None,
            "note": text(r, "note") or None,
        }
        for c, (grade, factor) in layout["prices"].items():
            cell = table.text_at(r, c)
            pct = parse_percent(cell)
            price = None if pct is not None else parse_number(cell)
            records.append(
                item
                | {
                    "grade": grade,
                    "price_yuan": price * factor if price is not None else None,
                    "surcharge_pct": pct,
                }
            )
    return records


# --- 基准地价 / 出让金缴纳标准 -------------------------------------------------------------


def _per_m2_factor(unit: str | None) -> float | None:
    m = _AREA_UNIT.match(unit or "")
    if not m:
        return None
    money = 10000.0 if m.group(1) == "万元" else 1.0
    return money / (10000 / 15) if m.group(2) == "亩" else money  # 1 亩 = 10000/15 m²


def _land_layout(table: LogicalTable) -> dict | None:
    use = find_column(table, "用途")
    grade = find_column(table, "级别")
    prices = {}
    for c, path in enumerate(header_paths(table)):
        unit = header_unit(path[0]) if path else None
        factor = _per_m2_factor(unit)
        if factor and c not in (use, grade):
            prices[c] = (path[-1] if len(path) > 1 else None, unit, factor)
    if use is None or grade is None or not prices:
        return None
    return {"use": use, "grade": grade, "prices": prices}


def land_price_standards(table: LogicalTable) -> list[dict]:
    """One record per land use, grade and frontage; frontage None where one price spans all."""
    layout = _land_layout(table)
    if layout is None:
        return []
    records = []
    for r in table.data_rows():
        land_use = plain(table.text_at(r, layout["use"]))
        label = plain(table.text_at(r, layout["grade"]))
        if not land_use and not label:
            continue
        seen: set[Cell] = set()
        for c, (leaf, unit, factor) in layout["prices"].items():
            cell = table.cell_at(r, c)
            if cell in seen:
                continue
            seen.add(cell)
            spans_leaves = sum(
                1 for cc in layout["prices"] if cell.col <= cc < cell.col + cell.col_span
            )
            value = parse_number(cell.text)
            records.append(
                {
                    "land_use": land_use or None,
                    "grade": parse_grade(label),
                    "grade_label": label or None,
                    "frontage": leaf if spans_leaves == 1 else None,
                    "price_yuan_per_m2": value * factor if value is not None else None,
                    "unit": unit,
                }
            )
    return records
