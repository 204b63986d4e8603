"""Tables as data, on small grids shaped like the real ones: each repair, each rebuild, each
typed reading. The answer keys over the real samples are in tests/test_tables_seeds.py."""

from __future__ import annotations

import pytest

from extractors.model import TableGrid
from extractors.tables import (
    classify,
    find_column_major_tables,
    land_price_standards,
    logical_tables,
    pollutant_concentrations,
    price_items,
)
from extractors.tables.grid import LogicalTable
from extractors.tables.headers import count_header_rows
from extractors.tables.pollutants import area_of, pollutant_of
from extractors.tables.values import (
    header_unit,
    parse_grade,
    parse_number,
    parse_percent,
    parse_year,
)


def grid(*rows: list[str], page: int = 1, **kw) -> TableGrid:
    return TableGrid(rows=[list(r) for r in rows], page_start=page, page_end=page, **kw)


def one(*blocks: TableGrid) -> LogicalTable:
    tables = logical_tables(list(blocks))
    assert len(tables) == 1
    return tables[0]


def spans(table: LogicalTable) -> set[tuple[int, int, int, int, str]]:
    return {
        (c.row, c.col, c.row_span, c.col_span, c.text)
        for c in table.cells
        if c.row_span > 1 or c.col_span > 1
    }


def assert_tiles(table: LogicalTable) -> None:
    """Every grid position is covered by exactly one cell."""
    seen: list[tuple[int, int]] = []
    for c in table.cells:
        seen += [
            (r, k)
            for r in range(c.row, c.row + c.row_span)
            for k in range(c.col, c.col + c.col_span)
        ]
    assert sorted(seen) == [(r, k) for r in range(table.n_rows) for k in range(table.n_cols)]


PRICE_HEAD = [
    ["序号", "编码", "项目名称", "计价单位", "价格（元）", "", ""],
    ["", "", "", "", "三甲", "三乙", "二甲"],
]


# --- header rows ---------------------------------------------------------------------------


def test_one_header_row_over_numbered_rows():
    assert count_header_rows([["序号", "名称"], ["1", "甲"], ["2", "乙"]]) == 1


def test_second_header_row_with_empty_leading_cells():
    rows = [r[:] for r in PRICE_HEAD] + [["1", "311201069", "取卵术", "次", "1769", "1621", "1474"]]
    assert count_header_rows(rows) == 2


def test_data_row_with_empty_leading_cell_is_not_a_header():
    rows = [["用途", "级别", "价格（元）"], ["商服用地", "I级", "1425"], ["", "II级", "935"]]
    assert count_header_rows(rows) == 1


def test_key_value_form_has_no_header():
    rows = [["案件名称", ""], ["审批事项", "涉案主体裁量审查评估申请"], ["备注", ""]]
    assert count_header_rows(rows) == 0


def test_row_of_sentences_is_not_a_header():
    rows = [["未更新的部门", "市经济和信息化局、市统计局"], ["未更新过程数据的部门", "市财政局"]]
    assert count_header_rows(rows) == 0


# --- merging blocks ------------------------------------------------------------------------


def test_repeated_header_is_dropped_and_blocks_merge():
    t = one(
        grid(["序号", "名称"], ["1", "甲"], ["2", "乙"], page=3),
        grid(["序号", "名称"], ["3", "丙"], page=4),
    )
    assert t.rows() == [["序号", "名称"], ["1", "甲"], ["2", "乙"], ["3", "丙"]]
    assert (t.header_rows, t.page_start, t.page_end) == (1, 3, 4)
    assert any("merged 2 blocks" in n for n in t.notes)


def test_different_headers_stay_separate_tables():
    tables = logical_tables(
        [grid(["序号", "名称"], ["1", "甲"]), grid(["序号", "单位"], ["1", "乙"])]
    )
    assert [t.n_rows for t in tables] == [2, 2]


