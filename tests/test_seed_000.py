"""Answer key for raw/000_bbc4044de49a57c2.txt (泸州市人民政府公报 2024年第9/10期, an excerpt).

Plain-text dump of a two-column PDF: one short printed line per line, blank lines between,
page starts marked by a leading space, and the header block of a notice printed after the
body text of the page it starts on. Every expected value was read from the raw file; the
`Lnnn` notes give the line numbers of raw/000_bbc4044de49a57c2.txt it was read from.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.seed_helpers import (
    NOTICE_FIELDS,
    SEED_000,
    article,
    articles_of,
    attachment_numbers,
    check_notice_field,
    cited_numbers,
    extract_rows,
    labels,
    main_articles,
    nospace,
    notice_by_doc,
    section_label_lines,
)

OFFICE = "泸州市人民政府办公室"

# The six notices, in the order they are printed.
NOTICES = [
    # L53-L70 header block (after the page's body text), L72 section label, L264-266 clause.
    {
        "doc_number": "泸市府办规〔2024〕7号",  # L58
        "title": "泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知",
        "doc_type": "通知",
        "issuers": [OFFICE],  # L53
        "section": "市政府办公室文件",  # L72
        "signing_date": date(2024, 9, 19),  # L68 2024年9月19日
        "effective_date": date(2024, 10, 19),  # L264-266 本办法自 2024 年 10 月 / 19日起施行
        "validity_months": 60,  # L266 有效期5年
        "is_trial": False,
        "expiry_date": date(2029, 10, 18),
        "enclosed_title": "泸州市历史风貌建筑修缮补助资金管理办法",  # L70
    },
    # L268-283 header block; no effective-date clause and no period anywhere in the notice.
    {
        "doc_number": "泸市府办发〔2024〕39号",  # L273
        "title": "泸州市人民政府办公室关于印发《泸州市大气环境质量限期达标规划（2024—2025年）》的通知",
        "doc_type": "通知",
        "issuers": [OFFICE],  # L268
        "section": "市政府办公室文件",  # L433, L916
        "signing_date": date(2024, 10, 24),  # L283
        "effective_date": None,
        "validity_months": None,
        "is_trial": False,
        "expiry_date": None,
        "enclosed_title": "泸州市大气环境质量限期达标规划（2024—2025年）",  # L341-342
    },
    # L2595-2610 header block, L2723-2724 enclosed title, L2789-2791 本办法自印发之日起施行。
    {
        "doc_number": "泸市府办函〔2024〕54号",  # L2600
        "title": "泸州市人民政府办公室关于印发《泸州市气象监测设施统筹规划建设和资源共享管理办法》的通知",
        "doc_type": "通知",
        "issuers": [OFFICE],  # L2595
        "section": "市政府办公室文件",
        "signing_date": date(2024, 9, 30),  # L2610
        "effective_date": date(2024, 9, 30),  # 自印发之日起 = signing date
        "validity_months": None,
        "is_trial": False,
        "expiry_date": None,
        "enclosed_title": "泸州市气象监测设施统筹规划建设和资源共享管理办法",  # L2723-2724
    },
    # L2817-2822 header block (printed mid-body), L2955-2957 signature and date.
    {
        "doc_number": "泸市府室发〔2024〕25号",  # L2822
        "title": "泸州市人民政府办公室关于2024年第三季度政府网站和政府系统政务新媒体检查情况的通报",
        "doc_type": "通报",
        "issuers": [OFFICE],  # L2817
        "section": "市政府办公室文件",
        "signing_date": date(2024, 9, 9),  # L2957
        "effective_date": None,
        "validity_months": None,
        "is_trial": False,
        "expiry_date": None,
        "enclosed_title": None,
    },
    # L3265 section label, L3267-3286 header block, L3953-3954 clause.
    {
        "doc_number": "泸市卫规〔2024〕1号",  # L3272
        "title": "泸州市卫生健康委员会关于印发泸州市进一步加强出生医学证明管理二十条措施的通知",
        "doc_type": "通知",
        "issuers": ["泸州市卫生健康委员会"],  # L3267
        "section": "部门文件",  # L3265
        "signing_date": date(2024, 9, 12),  # L3284
        "effective_date": date(2024, 10, 12),  # L3953 本文相关措施自 2024 年 10 月 12 日起施行
        "validity_months": 60,  # L3954 有效期五年
        "is_trial": False,
        "expiry_date": date(2029, 10, 11),
        "enclosed_title": "泸州市进一步加强出生医学证明管理二十条措施",  # L3286
    },
    # L4685 body first (addressees), L4765-4770 header block, L4738-4740 clause.
    {
        "doc_number": "泸市医保规〔2024〕1号",  # L4770
        "title": "泸州市医疗保障局关于公布微小核糖核酸（microRNA）检测等医疗服务项目价格的通知",
        "doc_type": "通知",
        "issuers": ["泸州市医疗保障局"],  # L4765
        "section": "部门文件",
        "signing_date": date(2024, 10, 12),  # L4763
        "effective_date": date(2024, 10, 15),  # L4738 本通知自 2024 年 10 月 15 日起施行
        "validity_months": 24,  # L4740 试行期两年
        "is_trial": True,
        "expiry_date": date(2026, 10, 14),
        "enclosed_title": None,  # it publishes prices, it promulgates no document
    },
]
DOC_NUMBERS = [n["doc_number"] for n in NOTICES]
BY_DOC = {n["doc_number"]: n for n in NOTICES}

# 文号 → (agency code, year, serial, is_normative)
DOC_PARTS = {
    "泸市府办规〔2024〕7号": ("泸市府办规", 2024, 7, True),
    "泸市府办发〔2024〕39号": ("泸市府办发", 2024, 39, False),
    "泸市府办函〔2024〕54号": ("泸市府办函", 2024, 54, False),
    "泸市府室发〔2024〕25号": ("泸市府室发", 2024, 25, False),
    "泸市卫规〔2024〕1号": ("泸市卫规", 2024, 1, True),
    "泸市医保规〔2024〕1号": ("泸市医保规", 2024, 1, True),
}

# Every 文号 cited in each notice's text (own 文号 excluded), brackets normalised.
CITATIONS = {
    "泸市府办规〔2024〕7号": set(),
    "泸市府办发〔2024〕39号": {
        "泸委办〔2018〕41号",  # L287
        "泸委〔2024〕20号",  # L304-306 （泸 / 委〔2024〕20号）
        "泸污防攻坚〔2023〕2号",  # L546-548, L1530-1531
        "泸市府规〔2022〕6号",  # L571
        "泸市府规〔2023〕7号",  # L575-576 〔2023〕7 / 号
        "泸市府办发〔2024〕15号",  # L586-588, L1437-1439
        "泸市城管〔2023〕151号",  # L625
        "泸市府布〔2020〕1号",  # L647-649
        "泸市府办规〔2023〕3号",  # L664-665 〔2023〕3 / 号, L2075-2077
        "泸市府办发〔2022〕14号",  # L684-685
        "泸市府办发〔2022〕69号",  # L746
        "泸污防攻坚办〔2022〕82号",  # L752-754
        "泸市府发〔2019〕15号",  # L758-759
        "泸污防攻坚办〔2023〕61号",  # L765-767
        "泸市环发〔2023〕12号",  # L773
        "泸市发改资环〔2023〕149号",  # L1175
        "泸市发改资环〔2023〕319号",  # L1204-1206
        "泸工信领办〔2024〕2号",  # L1585
        "泸污防攻坚办〔2024〕8号",  # L1632-1633, L2385
        "泸污防攻坚办〔2024〕21号",  # L1669, L2377-2379
        "泸市交运〔2024〕24号",  # L2392
    },
    "泸市府办函〔2024〕54号": {
        "国发〔2022〕11号",  # L2629
        "泸市府发〔2022〕26号",  # L2633-2635 （泸市府 / 发〔2022〕26号）
    },
    "泸市府室发〔2024〕25号": set(),
    "泸市卫规〔2024〕1号": {"国办发〔2015〕96号"},  # L3609
    "泸市医保规〔2024〕1号": {"川医保规〔2024〕7号"},  # L4693-4695 （川医保规 / 〔2024〕7号）
}

WEIJIAN = "泸市卫规〔2024〕1号"
# Main-document articles (label, chapter_no), read from the lines starting with 第X条 / 第X章.
ARTICLES = {
    "泸市府办规〔2024〕7号": [(lab, None) for lab in labels(1, 15)],  # L1 … L264
    "泸市府办函〔2024〕54号": [(lab, None) for lab in labels(1, 13)],  # L2611 … L2789
    WEIJIAN: (
        [(lab, 1) for lab in labels(1, 2)]  # L3211 第一章 组织管理
        + [(lab, 2) for lab in labels(3, 8)]  # L3295 第二章 工作管理
        + [(lab, 3) for lab in labels(9, 14)]  # L3472 第三章 签发管理
        + [(lab, 4) for lab in labels(15, 17)]  # L3792 第四章 使用管理
        + [(lab, 5) for lab in labels(18, 20)]  # L3853 第五章 监督管理
    ),
}
NO_ARTICLES = [d for d in DOC_NUMBERS if d not in ARTICLES]

CHAPTER_TITLES = {1: "组织管理", 2: "工作管理", 3: "签发管理", 4: "使用管理", 5: "监督管理"}

# (doc_number, label, kind, expected) on whitespace-free article text.
ARTICLE_TEXTS = [
    # L1-11
    (
        "泸市府办规〔2024〕7号",
        "第一条",
        "startswith",
        "为加强我市历史风貌建筑保护和利用工作，规范历史风貌建筑修缮补助资金的使用和管理，",
    ),
    # L47-51, then (after the header block and section label) L73
    (
        "泸市府办规〔2024〕7号",
        "第六条",
        "startswith",
        "住房城乡建设主管部门会同同级文物主管部门负责历史风貌建筑年度修缮计划编制和指导等"
        "工作，落实补助资金的管理、发放、监督等工作。",
    ),
    # L167-173
    (
        "泸市府办规〔2024〕7号",
        "第十一条",
        "startswith",
        "历史风貌建筑补助资金标准：（一）轻微修缮按每处1万元/年予以补助。",
    ),
    # L264-266: the last article ends before the next notice's header block (L268).
    ("泸市府办规〔2024〕7号", "第十五条", "equals", "本办法自2024年10月19日起施行，有效期5年。"),
    # L2611-2613
    (
        "泸市府办函〔2024〕54号",
        "第一条",
        "startswith",
        "为深入贯彻落实党中央、国务院和省委、省政府关于气象事业发展的决策部署，",
    ),
    # L2721 / enclosed title L2723-2724 / L2725: the title line is not part of the article.
    (
        "泸市府办函〔2024〕54号",
        "第六条",
        "contains",
        "各部门负责对本部门建设的气象监测设施，根据有关法律法规规定进行定期或不定期计量检定",
    ),
    ("泸市府办函〔2024〕54号", "第十二条", "equals", "上级另有规定的从其规定。"),  # L2785-2787
    ("泸市府办函〔2024〕54号", "第十三条", "equals", "本办法自印发之日起施行。"),  # L2789-2791
    # L3213-3219
    (
        WEIJIAN,
        "第一条",
        "startswith",
        "市卫生健康委负责全市《出生医学证明》管理工作；区县卫生健康局负责辖区内《出生医学证明》管理工作。",
    ),
    # L3263 / section label + header block / L3287-3289
    (
        WEIJIAN,
        "第二条",
        "contains",
        "管理机构和助产机构发现在办理《出生医学证明》相关事务中的信息虚假、可疑，"
        "应首先向辖区所在地公安部门报警处理",
    ),
    # L3474-3476
    (WEIJIAN, "第九条", "startswith", "《出生医学证明》的签发包括首次签发、换发和补发；"),
    # L3881 (letter-spaced line)
    (WEIJIAN, "第十八条", "contains", "（三）超范围签发《出生医学证明》的；"),
    # L3925-3927
    (WEIJIAN, "第二十条", "startswith", "对隐瞒事实真相，提供虚假证明材料骗领《出生医学证明》"),
]


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return extract_rows(SEED_000)


# ---------------------------------------------------------------- issue


def test_issue_metadata(rows):
    assert len(rows["issues"]) == 1
    issue = rows["issues"][0]
    assert issue["source_format"] == "text"
    assert issue["gazette_name"] == "泸州市人民政府公报"  # L431
    assert issue["year"] == 2024  # L431
    assert issue["issue_label"] == "9/10"  # L431 第9/10期
    assert list(issue["issue_numbers"]) == [9, 10]
    # The excerpt never prints 总第N期.
    assert issue["total_issue_no"] is None
    assert issue["notice_count"] == 6


def test_no_toc_in_excerpt(rows):
    assert rows["toc_entries"] == []


# ---------------------------------------------------------------- notices


def test_notice_count_and_order(rows):
    got = [n["doc_number"] for n in sorted(rows["notices"], key=lambda n: n["seq"])]
    assert got == DOC_NUMBERS
    assert [n["seq"] for n in sorted(rows["notices"], key=lambda n: n["seq"])] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("field", NOTICE_FIELDS)
@pytest.mark.parametrize("doc_number", DOC_NUMBERS)
def test_notice_field(rows, doc_number, field):
    notice = notice_by_doc(rows, doc_number)
    check_notice_field(notice, field, BY_DOC[doc_number])


@pytest.mark.parametrize("doc_number", DOC_NUMBERS)
def test_doc_number_parts(rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    code, year, serial, normative = DOC_PARTS[doc_number]
    got = (notice["doc_agency_code"], notice["doc_year"], notice["doc_serial"])
    assert got == (code, year, serial)
    assert notice["is_normative"] is normative


# ---------------------------------------------------------------- text repair


@pytest.mark.parametrize("doc_number", DOC_NUMBERS)
def test_no_running_header_or_section_label_in_text(rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    assert nospace(notice["text"]), "empty notice text"
    assert "泸州市人民政府公报" not in nospace(notice["text"])  # L431, L914
    assert section_label_lines(notice["text"]) == []  # L72, L433, L916, L3265


def test_letter_spaced_lines_are_joined(rows):
    text = notice_by_doc(rows, "泸市府办发〔2024〕39号")["text"]
    assert "地区生产总值二氧化碳排放下降" in text  # L1188 地 区 生 产 总 值 二 氧 化 碳 排 放 下 降
    assert "陶瓷工业大气污染物排放标准" in text  # L1620


def test_letter_spaced_line_in_weijian_notice_is_joined(rows):
    text = notice_by_doc(rows, WEIJIAN)["text"]
    assert "超范围签发《出生医学证明》的" in text  # L3881 超 范 围 签 发《出 生 医 学 证


def test_tongbao_body_is_continuous_across_its_header_block(rows):
    # L2811-2815 body, L2817-2822 header block, L2823-2825 body again.
    text = nospace(notice_by_doc(rows, "泸市府室发〔2024〕25号")["text"])
    assert (
        "（一）政府网站检查情况。依据政府网站单项否决指标，对全市正在运行的1个市政府门户网站、"
        "7个区县政府门户网站、38个市级部门网站进行全覆盖检查，检查结果良好（见附件1）。"
    ) in text
    # The previous notice ends at L2789-2791; its last sentence must not leak in.
    assert "本办法自印发之日起施行" not in text


def test_next_notice_does_not_leak_into_weijian_notice(rows):
    # 泸市医保规〔2024〕1号 starts at L4685, right after 附件7 of the 卫健委 notice.
    notice = notice_by_doc(rows, WEIJIAN)
    texts = [notice["text"]] + [
        a["text"] for a in rows["attachments"] if a["notice_id"] == notice["notice_id"]
    ]
    for t in texts:
        assert "各区县医保局" not in nospace(t)


def test_yibao_body_text(rows):
    text = nospace(notice_by_doc(rows, "泸市医保规〔2024〕1号")["text"])
    assert (
        "按照《四川省医疗保障局关于公布68项转归医疗服务价格项目及3项试行医疗服务价格项目的"
        "通知》（川医保规〔2024〕7号）" in text
    )  # L4689-4695
    assert "五、本通知自2024年10月15日起施行，试行期两年。" in text  # L4738-4740


# ---------------------------------------------------------------- citations


@pytest.mark.parametrize("doc_number", DOC_NUMBERS)
def test_citations(rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    assert cited_numbers(rows, notice["notice_id"]) == CITATIONS[doc_number]


@pytest.mark.parametrize(
    "cited",
    [
        "泸市府办规〔2023〕3号",  # L664-665 （泸市府办规〔2023〕3 / blank / 号）
        "泸市府规〔2023〕7号",  # L575-576
        "泸市府发〔2019〕15号",  # L758-759
    ],
)
def test_doc_number_cut_over_lines_is_cited(rows, cited):
    notice = notice_by_doc(rows, "泸市府办发〔2024〕39号")
    assert cited in cited_numbers(rows, notice["notice_id"])


# ---------------------------------------------------------------- articles


@pytest.mark.parametrize("doc_number", list(ARTICLES))
def test_main_document_articles(rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    got = [(a["label"], a["chapter_no"]) for a in main_articles(rows, notice["notice_id"])]
    assert got == ARTICLES[doc_number]


@pytest.mark.parametrize("doc_number", list(ARTICLES))
def test_article_numbers(rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    got = [a["article_no"] for a in main_articles(rows, notice["notice_id"])]
    assert got == list(range(1, len(ARTICLES[doc_number]) + 1))


@pytest.mark.parametrize("doc_number", NO_ARTICLES)
def test_notices_without_articles(rows, doc_number):
    notice = notice_by_doc(rows, doc_number)
    assert main_articles(rows, notice["notice_id"]) == []


def test_weijian_chapter_titles(rows):
    notice = notice_by_doc(rows, WEIJIAN)
    got = {a["chapter_no"]: a["chapter_title"] for a in main_articles(rows, notice["notice_id"])}
    assert got == CHAPTER_TITLES


def test_quoted_law_articles_belong_to_attachment_7(rows):
    # 附件7 (L4230-4684) quotes 第三十五条, 第三十七条 … of other laws; they are not
    # articles of the notice, and wherever they are kept they carry attachment_no 7.
    notice = notice_by_doc(rows, WEIJIAN)
    in_attachments = [
        a for a in articles_of(rows, notice["notice_id"]) if a.get("attachment_no") is not None
    ]
    assert {a["attachment_no"] for a in in_attachments} <= {7}
    quoted = [a for a in articles_of(rows, notice["notice_id"]) if a["label"] == "第三十五条"]
    assert all(a["attachment_no"] == 7 for a in quoted)


@pytest.mark.parametrize(
    ("doc_number", "label", "kind", "expected"),
    ARTICLE_TEXTS,
    ids=[f"{d}-{lab}" for d, lab, _, _ in ARTICLE_TEXTS],
)
def test_article_text(rows, doc_number, label, kind, expected):
    notice = notice_by_doc(rows, doc_number)
    text = nospace(article(rows, notice["notice_id"], label)["text"])
    if kind == "startswith":
        assert text.startswith(expected), text[: len(expected) + 20]
    elif kind == "contains":
        assert expected in text
    else:
        assert text == expected


def test_article_text_has_no_header_block(rows):
    # 第六条 of 泸市府办规〔2024〕7号 is cut by that notice's own header block (L53-L72).
    notice = notice_by_doc(rows, "泸市府办规〔2024〕7号")
    text = nospace(article(rows, notice["notice_id"], "第六条")["text"])
    assert "泸市府办规〔2024〕7号" not in text
    assert "各区县人民政府" not in text
    # 第六条 of 泸市府办函〔2024〕54号 is cut by the enclosed title (L2723-2724).
    notice = notice_by_doc(rows, "泸市府办函〔2024〕54号")
    text = nospace(article(rows, notice["notice_id"], "第六条")["text"])
    assert "资源共享管理办法" not in text


# ---------------------------------------------------------------- attachments


@pytest.mark.parametrize(
    ("doc_number", "numbers"),
    [
        ("泸市府办规〔2024〕7号", []),
        ("泸市府办发〔2024〕39号", []),
        ("泸市府办函〔2024〕54号", []),
        ("泸市府室发〔2024〕25号", [1, 2, 3]),  # L2943-2953
        (WEIJIAN, [1, 2, 3, 4, 5, 6, 7]),  # L3956-3980
        ("泸市医保规〔2024〕1号", [1]),  # L4755 附件：… (a lone 附件)
    ],
)
def test_attachment_numbers(rows, doc_number, numbers):
    notice = notice_by_doc(rows, doc_number)
    assert attachment_numbers(rows, notice["notice_id"]) == numbers


def test_outline_of_the_air_quality_plan_as_printed():
    # L312–L346 and L491: the plan's own numbering, 一、 > （一） > 1.
    plan = [
        r
        for r in extract_rows(SEED_000)["outline"]
        if r["notice_id"].endswith("-n002") and r["attachment_no"] is None
    ]
    top = [r["label"] + r["heading"] for r in plan if r["level"] == 1]
    assert top[:3] == ["一、大气环境保护形势", "二、总体要求", "三、达标战略"]
    first = [(r["level"], r["label"], r["heading"]) for r in plan[:5]]
    assert first == [
        (1, "一、", "大气环境保护形势"),
        (2, "（一）", "大气环境质量分析"),
        (3, "1.", "空气质量状况"),
        (3, "2.", "空气质量时空特征"),
        (3, "3.", "污染物排放特征"),
    ]
