"""Tables and habits of converter Markdown: pipe tables, HTML tables, false tables, inline TeX.

Values are read from real files: the 两高 judicial interpretations (tests/fixtures/real/gazette,
keys read by hand), the markitdown output of 发改办财金规〔2019〕860号, and the converter outputs
of the samples' PDFs in tests/fixtures/markdown (see its README).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.model import Source
from extractors.readers.filled_grids import repair_filled_grid
from extractors.readers.markdown import read_markdown
from extractors.readers.markdown_math import plain_math
from extractors.readers.markdown_tables import (
    cell_text,
    html_table_grids,
    is_delimiter_row,
    is_prose_table,
    pipe_segments,
    split_pipe_row,
)
from extractors.tables.grid import logical_tables
from extractors.textnorm import compact

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = FIXTURES / "real" / "gazette"
MARKDOWN = FIXTURES / "markdown"


def read(text: str):
    return read_markdown(text, Source(path="x.md", sha256="0" * 64, format="markdown"))


def read_file(path: Path):
    return read(path.read_text(encoding="utf-8"))


# --- pipe rows and cells ---------------------------------------------------------------------


def test_escaped_bar_is_inside_a_cell():
    assert split_pipe_row(r"| a \| b | c |") == [" a | b ", " c "]
    assert split_pipe_row("| 刑法条文 |罪名 |") == [" 刑法条文 ", "罪名 "]


def test_delimiter_rows():
    assert is_delimiter_row("|---|:---:|---:|")
    assert is_delimiter_row("| ------- | --- |")
    assert not is_delimiter_row("| 1 | --- |")
    assert not is_delimiter_row("---")


def test_br_is_a_printed_line_end_and_paragraphs_stay_apart():
    # pymupdf4llm's cells of the 003 price table (003 prints 除外内容, 不与“B超…”同时计费).
    assert cell_text("除外内<br>容") == "除外内容"
    assert cell_text("不与“ B 超下卵巢囊肿穿刺术<br>（311201038）”同时计费") == (
        "不与“B超下卵巢囊肿穿刺术（311201038）”同时计费"
    )
    assert cell_text("<p>服务产出：取卵。</p><p>价格构成：人力。</p>") == (
        "服务产出：取卵。\n价格构成：人力。"
    )
    assert cell_text(r"\*\*\*") == "***"


# --- tables in the real 两高 interpretations (keys read by hand) -----------------------------

TABLE_KEYS = sorted(
    k for k in REAL.glob("liangao_*.md.key.json") if json.loads(k.read_text())["documents"]
)


@pytest.mark.parametrize("key", TABLE_KEYS, ids=lambda k: k.name)
def test_pipe_tables_of_the_real_interpretations_match_their_keys(key):
    expected = json.loads(key.read_text(encoding="utf-8"))["documents"][0]["tables"]
    doc = read_file(key.with_name(key.name[: -len(".key.json")]))
    tables = logical_tables(doc.tables)
    got = [
        {
            "rows": t.n_rows - t.header_rows,
            "cols": t.n_cols,
            "header": [compact(t.text_at(0, c)) for c in range(t.n_cols)],
            "first_row": [compact(t.text_at(t.header_rows, c)) for c in range(t.n_cols)],
        }
        for t in tables
    ]
    # Every reader drops the spaces between Chinese characters in cells; the key keeps them.
    want = [
        {
            "rows": t["rows"],
            "cols": t["cols"],
            "header": [compact(x) for x in t["header"]],
            "first_row": [compact(x) for x in t["first_row"]],
        }
        for t in expected
    ]
    assert got == want


def test_a_table_whose_second_part_lost_its_header_continues_it():
    # 补充规定（四）: 10 rows, then a new pipe table whose header row is the 11th data row.
    doc = read_file(REAL / "liangao_zuiming_buchong_4_2009.md")
    assert len(doc.tables) == 1
    assert [r[0] for r in doc.tables[0].rows[10:12]] == [
        "第337条第1款（《刑法修正案（七）》第11）",
        "第375条第2款（《刑法修正案（七）》第12条第1款）",
    ]
    assert sum(1 for line in doc.lines() if line.kind == "table") == 1


# --- markitdown's false tables ---------------------------------------------------------------


def test_false_tables_of_justified_lines_are_read_as_text():
    doc = read_file(REAL / "guowuyuan_bumen_fgw_swzj_2019_860_markitdown.md")
    texts = [line.text for line in doc.lines()]
    assert doc.tables == []
    assert "发改办财金规〔2019〕860号" in texts
    assert "税务总局办公厅" in texts
    assert "知》（国发〔2018〕41号）、《国务院关于印发社会信用体系建" in texts
    assert "2019年1月1日起全面施行的《中华人民共和国个人所得税" in texts


def test_real_tables_are_not_taken_for_text():
    # Every pipe table pymupdf4llm wrote of the samples' PDFs is a real table.
    for path in sorted(MARKDOWN.glob("*_pymupdf4llm.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        blocks = [i for i in range(len(lines) - 1) if is_delimiter_row(lines[i + 1])]
        for i in blocks:
            end = i
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            for rows in pipe_segments(lines[i:end]):
                if any(len(r) > 1 and sum(1 for c in r if c.strip()) > 1 for r in rows):
                    assert not is_prose_table(rows), (path.name, rows[:2])


# --- PyMuPDF's filled grids -------------------------------------------------------------------


def test_placeholder_and_repeated_header_cells_become_empty():
    # pymupdf4llm of the 003 land-price table: `Col4`, and 土地用途 written in both header rows.
    rows = [
        ["土地用途", "基准地价级别", "房屋出让金缴纳标准（元/建筑平方米）", "Col4"],
        ["土地用途", "基准地价级别", "临街且平街一层", "其他"],
        ["商服用地", "Ⅰ级", "1425", "475"],
    ]
    assert repair_filled_grid(rows)[:2] == [
        ["土地用途", "基准地价级别", "房屋出让金缴纳标准（元/建筑平方米）", ""],
        ["", "", "临街且平街一层", "其他"],
    ]


def test_a_sideways_table_written_as_the_page_lies_is_turned_upright():
    # pymupdf4llm of the 000 price table, printed sideways: one printed column per row.
    rows = [
        ["价格（元）", "二乙以下", "", ""],
        ["价格（元）", "三甲", "355", "27%"],
        ["项目名称", "项目名称", "微小核糖核酸检测", "微小核糖核酸检测（每增加一项加收）"],
        ["编码", "编码", "250503021", "250503021-1"],
        ["序号", "序号", "1", "2"],
    ]
    upright = repair_filled_grid(rows)
    assert upright[0] == ["序号", "编码", "项目名称", "价格（元）", ""]
    assert upright[1] == ["", "", "", "三甲", "二乙以下"]
    assert upright[2] == ["1", "250503021", "微小核糖核酸检测", "355", ""]


# --- HTML tables (MinerU) --------------------------------------------------------------------

MINERU_TABLE = (
    '<html><body><table><tr><td rowspan="2">土地用途</td><td rowspan="2">基准地价级别</td>'
    '<td colspan="2">房屋出让金缴纳标准（元/建筑平方米）</td></tr>'
    "<tr><td>临街且平街<br>一层</td><td>其他</td></tr>"
    '<tr><td rowspan="2"><b>商服</b>用地</td><td>Ⅰ级</td><td>1425</td><td>475</td></tr>'
    "<tr><td>Ⅱ级</td><td>935</td><td>405</td></tr>"
    '<tr><td>住宅用地</td><td>Ⅰ级</td><td colspan="2">368</td></tr></table></body></html>'
)


def test_html_table_spans_and_cells():
    (grid,) = html_table_grids(MINERU_TABLE)
    assert grid.rows[1] == ["", "", "临街且平街一层", "其他"]
    assert grid.rows[2] == ["商服用地", "Ⅰ级", "1425", "475"]
    assert sorted(grid.spans) == [
        (0, 0, 2, 1),
        (0, 1, 2, 1),
        (0, 2, 1, 2),
        (2, 0, 2, 1),
        (4, 2, 1, 2),
    ]


def test_html_table_in_markdown_keeps_its_place_and_types_as_land_prices():
    from extractors.tables.typed import land_price_standards

    doc = read(f"附件\n\n泸州市土地出让金缴纳标准\n\n{MINERU_TABLE}\n\n说明：以上价格为平均值。")
    kinds = [line.kind for line in doc.lines()]
    assert kinds == ["body", "body", "table", "body"]
    (table,) = logical_tables(doc.tables)
    records = land_price_standards(table)
    assert [
        (r["land_use"], r["grade"], r["frontage"], r["price_yuan_per_m2"]) for r in records
    ] == [
        ("商服用地", 1, "临街且平街一层", 1425.0),
        ("商服用地", 1, "其他", 475.0),
        ("商服用地", 2, "临街且平街一层", 935.0),
        ("商服用地", 2, "其他", 405.0),
        ("住宅用地", 1, None, 368.0),
    ]


# --- other converter habits ------------------------------------------------------------------


def test_inline_tex_of_units_and_numbers():
    assert plain_math(r"SO2($\mu \mathrm{g}/\mathrm{m}^{3}$)") == "SO2(μg/m3)"
    assert plain_math(r"$\mathrm{PM}_{2.5}$ 年均浓度 $3 5 . 3$") == "PM2.5 年均浓度 35.3"
    assert plain_math(r"加收 $3 9 \%$") == "加收 39%"
    # A span with a command not known to be a unit stays as written.
    assert plain_math(r"$\frac{a}{b}$") == r"$\frac{a}{b}$"
    assert plain_math("价格为$5，另加$3") == "价格为$5，另加$3"


def test_comments_images_links_and_page_separators():
    doc = read(
        "<!-- image -->\n![](_page_0_Picture_1.jpeg)\n"
        "见[泸州市人民政府网站](http://www.luzhou.gov.cn)。\n"
        "<!--\nTABLE\n-->\n-----\n{3}------------------------------------------------\n"
        "--- end of page=3 ---\n正文。"
    )
    assert [(line.kind, line.text) for line in doc.lines()] == [
        ("body", "见泸州市人民政府网站。"),
        ("rule", ""),
        ("rule", ""),
        ("rule", ""),
        ("body", "正文。"),
    ]


def test_a_sentence_set_as_heading_is_a_body_line():
    doc = read("## 各区县人民政府要高度重视，确保各项工作有序推进。\n### 一、救助对象及条件")
    assert [line.heading_level for line in doc.lines()] == [None, 3]


def test_signature_and_date_joined_by_the_converter_are_two_lines():
    # pymupdf4llm joins the printed lines of a block with spaces.
    doc = read(
        "泸州市人民政府 2024年12月4日\n"
        "泸州市自然资源和规划局 泸州市财政局 2024年12月10日\n"
        "本通知自 2025年1月6日\n"
    )
    assert [line.text for line in doc.lines()] == [
        "泸州市人民政府",
        "2024年12月4日",
        "泸州市自然资源和规划局泸州市财政局",
        "2024年12月10日",
        "本通知自2025年1月6日",
    ]


def test_text_on_the_line_of_an_html_table_stays_a_line():
    doc = read(f"表1 基准地价 {MINERU_TABLE} 注：单位为元。")
    assert [(line.kind, line.text) for line in doc.lines()] == [
        ("body", "表1基准地价"),
        ("table", ""),
        ("body", "注：单位为元。"),
    ]


PAGE_BREAK_TABLE = """| 序号 | 检查网站 | 存在问题 |
|---|---|---|
| 1 | 泸州市经济和信息化局网站 | 《区县动态》超期未更新 |