def test_page_without_header_continues_when_numbering_does():
    t = one(grid(["序号", "名称"], ["1", "甲"], ["2", "乙"]), grid(["3", "丙"], ["4", "丁"]))
    assert [row[0] for row in t.rows()] == ["序号", "1", "2", "3", "4"]


def test_page_without_header_and_other_numbering_is_another_table():
    tables = logical_tables([grid(["序号", "名称"], ["1", "甲"]), grid(["7", "丙"])])
    assert len(tables) == 2


def test_caption_of_the_first_block_with_one():
    t = one(grid(["序号", "名称"], ["1", "甲"]), grid(["序号", "名称"], ["2", "乙"], caption="表"))
    assert t.caption == "表"


# --- garbled header ------------------------------------------------------------------------

GARBLED = [
    ["序号", "编码", "项目名称", "计价单位", "价格（元）", "", "", "", ""],
    ["", "", "", "", "三甲", "三甲", "三甲", "", ""],
    ["3", "311201073", "胚胎移植", "次", "1358", "1245", "1132", "", ""],
]


def test_garbled_sub_header_takes_the_real_header_and_drops_empty_columns():
    good = grid(*PRICE_HEAD, ["1", "311201069", "取卵术", "次", "1769", "1621", "1474"])
    t = one(good, grid(*GARBLED))
    assert t.n_cols == 7 and t.header_rows == 2
    assert t.rows()[1][4:] == ["三甲", "三乙", "二甲"]
    assert t.rows()[3] == ["3", "311201073", "胚胎移植", "次", "1358", "1245", "1132"]
    assert [t.header_path(c)[-1] for c in (4, 5, 6)] == ["三甲", "三乙", "二甲"]
    assert any("garbled" in n for n in t.notes)
    assert any("dropped 2 empty" in n for n in t.notes)


def test_garbled_block_first_takes_the_header_of_the_next():
    good = grid(*PRICE_HEAD, ["4", "311201074", "未成熟卵体外培养", "次", "2027", "1858", "1689"])
    t = one(grid(*GARBLED), good)
    assert t.rows()[1][4:] == ["三甲", "三乙", "二甲"]
    assert [r[0] for r in t.rows()[2:]] == ["3", "4"]


def test_sub_header_repeating_one_label_without_a_reference_is_kept():
    t = one(grid(*GARBLED))
    assert t.rows()[1][4:] == ["三甲", "三甲", "三甲"]
    assert not any("garbled" in n for n in t.notes)


# --- spans ---------------------------------------------------------------------------------

LAND = [
    ["土地用途", "基准地价级别", "房屋出让金缴纳标准（元/建筑平方米）", ""],
    ["", "", "临街且平街一层", "其他"],
    ["商服用地", "I 级", "1425", "475"],
    ["", "II 级", "935", "405"],
    ["", "III 级", "798", "293"],
    ["住宅用地", "I 级", "368", ""],
    ["", "II 级", "333", ""],
]


def test_header_spans_over_sub_headers_and_down_two_rows():
    t = one(grid(*LAND))
    assert {s for s in spans(t) if s[0] < 2} == {
        (0, 0, 2, 1, "土地用途"),
        (0, 1, 2, 1, "基准地价级别"),
        (0, 2, 1, 2, "房屋出让金缴纳标准（元/建筑平方米）"),
    }
    assert_tiles(t)


def test_grouping_column_fills_down_and_a_lone_value_spans_its_group():
    t = one(grid(*LAND))
    assert {s for s in spans(t) if s[0] >= 2} == {
        (2, 0, 3, 1, "商服用地"),
        (5, 0, 2, 1, "住宅用地"),
        (5, 2, 1, 2, "368"),
        (6, 2, 1, 2, "333"),
    }
    assert t.text_at(4, 0) == "商服用地" and t.text_at(6, 3) == "333"


