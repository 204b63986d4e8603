"""Vega-Lite specs of the typed datasets, for the browser's charts page.

Two charts where people would rather look than read: pollutant concentrations by year against
their standard limits, and medical-service prices by hospital grade. Each document counts once:
rows come from the canonical copy of their notice (pipeline.corpus). The data travels inside
the spec, so the page needs no further request; the Vega libraries are the package's own
static files (static/vega/), never a CDN.
"""

from __future__ import annotations

import sqlite3
from typing import Any

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an id, never fetched
# Hospital grades from the highest: the order the price tables print them in.
GRADE_ORDER = ["三甲", "三乙", "二甲", "二乙", "二乙以下", "一级", "一级以下"]
_CANONICAL = "JOIN document_copies dc ON dc.notice_id = {t}.notice_id AND dc.is_canonical"


def pollutant_chart(con: sqlite3.Connection) -> dict[str, Any] | None:
    """Concentration by year per pollutant and area, the standard limit as a dashed rule."""
    rows = con.execute(
        "SELECT p.area, p.year, p.pollutant, p.value, p.unit, p.standard_limit"
        f" FROM pollutant_concentrations p {_CANONICAL.format(t='p')}"
        " WHERE p.value IS NOT NULL ORDER BY p.pollutant, p.area, p.year"
    ).fetchall()
    if not rows:
        return None
    values = [
        {
            "area": r["area"],
            "year": r["year"],
            "pollutant": f"{r['pollutant']}（{r['unit']}）" if r["unit"] else r["pollutant"],
            "value": r["value"],
            "limit": r["standard_limit"],
        }
        for r in rows
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": "污染物年均浓度与标准限值 Pollutant concentrations by year against limits",
        "data": {"values": values},
        "facet": {"field": "pollutant", "type": "nominal", "title": None},
        "columns": 3,
        "resolve": {"scale": {"y": "independent"}},
        "spec": {
            "width": 220,
            "height": 150,
            "layer": [
                {
                    "mark": {"type": "line", "point": True},
                    "encoding": {
                        "x": {"field": "year", "type": "ordinal", "title": "年份 year"},
                        "y": {"field": "value", "type": "quantitative", "title": "浓度"},
                        "color": {"field": "area", "type": "nominal", "title": "区域"},
                        "tooltip": [
                            {"field": "area"},
                            {"field": "year"},
                            {"field": "value", "title": "浓度"},
                            {"field": "limit", "title": "限值"},
                        ],
                    },
                },
                {
                    "mark": {"type": "rule", "strokeDash": [4, 4], "color": "#c0392b"},
                    "encoding": {"y": {"aggregate": "max", "field": "limit"}},
                },
            ],
        },
    }


def price_chart(con: sqlite3.Connection) -> dict[str, Any] | None:
    """Each priced item's price at each hospital grade (surcharges, in %, left out)."""
    rows = con.execute(
        "SELECT p.code, p.name, p.unit, p.grade, p.price_yuan"
        f" FROM price_items p {_CANONICAL.format(t='p')}"
        " WHERE p.price_yuan IS NOT NULL ORDER BY p.seq"
    ).fetchall()
    if not rows:
        return None
    values = [
        {
            "item": f"{r['name']}（{r['unit']}）" if r["unit"] else r["name"],
            "grade": r["grade"],
            "price": r["price_yuan"],
        }
        for r in rows
    ]
    grades = sorted({v["grade"] for v in values}, key=_grade_rank)
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "title": "医疗服务价格（按医院等级） Medical-service prices by hospital grade",
        "data": {"values": values},
        "width": 560,
        "height": {"step": 18},
        "mark": {"type": "point", "filled": True, "size": 70},
        "encoding": {
            "y": {"field": "item", "type": "nominal", "sort": None, "title": "项目 item"},
            "x": {"field": "price", "type": "quantitative", "title": "价格（元） price, yuan"},
            "color": {
                "field": "grade",
                "type": "ordinal",
                "sort": grades,
                "title": "医院等级 grade",
                "scale": {"scheme": "category10"},
            },
            "tooltip": [{"field": "item"}, {"field": "grade"}, {"field": "price"}],
        },
    }


def _grade_rank(grade: str) -> int:
    return GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER)


def charts(con: sqlite3.Connection) -> list[tuple[str, dict[str, Any]]]:
    """(element id, spec) of every chart the corpus has data for."""
    found = [("pollutants", pollutant_chart(con)), ("prices", price_chart(con))]
    return [(name, spec) for name, spec in found if spec is not None]
