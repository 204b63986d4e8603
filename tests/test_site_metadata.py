"""Site metadata blocks on real pages: fields, where the document starts, the doubled title.

Lines below are copied from real pages (tests/fixtures/html/README.md, the real corpus in
tests/fixtures/real/web/ with hand-read `.key.json` answer keys).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.model import Source
from extractors.readers.html import read_html
from extractors.readers.markdown import read_markdown
from extractors.readers.text_dump import read_text_dump
from extractors.segmentation.site_fields import date_value, is_field_line, label_field, parse_fields
from extractors.segmentation.site_metadata import read_site_header
from extractors.textnorm import compact

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_WEB = FIXTURES / "real" / "web"


READERS = {".html": read_html, ".md": read_markdown, ".txt": read_text_dump}


def _texts(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    doc = READERS[path.suffix](text, Source(str(path), "0" * 64, path.suffix[1:]))
    # Text dumps squeeze spaces between Chinese characters; a flattened metadata table
    # (`发 布 机 构 市人民政府办公室 发 文 日 期 …`) needs them, as the raw line keeps them.
    return [line.raw or line.text for line in doc.lines()]


def _documents() -> list[Path]:
    return sorted(p for p in REAL_WEB.glob("*.*") if p.suffix in READERS and p.stem != "README")


def _key(path: Path) -> dict:
    return json.loads(path.with_suffix(".key.json").read_text(encoding="utf-8"))


# --- single lines, as real pages print them ----------------------------------------------------


def test_letter_spaced_labels_of_the_govcn_table() -> None:
    # gov.cn prints 索 引 号： and 标　　题： letter-spaced to align its table.
    assert [(f.field, f.value) for f in parse_fields("索 引 号：000014349/2018-00206")] == [
        ("index_no", "000014349/2018-00206")
    ]
    assert [(f.field, f.value) for f in parse_fields("标　　题：专利代理条例")] == [
        ("title", "专利代理条例")
    ]
    assert label_field("主 题 词：") == "keywords"


def test_dates_as_sites_and_databases_write_them() -> None:
    assert date_value("2018年11月19日").isoformat() == "2018-11-19"
    assert date_value("2018年11月06日").isoformat() == "2018-11-06"
    assert date_value("20050823").isoformat() == "2005-08-23"  # 法律之星 【发布日期】
    assert [(f.field, f.value) for f in parse_fields("【实施日期】20051101")] == [
        ("effective_date", "2005-11-01")
    ]


def test_bracketed_database_fields_and_a_bare_serial() -> None:
    assert [(f.field, f.value) for f in parse_fields("【发布部门】国务院")] == [
        ("publishing_organ", "国务院")
    ]
    # 【法规文号】444 is the database's serial number, not a 文号; the line is still one of
    # the database's block.
    assert parse_fields("【法规文号】444") == []
    assert is_field_line("【法规文号】444")


def test_crawler_markdown_lines() -> None:
    url = "http://www.gov.cn/zhengce/content/2018-11/23/content_5342665.htm"
    assert [(f.field, f.value) for f in parse_fields(f"原文链接：{url}")] == [("source_url", url)]
    assert [(f.field, f.value) for f in parse_fields("发文字号：国发〔2018〕38号")] == [
        ("doc_number", "国发〔2018〕38号")
    ]


def test_body_lines_are_not_fields() -> None:
    # First lines of real documents after their title.
    for line in (
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "湖北省人民政府：",
        "国办函〔2004〕80号",
        "附件：1.国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险情调研情况的报告",
    ):
        assert not is_field_line(line), line


# --- whole headers on real files ---------------------------------------------------------------


@pytest.mark.skipif(not _documents(), reason="real web corpus not present")
@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_site_fields_match_the_hand_read_key(path: Path) -> None:
    key = _key(path)["documents"][0]
    header = read_site_header(_texts(path))
    expected = {
        name: key.get(name)
        for name in ("publication_date", "publishing_organ", "source_url")
        if key.get(name) is not None
    }
    if not expected:
        # A file with no site block (a law text with its own adoption lines) has none.
        assert header is None or not (
            {"publication_date", "publishing_organ", "source_url"} & set(header.fields)
        )
        return
    assert header is not None
    assert {name: header.get(name) for name in expected} == expected


@pytest.mark.skipif(not _documents(), reason="real web corpus not present")
@pytest.mark.parametrize(
    "path", [p for p in _documents() if p.suffix == ".md"], ids=lambda p: p.name
)
def test_page_title_printed_again_by_the_document_is_one_title(path: Path) -> None:
    key = _key(path)["documents"][0]
    texts = _texts(path)
    header = read_site_header(texts)
    if header is None:
        pytest.skip("no site block")
    if header.title is None and header.get("title"):
        # No page title printed: the block's 标题 field names the document (a crawler's
        # front matter keyed by the site's labels).
        assert compact(header.get("title")) == compact(key["title"])
        return
    assert header.title is not None
    assert compact(header.title) == compact(key["title"])
    if header.title_repeated:
        # The document repeats its title (cut over lines) right after the block.
        opening = compact("".join(texts[header.start : header.start + 3]))
        assert opening.startswith(compact(key["title"]))
    else:
        # The page printed the title once, inside the block: the document starts after it.
        assert header.title_span is not None
        assert header.title_span[0] > 0


def test_legal_database_page_fields() -> None:
    texts = _texts(FIXTURES / "html" / "lawstar_2005_guoling444_jinzhi_chuanxiao.html")
    header = read_site_header(texts)
    assert header is not None
    assert header.fields == {
        "title": "禁止传销条例",
        "publication_date": "2005-08-23",
        "effective_date": "2005-11-01",
        "publishing_organ": "国务院",
        "level": "行政法规",
    }
    assert texts[header.start : header.start + 2] == [
        "禁止传销条例",
        "中华人民共和国国务院令第４４４号",
    ]
    assert texts[-1] == "第三十条 本条例自2005年１１月１日起施行。"


def test_no_block_in_a_plain_document() -> None:
    texts = [
        "国务院办公厅关于湖北省巴东县",
        "地质灾害险情有关问题的复函",
        "国办函〔2004〕80号",
        "湖北省人民政府：",
    ]
    assert read_site_header(texts) is None


def test_bare_link_under_the_closing_date_is_the_source_url() -> None:
    # tests/fixtures/real/gazette/guobanfa_2018_27_liangle_xuexiao.md closes so (the reader
    # leaves the link's text, Markdown escape and all).
    url = "http://www.gov.cn/zhengce/content/2018-05/02/content_5287465.htm"
    texts = [
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
        "……现提出如下意见。",
        "国务院办公厅",
        "2018年4月25日",
        url.replace("_", "\\_"),
    ]
    header = read_site_header(texts)
    assert header is not None
    assert header.get("source_url") == url
    assert header.end == 4


def test_url_in_the_text_is_not_the_source_url() -> None:
    texts = [
        "各区县人民政府：",
        "申报材料请登录以下网址下载：",
        "http://www.gov.cn/zhengce/content/2018-05/02/content_5287465.htm",
    ]
    assert read_site_header(texts) is None


def test_a_line_opening_with_an_unknown_label_and_empty_fields():
    # web/anhui_taihu_gongzuo_guize_2019.txt's block packs fields two a line, some empty.
    texts = [
        "索引号: 003129766/201901-00336 组配分类: 规范性文件发布",
        "信息分类: 通知   发布机构: 太湖县人民政府办公室",
        "生成日期: 2019-01-23 文号:",
        "发文日期: 2019-01-23 生效时间: 2019-01-23",
        "废止时间: 2020-01-23 名称: 太湖县人民政府关于印发《太湖县人民政府工作规则》的通知",
        "信息来源: 关键词:",
        "",
        "太湖县人民政府关于印发《太湖县人民政府工作规则》的通知",
    ]
    header = read_site_header(texts)
    assert header is not None
    assert header.get("publishing_organ") == "太湖县人民政府办公室"
    assert header.get("publication_date") == "2019-01-23"
    assert header.get("effective_date") == "2019-01-23"
    assert header.get("expiry_date") == "2020-01-23"
    assert header.get("doc_number") is None


def test_a_website_with_its_date_glued_on_is_a_date_and_no_organ():
    # web/shandong_luzhengzi_2019_4_yuanqu_gengming.txt: the page's 来源 line, spaces lost.
    texts = [
        "山东省人民政府 版权所有",
        "来源:山东省人民政府网站2019-01-07 11:58",
        "山东省人民政府",
        "关于济南槐荫工业园区等11家",
        "工业园区更名的通知",
        "鲁政字〔2019〕4号",
    ]
    header = read_site_header(texts)
    assert header is not None
    assert header.get("publication_date") == "2019-01-07"
    assert header.get("publishing_organ") is None
    assert texts[header.start] == "山东省人民政府"


def test_a_databases_organ_code_and_placeholders_name_nothing_but_stay_in_the_block():
    # web/asianlii_anhui_wanzheng_1985_38_renmian.txt (AsianLII): 【发布单位】 holds a code,
    # 【发布文号】 and 【失效日期】 a row of dashes.
    texts = [
        "安徽省政府关于任免国家机关工作人员问题的通知",
        "",
        "  【发布单位】81202",
        "",
        "  【发布文号】-----------",
        "",
        "  【发布日期】1985-05-04",
        "",
        "  【生效日期】1985-05-04",
        "",
        "  【失效日期】-----------",
        "",
        "  【所属类别】地方法规",
        "",
        "  【文件来源】-----------",
        "",
        "安徽省人民政府关于任免国家机关工作人员问题的通知",
    ]
    assert parse_fields("【发布单位】81202") == []
    header = read_site_header(texts)
    assert header is not None
    assert header.get("publishing_organ") is None
    assert header.get("publication_date") == "1985-05-04"
    assert header.get("effective_date") == "1985-05-04"
    assert header.title == "安徽省政府关于任免国家机关工作人员问题的通知"
    assert header.block_start == 2
    # The document prints the database's title with its issuer in full: one title.
    assert header.title_repeated
    # Another subject under the same block is no repetition.
    other = [*texts[:-1], "安徽省人民政府关于任免省人民政府秘书长的通知"]
    assert not read_site_header(other).title_repeated


def test_an_english_original_url_label_is_the_source_url():
    # gazette/shandong_jinan_chuzuche_tiaoli_chorography.txt: a chorography database's record
    # names the page it was copied from above the regulation.
    url = "http://lib.sdsqw.cn/bin/mse.exe?seachword=&K=d1&A=19&rec=174&run=13"
    texts = [
        "政策法规选编",
        "",
        f"Original URL: {url}",
        "",
        "济南市城市客运出租汽车管理条例",
        "(2006年1月12日济南市第十三届人民代表大会常务委员会第二十二次会议通过,2006年3月30日山东",
    ]
    assert label_field("Original URL:") == "source_url"
    header = read_site_header(texts)
    assert header is not None
    assert header.get("source_url") == url
    assert next(t for t in texts[header.start :] if t) == "济南市城市客运出租汽车管理条例"


def test_the_pages_unlabelled_date_is_the_publication_on_the_sites_own_page():
    # web/hainan_haikou_haifu_2011_33.txt: a CMS prints the page's date before 来源: 本站原创
    # (this site's own): the date is the publication's, 本站原创 names no organ.
    texts = [
        "关于印发《海口市人民政府工作规则》的通知",
        "2011-06-18 00:00:00 来源: 本站原创",
        "【字体:",
        "海府〔2011〕33号",
    ]
    header = read_site_header(texts)
    assert header is not None
    assert header.get("publication_date") == "2011-06-18"
    assert header.get("publishing_organ") is None
    assert header.title == "关于印发《海口市人民政府工作规则》的通知"


def test_a_news_repost_dates_itself_and_names_the_organ_it_quotes():
    # web/fujian_lianjiang_pifu_2020_news_no_wenhao.txt: a news page's time and 来源 on one
    # line; the time is the news page's, not the government's publication.
    texts = [
        "省政府已批复 福州三地撤乡设镇",
        "",
        "2020-07-02 16:47:34  来源:福建省人民政府",
        "",
        "  近日,省政府网站发布《福建省人民政府关于连江县潘渡乡江南乡下宫乡行政区划调整的批复》",
    ]
    header = read_site_header(texts)
    assert header is not None
    assert header.get("publishing_organ") == "福建省人民政府"
    assert header.get("publication_date") is None


def test_a_source_line_closing_a_repost_above_the_pages_links():
    # web/fujian_minzhengwen_2021_114_news_repost.txt: the news portal's 时间 heads the page,
    # the 来源 naming the organ closes the document above the portal's 上一篇/下一篇 links.
    texts = [
        "省政府批复!同意福州长乐这一地撤镇设街道",
        "时间:2021-04-12",
        "  福建省人民政府关于福州市长乐区文武砂镇行政区划调整的批复",
        "  闽政文〔2021〕114号",
        "福州市人民政府:",
        "  福建省人民政府",
        "  2021年4月9日",
        "  (此件主动公开)",
        "来源:福建省人民政府",
        "  • 上一篇:福州通过省级节水型城市考核验收",
        "  • 下一篇:注意!4月21日福州将试鸣防空警报",
    ]
    header = read_site_header(texts)
    assert header is not None
    assert header.fields == {"publishing_organ": "福建省人民政府"}
    assert header.start == 0 and header.end == 8


def test_source_labels_and_a_date_without_its_day_sign():
    # web/gansu_renda_fagongwei_zhengqiu_yijian_gonggao_2023.txt: 稿件来源 names the 人大's
    # website; the page title's ASCII brackets are printed full-width.
    gansu = [
        "首页 > 公告 > 正文",
        "关于《甘肃省人民代表大会常务委员会议事规则(修订草案)》向社会公开征求意见的公告",
        "稿件来源:甘肃人大网 发布时间:2023-03-30 11:03:42",
        "关于《甘肃省人民代表大会常务委员会议事规则(修订草案)》向社会公开征求意见的公告",
    ]
    header = read_site_header(gansu)
    assert header is not None
    assert header.fields == {"publication_date": "2023-03-30"}
    assert header.title == (
        "关于《甘肃省人民代表大会常务委员会议事规则（修订草案）》向社会公开征求意见的公告"
    )
    # web/hubei_xiangyang_yingshang_huanjing_2018.txt: 来自 the city government's portal.
    hubei = [
        "市人民政府关于进一步优化营商环境的实施方案",
        "来自:襄阳市政府门户网站 时间:2018-11-22",
        "各县(市、区)人民政府、开发区管委会,市直各单位:",
    ]
    header = read_site_header(hubei)
    assert header is not None
    assert header.fields == {"publication_date": "2018-11-22"}
    # web/guangxi_zhengfuling_2016_116_tudi_zhengzhi.txt: a database's 【文件来源】.
    assert [(f.field, f.value) for f in parse_fields("【文件来源】广西壮族自治区人民政府")] == [
        ("publishing_organ", "广西壮族自治区人民政府")
    ]
    # web/shanxi_jinzhengfa_2018_13.txt: the site's template drops the 日.
    assert date_value("2018年03月27").isoformat() == "2018-03-27"


def test_a_newspaper_as_source_is_no_organ():
    # The news line of http://aqzg.chinadevelopment.com.cn/jryw/2019/0411/1491111.shtml as a
    # crawler's comment quotes it (no-break spaces between the parts): 人民日报 is where the
    # text came from, not an organ, and a news page's date is no publication.
    line = "2019-04-11 10:55\xa0\xa0\xa0\xa0来源：人民日报\xa0\xa0\xa0\xa0"
    assert is_field_line(line)
    assert read_site_header(["某某新闻标题", line, "正文第一段。"]) is None
    # The page of a government re-posting it names the organ (fujian_lianjiang, above).
    assert (
        read_site_header(["某某新闻标题", "2020-07-02 16:47:34  来源:福建省人民政府"]).get(
            "publishing_organ"
        )
        == "福建省人民政府"
    )