def test_empty_cells_nothing_explains_stay_empty():
    t = one(
        grid(
            *PRICE_HEAD,
            ["1", "311201069", "取卵术", "", "1769", "1621", "1474"],
            ["2", "311201070", "胚胎培养", "次", "", "2713", ""],
            ["3", "311201071", "", "次", "39%", "", ""],
        )
    )
    assert spans(t) == {
        (0, 0, 2, 1, "序号"),
        (0, 1, 2, 1, "编码"),
        (0, 2, 2, 1, "项目名称"),
        (0, 3, 2, 1, "计价单位"),
        (0, 4, 1, 3, "价格（元）"),
        (4, 4, 1, 3, "39%"),  # the first price of a group, the rest empty: one merged cell
    }
    assert t.text_at(2, 3) == "" and t.text_at(3, 4) == "" and t.text_at(3, 6) == ""
    assert t.text_at(4, 2) == ""  # not a leading column: no fill-down
    assert_tiles(t)


def test_value_not_first_in_its_group_does_not_span():
    t = one(grid(*PRICE_HEAD, ["1", "311201069", "取卵术", "次", "1769", "1621", ""]))
    assert t.text_at(2, 6) == ""
    assert not [s for s in spans(t) if s[0] >= 2]


def test_grouping_stops_where_the_group_to_its_left_changes():
    t = one(
        grid(
            ["类别", "小类", "项目", "金额"],
            ["甲", "子一", "a", "1"],
            ["", "", "b", "2"],
            ["乙", "", "c", "3"],
        )
    )
    assert (1, 1, 2, 1, "子一") in spans(t)
    assert t.text_at(3, 1) == ""  # 乙 starts a new group: 子一 does not reach into it


def test_reader_spans_are_kept_and_nothing_is_inferred():
    pdf = grid(
        ["类别", "项目", "金额"],
        ["甲", "a", "1"],
        ["", "b", "2"],
        ["", "c", "3"],
        spans=[(1, 0, 2, 1)],
    )
    t = one(pdf)
    assert spans(t) == {(1, 0, 2, 1, "甲")}
    assert t.text_at(3, 0) == ""  # the ruling said: not merged


def test_reader_spans_move_with_merged_blocks():
    a = grid(["类别", "项目"], ["甲", "a"], ["", "b"], spans=[(1, 0, 2, 1)])
    b = grid(["类别", "项目"], ["乙", "c"], ["", "d"], spans=[(1, 0, 2, 1)])
    t = one(a, b)
    assert spans(t) == {(1, 0, 2, 1, "甲"), (3, 0, 2, 1, "乙")}
    assert_tiles(t)


# --- column-major text dumps ---------------------------------------------------------------

POLLUTANT_DUMP = [
    "如下表所示。",
    "2018—2020年主城区污染物年均浓度评价结果",
    "年份",
    "2018年",
    "2019年",
    "2020年",
    "环境空气质",
    "量标准二级",
    "浓度限值",
    "SO2(μg/m3)",
    "14.0",
    "11.1",
    "9.8",
    "60",
    "CO",
    "(mg/m3)",
    "0.9",
    "1.0",
    "1.0",
    "4.0",
    "5",
    "泸州市人民政府公报2024年 第9/10期",
]


def test_column_major_rebuild_with_a_limit_row_and_a_wrapped_header():
    [(start, end, g)] = find_column_major_tables(POLLUTANT_DUMP)
    assert (start, end) == (1, 20)
    assert g.caption == "2018—2020年主城区污染物年均浓度评价结果"
    assert g.header_rows == 1
    assert g.rows == [
        ["年份", "SO2(μg/m3)", "CO(mg/m3)"],
        ["2018年", "14.0", "0.9"],
        ["2019年", "11.1", "1.0"],
        ["2020年", "9.8", "1.0"],
        ["环境空气质量标准二级浓度限值", "60", "4.0"],
    ]


def test_column_major_pages_come_from_the_lines():
    pages = [7] * 10 + [8] * (len(POLLUTANT_DUMP) - 10)
    [(_, _, g)] = find_column_major_tables(POLLUTANT_DUMP, pages=pages)
    assert (g.page_start, g.page_end) == (7, 8)


