"""Document boundaries and anatomy for the kinds of documents gazettes print."""

import pytest

from extractors.layout.clean import clean_layout
from extractors.layout.paragraphs import join_paragraphs
from extractors.model import Document, Line, Page, Source
from extractors.readers.markdown import read_markdown
from extractors.segmentation.notice_parts import read_parts, rule_title_organ
from extractors.segmentation.outline import find_articles
from extractors.segmentation.segment import segment


def notices(md: str):
    doc = clean_layout(read_markdown(md, Source("t", "0" * 64, "markdown")))
    return segment(doc).notices


ORDER = """
宜宾市人民政府令

第 5 号

《宜宾市城市绿化管理办法》已经2024年10月30日市人民政府第52次常务会议审议通过，现予公布，自2025年1月1日起施行。

市长  张三

二〇二四年十一月二十日

宜宾市城市绿化管理办法

第一章 总则

第一条 为加强城市绿化管理，制定本办法。

第二条 本办法适用于本市城市规划区。

第二章 管理

第三条 市城市管理部门负责全市城市绿化工作。
"""

ANNOUNCEMENT = """
宜宾市人民代表大会常务委员会公告

第12号

《宜宾市文明行为促进条例》已于2024年8月28日经宜宾市第六届人民代表大会常务委员会第二十次会议通过，现予公布，自2024年12月1日起施行。

宜宾市人民代表大会常务委员会

2024年10月8日

宜宾市文明行为促进条例

（2024年8月28日宜宾市第六届人民代表大会常务委员会第二十次会议通过 2024年9月27日四川省第十四届人民代表大会常务委员会第十四次会议批准）

第一条 为了培育和践行社会主义核心价值观，制定本条例。

第二条 本市行政区域内的文明行为促进工作，适用本条例。
"""

REGULATION = """
宜宾市历史文化名城保护条例

（2019年10月30日宜宾市第五届人民代表大会常务委员会第二十次会议通过 2019年11月28日四川省第十三届人民代表大会常务委员会第十四次会议批准）

第一条 为了加强历史文化名城保护，制定本条例。

第二条 本条例适用于本市行政区域。
"""

NO_NUMBER = """
绵阳市人民政府办公室关于做好春节期间安全生产工作的通知

各县（市、区）人民政府，市级各部门：

春节将至，现就有关事项通知如下。

绵阳市人民政府办公室

2024年1月20日
"""


def test_order_with_its_rule_is_one_document():
    (order,) = notices(ORDER)
    parts = read_parts(order)
    assert (parts.title, parts.doc_type, parts.doc_number_text) == (
        "宜宾市人民政府令",
        "令",
        "宜宾市人民政府令第5号",
    )
    assert parts.signing_date.isoformat() == "2024-11-20"
    assert parts.enclosed_title == "宜宾市城市绿化管理办法"
    articles = find_articles(join_paragraphs(parts.main))
    assert [(a.label, a.chapter_no, a.chapter_title) for a in articles] == [
        ("第一条", 1, "总则"),
        ("第二条", 1, "总则"),
        ("第三条", 2, "管理"),
    ]


def test_announcement_and_the_regulation_it_publishes_are_one_document():
    (announcement,) = notices(ANNOUNCEMENT)
    parts = read_parts(announcement)
    assert parts.doc_number_text == "宜宾市人民代表大会常务委员会公告第12号"
    assert parts.issuers == ["宜宾市人民代表大会常务委员会"]
    assert parts.signing_date.isoformat() == "2024-10-08"
    assert parts.enclosed_title == "宜宾市文明行为促进条例"
    assert [a.article_no for a in find_articles(join_paragraphs(parts.main))] == [1, 2]


def test_regulation_printed_under_its_adoption_line():
    (regulation,) = notices(REGULATION)
    parts = read_parts(regulation)
    assert (parts.title, parts.doc_type, parts.doc_number_text) == (
        "宜宾市历史文化名城保护条例",
        "条例",
        None,
    )
    assert [a.label for a in find_articles(join_paragraphs(parts.main))] == ["第一条", "第二条"]


def test_document_without_a_number_is_still_a_document():
    (notice,) = notices(NO_NUMBER)
    parts = read_parts(notice)
    assert parts.doc_number_text is None
    assert parts.addressees == ["各县（市、区）人民政府", "市级各部门"]
    assert parts.signature == ["绵阳市人民政府办公室"]
    assert parts.signing_date.isoformat() == "2024-01-20"


def test_boundaries_between_consecutive_documents():
    found = notices(NO_NUMBER + ORDER + REGULATION)
    assert [n.header.kind for n in found] == ["gongwen", "order", "regulation"]


