"""Answer key (data only) for raw/003_e888584f49a9a9b6.txt (泸州市人民政府公报 2024年第12期, 总第69期).

Converter Markdown of the whole issue: cover, 目录 and nine notices. Headings are the
converter's guesses, section labels (`## 部门文件`) are inserted at page breaks even
mid-sentence, brackets vary (`[2024]` and `〔2024〕`) and the converter wrote ASCII `(` `)`
`,` where the gazette prints full-width ones. Every expected value was read from the raw file;
the `Lnnn` notes give the line numbers of raw/003_e888584f49a9a9b6.txt.
"""

from __future__ import annotations

from datetime import date

from tests.seed_helpers import SEED_003, labels

CITY = "泸州市人民政府"
OFFICE = "泸州市人民政府办公室"

NOTICES = [
    {
        "doc_number": "泸市府规〔2024〕4号",  # L100 泸市府规[2024]4号
        "title": "泸州市人民政府关于进一步实施残疾儿童康复救助制度的通知",  # L98
        "doc_type": "通知",
        "issuers": [CITY],
        "section": "市政府文件",  # L49 目录
        "signing_date": date(2024, 12, 4),  # L205
        "effective_date": date(2025, 1, 6),  # L202 本通知自2025年1月6日起施行
        "validity_months": 60,  # L202 有效期五年
        "is_trial": False,
        "expiry_date": date(2030, 1, 5),
        "enclosed_title": None,
    },
    {
        "doc_number": "泸市府发〔2024〕12号",  # L209
        "title": "泸州市人民政府关于印发《泸州市国土空间总体规划（2021—2035年）》的通知",  # L207
        "doc_type": "通知",
        "issuers": [CITY],
        "section": "市政府文件",
        "signing_date": date(2024, 12, 10),  # L216
        "effective_date": None,
        "validity_months": None,
        "is_trial": False,
        # JUDGEMENT (issue 14): the plan's own period （2021—2035年） ends its force.
        "expiry_date": date(2035, 12, 31),
        "enclosed_title": "泸州市国土空间总体规划（2021—2035年）",  # L213, L218 (此略)
    },
    {
        "doc_number": "泸市府函〔2024〕270号",  # L222
        "title": "泸州市人民政府关于聘任第六届泸州仲裁委员会组成人员的通知",  # L220
        "doc_type": "通知",
        "issuers": [CITY],
        "section": "市政府文件",
        "signing_date": date(2024, 12, 17),  # L261
        "effective_date": None,
        "validity_months": None,
        "is_trial": False,
        "expiry_date": None,
        "enclosed_title": None,
    },
    {
        "doc_number": "泸市府办发〔2024〕46号",  # L265
        "title": "泸州市人民政府办公室关于印发《建设全国纺织产业人工智能创新示范基地（泸州）"
        "行动纲要（2024—2028年）》的通知",  # L263
        "doc_type": "通知",
        "issuers": [OFFICE],
        "section": "市政府办公室文件",  # L62 目录
        "signing_date": date(2024, 12, 19),  # L273
        "effective_date": None,
        "validity_months": None,
        "is_trial": False,
        # JUDGEMENT (issue 14): the plan's own period （2024—2028年） ends its force.
        "expiry_date": date(2028, 12, 31),
        "enclosed_title": "建设全国纺织产业人工智能创新示范基地（泸州）行动纲要（2024—2028年）",  # L275
    },
    {
        "doc_number": "泸市府办发〔2024〕47号",  # L602
        "title": "泸州市人民政府办公室关于印发《〈中华人民共和国噪声污染防治法〉"
        "部分条款部门职责分工方案》的通知",  # L600
        "doc_type": "通知",
        "issuers": [OFFICE],
        "section": "市政府办公室文件",
        "signing_date": date(2024, 12, 19),  # L609
        "effective_date": None,
        "validity_months": None,
        "is_trial": False,
        "expiry_date": None,
        "enclosed_title": "《中华人民共和国噪声污染防治法》部分条款部门职责分工方案",  # L611
    },
    {
        "doc_number": "泸市府室发〔2024〕34号",  # L644
        "title": "泸州市人民政府办公室关于2024年第四季度政府网站和政府系统政务新媒体检查情况的通报",
        "doc_type": "通报",
        "issuers": [OFFICE],
        "section": "市政府办公室文件",  # 目录: before `## 部门文件` (L82)
        "signing_date": date(2024, 12, 9),  # L690
        "effective_date": None,
        "validity_months": None,
        "is_trial": False,
        "expiry_date": None,
        "enclosed_title": None,
    },
    {
        "doc_number": "泸市自然资规函〔2024〕425号",  # L736
        "title": "泸州市自然资源和规划局泸州市财政局国家税务总局泸州市税务局关于进一步规范"
        "国有建设用地二级市场共用宗地出让金缴纳有关事项的通知",  # L734
        "doc_type": "通知",
        "issuers": [
            "泸州市自然资源和规划局",
            "泸州市财政局",
            "国家税务总局泸州市税务局",
        ],  # L784-788
        "section": "部门文件",  # L82 目录
        "signing_date": date(2024, 12, 10),  # L790
        "effective_date": date(2025, 1, 8),  # L780 (五)本通知自2025年1月8日起施行
        "validity_months": 60,  # L780 有效期5年
        "is_trial": False,
        "expiry_date": date(2030, 1, 7),
        "enclosed_title": None,
    },
    {
        "doc_number": "泸市监规发〔2024〕2号",  # L815
        "title": "泸州市市场监督管理局关于印发《泸州市市场监督管理局行政处罚改正违法行为"
        "裁量审查评估指导意见（试行）》的通知",  # L813
        "doc_type": "通知",
        "issuers": ["泸州市市场监督管理局"],
        "section": "部门文件",
        "signing_date": date(2024, 12, 19),  # L823
        "effective_date": date(2024, 12, 19),  # L969 自印发之日起施行 = signing date
        "validity_months": 24,  # L969 有效期2年
        # The period is a 有效期, not a 试行期 (the title's （试行） is not a trial period).
        "is_trial": False,
        "expiry_date": date(2026, 12, 18),
        "enclosed_title": "泸州市市场监督管理局行政处罚改正违法行为裁量审查评估指导意见（试行）",  # L825
    },
    {
        "doc_number": "泸市医保规〔2024〕4号",  # L1126
        "title": "泸州市医疗保障局关于公布取卵术等医疗服务项目价格的通知",  # L1124
        "doc_type": "通知",
        "issuers": ["泸州市医疗保障局"],
        "section": "部门文件",
        "signing_date": date(2024, 10, 29),  # L1152
        "effective_date": date(2024, 11, 1),  # L1144 本通知自2024年11月1日起施行
        "validity_months": 24,  # L1144 试行期两年
        "is_trial": True,
        "expiry_date": date(2026, 10, 31),
        "enclosed_title": None,
    },
]
DOC_NUMBERS = [n["doc_number"] for n in NOTICES]
BY_DOC = {n["doc_number"]: n for n in NOTICES}

