"""The HTML reader on real government pages: article found, title first, tables kept.

Fixtures: tests/fixtures/html/ (README there names each page) and the web pages of the real
corpus, tests/fixtures/real/web/*.html, whose answer keys were read by hand from each page.
Values asserted below were read off the pages by a person.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from extractors.model import Source
from extractors.readers.html import find_content, read_html
from extractors.readers.html_page import declared_charset, looks_like_html
from extractors.segmentation.site_metadata import read_site_header
from extractors.textnorm import compact

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OWN = FIXTURES / "html"
REAL_WEB = FIXTURES / "real" / "web"

# file → (title, 文号, 发布日期, 发文机关), read off each page.
OWN_PAGES = {
    "govcn_2018_guobanfa_123_yijian.html": (
        "国务院办公厅关于推进政务新媒体健康有序发展的意见",
        "国办发〔2018〕123号",
        "2018-12-27",
        "国务院办公厅",
    ),
    "govcn_2004_guobanhan_80_fuhan.html": (
        "国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函",
        "国办函〔2004〕80号",
        "2018-12-24",
        "国务院办公厅",
    ),
    "govcn_2018_guobanfa_126_chuangxin_jucuo.html": (
        "国务院办公厅关于推广第二批支持创新相关改革举措的通知",
        "国办发〔2018〕126号",
        "2019-01-08",
        "国务院办公厅",
    ),
    "govcn_1996_guobanfa_32_xizangban.html": (
        "国务院办公厅转发国家教委关于内地西藏班（校）扩大规模有关问题请示的通知",
        "国办发〔1996〕32号",
        "2018-12-02",
        "国务院办公厅",
    ),
}


def _read(path: Path):
    return read_html(path.read_text(encoding="utf-8"), Source(str(path), "0" * 64, "html"))


def _real_pages() -> list[Path]:
    return sorted(REAL_WEB.glob("*.html"))


def _key(path: Path) -> dict:
    return json.loads(path.with_suffix(".key.json").read_text(encoding="utf-8"))["documents"][0]


@pytest.mark.parametrize("name", sorted(OWN_PAGES))
def test_own_pages_title_number_and_site_fields(name: str) -> None:
    title, doc_number, published, organ = OWN_PAGES[name]
    texts = [line.text for line in _read(OWN / name).lines()]
    header = read_site_header(texts)
    assert header is not None
    assert header.get("publication_date") == published
    assert header.get("publishing_organ") == organ
    assert header.get("doc_number") == doc_number
    # The article opens with the document's own title (cut over lines), then its 文号.
    body = texts[header.start :]
    joined = ""
    k = 0
    while compact(joined) != title and k < 4:
        joined += body[k]
        k += 1
    assert compact(joined) == title
    assert body[k] == doc_number


@pytest.mark.skipif(not _real_pages(), reason="real web corpus not present")
@pytest.mark.parametrize("path", _real_pages(), ids=lambda p: p.stem)
def test_real_pages_title_and_site_fields(path: Path) -> None:
    key = _key(path)
    texts = [line.text for line in _read(path).lines()]
    header = read_site_header(texts)
    assert header is not None
    for name in ("publication_date", "publishing_organ", "source_url"):
        assert header.get(name) == key[name], name
    title = compact(key["title"])
    opening = compact("".join(texts[header.start : header.start + 4]))
    if header.title_repeated or header.title is None:
        # The article prints its own title (gov.cn's content cell): the document starts there.
        assert opening.startswith(title)
    else:
        # The article holds only the body (a CMS's zoom div): the page title is the title.
        assert compact(header.title) == title


# The article element of each page, read off the page source by a person.
CONTENT_IDS = {"lawstar_2005_guoling444_jinzhi_chuanxiao": "maintext"}


def _content_id(path: Path) -> str:
    if path.stem.startswith(("sc_", "govcn_")):
        return "UCAP-CONTENT"
    if path.stem.startswith("jiangxi_"):
        return "zoomcon"
    return CONTENT_IDS[path.stem]


@pytest.mark.parametrize(
    "path",
    [
        *(OWN / n for n in sorted(OWN_PAGES)),
        OWN / "lawstar_2005_guoling444_jinzhi_chuanxiao.html",
        *_real_pages(),
    ],
    ids=lambda p: p.stem,
)
def test_article_element_found_without_knowing_the_site(path: Path) -> None:
    html = path.read_text(encoding="utf-8")
    tree = LexborHTMLParser(html)
    # The generic rule knows no site's ids, and still lands on each CMS's content element.
    assert find_content(tree.body).attributes.get("id") == _content_id(path)
    doc = _read(path)
    texts = [line.text for line in doc.lines()]
    header = read_site_header(texts)
    assert header is not None
    body = texts[header.start :]
    # Metadata rows are read as fields, never as text or as a table of the document.
    assert not any(t.startswith(("索引号", "主题词", "主题分类")) for t in body)
    assert all(grid.rows[0][0] not in ("索 引 号：", "索引号") for grid in doc.tables)
    # Navigation and footers stay out.
    for furniture in ("版权所有", "网站标识码", "站长统计", "相关法律依据", "首页"):
        assert not any(furniture in t for t in body), furniture


def test_colspan_section_rows_of_a_word_made_table() -> None:
    doc = _read(OWN / "govcn_2018_guobanfa_126_chuangxin_jucuo.html")
    assert len(doc.tables) == 1
    grid = doc.tables[0]
    assert grid.rows[0] == ["序号", "改革举措", "主要内容", "指导部门", "推广范围"]
    # The page prints 本文有删减 and leaves out items 15–20: 1 header + 5 sections + 17 items.
    assert len(grid.rows) == 23
    assert all(len(row) == 5 for row in grid.rows)
    sections = [
        r
        for r, row in enumerate(grid.rows)
        if row[0].startswith(("一、", "二、", "三、", "四、", "五、"))
    ]
    assert sections == [1, 7, 12, 18, 19]
    assert set(grid.spans) == {(r, 0, 1, 5) for r in sections}
    assert grid.rows[1] == ["一、知识产权保护方面（共5项）", "", "", "", ""]
    assert grid.rows[-1][0] == "23"
    assert grid.rows[-1][4] == "全国"
    placeholder = [line for line in doc.lines() if line.kind == "table"]
    assert [line.table for line in placeholder] == [0]


def test_rowspan_header_of_a_plan_table() -> None:
    doc = _read(OWN / "govcn_1996_guobanfa_32_xizangban.html")
    assert len(doc.tables) == 1
    grid = doc.tables[0]
    assert grid.rows[0] == ["省（市）", "1995年招生人数", "扩招", "分年度招生任务", "", ""]
    assert grid.rows[1] == ["", "", "", "1996年", "1997年", "1998年"]
    assert grid.rows[2] == ["总计", "1445", "555", "1600", "1800", "2000"]
    assert set(grid.spans) == {(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 3)}
    assert grid.rows[-1] == ["安徽", "45", "0", "45", "45", "45"]
    texts = [line.text for line in doc.lines()]
    at = next(i for i, line in enumerate(doc.lines()) if line.kind == "table")
    # The caption lines stay text, in reading order, right above the table.
    assert texts[at - 2 : at] == ["内地西藏初中班（校）扩大招生计划表", "单位：人"]


def test_pages_without_data_tables_have_none() -> None:
    for name in ("govcn_2018_guobanfa_123_yijian.html", "govcn_2004_guobanhan_80_fuhan.html"):
        assert _read(OWN / name).tables == []


def test_signature_and_attachment_lines_are_separate_paragraphs() -> None:
    texts = [line.text for line in _read(OWN / "govcn_2004_guobanhan_80_fuhan.html").lines()]
    at = texts.index("湖北省人民政府：")
    assert texts[at - 1] == "国办函〔2004〕80号"
    sig = texts.index("二〇〇四年十一月四日")
    assert texts[sig - 1] == "国务院办公厅"
    assert texts[sig - 3 : sig - 1] == [
        "附件：1.国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告",
        "2.湖北省巴东县官渡口镇马鬃山村地质险情调查专家组意见",
    ]


def _markdown_and_text_fixtures() -> list[Path]:
    real = FIXTURES / "real"
    return sorted(p for p in real.rglob("*") if p.suffix in (".md", ".txt"))


def test_sniffing_html_by_content() -> None:
    for path in [*OWN.glob("*.html"), *_real_pages()]:
        assert looks_like_html(path.read_text(encoding="utf-8")), path.name
    others = [*_markdown_and_text_fixtures(), *(FIXTURES / "unseen").glob("*")]
    assert others
    for path in others:
        assert not looks_like_html(path.read_text(encoding="utf-8")), path.name


def test_declared_charset_of_gb_pages() -> None:
    page = (OWN / "govcn_2018_guobanfa_123_yijian.html").read_text(encoding="utf-8")
    for declared in (
        '<meta charset="gb2312">',
        '<meta http-equiv="Content-Type" content="text/html; charset=GBK">',
    ):
        data = f"<html><head>{declared}</head><body>{page}</body></html>".encode("gb18030")
        codec = declared_charset(data)
        assert codec == "gb18030"
        text = data.decode(codec)
        doc = read_html(text, Source("p.html", "0" * 64, "html"))
        assert "国办发〔2018〕123号" in [line.text for line in doc.lines()]
    assert declared_charset(page.encode("utf-8")) is None


def test_thousands_of_unclosed_tags_read_without_recursion() -> None:
    # Any input: old CMS pages leave <font>/<div> unclosed; the walk must not recurse per level.
    page = (OWN / "govcn_2004_guobanhan_80_fuhan.html").read_text(encoding="utf-8")
    doc = read_html("<div>" * 5000 + page, Source("p.html", "0" * 64, "html"))
    assert "国办函〔2004〕80号" in [line.text for line in doc.lines()]
