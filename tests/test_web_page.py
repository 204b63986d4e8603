"""A web page or legal-database export as one document: block, furniture and doubled title
read off, the document left starting at its own first line. Real files only (READMEs of
tests/fixtures/html/ and tests/fixtures/real/ name them); expected values read off them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.model import Document, Source
from extractors.readers.html import read_html
from extractors.readers.markdown import read_markdown
from extractors.readers.sniff import sniff
from extractors.readers.text_dump import read_text_dump
from extractors.segmentation.web_page import page_notice, read_web_page
from extractors.textnorm import compact

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WEB = FIXTURES / "real" / "web"
GAZETTE = FIXTURES / "real" / "gazette"


def _doc(path: Path) -> Document:
    text = sniff(path.read_bytes()).text or ""
    source = Source(str(path), "0" * 64, "text")
    if path.suffix == ".html":
        return read_html(text, source)
    if path.suffix == ".md":
        return read_markdown(text, source)
    return read_text_dump(text, source)


def _first_texts(doc: Document, n: int) -> list[str]:
    return [line.text for line in doc.lines() if line.kind == "body"][:n]


def _key(path: Path) -> dict:
    return json.loads(path.with_suffix(".key.json").read_text(encoding="utf-8"))["documents"][0]


def _present(*paths: Path) -> bool:
    return all(p.exists() for p in paths)


@pytest.mark.skipif(not WEB.exists(), reason="real web corpus not present")
@pytest.mark.parametrize("path", sorted(WEB.glob("sc_md_*.md")), ids=lambda p: p.stem)
def test_crawler_markdown_document_starts_at_its_own_title(path: Path) -> None:
    # `# 标题`, `- 索引号：…` … `- 原文链接：…`, then the document printing its title again.
    page = read_web_page(_doc(path))
    assert page is not None
    first = _first_texts(page.document, 4)
    assert not any(t.startswith(("索引号", "原文链接", "发布日期")) for t in first)
    assert compact("".join(first)).startswith(compact(_key(path)["title"])[:10])
    assert compact(page.title) == compact(_key(path)["title"])


def test_pkulaw_export_prints_its_title_twice_one_is_kept() -> None:
    path = GAZETTE / "anhui_gongye_hulianwang_zhengce.txt"
    if not path.exists():
        pytest.skip("real gazette corpus not present")
    page = read_web_page(_doc(path))
    assert page is not None
    assert page.site.get("source_url") == (
        "https://www.pkulaw.com/lar/e069caa6e9e192c2d4e5fade93a3d543bdfb.html"
    )
    assert page.site.get("citation_code") == "CLI.12.4638041"
    first = _first_texts(page.document, 2)
    # The database's title (ASCII brackets, em dash) goes; the document's own line stays.
    assert first == [
        "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展"
        "行动计划（2021-2023年）的通知",
        "（皖政办秘〔2021〕82号）",
    ]


def test_navigation_and_buttons_before_the_document_go() -> None:
    path = WEB / "neimenggu_neizhengfa_2013_62.txt"
    if not path.exists():
        pytest.skip("real web corpus not present")
    page = read_web_page(_doc(path))
    assert page is not None
    # 蒙古文版 / 首页 … navigation, the flattened 信息公开 table, 取消收藏成功! and 相关办事指南 go.
    assert _first_texts(page.document, 2) == [
        "内蒙古自治区人民政府关于印发《内蒙古自治区人民政府工作规则》的通知",
        "各盟行政公署、市人民政府，各旗县人民政府，自治区各委、办、厅、局，各大企业、事业单位：",
    ]
    assert page.site.get("publishing_organ") == "自治区人民政府"
    assert page.site.get("doc_number") == "内政发〔2013〕62号"


def test_statistics_bulletin_page_is_one_document_headed_by_its_title() -> None:
    path = WEB / "jiangxi_wanzai_tongji_gongbao_2022.html"
    if not path.exists():
        pytest.skip("real web corpus not present")
    page = read_web_page(_doc(path))
    assert page is not None
    block = page_notice(page, page.document)
    assert block is not None
    assert block.header.title.title == "万载县2022年国民经济和社会发展统计公报"
    assert block.header.title.doc_type == "公报"
    assert block.lines[0].text == "万载县2022年国民经济和社会发展统计公报"


def test_legal_database_page_fields_and_document() -> None:
    page = read_web_page(_doc(FIXTURES / "html" / "lawstar_2005_guoling444_jinzhi_chuanxiao.html"))
    assert page is not None
    assert page.site.get("effective_date") == "2005-11-01"
    assert _first_texts(page.document, 2) == ["禁止传销条例", "中华人民共和国国务院令第４４４号"]


@pytest.mark.parametrize(
    "path",
    [
        *sorted((FIXTURES.parent.parent / "raw").glob("*.txt")),
        *sorted((FIXTURES / "unseen").glob("*.*")),
    ],
    ids=lambda p: p.name,
)
def test_gazettes_have_no_site_block(path: Path) -> None:
    # A gazette issue prints many documents; nothing in it is a website's block.
    assert read_web_page(_doc(path)) is None


def test_a_government_sites_source_line_is_a_block_and_widget_labels_are_furniture():
    # web/hunan_yueyang_yuebanfa_2017_2.txt: 来源 names the government's portal (no organ), the
    # 文号 only in the page title, widget labels with no value above the addressees.
    path = WEB / "hunan_yueyang_yuebanfa_2017_2.txt"
    page = read_web_page(_doc(path))
    assert page is not None
    assert page.site.get("publication_date") == "2017-01-12"
    assert _first_texts(page.document, 2) == [
        "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知"
        "（岳办发〔2017〕2号）",
        "各县市区委、人民政府，岳阳经济技术开发区、城陵矶新港区、南湖新区、屈原管理区，"
        "市直各单位，中央、省驻岳单位：",
    ]


def test_a_mirrors_source_line_makes_no_block():
    # web/shaanxi_zhengfuling_1994_1_zongjiao_changsuo.txt: 时间 and 来源：法律资料网 are the
    # mirror's; the key gives no publication date.
    texts = [
        "您的位置: 首页 » 法律资料网 » 法律法规 »",
        "陕西省实施《宗教活动场所管理条例》办法",
        "时间:2024-07-12 15:44:04 来源: 法律资料网 作者:法律资料网 阅读:9346",
        "陕西省实施《宗教活动场所管理条例》办法",
    ]
    from extractors.segmentation.site_metadata import read_site_header

    assert read_site_header(texts) is None


def test_bullets_that_lost_their_labels_are_the_sites_block():
    # web/henan_xinzheng_yiliao_jiuyuan_yuan_2022.txt: the page's 索引号, organ, category and
    # two dates as five bullets without labels, then a 预案 published alone under its title.
    path = WEB / "henan_xinzheng_yiliao_jiuyuan_yuan_2022.txt"
    page = read_web_page(_doc(path))
    assert page is not None
    # Which bullet is the 发布机构 or the 发布日期 is not printed: only the 索引号 is read.
    assert page.site.fields == {"index_no": "005299478/2022-00137"}
    assert _first_texts(page.document, 2) == ["新郑市突发公共事件医疗卫生救援应急预案", "1总则"]
    block = page_notice(page, page.document)
    assert block is not None
    assert block.header.title.title == "新郑市突发公共事件医疗卫生救援应急预案"
    assert block.header.title.doc_type == "预案"
    # A run of navigation bullets (no 索引号) is no block.
    from extractors.segmentation.site_metadata import read_site_header

    assert read_site_header(["• 首页", "• 政务公开", "• 2022-08-10", "正文。"]) is None


def test_a_databases_title_with_a_short_issuer_over_the_documents_own_is_one_title():
    # web/asianlii_anhui_wanzheng_1985_38_renmian.txt: AsianLII's 安徽省政府关于… above its
    # 【】 fields, the document's own 安徽省人民政府关于… under them: the document's is kept.
    page = read_web_page(_doc(WEB / "asianlii_anhui_wanzheng_1985_38_renmian.txt"))
    assert page is not None
    assert _first_texts(page.document, 1) == ["安徽省人民政府关于任免国家机关工作人员问题的通知"]
    block = page_notice(page, page.document)
    assert block is not None
    assert block.header.title.title == "安徽省人民政府关于任免国家机关工作人员问题的通知"


def test_a_cut_font_widget_between_the_page_title_and_the_number_is_furniture():
    # web/hainan_haikou_haifu_2011_33.txt: page title (no issuer), the page's date line,
    # '【字体:', then 文号 and addressees; no organ is printed anywhere.
    from extractors.extract import extract_bytes

    path = WEB / "hainan_haikou_haifu_2011_33.txt"
    notices = extract_bytes(path.read_bytes(), path.name).rows["notices"]
    assert [(n["title"], n["doc_number"], n["issuers"]) for n in notices] == [
        ("关于印发《海口市人民政府工作规则》的通知", "海府〔2011〕33号", None)
    ]
