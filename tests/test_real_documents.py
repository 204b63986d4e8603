"""Segmentation and metadata rules on real documents of tests/fixtures/real/ (values read by
hand from each file; its .key.json holds the same), and on real lines taken from them."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from extractors.extract import extract_bytes, extract_document
from extractors.metadata.validity import read_term
from extractors.model import Document, Line, Page, Source
from extractors.readers.sniff import sniff
from extractors.segmentation.notice_parts import split_list
from extractors.textnorm import keep_word_spaces

REAL = Path(__file__).resolve().parent / "fixtures" / "real"


@cache
def _rows(name: str) -> dict[str, list[dict]]:
    path = REAL / name
    return extract_bytes(path.read_bytes(), f"tests/fixtures/real/{name}").rows


def _notice(name: str) -> dict:
    notices = _rows(name)["notices"]
    assert len(notices) == 1, [n["title"] for n in notices]
    return notices[0]


def _articles(name: str) -> list[dict]:
    return [a for a in _rows(name)["articles"] if a["attachment_no"] is None]


def _from_lines(*texts: str) -> dict[str, list[dict]]:
    """Extract a document made of the given lines (as a reader gives them)."""
    source = Source(path="lines.txt", sha256="0" * 64, format="text", size=0)
    page = Page(index=1, lines=[Line(text=t, page=1) for t in texts])
    return extract_document(Document(source=source, pages=[page])).rows


# --- regulations printed alone -------------------------------------------------------------


def test_law_database_markdown_is_one_regulation_with_its_chapters_once():
    # LawRefBook export: '# title', a note line without brackets, <!-- INFO END -->, the
    # chapters listed as ## headings, then the chapters again with their articles.
    name = "gazette/beijing_zhongzhouxian.md"
    notice = _notice(name)
    assert notice["title"] == "北京中轴线文化遗产保护条例"
    assert notice["doc_type"] == "条例"
    assert notice["issuers"] == ["北京市人民代表大会常务委员会"]
    assert notice["doc_number"] is None and notice["signing_date"] is None
    assert notice["effective_date"] == date(2022, 10, 1)
    articles = _articles(name)
    assert [a["article_no"] for a in articles] == list(range(1, 32))
    chapters = {a["chapter_no"]: a["chapter_title"] for a in articles}
    assert list(chapters) == [1, 2, 3, 4, 5]


def test_a_file_that_opens_with_a_heading_is_markdown():
    # gazette/chongqing_pengshui_lvyou.md marks up nothing but its '# title'.
    data = (REAL / "gazette/chongqing_pengshui_lvyou.md").read_bytes()
    assert sniff(data).kind == "markdown"
    assert _notice("gazette/chongqing_pengshui_lvyou.md")["title"] == "彭水苗族土家族自治县旅游条例"


def test_regulation_under_its_bare_title_starts_a_document():
    # web/lawref_shanghai_yiqi_gongxiang_guiding.md: no note at all, the title over 第一条.
    name = "web/lawref_shanghai_yiqi_gongxiang_guiding.md"
    notice = _notice(name)
    assert notice["title"] == "上海市促进大型科学仪器设施共享规定"
    assert len(_articles(name)) == 18
    assert notice["effective_date"] == date(2007, 11, 1)


def test_published_on_the_day_of_its_note():
    # gazette/guowuyuan_zhufang_gongjijin.md: 本条例自发布之日起施行, and the note
    # '1999年4月3日 中华人民共和国国务院令第262号发布'.
    notice = _notice("gazette/guowuyuan_zhufang_gongjijin.md")
    assert notice["issuers"] == ["国务院"]
    assert notice["effective_date"] == date(1999, 4, 3)


def test_the_note_says_when_it_takes_effect():
    # gazette/zhejiang_jingning_shuiziyuan.md: 本条例自公布之日起施行; note '2001年7月9日 施行'.
    notice = _notice("gazette/zhejiang_jingning_shuiziyuan.md")
    assert notice["effective_date"] == date(2001, 7, 9)
    assert notice["issuers"] == ["景宁畲族自治县人民代表大会"]


def test_judicial_interpretation_of_two_courts():
    notice = _notice("gazette/liangao_zuiming_buchong_4_2009.md")
    assert notice["doc_type"] == "规定"
    assert notice["issuers"] == ["最高人民法院", "最高人民检察院"]
    assert notice["effective_date"] == date(2009, 10, 16)


def test_chapter_heading_is_no_section_label_and_its_cut_title_is_joined():
    # gazette/shanghai_fankong_banfa.md: '## 第四章  情报信息' (ends like a 政务信息 label).
    fankong = {
        a["chapter_no"]: a["chapter_title"] for a in _articles("gazette/shanghai_fankong_banfa.md")
    }
    assert fankong[4] == "情报信息"
    # gazette/zhejiang_jingning_zizhi_tiaoli.md: '## 第二章  自治机关和监察委员会、' / '人民法院、人民检察院'
    zizhi = {
        a["chapter_no"]: a["chapter_title"]
        for a in _articles("gazette/zhejiang_jingning_zizhi_tiaoli.md")
    }
    assert zizhi[2] == "自治机关和监察委员会、人民法院、人民检察院"


# --- titles --------------------------------------------------------------------------------


def test_issued_without_guanyu_and_printed_twice():
    # gazette/beijing_jingxinju_shuju_zhuanqu.txt: a 北大法宝 export prints the title twice.
    notice = _notice("gazette/beijing_jingxinju_shuju_zhuanqu.txt")
    assert (
        notice["title"] == "北京市经济和信息化局印发《关于推进北京市数据专区建设的指导意见》的通知"
    )
    assert notice["doc_number"] == "京经信发〔2022〕87号"
    assert notice["issuers"] == ["北京市经济和信息化局"]


def test_doubled_export_title_is_one_title():
    notice = _notice("gazette/neimenggu_baotou_shuzi_zhengfu_kaoping.txt")
    assert (
        notice["title"] == "包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知"
    )


def test_doc_number_above_the_title_joint_issuers():
    # web/hegang_hezhengfa_2025_4.txt: 文号 first, then the title over two lines (印发 without
    # 关于), the addressees.
    notice = _notice("web/hegang_hezhengfa_2025_4.txt")
    assert notice["doc_number"] == "鹤政发〔2025〕4号"
    assert notice["issuers"] == ["鹤岗市人民政府", "鹤岗市中级人民法院"]
    assert (
        notice["title"] == "鹤岗市人民政府鹤岗市中级人民法院印发关于完善“府院联动”机制的意见的通知"
    )
    assert notice["signing_date"] == date(2025, 4, 30)


def test_title_without_issuer_under_its_doc_number():
    # gazette/guowuyuan_bumen_fgw_swzj_2019_860_pymupdf.txt: 发文机关标志, 文号, a title
    # without issuer, addressees wrapped over three lines.
    notice = _notice("gazette/guowuyuan_bumen_fgw_swzj_2019_860_pymupdf.txt")
    assert notice["doc_number"] == "发改办财金规〔2019〕860号"
    assert notice["title"] == "关于加强个人所得税纳税信用建设的通知"
    assert notice["signing_date"] == date(2019, 8, 20)


def test_word_spaces_of_a_title_are_kept_letter_spacing_is_not():
    assert keep_word_spaces(
        "上海市人民政府办公厅印发《上海市加强基础研究 增强原始创新能力行动方案》的通知"
    ) == ("上海市人民政府办公厅印发《上海市加强基础研究 增强原始创新能力行动方案》的通知")
    assert keep_word_spaces("关 于 印 发 几 个 问 题 的 通 知") == "关于印发几个问题的通知"
    # pymupdf spaces digits apart (…860_pymupdf.txt line 20): those spaces are not words.
    assert keep_word_spaces("2019 年 1 月 1 日起全面施行的") == "2019年1月1日起全面施行的"


def test_title_keeps_the_space_the_page_prints():
    # gazette/liangao_zuiming_buchong_7_2021.md: '# …《中华人民共和国刑法》 确定罪名的补充规定（七）'
    notice = _notice("gazette/liangao_zuiming_buchong_7_2021.md")
    assert notice["title"] == (
        "最高人民法院、最高人民检察院关于执行《中华人民共和国刑法》 确定罪名的补充规定（七）"
    )


# --- orders --------------------------------------------------------------------------------


_YIBIN_ORDER = (
    # tests/fixtures/unseen/yibin_2024_06.txt, lines 48-56 (under its heading and number)
    "《宜宾市城市公园管理办法》已经2024年10月29日市人民政府第68次常务会议审议通过，现予公布，",
    "自2025年1月1日起施行。",
    "市长  张晓东",
    "2024年11月20日",
    "宜宾市城市公园管理办法",
)


def test_order_heading_and_number_on_one_line():
    # The heading '宜宾市人民政府令' and '第5号' (lines 45-46) as a page prints them on one line.
    rows = _from_lines("宜宾市人民政府令 第5号", *_YIBIN_ORDER)
    (notice,) = rows["notices"]
    assert notice["title"] == "宜宾市人民政府令"
    assert notice["doc_number"] == "宜宾市人民政府令第5号"
    assert notice["issuers"] == ["宜宾市人民政府"]
    assert notice["signing_date"] == date(2024, 11, 20)
    assert notice["effective_date"] == date(2025, 1, 1)
    assert notice["enclosed_title"] == "宜宾市城市公园管理办法"


def test_order_numbered_with_its_year():
    rows = _from_lines("宜宾市人民政府令", "〔2024〕第5号", *_YIBIN_ORDER)
    (notice,) = rows["notices"]
    assert notice["doc_number"] == "宜宾市人民政府令〔2024〕第5号"


# --- addressees, faithful text ---------------------------------------------------------------


def test_comma_separates_addressees_and_the_pause_mark_joins_one():
    # web/sc_md_guofa_2019_4_zhiye_jiaoyu.md, the 主送机关 line
    assert split_list("各省、自治区、直辖市人民政府，国务院各部委、各直属机构") == [
        "各省、自治区、直辖市人民政府",
        "国务院各部委、各直属机构",
    ]
    notice = _notice("web/sc_md_guofa_2019_4_zhiye_jiaoyu.md")
    assert notice["addressees"] == ["各省、自治区、直辖市人民政府", "国务院各部委、各直属机构"]
    # The text keeps the line as printed: its ， is not rewritten to 、.
    assert "\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n" in notice["text"]


def test_remark_under_the_date_is_not_glued_to_the_enclosed_title():
    # web/xinjiang_xinzhengfa_2020_16.txt: 2020年3月19日 / (此件公开发布) / the enclosed title
    text = _notice("web/xinjiang_xinzhengfa_2020_16.txt")["text"]
    assert "\n（此件公开发布）\n新疆维吾尔自治区关于进一步做好" in text


# --- dates and validity ----------------------------------------------------------------------


def test_valid_until_a_date():
    # issue 10's example of a real clause: effective and expiry from one sentence
    term = read_term("本办法自2024年1月1日起实施，有效期至2028年12月31日。", None)
    assert term.effective is not None and term.effective.date == date(2024, 1, 1)
    assert term.expiry == date(2028, 12, 31)


def test_state_council_order_on_its_gov_cn_page():
    # web/sc_guoling706_zhuanli_daili_tiaoli.html: 中华人民共和国国务院令 / 第706号, the
    # promulgation line, 总理　　李克强, the date, then the regulation under its note.
    name = "web/sc_guoling706_zhuanli_daili_tiaoli.html"
    notice = _notice(name)
    assert notice["title"] == "中华人民共和国国务院令"
    assert notice["doc_number"] == "国务院令第706号"
    assert notice["issuers"] == ["国务院"]
    assert notice["signing_date"] == date(2018, 11, 6)
    assert notice["effective_date"] == date(2019, 3, 1)
    assert notice["enclosed_title"] == "专利代理条例"
    articles = _articles(name)
    assert len(articles) == 32
    # The order's promulgation line is not the regulation's first article.
    assert articles[0]["text"].startswith("为了规范专利代理行为")


def test_regulation_text_keeps_its_adoption_note():
    text = _notice("gazette/guowuyuan_budongchan_dengji.md")["text"]
    assert text.startswith("不动产登记暂行条例\n2014年11月24日中华人民共和国国务院令第656号公布\n")


def test_blog_post_front_matter_title_heads_the_document():
    # gazette/zuigaofa_minjian_jiedai_guiding.md: Jekyll front matter (title:, date:, author:)
    # then the adoption note in the post's HTML; the document prints no title of its own.
    name = "gazette/zuigaofa_minjian_jiedai_guiding.md"
    assert sniff((REAL / name).read_bytes()).kind == "markdown"
    notice = _notice(name)
    assert notice["title"] == "审理民间借贷案件适用法律若干问题的规定"
    assert notice["issuers"] == ["最高人民法院"]
    assert notice["publication_date"] is None  # the post's date: is the blog's
    assert len(_articles(name)) == 33