# A blog post (tests/fixtures/real/gazette/guobanfa_2012_48_nongcun_xuexiao_buju.md): its
# front-matter title carries the 文号, the addressees follow, the document prints no title.
BLOG_POST = """---
title: 国务院办公厅关于规范农村义务教育 学校布局调整的意见 国办发 〔2012〕48号
date: 2022-05-11T18:30:00.000Z
layout: post
---

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

为进一步规范农村义务教育学校布局调整，努力办好人民满意的教育，经国务院同意，现提出如下意见。

国务院办公厅

2012年9月6日
"""


def test_page_title_with_its_number_heads_the_document():
    (notice,) = notices(BLOG_POST)
    parts = read_parts(notice)
    assert notice.header.title.title == "国务院办公厅关于规范农村义务教育 学校布局调整的意见"
    assert parts.doc_number_text == "国办发〔2012〕48号"
    assert parts.issuers == ["国务院办公厅"]


def test_cited_documents_with_numbers_stay_text():
    md = BLOG_POST.replace(
        "为进一步规范",
        "国务院办公厅关于进一步加强学校管理的通知（国办发〔2011〕1号）\n\n为进一步规范",
    )
    assert len(notices(md)) == 1


# tests/fixtures/real/web/lawsite_ningxia_ningzhengbanfa_2001_99.txt: number and date in one
# bracket under the title, no signature under the (cut) text.
LAW_DATABASE_HEADER = """
宁夏回族自治区人民政府办公厅关于印发

《宁夏回族自治区人民政府公文格式规定》的通知

(宁政办发〔2001〕99号 2001年5月29日)

固原行署，各市、县（区）人民政府，自治区政府各部门、直属机构：

为了保持自治区人民政府公文形式和公文格式的统一、严肃、整洁，现将《宁夏回族自治区人民政府公文格式规定》印发给你们，请遵照执行。
"""


def test_number_and_date_line_closes_the_header():
    (notice,) = notices(LAW_DATABASE_HEADER)
    parts = read_parts(notice)
    assert parts.doc_number_text == "宁政办发〔2001〕99号"
    assert parts.signing_date.isoformat() == "2001-05-29"
    assert parts.addressees[0] == "固原行署"


# web/jiangxi_yichun_tongji_gongbao_2022.html: a 公报 under the site's block, its date in
# brackets under the issuers, no closing date.
BULLETIN = """# 宜春市2022年国民经济和社会发展统计公报

- 发布机构：宜春市统计局
- 发文日期：2023-04-18

宜春市2022年国民经济和社会发展统计公报

宜春市统计局 国家统计局宜春调查队

（2023年4月12日）

2022年，全市上下坚持稳中求进工作总基调，经济运行总体平稳。

一、综合

初步核算，全年实现地区生产总值（GDP）3473.12亿元，截至2022年12月31日。
"""


def test_a_bracketed_date_opening_the_text_is_the_documents_date():
    from extractors.extract import extract_bytes

    (notice,) = extract_bytes(BULLETIN.encode(), "bulletin.md").rows["notices"]
    assert notice["issuers"] == ["宜春市统计局", "国家统计局宜春调查队"]
    assert notice["signing_date"].isoformat() == "2023-04-12"


@pytest.mark.parametrize(
    ("title", "organ"),
    [
        # web/shaanxi_zhenba_zhenzhengfa_2024_7.txt: the 规则 alone, cut before any signature
        ("镇巴县人民政府工作规则", "镇巴县人民政府"),
        # web/sc_md_guofa_2004_18_gongzuo_guize.md's enclosed rule
        ("国务院工作规则", "国务院"),
        # a place opens these titles, not an organ
        ("宜宾市城市绿化管理办法", None),
        ("上海市历史文化风貌区和优秀历史建筑保护条例", None),
    ],
)
def test_the_organ_a_rules_title_opens_with(title, organ):
    assert rule_title_organ(title) == organ


def test_a_rule_under_its_bare_title_is_issued_by_the_organ_it_names():
    md = "镇巴县人民政府工作规则\n\n第一章总则\n\n一、根据有关规定，结合本县实际，制定本规则。\n"
    (notice,) = notices(md)
    assert read_parts(notice).issuers == ["镇巴县人民政府"]


