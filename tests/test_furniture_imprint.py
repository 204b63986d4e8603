"""Text that is not the document: the back cover's imprint and a chart's labels are furniture.

Values read from the samples: the imprint of 泸州市人民政府公报 2024年第12期 (raw/003 and its
PDF) and the air-quality chart of the 大气环境质量限期达标规划 (raw/pdf/luzhou_2024_09_10_v0.pdf,
page 4: 天数 over the bars 322 315 306 …, the years 2018 … 2023 under them).
"""

from __future__ import annotations

from extractors.layout.furniture import mark_furniture
from extractors.model import Document, Line, Page, Source

IMPRINT = [
    "编印单位：泸州市人民政府办公室",
    "地址：泸州市江阳区江阳西路1号",
    "（泸州市人民政府院内）",
    "邮政编码：646000",
    "电话：0830-3190727",
    "印刷时间：2024年12月31日",
    "印刷单位：泸州华美印务有限公司",
    "开本：1194×889 1/16",
    "（月刊）",
    "2024年 第12期",
    "（总第69期）",
]
BOX = (100.0, 100.0, 120.0, 110.0)


def doc(pages: list[list[str]], bbox: tuple | None = None) -> Document:
    return Document(
        Source("x.pdf", "0" * 64, "pdf"),
        [
            Page(i, lines=[Line(text=t, page=i, bbox=bbox) for t in texts])
            for i, texts in enumerate(pages, 1)
        ],
    )


def kinds(d: Document) -> list[str]:
    return [line.kind for line in d.lines()]


def test_the_back_cover_imprint_is_furniture() -> None:
    d = doc([["第一条 本办法自印发之日起施行。"], ["附件", "价格表", *IMPRINT]])
    mark_furniture(d)
    assert kinds(d) == ["body", "body", "body", *["colophon"] * len(IMPRINT)]


def test_the_cover_masthead_is_front_matter_not_imprint() -> None:
    # The cover prints 编印单位 as a heading with its value below: front matter reads it.
    d = doc([["编印单位", "泸州市人民政府办公室"], ["正文"], ["正文"], ["正文"]])
    mark_furniture(d)
    assert set(kinds(d)) == {"body"}


def test_the_imprint_ends_where_its_fields_end() -> None:
    d = doc([["x"], ["编印单位：泸州市人民政府办公室", "电话：0830-3190727", "第二条 继续。"]])
    mark_furniture(d)
    assert kinds(d)[1:] == ["colophon", "colophon", "body"]


def test_chart_labels_in_a_pdf_are_furniture() -> None:
    chart = ["天数", "322", "315", "306", "2018", "2019", "2020308", "295"]
    text = ["2018—2023年主城区空气质量优良天数分别是322天、306天。", *chart, "2.空气质量时空特征。"]
    d = doc([text], bbox=BOX)
    mark_furniture(d)
    assert kinds(d) == ["body", *["figure_label"] * len(chart), "body"]


def test_short_numbers_without_geometry_stay_text() -> None:
    # A text dump's table comes one cell a line; the table rebuild needs those lines.
    d = doc([["322", "315", "306", "2018", "2019"]])
    mark_furniture(d)
    assert set(kinds(d)) == {"body"}


def test_a_short_list_of_numbers_is_not_a_chart() -> None:
    d = doc([["（一）", "12", "13", "正文继续。"]], bbox=BOX)
    mark_furniture(d)
    assert kinds(d) == ["body"] * 4