DOC_PARTS = {
    "泸市府规〔2024〕4号": ("泸市府规", 2024, 4, True),
    "泸市府发〔2024〕12号": ("泸市府发", 2024, 12, False),
    "泸市府函〔2024〕270号": ("泸市府函", 2024, 270, False),
    "泸市府办发〔2024〕46号": ("泸市府办发", 2024, 46, False),
    "泸市府办发〔2024〕47号": ("泸市府办发", 2024, 47, False),
    "泸市府室发〔2024〕34号": ("泸市府室发", 2024, 34, False),
    "泸市自然资规函〔2024〕425号": ("泸市自然资规函", 2024, 425, True),
    "泸市监规发〔2024〕2号": ("泸市监规发", 2024, 2, True),
    "泸市医保规〔2024〕4号": ("泸市医保规", 2024, 4, True),
}

# (section, title, doc_number, page) of the 目录, L47-L96.
TOC = [
    ("市政府文件", BY_DOC["泸市府规〔2024〕4号"]["title"], "泸市府规〔2024〕4号", 2),  # L51-53
    ("市政府文件", BY_DOC["泸市府发〔2024〕12号"]["title"], "泸市府发〔2024〕12号", 5),  # L54-57
    ("市政府文件", BY_DOC["泸市府函〔2024〕270号"]["title"], "泸市府函〔2024〕270号", 6),  # L58-60
    (
        "市政府办公室文件",
        BY_DOC["泸市府办发〔2024〕46号"]["title"],
        "泸市府办发〔2024〕46号",
        18,
    ),  # L64-68
    (
        "市政府办公室文件",
        BY_DOC["泸市府办发〔2024〕47号"]["title"],
        "泸市府办发〔2024〕47号",
        24,
    ),  # L69-72
    (
        "市政府办公室文件",
        BY_DOC["泸市府室发〔2024〕34号"]["title"],
        "泸市府室发〔2024〕34号",
        31,
    ),  # L78-80
    (
        "部门文件",
        BY_DOC["泸市自然资规函〔2024〕425号"]["title"],
        "泸市自然资规函〔2024〕425号",
        35,
    ),  # L86-89
    ("部门文件", BY_DOC["泸市监规发〔2024〕2号"]["title"], "泸市监规发〔2024〕2号", 38),  # L91-93
    ("部门文件", BY_DOC["泸市医保规〔2024〕4号"]["title"], "泸市医保规〔2024〕4号", 47),  # L95-96
]

