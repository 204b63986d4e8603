"""Held-out gazettes: how the extractor does on issues it was never tuned on.

The fixtures in tests/fixtures/unseen/ are synthetic but written in the genre of real 公文
(GB/T 9704) and laid out the way the two real samples in raw/ come out of their converters:

| fixture | format | what it exercises |
|---|---|---|
| yibin_2024_06.txt | text dump, two columns | 政府令 + 规章 in 5 chapters whose header block comes after the page's columns; 决定 with 二〇二四年十二月四日 and 自公布之日起施行; running headers, page numbers and section labels mid-sentence; a 文号 cut before 号 over a page break; 第八条 / 第三条 cut to a line start inside other sentences |
| beichuan_2024_04.txt | text dump, two columns | 单行条例 printed on its own (title + adoption line wrapped over two lines, after the page's columns); 批复 addressed to one township; joint notice of two bureaus with 【2024】 and 有效期至2027年12月31日 |
| mianyang_2024_12.md | converter Markdown | cover + 目录; 人大常委会公告 第12号 + 条例 with an adoption line broken by a hard line break; 函; section labels inserted mid-sentence; `**第一条**`, `- (一)`, `\\*`, half-width `,:()`, [2024] |
| sichuan_2024_23.md | converter Markdown | 省政府公报; a 规章 printed without its 令 under a 公布 note; 决定 with （2024） (目录: (2024)) and 二○二四年 (○ for zero); 办公厅 notice with [2024], 自印发之日起施行，有效期5年; titles split over two `#` headings |
| jiangyou_2025_01.txt | text dump, one column | headers in reading order, section labels above titles, `— 1 —` page numbers at the page foot; 通告 whose 有效期为五年 is cut by a page break; 人事任免; joint party-government notice (中共…委办公室 + …人民政府办公室) |

Every expected value below can be read off the fixture. Values that are a judgement rather
than a printed fact are marked JUDGEMENT where they are set.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pytest

from extractors.extract import Extraction, extract_bytes

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"

NOTICE_FIELDS = (
    "section",
    "title",
    "doc_type",
    "doc_number",
    "issuers",
    "signing_date",
    "effective_date",
    "validity_months",
    "expiry_date",
    "enclosed_title",
)

# --- expected values -------------------------------------------------------------------------

YIBIN_ORDER = {
    "section": "市政府规章",
    "title": "宜宾市人民政府令",
    "doc_type": "令",
    "doc_number": "宜宾市人民政府令第5号",
    "issuers": ["宜宾市人民政府"],
    "signing_date": date(2024, 11, 20),
    "effective_date": date(2025, 1, 1),
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": "宜宾市城市公园管理办法",
    "articles": [
        ("第一条", 1),
        ("第二条", 1),
        ("第三条", 1),
        ("第四条", 2),
        ("第五条", 2),
        ("第六条", 2),
        ("第七条", 3),
        ("第八条", 3),
        ("第九条", 3),
        ("第十条", 4),
        ("第十一条", 4),
        ("第十二条", 5),
    ],
    "citations": [],
}
YIBIN_DECISION = {
    "section": "市政府文件",
    "title": "宜宾市人民政府关于废止和修改部分市政府规范性文件的决定",
    "doc_type": "决定",
    "doc_number": "宜府发〔2024〕21号",
    "issuers": ["宜宾市人民政府"],
    "signing_date": date(2024, 12, 4),  # 二〇二四年十二月四日
    "effective_date": date(2024, 12, 4),  # 自公布之日起施行: the signing date
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": None,
    # "（一）将该办法第二条第二款和 / 第三条中的…" quotes another rule: no articles of its own.
    "articles": [],
    # 宜府规〔2020〕2 / 号 is cut over a page break.
    "citations": ["宜府规〔2019〕3号", "宜府规〔2020〕2号", "宜府规〔2021〕5号"],
}

BEICHUAN_REGULATION = {
    "section": "法规规章",
    "title": "北川羌族自治县羌绣保护传承条例",
    "doc_type": "条例",
    "doc_number": None,
    # JUDGEMENT: no signature; the organ that adopted it, as its adoption line names it.
    "issuers": ["北川羌族自治县人民代表大会"],
    "signing_date": None,
    "effective_date": date(2024, 10, 1),
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": None,
    "articles": [
        ("第一条", 1),
        ("第二条", 1),
        ("第三条", 1),
        ("第四条", 2),
        ("第五条", 2),
        ("第六条", 2),
        ("第七条", 3),
        ("第八条", 3),
        ("第九条", 4),
    ],
    "citations": [],
}
BEICHUAN_REPLY = {
    "section": "县政府文件",
    "title": "北川羌族自治县人民政府关于《禹里镇国土空间规划（2021—2035年）》的批复",
    "doc_type": "批复",
    "doc_number": "北府复〔2024〕12号",
    "issuers": ["北川羌族自治县人民政府"],
    "signing_date": date(2024, 9, 3),
    "effective_date": None,
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": None,
    "articles": [],
    "citations": ["禹府〔2024〕15号"],
}
BEICHUAN_JOINT = {
    "section": "部门文件",
    "title": "北川羌族自治县财政局北川羌族自治县农业农村局关于印发"
    "《北川羌族自治县农业产业化龙头企业贷款贴息资金管理办法》的通知",
    "doc_type": "通知",
    "doc_number": "北财规〔2024〕2号",  # printed 北财规【2024】2号
    "issuers": ["北川羌族自治县财政局", "北川羌族自治县农业农村局"],
    "signing_date": date(2024, 10, 12),
    "effective_date": date(2024, 11, 1),
    "validity_months": None,  # 有效期至2027年12月31日: an end date, not a period
    "expiry_date": date(2027, 12, 31),
    "enclosed_title": "北川羌族自治县农业产业化龙头企业贷款贴息资金管理办法",
    "articles": [(f"第{n}条", None) for n in "一二三四五六"],
    "citations": [],
}

MIANYANG_ANNOUNCEMENT = {
    "section": "地方性法规",
    "title": "绵阳市人民代表大会常务委员会公告",
    "doc_type": "公告",
    "doc_number": "绵阳市人民代表大会常务委员会公告第12号",
    "issuers": ["绵阳市人民代表大会常务委员会"],
    "signing_date": date(2024, 10, 8),
    "effective_date": date(2025, 1, 1),
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": "绵阳市城市养犬管理条例",
    "articles": [
        ("第一条", 1),
        ("第二条", 1),
        ("第三条", 1),
        ("第四条", 2),
        ("第五条", 2),
        ("第六条", 3),
        ("第七条", 3),
        ("第八条", 4),
        ("第九条", 5),
    ],
    "citations": [],
}
MIANYANG_LETTER = {
    "section": "市政府办公室文件",
    "title": "绵阳市人民政府办公室关于同意建立绵阳市科技成果转化工作联席会议制度的函",
    "doc_type": "函",
    "doc_number": "绵府办函〔2024〕112号",
    "issuers": ["绵阳市人民政府办公室"],
    "signing_date": date(2024, 11, 18),
    "effective_date": None,
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": None,
    "articles": [],
    "citations": ["绵科〔2024〕31号"],
}
MIANYANG_NOTICE = {
    "section": "部门文件",
    "title": "绵阳市住房和城乡建设局关于印发《绵阳市既有住宅增设电梯管理办法》的通知",
    "doc_type": "通知",
    "doc_number": "绵住建规〔2024〕3号",  # printed 绵住建规[2024]3号
    "issuers": ["绵阳市住房和城乡建设局"],
    "signing_date": date(2024, 12, 2),
    "effective_date": date(2025, 1, 1),
    "validity_months": 36,  # 有效期三年
    "expiry_date": date(2027, 12, 31),
    "enclosed_title": "绵阳市既有住宅增设电梯管理办法",
    "articles": [(f"第{n}条", None) for n in "一二三四五六七"],
    "citations": [],
}

SICHUAN_RULE = {
    "section": "省政府规章",
    "title": "四川省自然灾害应急避难场所管理办法",
    "doc_type": "办法",
    "doc_number": None,
    # JUDGEMENT: printed without its 令; the organ its 公布 note names.
    "issuers": ["四川省人民政府"],
    "signing_date": None,
    "effective_date": date(2025, 1, 1),
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": None,
    "articles": [
        ("第一条", 1),
        ("第二条", 1),
        ("第三条", 1),
        ("第四条", 2),
        ("第五条", 2),
        ("第六条", 3),
        ("第七条", 3),
        ("第八条", 4),
    ],
    "citations": [],
}
SICHUAN_DECISION = {
    "section": "省政府文件",
    "title": "四川省人民政府关于取消和调整一批行政许可事项的决定",
    "doc_type": "决定",
    "doc_number": "川府发〔2024〕30号",  # printed 川府发(2024)30号
    "issuers": ["四川省人民政府"],
    "signing_date": date(2024, 11, 28),  # 二○二四年十一月二十八日
    "effective_date": date(2024, 11, 28),  # 自公布之日起施行
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": None,
    "articles": [],
    "citations": [],
}
SICHUAN_NOTICE = {
    "section": "省政府办公厅文件",
    "title": "四川省人民政府办公厅关于印发《四川省加快发展银发经济若干措施》的通知",
    "doc_type": "通知",
    "doc_number": "川办发〔2024〕41号",  # printed 川办发[2024]41号
    "issuers": ["四川省人民政府办公厅"],
    "signing_date": date(2024, 11, 22),
    "effective_date": date(2024, 11, 22),  # 自印发之日起施行
    "validity_months": 60,  # 有效期5年
    "expiry_date": date(2029, 11, 21),
    "enclosed_title": "四川省加快发展银发经济若干措施",
    "articles": [],
    "citations": [],
}

JIANGYOU_PROCLAMATION = {
    "section": "市政府文件",
    "title": "江油市人民政府关于城区禁止燃放烟花爆竹的通告",
    "doc_type": "通告",
    "doc_number": "江府规〔2024〕5号",
    "issuers": ["江油市人民政府"],
    "signing_date": date(2024, 12, 20),
    "effective_date": date(2025, 1, 1),
    "validity_months": 60,  # 有效 / — 1 — / 期为五年
    "expiry_date": date(2029, 12, 31),
    "enclosed_title": None,
    "articles": [],
    "citations": ["江府规〔2019〕7号"],
}
JIANGYOU_APPOINTMENTS = {
    "section": "人事任免",
    "title": "江油市人民政府关于李建华等同志职务任免的通知",
    "doc_type": "通知",
    "doc_number": "江府人〔2024〕12号",
    "issuers": ["江油市人民政府"],
    "signing_date": date(2024, 12, 23),
    "effective_date": None,
    "validity_months": None,  # 试用期一年 is a probation, not a validity
    "expiry_date": None,
    "enclosed_title": None,
    "articles": [],
    "citations": [],
}
JIANGYOU_JOINT = {
    "section": "市政府办公室文件",
    "title": "中共江油市委办公室江油市人民政府办公室关于印发"
    "《江油市农村人居环境整治提升五年行动实施方案》的通知",
    "doc_type": "通知",
    "doc_number": "江委办〔2024〕38号",
    "issuers": ["中共江油市委办公室", "江油市人民政府办公室"],
    "signing_date": date(2024, 12, 27),
    "effective_date": None,
    "validity_months": None,
    "expiry_date": None,
    "enclosed_title": "江油市农村人居环境整治提升五年行动实施方案",
    "articles": [],
    "citations": [],
}

FIXTURES: dict[str, dict] = {
    "yibin_2024_06.txt": {
        "issue": {
            "source_format": "text",
            "gazette_name": "宜宾市人民政府公报",
            "year": 2024,
            "issue_label": "6",
            "issue_numbers": [6],
            "total_issue_no": None,
            "page_count": 5,
            "notice_count": 2,
        },
        "notices": [YIBIN_ORDER, YIBIN_DECISION],
        "furniture": ["宜宾市人民政府公报2024年第6期", "市政府规章", "市政府文件"],
    },
    "beichuan_2024_04.txt": {
        "issue": {
            "source_format": "text",
            "gazette_name": "北川羌族自治县人民政府公报",
            "year": 2024,
            "issue_label": "4",
            "issue_numbers": [4],
            "total_issue_no": None,
            "page_count": 5,
            "notice_count": 3,
        },
        "notices": [BEICHUAN_REGULATION, BEICHUAN_REPLY, BEICHUAN_JOINT],
        "furniture": [
            "北川羌族自治县人民政府公报2024年第4期",
            "法规规章",
            "县政府文件",
            "部门文件",
        ],
    },
    "mianyang_2024_12.md": {
        "issue": {
            "source_format": "markdown",
            "gazette_name": "绵阳市人民政府公报",
            "year": 2024,
            "issue_label": "12",
            "issue_numbers": [12],
            "total_issue_no": 296,
            "notice_count": 3,
        },
        "notices": [MIANYANG_ANNOUNCEMENT, MIANYANG_LETTER, MIANYANG_NOTICE],
        "furniture": ["地方性法规", "部门文件"],
        # (section, title, doc_number, printed page, seq of the notice it lists)
        "toc": [
            # JUDGEMENT: a 公告 entry's 第12号 stored the way notices store it.
            (
                "地方性法规",
                "绵阳市人民代表大会常务委员会公告",
                "绵阳市人民代表大会常务委员会公告第12号",
                1,
                1,
            ),
            ("市政府办公室文件", MIANYANG_LETTER["title"], "绵府办函〔2024〕112号", 6, 2),
            ("部门文件", MIANYANG_NOTICE["title"], "绵住建规〔2024〕3号", 8, 3),
        ],
    },
    "sichuan_2024_23.md": {
        "issue": {
            "source_format": "markdown",
            "gazette_name": "四川省人民政府公报",
            "year": 2024,
            "issue_label": "23",
            "issue_numbers": [23],
            "total_issue_no": 829,
            "notice_count": 3,
        },
        "notices": [SICHUAN_RULE, SICHUAN_DECISION, SICHUAN_NOTICE],
        "furniture": ["省政府规章", "省政府办公厅文件"],
        "toc": [
            ("省政府规章", SICHUAN_RULE["title"], None, 2, 1),
            ("省政府文件", SICHUAN_DECISION["title"], "川府发〔2024〕30号", 6, 2),
            ("省政府办公厅文件", SICHUAN_NOTICE["title"], "川办发〔2024〕41号", 9, 3),
        ],
    },
    "jiangyou_2025_01.txt": {
        "issue": {
            "source_format": "text",
            "gazette_name": "江油市人民政府公报",
            "year": 2025,
            "issue_label": "1",
            "issue_numbers": [1],
            "total_issue_no": 41,
            "page_count": 4,
            "notice_count": 3,
        },
        "notices": [JIANGYOU_PROCLAMATION, JIANGYOU_APPOINTMENTS, JIANGYOU_JOINT],
        "furniture": [
            "江油市人民政府公报2025年第1期（总第41期）",
            "—1—",
            "—2—",
            "—3—",
            "—4—",
            "市政府文件",
            "人事任免",
            "市政府办公室文件",
        ],
    },
}


# --- helpers ---------------------------------------------------------------------------------


@cache
def extraction(name: str) -> Extraction:
    path = UNSEEN / name
    return extract_bytes(path.read_bytes(), str(path))


def actual_notice(name: str, seq: int) -> dict | None:
    """The extracted notice standing for expected notice `seq` (1-based).

    Matched by title, then by 文号, then by enclosed title, then by position, so one notice
    lost or split does not make every later notice fail on every field.
    """
    want = FIXTURES[name]["notices"][seq - 1]
    rows = extraction(name).rows.get("notices", [])
    for key in ("title", "doc_number", "enclosed_title"):
        if want[key] is None:
            continue
        hits = [r for r in rows if r[key] == want[key]]
        if len(hits) == 1:
            return hits[0]
    return next((r for r in rows if r["seq"] == seq), None)


def _notice_cases() -> list:
    return [
        pytest.param(name, seq, field, id=f"{name.split('.')[0]}-n{seq}-{field}")
        for name, spec in FIXTURES.items()
        for seq in range(1, len(spec["notices"]) + 1)
        for field in NOTICE_FIELDS
    ]


def _per_notice(key: str) -> list:
    return [
        pytest.param(name, seq, id=f"{name.split('.')[0]}-n{seq}")
        for name, spec in FIXTURES.items()
        for seq in range(1, len(spec["notices"]) + 1)
        if key in spec["notices"][seq - 1]
    ]


def _paragraphs(text: str | None) -> list[str]:
    return [p for p in (text or "").split("\n") if p]


# --- tests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FIXTURES), ids=lambda n: n.split(".")[0])
def test_fixture_is_read(name: str) -> None:
    result = extraction(name)
    assert result.ok, [d.message for d in result.diagnostics]
    assert [d for d in result.diagnostics if d.severity == "error"] == []


@pytest.mark.parametrize(
    ("name", "field"),
    [
        pytest.param(name, field, id=f"{name.split('.')[0]}-{field}")
        for name, spec in FIXTURES.items()
        for field in spec["issue"]
    ],
)
def test_issue_metadata(name: str, field: str) -> None:
    (issue,) = extraction(name).rows["issues"]
    assert issue[field] == FIXTURES[name]["issue"][field]


@pytest.mark.parametrize("name", list(FIXTURES), ids=lambda n: n.split(".")[0])
def test_notice_titles_in_order(name: str) -> None:
    titles = [r["title"] for r in extraction(name).rows.get("notices", [])]
    assert titles == [n["title"] for n in FIXTURES[name]["notices"]]


@pytest.mark.parametrize(("name", "seq", "field"), _notice_cases())
def test_notice_field(name: str, seq: int, field: str) -> None:
    row = actual_notice(name, seq)
    assert row is not None, "no notice found"
    assert row[field] == FIXTURES[name]["notices"][seq - 1][field]


@pytest.mark.parametrize(("name", "seq"), _per_notice("articles"))
def test_articles(name: str, seq: int) -> None:
    row = actual_notice(name, seq)
    assert row is not None, "no notice found"
    articles = [
        (a["label"], a["chapter_no"])
        for a in extraction(name).rows["articles"]
        if a["notice_id"] == row["notice_id"] and a["attachment_no"] is None
    ]
    assert articles == FIXTURES[name]["notices"][seq - 1]["articles"]


@pytest.mark.parametrize(("name", "seq"), _per_notice("citations"))
def test_citations(name: str, seq: int) -> None:
    row = actual_notice(name, seq)
    assert row is not None, "no notice found"
    cited = [
        c["cited_doc_number"]
        for c in extraction(name).rows["citations"]
        if c["notice_id"] == row["notice_id"]
    ]
    assert cited == FIXTURES[name]["notices"][seq - 1]["citations"]


@pytest.mark.parametrize(("name", "seq"), _per_notice("title"))
def test_no_furniture_in_text(name: str, seq: int) -> None:
    """Running headers, page numbers and section labels are not body text."""
    row = actual_notice(name, seq)
    assert row is not None, "no notice found"
    furniture = FIXTURES[name]["furniture"]
    leaked = [
        p for p in _paragraphs(row["text"]) if any(f in "".join(p.split()) for f in furniture)
    ]
    assert leaked == []


@pytest.mark.parametrize(
    "name", [n for n, spec in FIXTURES.items() if "toc" in spec], ids=lambda n: n.split(".")[0]
)
def test_toc(name: str) -> None:
    result = extraction(name)
    notices = {r["notice_id"]: r["seq"] for r in result.rows.get("notices", [])}
    toc = [
        (e["section"], e["title"], e["doc_number"], e["page"], notices.get(e["notice_id"]))
        for e in result.rows.get("toc_entries", [])
    ]
    assert toc == FIXTURES[name]["toc"]