INSPECTION_DUMP = [
    "附件1",
    "2024年第三季度全市政府网站检查情况",
    "序",
    "号",
    "1",
    "2",
    "3",
    "检查网站",
    "泸州市公安局网站",
    "泸州市人力资源和社会保障",
    "局网站",
    "泸州市民政局网站",
    "存在问题",
    "《警务要闻》《警务动态》超期未更新",
    "《部门信箱》超期未更新",
    "《动态要闻》超期未更新",
    "是否整改",
    "完成",
    "整改完成",
    "整改完成",
    "整改完成",
    "附件2",
]


def test_column_major_wrapped_cells_and_wrapped_header():
    [(start, end, g)] = find_column_major_tables(INSPECTION_DUMP)
    assert (start, end) == (1, 21)
    assert g.caption == "2024年第三季度全市政府网站检查情况"
    assert g.rows == [
        ["序号", "检查网站", "存在问题", "是否整改完成"],
        ["1", "泸州市公安局网站", "《警务要闻》《警务动态》超期未更新", "整改完成"],
        ["2", "泸州市人力资源和社会保障局网站", "《部门信箱》超期未更新", "整改完成"],
        ["3", "泸州市民政局网站", "《动态要闻》超期未更新", "整改完成"],
    ]


def test_wrapped_cell_is_joined_at_the_full_line_not_elsewhere():
    lines = [
        "序号",
        "1",
        "2",
        "3",
        "所属部门",
        "市退役军人事务局",
        "市文化广电旅游局",
        "市人力资源社会",
        "保障局",
        "类型",
        "微信",
        "微信",
        "微博",
        "说明：检测时间为8月22日。",
    ]
    [(_, end, g)] = find_column_major_tables(lines)
    assert end == 13
    assert [r[1] for r in g.rows] == [
        "所属部门",
        "市退役军人事务局",
        "市文化广电旅游局",
        "市人力资源社会保障局",
    ]


def test_prose_and_lists_are_not_tables():
    prose = [
        "一、总体要求",
        "全面贯彻落实党的二十大精神，",
        "1",
        "加强组织领导。",
        "2",
        "3",
        "强化督促检查，确保各项任务",
        "落到实处。",
    ]
    assert find_column_major_tables(prose) == []
    # Numbers 1 … 3 with no header above them, and a header with no complete column after.
    assert find_column_major_tables(["本通知。", "1", "2", "3", "附件"]) == []
    assert find_column_major_tables(["序号", "1", "2", "3", "名称", "甲", "乙", "附件2"]) == []


def test_blank_form_with_header_labels_only_is_not_rebuilt():
    lines = ["序", "号", "1", "2", "3", "申请", "机构", "申请", "日期", "证件编号 签发机构"]
    lines += ["鉴定", "结果", "附件6"]
    assert find_column_major_tables(lines) == []


SIDEWAYS = (
    ["件"]
    + list("某市医疗服务项目试行价格表")
    + ["序 号 1 2", "编", "码", "250", "503", "021", "250", "503", "02", "1-1"]
    + list("项目名称检测项目检测项目（加收）项目内涵样本采集。除外内容计价单")
    + ["位 次 次", "说", "明"]
    + list("价格（元）")
    + ["三", "甲 355 27%", "三", "乙 326 27%", "二", "甲"]
)


def test_sideways_one_glyph_per_line_price_table():
    lines = ["正文。", *SIDEWAYS]
    [(start, end, g)] = find_column_major_tables(lines)
    assert (start, end) == (1, len(lines))
    assert g.caption == "某市医疗服务项目试行价格表"
    assert g.rows == [
        [
            "序号",
            "编码",
            "项目名称",
            "项目内涵",
            "除外内容",
            "计价单位",
            "说明",
            "价格（元）",
            "",
            "",
        ],
        ["", "", "", "", "", "", "", "三甲", "三乙", "二甲"],
        ["1", "250503021", "检测项目", "样本采集。", "", "次", "", "355", "326", ""],
        ["2", "250503021-1", "检测项目（加收）", "", "", "次", "", "27%", "27%", ""],
    ]
    assert (0, 7, 1, 3) in g.spans and g.header_rows == 2


