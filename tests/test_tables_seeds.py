"""Answer key for the tables of the two real samples.

Every expected value was read by hand from the raw files (line numbers of the raw file are
given as `Lnnn`), none copied from the program's output. The grids are built as the pipeline
builds them: raw/003 through extractors.readers.markdown.read_markdown (doc.tables), raw/000
through find_column_major_tables over its lines, stripped, blank lines dropped.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pytest

from extractors.model import Source
from extractors.readers.markdown import read_markdown
from extractors.tables import (
    classify,
    find_column_major_tables,
    land_price_standards,
    logical_tables,
    pollutant_concentrations,
    price_items,
)
from tests.conftest import RAW_MARKDOWN, RAW_TEXT

UNSEEN = RAW_TEXT.parent.parent / "tests" / "fixtures" / "unseen"


def lines_of(path) -> list[str]:
    return [s.strip() for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]


@cache
def lines_000() -> tuple[str, ...]:
    return tuple(lines_of(RAW_TEXT))


@cache
def tables_000():
    return find_column_major_tables(list(lines_000()))


@cache
def tables_003():
    doc = read_markdown(
        RAW_MARKDOWN.read_text(encoding="utf-8"), Source("003", "0" * 64, "markdown")
    )
    return logical_tables(doc.tables)


def n(text: str | None) -> str | None:
    """Compared form: the converter writes ( ) , where the reader prints （ ） ，."""
    return None if text is None else unicodedata.normalize("NFKC", text).replace(" ", "")


def table_000(caption_start: str):
    found = [t for t in tables_000() if (t[2].caption or "").startswith(caption_start)]
    assert len(found) == 1, caption_start
    return found[0]


def logical_000(caption_start: str):
    [table] = logical_tables([table_000(caption_start)[2]])
    return table


def kind_003(kind: str):
    found = [t for t in tables_003() if classify(t) == kind]
    assert len(found) == 1, kind
    return found[0]


# --- raw/000: 2018—2023年主城区污染物年均浓度评价结果 (L344–L425) ------------------------

YEARS = [2018, 2019, 2020, 2021, 2022, 2023]  # L348–L358
POLLUTANTS = {  # values L365–L423, limits L373–L425, units from the headers
    "SO2": ([14.0, 11.1, 9.8, 11.5, 10.0, 8.3], 60.0, "μg/m3"),
    "NO2": ([31.7, 30.2, 27.8, 27.0, 24.0, 22.5], 40.0, "μg/m3"),
    "PM10": ([53.9, 54.1, 51.0, 52.2, 59.6, 65.6], 70.0, "μg/m3"),
    "PM2.5": ([35.3, 41.4, 39.2, 40.6, 40.6, 43.8], 35.0, "μg/m3"),
    "O3": ([136.6, 147.0, 146.0, 137.2, 152.0, 148.0], 160.0, "μg/m3"),
    "CO": ([0.9, 1.0, 1.0, 1.0, 0.9, 1.0], 4.0, "mg/m3"),
}
LIMIT_LABEL = "环境空气质量标准二级浓度限值"  # L360–L362, wrapped over three lines


def test_pollutant_table_is_rebuilt_completely():
    start, end, grid = table_000("2018—2023年主城区")
    lines = lines_000()
    assert lines[start] == "2018—2023年主城区污染物年均浓度评价结果"  # L344
    assert lines[end - 1] == "4.0" and lines[end] == "5"  # L425, then the page number L427
    assert grid.header_rows == 1 and len(grid.rows) == 8
    assert grid.rows[0] == [
        "年份",
        "SO2(μg/m3)",
        "NO2(μg/m3)",
        "PM10(μg/m3)",
        "PM2.5(μg/m3)",
        "O3(μg/m3)",
        "CO(mg/m3)",
    ]
    assert [r[0] for r in grid.rows[1:]] == [f"{y}年" for y in YEARS] + [LIMIT_LABEL]
    for col, (values, limit, _unit) in enumerate(POLLUTANTS.values(), start=1):
        assert [float(r[col]) for r in grid.rows[1:]] == [*values, limit]


def test_pollutant_records():
    table = logical_000("2018—2023年主城区")
    assert classify(table) == "pollutant_concentrations"
    got = pollutant_concentrations(table)
    expected = [
        {
            "area": "主城区",
            "year": year,
            "pollutant": name,
            "value": values[i],
            "unit": unit,
            "standard_limit": limit,
            "standard_name": LIMIT_LABEL,
        }
        for i, year in enumerate(YEARS)
        for name, (values, limit, unit) in POLLUTANTS.items()
    ]
    assert len(got) == 36
    assert got == expected


# --- raw/000: the inspection tables of 泸市府室发〔2024〕25号 (L2958–L3177) ----------------

WEBSITES = [  # 附件1, L2996–L3028 (three names wrap: L3008/3010, L3012/3014, L3022/3024)
    ("泸州国家高新区政府站网站", "《领导信箱》超期未更新"),
    ("泸州市经济和信息化局网站", "《区县动态》超期未更新"),
    ("泸州市公安局网站", "《警务要闻》《警务动态》超期未更新"),
    ("泸州市民政局网站", "《动态要闻》超期未更新"),
    ("泸州市司法局网站", "《工作动态》超期未更新"),
    ("泸州财政局网站", "《部门信箱》超期未更新"),
    ("泸州市人力资源和社会保障局网站", "《区县动态》超期未更新"),
    ("泸州市住房和城乡建设局网站", "《图片新闻》超期未更新"),
    ("泸州市水务局网站", "《区县动态》超期未更新"),
    ("泸州市农业农村局网站", "《区县联播》超期未更新"),
    ("泸州市商务和会展局网站", "《政策法规》超期未更新"),
    ("泸州市文化广播电视和旅游局网站", "《工作动态》超期未更新"),
    ("泸州市应急管理局网站", "《领导信箱》互动栏目要素不齐"),
    ("泸州市林业和竹业局网站", "《在线咨询》超期未更新"),
]


def test_website_inspection_table_keeps_header_and_every_row():
    start, end, grid = table_000("2024年第三季度全市政府网站")
    lines = lines_000()
    assert lines[start] == "2024年第三季度全市政府网站检查情况"  # L2960
    assert lines[end] == "附件2"  # L3091
    assert grid.caption == "2024年第三季度全市政府网站检查情况"
    assert grid.rows[0] == ["序号", "检查网站", "存在问题", "是否整改完成"]  # L2962–L3062
    assert grid.rows[1:] == [
        [str(i), site, problem, "整改完成"] for i, (site, problem) in enumerate(WEBSITES, start=1)
    ]


MEDIA = [  # 附件2, L3113–L3175 (市人力资源社会 / 保障局 wraps: L3137/L3139)
    ("泸州退役军人", "市退役军人事务局", "微信", "存在表述不规范"),
    ("泸州市场监管", "市市场监管局", "微信", "存在表述不规范"),
    ("泸州酒业发展", "市酒业发展局", "微信", "存在表述不规范"),
    ("文旅泸州", "市文化广电旅游局", "微信", "存在严重表述不规范"),
    ("泸州就业", "市人力资源社会保障局", "微信", "存在表述不规范"),
    ("泸州发布", "市委宣传部", "微信", "存在严重表述不规范"),
    ("泸州发布", "市政府新闻办公室", "微博", "存在表述不规范"),
]


def test_new_media_inspection_table_keeps_header_and_every_row():
    start, end, grid = table_000("2024年第三季度全市政务新媒体")
    lines = lines_000()
    assert lines[end] == "说明：检测时间为8月22日至8月23日。"  # L3177
    assert grid.rows[0] == ["序号", "新媒体名称", "所属区县或部门", "类型", "存在的突出问题"]
    assert grid.rows[1:] == [[str(i), *row] for i, row in enumerate(MEDIA, start=1)]
    [table] = logical_tables([grid])
    assert classify(table) is None


# --- raw/000: the microRNA price table printed sideways (L4825–L5058) --------------------

MICRORNA_GRADES = ["三甲", "三乙", "二甲", "二乙", "二乙以下"]  # L5043–L5058
MICRORNA_PRICES = [355.0, 326.0, 296.0, 266.0, None]  # `甲 355 27%` …; 二乙以下 lost
MICRORNA_SURCHARGES = [27.0, 27.0, 27.0, 27.0, None]


def test_sideways_price_table_rebuilt_as_far_as_the_text_allows():
    start, end, grid = table_000("泸州市公立医疗机构微小核糖核酸")
    lines = lines_000()
    assert lines[start] == "件" and lines[start - 1] == "泸市医保规〔2024〕1号"
    assert end == len(lines) and lines[end - 1] == "下"
    assert grid.caption == "泸州市公立医疗机构微小核糖核酸（microRNA）检测等医疗服务项目试行价格表"
    assert grid.rows[0][:8] == [
        "序号",
        "编码",
        "项目名称",
        "项目内涵",
        "除外内容",
        "计价单位",
        "说明",
        "价格（元）",
    ]
    assert grid.rows[1][7:] == MICRORNA_GRADES
    assert [r[:3] for r in grid.rows[2:]] == [
        ["1", "250503021", "微小核糖核酸（microRNA）检测"],
        ["2", "250503021-1", "微小核糖核酸（microRNA）检测（每增加一项加收）"],
    ]


def test_microrna_price_items():
    table = logical_000("泸州市公立医疗机构微小核糖核酸")
    assert classify(table) == "price_items"
    got = price_items(table)
    assert len(got) == 10
    item1, item2 = got[:5], got[5:]
    assert {(r["seq"], r["code"], r["unit"]) for r in item1} == {(1, "250503021", "项")}
    assert {(r["seq"], r["code"], r["unit"]) for r in item2} == {(2, "250503021-1", "项")}
    assert [(r["grade"], r["price_yuan"], r["surcharge_pct"]) for r in item1] == list(
        zip(MICRORNA_GRADES, MICRORNA_PRICES, [None] * 5, strict=True)
    )
    assert [(r["grade"], r["price_yuan"], r["surcharge_pct"]) for r in item2] == list(
        zip(MICRORNA_GRADES, [None] * 5, MICRORNA_SURCHARGES, strict=True)
    )
    # 项目内涵 L4907–L4989 and 说明 L5003–L5033 come out once, in the first item's place.
    assert item1[0]["content"] == (
        "样本采集、签收、处理，检测、判读并审核结果，录入实验室信息系统或人工登记，"
        "发送报告；按规定处理废弃物；接受临床相关咨询。"
    )
    assert item1[0]["note"] == "每增加一项加收27%，加收最多不超过6项。"
    assert item2[0]["content"] is None and item1[0]["exclusions"] is None


# --- raw/000: no false tables ---------------------------------------------------------------


def test_exactly_four_tables_in_000_and_none_outside_them():
    found = tables_000()
    assert len(found) == 4
    lines = list(lines_000())
    outside: list[str] = []
    last = 0
    for start, end, _ in found:
        outside += lines[last:start]
        last = end
    outside += lines[last:]
    assert find_column_major_tables(outside) == []
    # Each stretch of prose between tables on its own, too.
    bounds = [0] + [x for s, e, _ in found for x in (s, e)] + [len(lines)]
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        assert find_column_major_tables(lines[a:b]) == []


@pytest.mark.parametrize(
    "name", ["beichuan_2024_04.txt", "jiangyou_2025_01.txt", "yibin_2024_06.txt"]
)
def test_no_tables_in_other_dumps(name):
    assert find_column_major_tables(lines_of(UNSEEN / name)) == []


def test_no_column_major_tables_in_markdown_text():
    assert find_column_major_tables(lines_of(RAW_MARKDOWN)) == []


# --- raw/003: all blocks in reading order ---------------------------------------------------


def test_003_blocks_make_these_logical_tables():
    tables = tables_003()
    assert [(t.n_rows, t.n_cols, t.header_rows) for t in tables] == [
        (14, 4, 1),  # 噪声污染防治法 条款 L613–L640: six pages, header repeated, rows 1–13
        (14, 4, 1),  # 附件1 政府网站 L696–L709
        (9, 5, 1),  # 附件2 政务新媒体 L715–L723
        (2, 2, 0),  # 附件3 数据汇集 L731–L732: label | list, no header
        (16, 4, 2),  # 出让金缴纳标准 L796–L811
        (6, 2, 0),  # four 审批表 forms L1012–L1107
        (6, 2, 0),
        (6, 2, 0),
        (6, 2, 0),
        (19, 12, 2),  # 取卵术 price table L1158–L1197: six pages, one garbled
    ]
    assert [classify(t) for t in tables] == [None] * 4 + ["land_price_standards"] + [None] * 4 + [
        "price_items"
    ]


def test_noise_law_table_pages_merge_without_repeated_headers():
    table = tables_003()[0]
    rows = table.rows()
    assert rows[0] == ["序号", "法律条款", "法律内容", "职责部门"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 14)]
    assert [r[1] for r in rows[1:]][:4] == [
        "第三十三条",
        "第四十三条第二款",
        "第四十六条第二、三款",
        "第七十条",
    ]


def test_inspection_tables_of_003_keep_every_row():
    websites, media = tables_003()[1], tables_003()[2]
    assert websites.rows()[0] == ["序号", "检查网站", "存在问题", "是否整改完成"]
    assert [r[0] for r in websites.rows()[1:]] == [str(i) for i in range(1, 14)]
    assert websites.rows()[13][1] == "泸州市林业和竹业局网站"  # L709
    assert media.rows()[0] == ["序号", "新媒体名称", "所属区县或部门", "类型", "存在的突出问题"]
    assert [r[1] for r in media.rows()[1:]] == [
        "法治泸县",
        "泸州农业",
        "自贸试验区川南临港片区",
        "泸州退役军人",
        "泸州水务发布",
        "文旅泸州",
        "平安合江",
        "平安江阳",
    ]


# --- raw/003: 房屋出让金缴纳标准 (L796–L811) -----------------------------------------------

LAND = {  # grade: (临街且平街一层, 其他) for 商服用地 L798–L804; one price for 住宅用地 L805–L811
    "商服用地": [
        (1425, 475),
        (935, 405),
        (798, 293),
        (678, 249),
        (333, 167),
        (300, 150),
        (240, 104),
    ],
    "住宅用地": [368, 333, 320, 287, 258, 220, 140],
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII"]


def test_land_table_spans():
    table = kind_003("land_price_standards")
    merged = {
        (c.row, c.col, c.row_span, c.col_span, c.text)
        for c in table.cells
        if c.row_span > 1 or c.col_span > 1
    }
    assert (0, 2, 1, 2, "房屋出让金缴纳标准（元/建筑平方米）") in merged
    assert (0, 0, 2, 1, "土地用途") in merged and (0, 1, 2, 1, "基准地价级别") in merged
    assert (2, 0, 7, 1, "商服用地") in merged and (9, 0, 7, 1, "住宅用地") in merged
    assert {(r, 2, 1, 2) for r in range(9, 16)} <= {m[:4] for m in merged}


def test_all_21_land_prices():
    got = land_price_standards(kind_003("land_price_standards"))
    expected = []
    for grade, (front, other) in enumerate(LAND["商服用地"], start=1):
        label = f"{ROMAN[grade - 1]}级"
        expected += [
            ("商服用地", grade, label, "临街且平街一层", float(front)),
            ("商服用地", grade, label, "其他", float(other)),
        ]
    for grade, price in enumerate(LAND["住宅用地"], start=1):
        expected.append(("住宅用地", grade, f"{ROMAN[grade - 1]}级", None, float(price)))
    assert len(expected) == 21
    assert [
        (r["land_use"], r["grade"], r["grade_label"], r["frontage"], r["price_yuan_per_m2"])
        for r in got
    ] == expected
    assert {r["unit"] for r in got} == {"元/建筑平方米"}


# --- raw/003: 取卵术等医疗服务项目试行价格表 (L1158–L1197) -----------------------------------

GRADES = ["三甲", "三乙", "二甲", "二乙", "二乙以下"]
PRICE_ITEMS = [  # seq, code, name, unit, five grade values (`39%` a surcharge), note
    (
        1,
        "311201069",
        "取卵术",
        "次",
        [1769, 1621, 1474, 1327, 1179],
        "不与“B超下卵巢囊肿穿刺术(311201038)”同时计费",
    ),
    (2, "311201070", "胚胎培养", "次", [2959, 2713, 2466, 2219, 1972], "囊胚培养加收39%"),
    (3, "311201070-1", "胚胎培养-囊胚培养(加收)", "次", ["39%"] * 5, None),
    (4, "311201071", "组织/体细胞冷冻(辅助生殖)", "管·次", [1167, 1070, 973, 876, 778], None),
    (5, "311201072", "组织/体细胞冷冻(辅助生殖)", "管·月", [22, 20, 18, 16, 14], None),
    (
        6,
        "311201073",
        "胚胎移植",
        "次",
        [1358, 1245, 1132, 1019, 905],
        "冻融胚胎加收68%",
    ),  # L1173, garbled page
    (7, "311201073-1", "胚胎移植-冻融胚胎(加收)", "次", ["68%"] * 5, None),
    (8, "311201074", "未成熟卵体外培养", "次", [2027, 1858, 1689, 1520, 1351], None),
    (9, "311201075", "胚胎辅助孵化", "次", [356, 327, 297, 267, 237], None),
    (
        10,
        "311201076",
        "组织、细胞活检(辅助生殖)",
        "每个胚胎(卵)",
        [1159, 1063, 966, 869, 773],
        None,
    ),
    (11, "311201077", "人工授精", "次", [598, 548, 498, 448, 399], "阴道(宫颈)内人工授精参照计费"),
    (12, "311201077-1", "阴道(宫颈)内人工授精", "次", [598, 548, 498, 448, 399], None),
    (13, "311201078", "精子优选处理", "次", [582, 534, 485, 437, 388], None),
    (14, "311100020", "取精术", "次", [503, 461, 419, 377, 335], None),
    (15, "311100020-1", "取精术-显微镜下操作(加收)", "次", [2667, 2444, 2222, 2000, 1778], None),
    (16, "311201079", "单精子注射", "卵·次", [918, 842, 765, 689, 612], None),
    (17, "311201079-1", "单精子注射-卵子激活(加收)", "次", [660, 605, 550, 495, 440], None),
]


def test_price_table_header_and_repairs():
    table = kind_003("price_items")
    assert table.rows()[1][7:] == GRADES  # the garbled page's 三甲 三甲 … is gone
    assert [table.header_path(c) for c in (0, 7, 11)] == [
        ["序号"],
        ["价格（元）", "三甲"],
        ["价格（元）", "二乙以下"],
    ]
    assert any("garbled" in note for note in table.notes)
    assert any("dropped 3 empty" in note for note in table.notes)


def test_every_price_and_surcharge_of_the_17_items():
    got = price_items(kind_003("price_items"))
    assert len(got) == 17 * 5
    expected = []
    for seq, code, name, unit, values, _note in PRICE_ITEMS:
        for grade, value in zip(GRADES, values, strict=True):
            pct = float(value[:-1]) if isinstance(value, str) else None
            price = float(value) if not isinstance(value, str) else None
            expected.append((seq, code, name, unit, grade, price, pct))
    assert [
        (
            r["seq"],
            r["code"],
            n(r["name"]),
            n(r["unit"]),
            r["grade"],
            r["price_yuan"],
            r["surcharge_pct"],
        )
        for r in got
    ] == [(s, c, n(nm), n(u), g, p, pc) for s, c, nm, u, g, p, pc in expected]


def test_price_item_text_fields():
    got = {(r["seq"], r["grade"]): r for r in price_items(kind_003("price_items"))}
    notes = {seq: note for seq, *_, note in PRICE_ITEMS if note}
    for seq, note in notes.items():
        assert n(got[(seq, "三甲")]["note"]) == n(note)
    assert n(got[(1, "三甲")]["content"]) == n(
        "服务产出:通过临床技术操作获得卵母细胞。价格构成:所定价格涵盖穿刺、取卵、卵泡冲洗、计数、"
        "评估过程中的人力资源和基本物质消耗。"
    )  # L1160
    assert got[(3, "三甲")]["content"] is None  # the 加收 row has no 项目内涵
    assert all(r["exclusions"] is None for r in got.values())  # 除外内容 empty throughout
