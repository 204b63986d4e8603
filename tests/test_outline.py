"""Paragraph joining, the article count, and citations, on small strings."""

from extractors.layout.paragraphs import Paragraph, join_paragraphs
from extractors.metadata.citations import find_citations
from extractors.model import Line
from extractors.segmentation.outline import find_articles


def lines(*texts: str) -> list[Line]:
    return [Line(text=t, page=1) for t in texts]


def paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(text=t, page=1, page_end=1) for t in texts]


def test_text_dump_lines_join_until_a_short_line_ends_the_paragraph():
    got = join_paragraphs(
        lines(
            "（二）非轻微修缮按建筑面积500元/",
            "平方米予以补助，一次性补助金额不超",
            "过20万元。",
            "第十二条 修缮补助资金使用按以",
            "下流程办理：",
        ),
        wrap_width=17,
    )
    assert [p.text for p in got] == [
        "（二）非轻微修缮按建筑面积500元/平方米予以补助，一次性补助金额不超过20万元。",
        "第十二条 修缮补助资金使用按以下流程办理：",
    ]


def test_document_number_cut_over_two_lines_is_whole_again():
    got = join_paragraphs(
        lines(
            "管理办法〉的通知》（泸市府办规〔2023〕3", "号），积极推进全市全域秸秆资源综合利用。"
        ),
        wrap_width=17,
    )
    assert (
        got[0].text
        == "管理办法〉的通知》（泸市府办规〔2023〕3号），积极推进全市全域秸秆资源综合利用。"
    )


def test_markdown_paragraph_cut_by_a_page_break_is_joined():
    got = join_paragraphs(
        lines("残疾儿童康复救助实行地方人民政", "府负责制。", "泸州市人民政府", "2024年12月4日")
    )
    assert [p.text for p in got] == [
        "残疾儿童康复救助实行地方人民政府负责制。",
        "泸州市人民政府",
        "2024年12月4日",
    ]


def test_latin_words_cut_at_line_end_keep_a_space():
    assert join_paragraphs(lines("通过 Open", "AI 模型"))[0].text == "通过 Open AI 模型"


def test_articles_follow_the_count_and_skip_references_at_line_start():
    got = find_articles(
        paras(
            "第一章 总则",
            "第一条 为了规范管理。",
            "第二条 适用范围。",
            "第十七条的规定提出或者报告的；",
            "第二章 附则",
            "第三条 本办法自印发之日起施行。",
        )
    )
    assert [(a.label, a.chapter_no, a.chapter_title) for a in got] == [
        ("第一条", 1, "总则"),
        ("第二条", 1, "总则"),
        ("第三条", 2, "附则"),
    ]
    assert got[1].text == "适用范围。\n第十七条的规定提出或者报告的；"


def test_article_text_stops_at_the_attachment_list_and_signature():
    got = find_articles(
        paras(
            "第一条 为了规范管理。",
            "第二条 本指导意见自印发之日起施行。",
            "附件：1.申请书",
            "泸州市市场监督管理局",
            "2024年12月19日",
        )
    )
    assert [a.text for a in got] == ["为了规范管理。", "本指导意见自印发之日起施行。"]


def test_quoted_articles_in_an_attachment_keep_their_own_numbers():
    got = find_articles(
        paras(
            "一、《中华人民共和国母婴保健法》",
            "第三十五条 未取得合格证书的。",
            "第三十七条 出具虚假证明的。",
        ),
        sequential=False,
    )
    assert [a.article_no for a in got] == [35, 37]


def test_citations_with_titles_and_without_own_number():
    text = "根据《四川省医疗保障局关于印发辅助生殖类医疗服务价格项目的通知》（川医保规〔2024〕8号）和泸市医保规〔2024〕4号，（泸委办〔2018〕41 号）"
    got = find_citations(text, own_number="泸市医保规〔2024〕4号")
    assert [(c.doc_number, c.title) for c in got] == [
        ("川医保规〔2024〕8号", "四川省医疗保障局关于印发辅助生殖类医疗服务价格项目的通知"),
        ("泸委办〔2018〕41号", None),
    ]


def test_article_inserted_by_amendment_keeps_its_suffix():
    got = find_articles(
        paras("第二百五十三条之一 国家机关的工作人员，违反国家规定。"), sequential=False
    )
    assert [(a.label, a.article_no) for a in got] == [("第二百五十三条之一", 253)]


def test_outline_levels_follow_the_numbering_the_document_uses():
    from extractors.segmentation.outline import find_outline

    items = find_outline(
        paras(
            "一、总体要求",
            "（一）指导思想。以新发展理念为指导。",
            "1.严格产业准入。",
            "（1）综合实力显著增强。",
            "二、达标战略",
            "（一）优化产业结构，促进产业产品绿色升级。",
        )
    )
    assert [(i.level, i.label, i.heading, i.parent) for i in items] == [
        (1, "一、", "总体要求", None),
        (2, "（一）", "指导思想", 0),
        (3, "1.", "严格产业准入", 1),
        (4, "（1）", "综合实力显著增强", 2),
        (1, "二、", "达标战略", None),
        (2, "（一）", "优化产业结构，促进产业产品绿色升级", 4),
    ]


def test_outline_items_inside_articles_know_their_article():
    from extractors.segmentation.outline import find_outline

    items = find_outline(
        paras(
            "第一章 总则",
            "第十条 申请补助资金应当提交下列材料：",
            "（一）申请书；",
            "（二）历史风貌建筑权属凭证。",
        )
    )
    assert [(i.label, i.level, i.article_no) for i in items] == [
        ("第一章", 1, None),
        ("（一）", 2, 10),
        ("（二）", 2, 10),
    ]
    assert items[1].heading == "申请书"


def test_a_glued_label_whose_text_opens_with_zhong_is_an_article():
    # tests/fixtures/real/gazette/qinghai_ziran_zaihai_jiuzhu_shishi_banfa.md prints its labels
    # glued to the text; its 第十九条 opens with 中央, which is no reference (第三条中的…).
    got = find_articles(
        paras(
            "第一条为规范自然灾害救助工作，制定本办法。",
            "第二条中央和省级财政安排的自然灾害生活补助资金，由省民政厅商省财政厅提出资金分配方案。",
            "第三条中的规定不适用于本办法。",
            "第三条自然灾害生活补助资金应当通过“一卡（折）通”形式发放到受灾人员手中。",
        )
    )
    assert [a.article_no for a in got] == [1, 2, 3]
    assert got[1].text.startswith("中央和省级财政")
    assert got[1].text.endswith("第三条中的规定不适用于本办法。")


def test_outline_chapters_read_as_the_articles_read_them():
    from extractors.segmentation.outline import find_outline

    # A database export glues the chapter to its first article
    # (tests/fixtures/real/gazette/sichuan_aba_zhengwu_shuju_banfa.txt); a chapter title is cut
    # after 、 (zhejiang_jingning_zizhi_tiaoli.md); a 规则 numbers its items 一、 under its
    # chapters (web/sc_md_guofa_2004_18_gongzuo_guize.md).
    items = find_outline(
        paras(
            "第一章 总则 第一条 为规范政务数据资源管理，制定本办法。",
            "第二章 自治机关和监察委员会、",
            "人民法院、人民检察院",
            "第三章 全面履行政府职能",
            "十二、国务院要全面正确履行政府职能。",
        )
    )
    chapters = [(i.label, i.heading) for i in items if i.marker_type == "第X章"]
    assert chapters == [
        ("第一章", "总则"),
        ("第二章", "自治机关和监察委员会、人民法院、人民检察院"),
        ("第三章", "全面履行政府职能"),
    ]
