"""Status events read from real clauses: effect, expiry, repeal, replacement, amendment."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors.extract import extract_bytes
from extractors.metadata.status_events import (
    AMENDED_BY,
    EXPIRES,
    REPEALED_BY,
    REPLACES,
    TAKES_EFFECT,
    Cited,
    find_status_events,
    find_term,
    plan_period_end,
)
from extractors.metadata.validity import expiry_date, find_effective, parse_validity

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def _events(
    body: str, title: str = "某市人民政府关于印发《某办法》的通知", number=None, signing=None
):
    effective = find_effective(body, signing)
    validity = parse_validity(effective.text) if effective else None
    expiry = expiry_date(effective.date if effective else None, validity)
    term = find_term(body, title, None, expiry)
    return find_status_events(
        body,
        title=title,
        own_doc_number=number,
        enclosed_title=None,
        signing_date=signing,
        effective=effective,
        term=term,
    )


def _kinds(events) -> list[tuple]:
    return [(e.event, e.subject, e.date, e.cited) for e in events]


def test_jiangyou_notice_repeals_its_predecessor_of_the_same_title() -> None:
    # tests/fixtures/unseen/jiangyou_2025_01.txt, 江府规〔2024〕5号, as printed (page break inside).
    body = (
        "五、本通告在禁止燃放区域内自2025年1月1日起施行，有效\n\n"
        "期为五年。《江油市人民政府关于城区禁止燃放烟花爆竹的通告》\n\n"
        "（江府规〔2019〕7号）同时废止。"
    )
    title = "江油市人民政府关于城区禁止燃放烟花爆竹的通告"
    events = _events(body, title, "江府规〔2024〕5号", date(2024, 12, 20))
    assert _kinds(events) == [
        (TAKES_EFFECT, "self", date(2025, 1, 1), None),
        (EXPIRES, "self", date(2029, 12, 31), None),
        (REPEALED_BY, "cited", date(2025, 1, 1), Cited("江府规〔2019〕7号", title)),
    ]
    assert events[2].sentence.endswith("（江府规〔2019〕7号）同时废止。")
    assert events[2].date_basis == "effective"


def test_yibin_decision_repeals_two_and_amends_one() -> None:
    path = UNSEEN / "yibin_2024_06.txt"
    rows = extract_bytes(path.read_bytes(), str(path)).rows["notices"]
    notice = next(n for n in rows if n["doc_number"] == "宜府发〔2024〕21号")
    # The text opens with the header: title, 文号, addressees.
    body = notice["text"].split("\n", 3)[3]
    events = _events(
        body,
        "宜宾市人民政府关于废止和修改部分市政府规范性文件的决定",
        "宜府发〔2024〕21号",
        date(2024, 12, 4),
    )
    signed = date(2024, 12, 4)  # 本决定自公布之日起施行
    assert _kinds(events) == [
        (TAKES_EFFECT, "self", signed, None),
        (REPEALED_BY, "cited", signed, Cited("宜府规〔2019〕3号", "宜宾市城市夜景照明管理办法")),
        (
            REPEALED_BY,
            "cited",
            signed,
            Cited("宜府规〔2020〕2号", "宜宾市中心城区农村公路及桥梁隧道养护管理办法"),
        ),
        (AMENDED_BY, "cited", signed, Cited("宜府规〔2021〕5号", "宜宾市城市道路挖掘管理办法")),
    ]


def test_predecessor_named_with_yuan_is_repealed_on_the_stated_day() -> None:
    body = "本办法自2025年3月1日起施行。原《泸州市某某管理办法》（泸市府办规〔2022〕6号）自2025年3月1日起废止。"
    events = _events(body)
    repeal = [e for e in events if e.event == REPEALED_BY]
    assert [(e.date, e.date_basis, e.cited) for e in repeal] == [
        (date(2025, 3, 1), "stated", Cited("泸市府办规〔2022〕6号", "泸州市某某管理办法"))
    ]


def test_replacement_stops_the_old_document_when_the_new_takes_effect() -> None:
    body = "本办法自2024年7月1日起施行，原《泸州市某某实施细则》（泸市府规〔2019〕2号）停止执行。"
    events = _events(body)
    assert _kinds(events)[-1] == (
        REPLACES,
        "self",
        date(2024, 7, 1),
        Cited("泸市府规〔2019〕2号", "泸州市某某实施细则"),
    )


def test_amending_decision_by_title_and_self_amendment_by_adoption_note() -> None:
    title = "泸州市人民政府关于修改《泸州市某某管理办法》的决定"
    body = "本决定自2025年2月1日起施行。"
    assert _kinds(_events(body, title))[-1] == (
        AMENDED_BY,
        "cited",
        date(2025, 2, 1),
        Cited(None, "泸州市某某管理办法"),
    )
    note = (
        "（2007年11月23日四川省第十届人民代表大会常务委员会第三十一次会议通过，"
        "根据2015年7月22日四川省第十二届人民代表大会常务委员会第十七次会议"
        "《关于修改〈四川省某某条例〉的决定》修正）"
    )
    events = _events(note, "四川省某某条例")
    assert _kinds(events) == [
        (AMENDED_BY, "self", date(2015, 7, 22), Cited(None, "关于修改《四川省某某条例》的决定"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "深化市场制度改革，全面清理和废止不利于产业发展的政策措施。",  # no document named
        "《某某办法》已于2020年废止。",  # a past fact, not this document's act
        "年期修正系数按市政府公布的最新基准地价对应的技术报告执行。",
        "将第十二条中的“十五个工作日”修改为“十个工作日”。",
    ],
)
def test_clauses_that_change_no_status(text: str) -> None:
    assert [e for e in _events(text) if e.event != TAKES_EFFECT] == []


def test_stated_term_gives_start_and_end() -> None:
    body = "本方案执行期限为2024年1月1日至2025年12月31日。"
    events = _events(body, "某市人民政府关于印发《某方案》的通知")
    assert _kinds(events) == [
        (TAKES_EFFECT, "self", date(2024, 1, 1), None),
        (EXPIRES, "self", date(2025, 12, 31), None),
    ]
    body = "本办法自2023年5月1日起至2026年4月30日止施行。"
    assert [e.date for e in _events(body)] == [date(2023, 5, 1), date(2026, 4, 30)]


def test_plan_period_only_from_the_documents_own_name() -> None:
    # 泸市府办发〔2024〕39号 promulgates the plan; 北府复〔2024〕12号 only approves someone's.
    assert plan_period_end(
        "泸州市人民政府办公室关于印发《泸州市大气环境质量限期达标规划（2024—2025年）》的通知",
        "泸州市大气环境质量限期达标规划（2024—2025年）",
    ) == date(2025, 12, 31)
    assert (
        plan_period_end(
            "北川羌族自治县人民政府关于《禹里镇国土空间规划（2021—2035年）》的批复", None
        )
        is None
    )