def test_the_documents_own_title_with_a_footnote_marker_is_the_page_title():
    # web/jiangxi_sheng_tongji_gongbao_2022_on_yichun.html prints 江西省2022年……统计公报[1]
    # over its issuers: still the page's title, so the organs under it are the issuers.
    from extractors.extract import extract_bytes

    md = BULLETIN.replace(
        "宜春市2022年国民经济和社会发展统计公报\n\n宜春",
        "宜春市2022年国民经济和社会发展统计公报[1]\n\n宜春",
    )
    assert "公报[1]" in md
    (notice,) = extract_bytes(md.encode(), "bulletin.md").rows["notices"]
    assert notice["title"] == "宜春市2022年国民经济和社会发展统计公报"
    assert notice["issuers"] == ["宜春市统计局", "国家统计局宜春调查队"]


# web/lawsite_chongqing_yufuling_121.txt: an order printed without its 令 heading, under a law
# site's byline; the title printed again above the articles.
ORDER_WITHOUT_HEADING = """
重庆市人民政府关于控制主城区采(碎)石场和小水泥厂尘污染的通告

作者:法律资料网 时间:2024-06-16 05:10:14   浏览:9355   来源:法律资料网

下载地址: 点击此处下载

重庆市人民政府关于控制主城区采(碎)石场和小水泥厂尘污染的通告

重庆市人民政府

渝府令第 121 号

《重庆市人民政府关于控制主城区采(碎)石场和小水泥厂尘污染的通告》已经2001年12月13日市人民政府第97次常务会议审议通过,现予发布,自2002年1月1日起施行。

市 长

二○○一年十二月三十日

重庆市人民政府关于控制主城区采(碎)石场和小水泥厂尘污染的通告

第一条 为有效控制主城区尘污染,改善大气环境质量,制定本通告。

第二条 重庆市城市总体规划确定的主城区为禁止发展区。
"""


def test_order_without_its_heading_is_one_document_numbered_with_its_code():
    (notice,) = notices(ORDER_WITHOUT_HEADING)
    parts = read_parts(notice)
    assert parts.title == "重庆市人民政府关于控制主城区采（碎）石场和小水泥厂尘污染的通告"
    assert parts.doc_number_text == "渝府令第121号"
    assert parts.doc_type == "通告"
    assert parts.issuers == ["重庆市人民政府"]
    assert parts.signing_date.isoformat() == "2001-12-30"


def test_a_line_with_a_label_ends_the_title_lookback():
    from extractors.segmentation.titles import ends_title_lookback

    assert ends_title_lookback("下载地址：点击此处下载")
    assert ends_title_lookback("各省、自治区、直辖市人民政府：")
    assert not ends_title_lookback("关于印发《中国制造2025：行动纲要》的通知")
    assert not ends_title_lookback("重庆市人民政府关于控制主城区采（碎）石场和小水泥厂尘污染的通告")


# web/guizhou_guiyang_zhufubanhan_2020_78.txt: a 函 in 信函格式, the organ over a rule over the
# 文号, the title naming the organ without its city.
LETTER_FORMAT = """
贵阳市人民政府办公厅

——————————

筑府办函〔2020〕78号

市人民政府办公厅关于印发

贵阳市气象灾害应急预案的通知

各区、市、县人民政府，市政府有关工作部门：

《贵阳市气象灾害应急预案》已经市政府研究同意，现印发给你们，请抓好贯彻落实。

2020年9月15日
"""


def test_a_letters_mark_over_its_rule_gives_the_issuers_full_name():
    (notice,) = notices(LETTER_FORMAT)
    assert notice.header.mark == "贵阳市人民政府办公厅"
    assert read_parts(notice).issuers == ["贵阳市人民政府办公厅"]


@pytest.mark.parametrize(
    ("title_issuer", "signature", "issuers"),
    [
        # web/jiangsu_xuzhou_xuzhengbanfa_2019_107.txt
        ("市政府办公室", ["徐州市人民政府办公室"], ["徐州市人民政府办公室"]),
        # web/yunnan_yuncaigui_2020_3.txt
        (
            "云南省财政厅云南省科技厅",
            ["云南省财政厅", "云南省科学技术厅"],
            ["云南省财政厅", "云南省科学技术厅"],
        ),
        # the state's name is no part of an issuer's (wikisource 国函 pages)
        ("国务院", ["中华人民共和国国务院"], ["国务院"]),
        # a different organ signs: the title's issuer stands
        ("市政府办公室", ["徐州市财政局"], ["市政府办公室"]),
    ],
)
def test_an_abbreviated_title_issuer_takes_the_signatures_full_name(
    title_issuer, signature, issuers
):
    md = (
        f"{title_issuer}关于印发徐州市生活必需品市场供应应急预案的通知\n\n"
        "徐政办发〔2019〕107号\n\n各县（市）、区人民政府，市各委办局（公司），市各直属单位：\n\n"
        "现将《徐州市生活必需品市场供应应急预案》印发给你们，请认真贯彻执行。\n\n"
        + "\n\n".join(signature)
        + "\n\n2019年11月26日\n"
    )
    (notice,) = notices(md)
    assert read_parts(notice).issuers == issuers