CITATIONS = {
    "泸市府规〔2024〕4号": set(),
    "泸市府发〔2024〕12号": set(),
    "泸市府函〔2024〕270号": {"中办发〔2018〕76号"},  # L226 (中办发[2018]76号)
    "泸市府办发〔2024〕46号": set(),
    "泸市府办发〔2024〕47号": set(),
    "泸市府室发〔2024〕34号": set(),
    "泸市自然资规函〔2024〕425号": {"国办发〔2019〕34号", "财综字〔1999〕113号"},  # L740
    # The blank form numbers of the attachments (泸市监中止书〔 〕1号, L1034) are not citations.
    "泸市监规发〔2024〕2号": set(),
    "泸市医保规〔2024〕4号": {"川医保规〔2024〕8号"},  # L1130
}

SHIJIAN = "泸市监规发〔2024〕2号"
# **第一条** … **第二十二条**, L827-L969; no chapters.
ARTICLES = {SHIJIAN: [(lab, None) for lab in labels(1, 22)]}
NO_ARTICLES = [d for d in DOC_NUMBERS if d not in ARTICLES]

# (doc_number, label, kind, expected) on whitespace-free article text.
ARTICLE_TEXTS = [
    (SHIJIAN, "第一条", "startswith", "为进一步推进包容审慎监管"),  # L827
    # L835 同时符 / L837 `## 部门文件` / L839 合下列条件的
    (SHIJIAN, "第四条", "startswith", "市场主体违法案件同时符合下列条件的"),
    (SHIJIAN, "第五条", "startswith", "具有下列情形之一的涉案主体"),  # L846
    # L911 …依据《市场监督管理行政处罚程序规 / L913 `## 部门文件` / L915 定》第四十六条…
    (SHIJIAN, "第十三条", "contains", "依据《市场监督管理行政处罚程序规定》第四十六条规定中止调查"),
    # L965 …与法律、法规、规 / L967 章和上级部门规定不一致的
    (SHIJIAN, "第二十一条", "contains", "与法律、法规、规章和上级部门规定不一致的"),
    (SHIJIAN, "第二十二条", "startswith", "本指导意见自印发之日起施行"),  # L969
]


SOURCE = SEED_003

# Issue metadata: L5, L14 泸州市人民政府公报; L17 2024年 第12期; L12, L18 (总第69期).
ISSUE = {
    "source_format": "markdown",
    "gazette_name": "泸州市人民政府公报",
    "year": 2024,
    "issue_label": "12",
    "issue_numbers": [12],
    "total_issue_no": 69,
    "notice_count": 9,
}

ATTACHMENTS = {
    "泸市府规〔2024〕4号": [],
    "泸市府发〔2024〕12号": [],
    "泸市府函〔2024〕270号": [],
    "泸市府办发〔2024〕46号": [],
    "泸市府办发〔2024〕47号": [],
    "泸市府室发〔2024〕34号": [1, 2, 3],  # L682-686
    "泸市自然资规函〔2024〕425号": [1],  # L782 附件:… (a lone 附件)
    SHIJIAN: list(range(1, 10)),  # L971-L987
    "泸市医保规〔2024〕4号": [1],  # L1148
}