— 2 —

泸州市人民政府公报 2024年第12期

| 2 | 泸州市民政局网站 | 《部门信箱》要素不齐 |
|---|---|---|
| 3 | 泸州市审计局网站 | 《部门信箱》超期未回复 |
"""


def test_a_table_continues_over_page_furniture_but_not_over_text():
    doc = read(PAGE_BREAK_TABLE)
    assert [r[0] for r in doc.tables[0].rows] == ["序号", "1", "2", "3"]
    assert len(doc.tables) == 1
    doc = read(PAGE_BREAK_TABLE.replace("— 2 —", "二、整改要求"))
    assert [len(t.rows) for t in doc.tables] == [2, 2]


def test_a_table_turned_clockwise_with_grades_written_into_the_parent():
    # pymupdf4llm of the story layout's 000 price table: numbering along the top row, right to
    # left; 序号 named Col4 beside itself; 三乙 … written up into 价格（元）'s area.
    rows = [
        ["2", "1", "序号", "Col4"],
        ["250503021-1", "250503021", "编码", "编码"],
        ["27%", "355", "三甲", "价格（元）"],
        ["27%", "326", "三乙", "三乙"],
        ["", "", "二乙以下", "二乙以下"],
    ]
    upright = repair_filled_grid(rows)
    assert upright[:2] == [
        ["序号", "编码", "价格（元）", "", ""],
        ["", "", "三甲", "三乙", "二乙以下"],
    ]
    assert upright[2] == ["1", "250503021", "355", "326", ""]


def test_an_article_joined_to_the_sentence_before_it_starts_its_own_line():
    # pymupdf4llm (layout mode) of 泸市府办函〔2024〕54号: two printed lines in one paragraph.
    doc = read(
        "相关部门接受行业监管。 第十二条 上级另有规定的从其规定。 第十三条 本办法自印发之日起施行。"
    )
    assert [line.text for line in doc.lines()] == [
        "相关部门接受行业监管。",
        "第十二条 上级另有规定的从其规定。",
        "第十三条 本办法自印发之日起施行。",
    ]
    # A reference to an article inside a sentence is not a label.
    assert len(read("依照本办法 第十二条 规定处理。").lines()) == 1


def test_a_break_in_a_posts_html_paragraph_ends_a_line():
    # tests/fixtures/real/gazette/qinghai_guoluo_zangzu_zizhizhou_zangyuwen.md: the adoption
    # note and the first chapter share one WordPress <p>, apart by <br>.
    doc = read(
        "<p> （2009年7月31日青海省第十一届人民代表大会常务委员会第十次会议通过）"
        "&nbsp;<br>第一章　总 则　　</p>"
    )
    assert [line.text for line in doc.lines()] == [
        "（2009年7月31日青海省第十一届人民代表大会常务委员会第十次会议通过）",
        "第一章 总则",
    ]


def test_front_matter_keyed_by_site_labels_is_the_sites_block():
    # web/shanghai_jiading_wenwuju_youxiaoqi_2024_30.md: a crawler keys the page's fields by
    # the site's labels; the blog keys (layout:, date:) stay out of the text.
    doc = read(
        "---\n标题: 上海市嘉定区文物局关于延长《嘉定区不可移动文物保护暂行规定》有效期的通知\n"
        "文号: 嘉文物〔2024〕30号\n发布单位: 上海市嘉定区文化和旅游局\n发布日期: 2024-10-31\n"
        "层级: 区级\nlayout: post\ndate: 2024-11-02\n"
        "官方链接: https://www.shanghai.gov.cn/zhengce/detail/0080::5_181851\n---\n\n正文。\n"
    )
    assert [line.text for line in doc.lines()] == [
        "标题：上海市嘉定区文物局关于延长《嘉定区不可移动文物保护暂行规定》有效期的通知",
        "文号：嘉文物〔2024〕30号",
        "发布单位：上海市嘉定区文化和旅游局",
        "发布日期：2024-10-31",
        "官方链接：https://www.shanghai.gov.cn/zhengce/detail/0080::5_181851",
        "正文。",
    ]