ORDER_ON_ONE_LINE = """
广西壮族自治区土地整治办法 广西壮族自治区人民政府令 第116号

《广西壮族自治区土地整治办法》已经2016年11月18日自治区十二届人民政府第84次常务会议审议通过，现予发布，自2017年3月1日起施行。

自治区主席 陈 武 2016年12月6日

广西壮族自治区土地整治办法

第一章 总 则

第一条 为了规范土地整治活动，制定本办法。
"""


def test_order_with_its_signer_and_date_on_one_line():
    # web/guangxi_zhengfuling_2016_116_tudi_zhengzhi.txt
    (notice,) = notices(ORDER_ON_ONE_LINE)
    parts = read_parts(notice)
    assert parts.doc_number_text == "广西壮族自治区人民政府令第116号"
    assert parts.signing_date.isoformat() == "2016-12-06"
    assert parts.enclosed_title == "广西壮族自治区土地整治办法"


def test_a_sentence_ending_in_a_date_is_no_signer():
    from extractors.segmentation.notice_parts import _signer_and_date

    assert _signer_and_date("自治区主席 陈 武 2016年12月6日").isoformat() == "2016-12-06"
    assert _signer_and_date("省长 白清才 一九九四年一月三日") is not None
    assert _signer_and_date("截至2016年12月6日") is None
    assert _signer_and_date("本办法自2016年12月6日") is None


def test_a_former_ministrys_order_numbered_with_its_year():
    # web/govcn_jiaotongbuling_2006_8_laojiu_chuanbo.txt: 交通部 (before the 2008 reform), the
    # order's sentence, signer and date on one line.
    md = (
        "中华人民共和国交通部令\n\n2006 年第 8 号\n\n"
        "《老旧运输船舶管理规定》已于2006年6月7日经第7次部务会议通过，现予公布，"
        "自2006年8月1日起施行。 部 长 李盛霖 二○○六年七月五日\n\n附件：老旧运输船舶管理规定\n"
    )
    (notice,) = notices(md)
    parts = read_parts(notice)
    assert parts.doc_number_text == "交通部令2006年第8号"
    assert parts.issuers == ["交通部"]
    assert parts.signing_date.isoformat() == "2006-07-05"


def test_no_gap_between_joint_issuers_in_a_title():
    # web/hegang_hezhengfa_2025_4.txt prints 鹤岗市人民政府 鹤岗市中级人民法院印发; the gap is
    # typesetting (docs/design.md, Spaces in titles): the title has none, issuers list both.
    md = (
        "鹤政发〔2025〕4号\n\n鹤岗市人民政府 鹤岗市中级人民法院印发\n\n"
        "关于完善“府院联动”机制的意见的通知\n\n各县（区）人民政府、法院，市政府各部门：\n\n"
        "现印发给你们，请认真贯彻执行。\n\n鹤岗市人民政府 鹤岗市中级人民法院\n\n2025年4月30日\n"
    )
    (notice,) = notices(md)
    parts = read_parts(notice)
    assert parts.title == "鹤岗市人民政府鹤岗市中级人民法院印发关于完善“府院联动”机制的意见的通知"
    assert parts.issuers == ["鹤岗市人民政府", "鹤岗市中级人民法院"]


def test_a_summary_cut_with_an_ellipsis_is_no_title_line():
    # web/sichuan_chengdu_qianrushi_fuwu_2024.txt prints the title three times, once with the
    # aggregator's summary cut by …; the title is the one over the addressees.
    title = "成都市发展和改革委员会 中共成都市委社会工作部 关于印发成都市城市社区嵌入式服务设施建设工程实施方案的通知"
    md = (
        f"{title}\n\n{title} 各区(市)县政府(管委会…\n\n{title}\n\n"
        "各区（市）县政府（管委会），市级有关部门，有关单位：\n\n现将《实施方案》印发给你们。\n"
    )
    (notice,) = notices(md)
    assert notice.header.title.title == title.replace(" ", "")


