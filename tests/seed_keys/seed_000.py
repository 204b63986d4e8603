"""Answer key (data only) for raw/000_bbc4044de49a57c2.txt (泸州市人民政府公报 2024年第9/10期, an excerpt).

Plain-text dump of a two-column PDF: one short printed line per line, blank lines between,
page starts marked by a leading space, and the header block of a notice printed after the
body text of the page it starts on. Every expected value was read from the raw file; the
`Lnnn` notes give the line numbers of raw/000_bbc4044de49a57c2.txt it was read from.
"""

from __future__ import annotations

from datetime import date

from tests.seed_helpers import SEED_000, labels

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
        # JUDGEMENT (issue 14): the plan's own period （2024—2025年） ends its force.
        "expiry_date": date(2025, 12, 31),
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


SOURCE = SEED_000

# Issue metadata, L431 泸州市人民政府公报 2024年 第9/10期; the excerpt never prints 总第N期.
ISSUE = {
    "source_format": "text",
    "gazette_name": "泸州市人民政府公报",
    "year": 2024,
    "issue_label": "9/10",
    "issue_numbers": [9, 10],
    "total_issue_no": None,
    "notice_count": 6,
}

# The excerpt starts mid-issue: no 目录.
TOC: list[tuple] = []

# Attachment numbers of each notice.
ATTACHMENTS = {
    "泸市府办规〔2024〕7号": [],
    "泸市府办发〔2024〕39号": [],
    "泸市府办函〔2024〕54号": [],
    "泸市府室发〔2024〕25号": [1, 2, 3],  # L2943-2953
    WEIJIAN: [1, 2, 3, 4, 5, 6, 7],  # L3956-3980
    "泸市医保规〔2024〕1号": [1],  # L4755 附件：… (a lone 附件)
}
