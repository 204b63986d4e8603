"""Web pages and legal-database exports through the whole extractor: one notice each, with
the site's publication date, publishing organ and source URL. Values read off the pages
(tests/fixtures/html/README.md; tests/fixtures/real/ with their hand-read keys)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors.extract import extract_bytes

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OWN = FIXTURES / "html"
REAL = FIXTURES / "real"

# file → notice fields read off the page.
PAGES = {
    OWN / "govcn_2018_guobanfa_123_yijian.html": {
        "title": "国务院办公厅关于推进政务新媒体健康有序发展的意见",
        "doc_type": "意见",
        "doc_number": "国办发〔2018〕123号",
        "issuers": ["国务院办公厅"],
        "signing_date": date(2018, 12, 7),
        "publication_date": date(2018, 12, 27),
        "publishing_organ": "国务院办公厅",
        "source_url": None,
    },
    OWN / "govcn_2004_guobanhan_80_fuhan.html": {
        "title": "国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函",
        "doc_number": "国办函〔2004〕80号",
        "issuers": ["国务院办公厅"],
        "addressees": ["湖北省人民政府"],
        "signing_date": date(2004, 11, 4),
        "publication_date": date(2018, 12, 24),
        "publishing_organ": "国务院办公厅",
    },
    OWN / "govcn_2018_guobanfa_126_chuangxin_jucuo.html": {
        "doc_number": "国办发〔2018〕126号",
        "signing_date": date(2018, 12, 23),
        "publication_date": date(2019, 1, 8),
    },
    # The title's issuer part is on a line of its own (国务院办公厅转发国家教委 / 关于…): the
    # page's 标题 field gives the whole title.
    OWN / "govcn_1996_guobanfa_32_xizangban.html": {
        "title": "国务院办公厅转发国家教委关于内地西藏班（校）扩大规模有关问题请示的通知",
        "doc_number": "国办发〔1996〕32号",
        "signing_date": date(1996, 7, 17),
        "publication_date": date(2018, 12, 2),
    },
    OWN / "lawstar_2005_guoling444_jinzhi_chuanxiao.html": {
        "effective_date": date(2005, 11, 1),
        "publication_date": date(2005, 8, 23),
        "publishing_organ": "国务院",
    },
    REAL / "web" / "jiangxi_wanzai_tongji_gongbao_2022.html": {
        "title": "万载县2022年国民经济和社会发展统计公报",
        "doc_type": "公报",
        # 生成日期 shown on the page, not the PubDate <meta> (2023-08-16).
        "publication_date": date(2023, 5, 11),
        "publishing_organ": "万载县统计局",
        "source_url": "http://www.wanzai.gov.cn/wzxrmzf/tjsja/202305/"
        "7215380191c5400397df5d7d0b5fd06b.shtml",
    },
    REAL / "web" / "sc_md_guofa_2018_38_zimaoqu.md": {
        "title": "国务院关于支持自由贸易试验区深化改革创新若干措施的通知",
        "doc_number": "国发〔2018〕38号",
        "issuers": ["国务院"],
        "signing_date": date(2018, 11, 7),
        "publication_date": date(2018, 11, 23),
        "publishing_organ": "国务院",
        "source_url": "http://www.gov.cn/zhengce/content/2018-11/23/content_5342665.htm",
    },
    REAL / "web" / "sc_md_guobanfa_1996_25_huaxue_wuqi.md": {
        "title": "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知",
        "issuers": ["国务院办公厅", "中央军委办公厅"],
        "doc_number": "国办发〔1996〕25号",
    },
    # 北大法宝 export: fields first, the title twice (the database's, then the document's).
    REAL / "gazette" / "beijing_jingxinju_shuju_zhuanqu.txt": {
        "title": "北京市经济和信息化局印发《关于推进北京市数据专区建设的指导意见》的通知",
        "doc_number": "京经信发〔2022〕87号",
        "issuers": ["北京市经济和信息化局"],
        "signing_date": date(2022, 11, 21),
        "publication_date": None,
        "source_url": "https://www.pkulaw.com/lar/a28211d04d610dda90d16553dc812a4bbdfb.html",
    },
    REAL / "gazette" / "anhui_gongye_hulianwang_zhengce.txt": {
        "title": "安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展"
        "行动计划（2021-2023年）的通知",
        "doc_number": "皖政办秘〔2021〕82号",
        "source_url": "https://www.pkulaw.com/lar/e069caa6e9e192c2d4e5fade93a3d543bdfb.html",
    },
}


@pytest.mark.parametrize("path", sorted(PAGES), ids=lambda p: p.name)
def test_page_is_one_notice_with_the_sites_fields(path: Path) -> None:
    if not path.exists():
        pytest.skip("fixture not present")
    result = extract_bytes(path.read_bytes(), str(path))
    assert result.ok
    notices = result.rows["notices"]
    assert len(notices) == 1
    row = notices[0]
    for name, want in PAGES[path].items():
        assert row[name] == want, name


def test_html_source_format_and_tables() -> None:
    path = OWN / "govcn_1996_guobanfa_32_xizangban.html"
    result = extract_bytes(path.read_bytes(), str(path))
    assert result.source.format == "html"
    assert result.rows["issues"][0]["source_format"] == "html"
    # The 招生计划表 with its two-row header reaches the tables datasets.
    assert len(result.rows["tables"]) == 1
    cells = {(c["row"], c["col"]): c["text"] for c in result.rows["table_cells"]}
    assert cells[(2, 0)] == "总计"
    assert cells[(2, 5)] == "2000"


def test_gazettes_get_null_site_columns() -> None:
    raw = FIXTURES.parent.parent / "raw"
    path = sorted(raw.glob("*.txt"))[0]
    result = extract_bytes(path.read_bytes(), str(path))
    assert result.rows["notices"]
    for row in result.rows["notices"]:
        assert row["publication_date"] is None
        assert row["publishing_organ"] is None
        assert row["source_url"] is None


def test_gb2312_page_reads_as_its_utf8_copy() -> None:
    # A page as older government sites serve it: GB2312 bytes, the charset in a <meta>.
    page = (OWN / "govcn_2018_guobanfa_123_yijian.html").read_text(encoding="utf-8")
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
    html += f"</head><body>{page}</body></html>"
    as_gb = extract_bytes(html.encode("gb18030"), "p.html")
    as_utf8 = extract_bytes(html.encode("utf-8"), "p.html")
    assert as_gb.source.format == "html"
    strip = ("source_sha256", "notice_id", "issue_id", "document_id")
    rows = [
        {k: v for k, v in r.rows["notices"][0].items() if k not in strip} for r in (as_gb, as_utf8)
    ]
    assert rows[0] == rows[1]
    assert rows[0]["doc_number"] == "国办发〔2018〕123号"


def test_law_database_page_keeps_the_regulations_articles() -> None:
    # 禁止传销条例: five chapters, 第一条 … 第三十条, as the page prints them.
    path = OWN / "lawstar_2005_guoling444_jinzhi_chuanxiao.html"
    result = extract_bytes(path.read_bytes(), str(path))
    articles = [a for a in result.rows["articles"] if a["attachment_no"] is None]
    assert [a["article_no"] for a in articles] == list(range(1, 31))
    assert articles[-1]["text"] == "本条例自2005年１１月１日起施行。"
    assert {a["chapter_title"] for a in articles} == {
        "总则",
        "传销行为的种类与查处机关",
        "查处措施和程序",
        "法律责任",
        "附则",
    }