def test_long_run_of_glyphs_without_table_headers_is_not_a_table():
    assert (
        find_column_major_tables(list("这是一段竖排的文字没有任何表头只是很长很长的一列字符" * 2))
        == []
    )


# --- values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,425", 1425.0),
        ("１４２５", 1425.0),
        ("1，425", 1425.0),
        ("14.0", 14.0),
        ("—", None),
        ("", None),
        ("/", None),
        ("约10", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_parse_percent_year_grade_unit():
    assert parse_percent("39%") == 39.0 and parse_percent("３９％") == 39.0
    assert parse_percent("1769") is None
    assert (
        parse_year("2018年") == 2018 and parse_year("２０２３") == 2023 and parse_year("18") is None
    )
    assert [parse_grade(g) for g in ("Ⅰ级", "I 级", "一级", "Ⅶ级", "VII 级", "IV级", "3级")] == [
        1,
        1,
        1,
        7,
        7,
        4,
        3,
    ]
    assert header_unit("SO2(µg/m³)") == "μg/m3"
    assert header_unit("CO（mg/m3）") == "mg/m3"
    assert header_unit("PM2.5(ug/m3)") == "μg/m3"
    assert header_unit("房屋出让金缴纳标准（元/建筑平方米）") == "元/建筑平方米"
    assert header_unit("年份") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("SO₂", "SO2"),
        ("so2(μg/m3)", "SO2"),
        ("二氧化硫", "SO2"),
        ("NO2", "NO2"),
        ("PM₂.₅", "PM2.5"),
        ("细颗粒物", "PM2.5"),
        ("PM10", "PM10"),
        ("O₃", "O3"),
        ("臭氧", "O3"),
        ("CO(mg/m3)", "CO"),
        ("一氧化碳", "CO"),
        ("COD", None),
        ("年份", None),
    ],
)
def test_pollutant_names(text, name):
    assert pollutant_of(text) == name


def test_area_from_caption():
    assert area_of("2018—2023年主城区污染物年均浓度评价结果") == "主城区"
    assert area_of("江阳区2023年大气污染物浓度") == "江阳区"
    assert area_of("污染物年均浓度") is None
    assert area_of(None) is None


# --- typed records -------------------------------------------------------------------------


def test_pollutants_as_columns():
    t = one(
        grid(
            ["年份", "SO₂（µg/m³）", "CO(mg/m3)"],
            ["２０２２年", "１０.０", "0.9"],
            ["2023年", "—", "1.0"],
            ["环境空气质量标准二级浓度限值", "60", "4.0"],
            caption="2022—2023年江阳区污染物年均浓度",
        )
    )
    assert classify(t) == "pollutant_concentrations"
    assert pollutant_concentrations(t) == [
        {
            "area": "江阳区",
            "year": 2022,
            "pollutant": "SO2",
            "value": 10.0,
            "unit": "μg/m3",
            "standard_limit": 60.0,
            "standard_name": "环境空气质量标准二级浓度限值",
        },
        {
            "area": "江阳区",
            "year": 2022,
            "pollutant": "CO",
            "value": 0.9,
            "unit": "mg/m3",
            "standard_limit": 4.0,
            "standard_name": "环境空气质量标准二级浓度限值",
        },
        {
            "area": "江阳区",
            "year": 2023,
            "pollutant": "SO2",
            "value": None,
            "unit": "μg/m3",
            "standard_limit": 60.0,
            "standard_name": "环境空气质量标准二级浓度限值",
        },
        {
            "area": "江阳区",
            "year": 2023,
            "pollutant": "CO",
            "value": 1.0,
            "unit": "mg/m3",
            "standard_limit": 4.0,
            "standard_name": "环境空气质量标准二级浓度限值",
        },
    ]