def test_a_source_opening_with_a_whole_title_is_that_document():
    # web/wikisource_quanguo_renda_sheli_hainan_jueding.txt: no 文号, addressees, note or date.
    md = (
        "全国人民代表大会关于设立海南省的决定\n\n"
        "第七届全国人民代表大会第一次会议审议了国务院关于设立海南省的议案，决定：\n\n"
        "一、批准设立海南省，撤销海南行政区。海南省人民政府驻海口市。\n"
    )
    (notice,) = notices(md)
    parts = read_parts(notice)
    assert (parts.title, parts.doc_type, parts.issuers) == (
        "全国人民代表大会关于设立海南省的决定",
        "决定",
        ["全国人民代表大会"],
    )
    # a title without its issuer, or text that is no title, heads nothing
    assert notices(md.replace("全国人民代表大会关于", "关于", 1)) == []
    assert notices("海南省概况\n\n海南省位于中国最南端。\n") == []


def test_a_number_line_run_into_the_text_under_a_title():
    # web/asianlii_anhui_wanzheng_1985_38_renmian.txt: the database runs the bracketed date and
    # 文号 into the first sentence.
    md = (
        "安徽省人民政府关于任免国家机关工作人员问题的通知\n\n"
        "（1985年5月4日皖政〔1985〕38号）根据《中华人民共和国地方各级人民代表大会和地方各级"
        "人民政府组织法》和国务院关于干部任免的规定精神，现将有关问题通知如下：\n\n一、任免权限\n"
    )
    (notice,) = notices(md)
    parts = read_parts(notice)
    assert parts.doc_number_text == "皖政〔1985〕38号"
    assert parts.signing_date.isoformat() == "1985-05-04"
    assert parts.main[0].text.startswith("根据《中华人民共和国地方各级人民代表大会")
    # a bracket opening a line that is not under a title stays text
    body = "各部门：\n\n（2020年1月1日起施行）本办法由市政府负责解释。\n"
    assert notices(body) == []


CUT_TITLE = """
国务院关于同意黑龙江省调整

国函〔2004〕10号

黑龙江省人民政府：

你省《关于调整哈尔滨市行政区划的请示》（黑政发〔2004〕1号）收悉。现批复如下：

一、撤销哈尔滨市太平区，将其行政区域划归哈尔滨市道外区管辖。

国 务 院

二○○四年二月四日
"""


def test_a_title_cut_before_its_type_takes_the_type_its_text_states():
    # web/govcn_gongbao_guohan_2004_10_haerbin_pifu.txt: the page store kept the title's first
    # printed line only; 现批复如下 says it is a 批复.
    (notice,) = notices(CUT_TITLE)
    parts = read_parts(notice)
    assert (parts.title, parts.doc_type, parts.doc_number_text, parts.issuers) == (
        "国务院关于同意黑龙江省调整",
        "批复",
        "国函〔2004〕10号",
        ["国务院"],
    )
    # without the addressees under the 文号, or a phrase naming the type, no document
    assert notices(CUT_TITLE.replace("黑龙江省人民政府：\n", "")) == []
    assert notices(CUT_TITLE.replace("现批复如下", "现答复")) == []


def test_a_communique_is_headed_by_its_title_byline_and_bracketed_date():
    # web/jiangxi_yichun_tongji_gongbao_2022.html as a PDF column prints it: no 文号, no 主送;
    # its organs run together on one byline over the date in brackets.
    from extractors.segmentation.segment import find_headers

    stream = [
        Line(text=t, page=1)
        for t in (
            "宜春市2022年国民经济",
            "和社会发展统计公报",
            "宜春市统计局国家统计局宜春调查队",
            "（2023年4月12日）",
            "2022年，在市委、市政府的坚强领导下，全市上下坚持以习",
        )
    ]
    (header,) = find_headers(stream)
    assert (header.start, header.end) == (0, 2)
    assert header.title.title == "宜春市2022年国民经济和社会发展统计公报"
    assert header.title.doc_type == "公报"
    # A date in brackets under body text is no byline.
    assert find_headers([Line(text="现将有关情况公报如下", page=1), stream[3]]) == []


def test_a_toc_entry_with_its_number_and_leader_is_no_document():
    # The 目录 of the 9/10期 as OCR reads it (tests/test_ocr_issue.py): the page number is lost,
    # the bracketed 文号 keeps its dot leader; that is no 文号 run into a first sentence.
    from extractors.segmentation.segment import find_headers, segment

    toc = [
        Line(text=t, page=2)
        for t in (
            "目录",
            "泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知",
            "（泸市府办规〔2024〕7号）……",
            "泸州市人民政府办公室关于印发《泸州市大气环境质量限期达标规划（2024—2025年）》",
        )
    ]
    assert find_headers(toc) == []
    doc = Document(source=Source(path="t.pdf", sha256="0", format="pdf", size=0), pages=[])
    doc.pages = [Page(index=2, width=595, height=842, lines=toc)]
    assert segment(doc).notices == []