def test_pollutants_as_rows():
    t = one(
        grid(
            ["污染物", "2022年", "2023年", "标准限值"],
            ["二氧化氮(μg/m3)", "24.0", "22.5", "40"],
            ["臭氧(μg/m3)", "152.0", "148.0", "160"],
        )
    )
    assert classify(t) == "pollutant_concentrations"
    rows = pollutant_concentrations(t)
    assert [(r["year"], r["pollutant"], r["value"], r["standard_limit"]) for r in rows] == [
        (2022, "NO2", 24.0, 40.0),
        (2023, "NO2", 22.5, 40.0),
        (2022, "O3", 152.0, 160.0),
        (2023, "O3", 148.0, 160.0),
    ]
    assert {r["unit"] for r in rows} == {"μg/m3"} and rows[0]["area"] is None


def test_price_items_one_record_per_item_and_grade():
    t = one(
        grid(
            *PRICE_HEAD,
            ["1", "311201070", "胚胎培养", "次", "2,959", "2713", "2466"],
            ["2", "311201070-1", "胚胎培养-囊胚培养（加收）", "次", "39%", "39%", "39%"],
        )
    )
    assert classify(t) == "price_items"
    rows = price_items(t)
    assert [
        (r["seq"], r["code"], r["grade"], r["price_yuan"], r["surcharge_pct"]) for r in rows
    ] == [
        (1, "311201070", "三甲", 2959.0, None),
        (1, "311201070", "三乙", 2713.0, None),
        (1, "311201070", "二甲", 2466.0, None),
        (2, "311201070-1", "三甲", None, 39.0),
        (2, "311201070-1", "三乙", None, 39.0),
        (2, "311201070-1", "二甲", None, 39.0),
    ]
    assert rows[0]["unit"] == "次" and rows[0]["content"] is None


def test_price_in_wan_yuan_is_converted_by_the_header():
    t = one(grid(["编码", "项目名称", "价格（万元）"], ["1", "甲", "1.5"]))
    assert price_items(t)[0]["price_yuan"] == 15000.0 and price_items(t)[0]["grade"] is None


def test_land_prices_with_frontage_and_spanning_prices():
    t = one(grid(*LAND))
    assert classify(t) == "land_price_standards"
    got = [
        (r["land_use"], r["grade"], r["grade_label"], r["frontage"], r["price_yuan_per_m2"])
        for r in land_price_standards(t)
    ]
    assert got == [
        ("商服用地", 1, "I级", "临街且平街一层", 1425.0),
        ("商服用地", 1, "I级", "其他", 475.0),
        ("商服用地", 2, "II级", "临街且平街一层", 935.0),
        ("商服用地", 2, "II级", "其他", 405.0),
        ("商服用地", 3, "III级", "临街且平街一层", 798.0),
        ("商服用地", 3, "III级", "其他", 293.0),
        ("住宅用地", 1, "I级", None, 368.0),
        ("住宅用地", 2, "II级", None, 333.0),
    ]


def test_land_price_unit_comes_from_the_header():
    t = one(grid(["土地用途", "级别", "基准地价（万元/亩）"], ["工业用地", "一级", "20"]))
    [row] = land_price_standards(t)
    assert row["price_yuan_per_m2"] == pytest.approx(300.0)  # 200000 元 / 666.67 m²
    assert row["unit"] == "万元/亩" and row["frontage"] is None


def test_classify_reads_the_header_not_the_caption():
    t = one(
        grid(["序号", "检查网站", "存在问题"], ["1", "甲网站", "未更新"], caption="污染物价格表")
    )
    assert classify(t) is None
    assert pollutant_concentrations(t) == [] and price_items(t) == []
    assert land_price_standards(t) == []
    untitled = one(grid(["年份", "PM10(μg/m3)", "O3(μg/m3)"], ["2023年", "65.6", "148.0"]))
    assert classify(untitled) == "pollutant_concentrations"
