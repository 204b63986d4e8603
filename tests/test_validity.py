from datetime import date

import pytest

from extractors.metadata.validity import (
    Effective,
    Validity,
    expiry_date,
    find_effective,
    parse_validity,
)

# --- seeds: the whole chain, effective → validity → expiry -------------------------------


@pytest.mark.parametrize(
    ("text", "signing", "effective", "validity", "expiry"),
    [
        (
            "本办法自 2024 年 10 月\n19日起施行，有效期5年。",
            None,
            Effective(date(2024, 10, 19), "本办法自2024年10月19日起施行，有效期5年。", False),
            Validity(60, False, None),
            date(2029, 10, 18),
        ),
        (
            "本文相关措施自 2024 年 10 月 12 日起施行，有效期五年。",
            None,
            Effective(
                date(2024, 10, 12), "本文相关措施自2024年10月12日起施行，有效期五年。", False
            ),
            Validity(60, False, None),
            date(2029, 10, 11),
        ),
        (
            "本通知自2024年11月1日起施行,试行期两年。",
            None,
            Effective(date(2024, 11, 1), "本通知自2024年11月1日起施行,试行期两年。", False),
            Validity(24, True, None),
            date(2026, 10, 31),
        ),
        (
            "本指导意见自印发之日起施行,有效期2年。",
            date(2024, 12, 19),
            Effective(date(2024, 12, 19), "本指导意见自印发之日起施行,有效期2年。", True),
            Validity(24, False, None),
            date(2026, 12, 18),
        ),
        (
            "本办法自印发之日起施行。",
            date(2024, 9, 30),
            Effective(date(2024, 9, 30), "本办法自印发之日起施行。", True),
            None,
            None,
        ),
        (
            "本通知自2025年1月8日起施行,有效期5年。有效期内,如遇法律、法规、规章或政策调整,则从其规定。",
            None,
            Effective(date(2025, 1, 8), "本通知自2025年1月8日起施行,有效期5年。", False),
            Validity(60, False, None),
            date(2030, 1, 7),
        ),
        (
            "本通知自2025年1月6日起施行,有效期五年。",
            None,
            Effective(date(2025, 1, 6), "本通知自2025年1月6日起施行,有效期五年。", False),
            Validity(60, False, None),
            date(2030, 1, 5),
        ),
    ],
)
def test_seed_chain(
    text: str,
    signing: date | None,
    effective: Effective,
    validity: Validity | None,
    expiry: date | None,
) -> None:
    found = find_effective(text, signing)
    assert found == effective
    assert parse_validity(found.text) == validity
    assert expiry_date(found.date, parse_validity(found.text)) == expiry


# --- parse_validity ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("有效期5年。", Validity(60, False, None)),
        ("有效期五年", Validity(60, False, None)),
        ("有效期两年", Validity(24, False, None)),
        ("有效期3个月", Validity(3, False, None)),
        ("有效期18个月", Validity(18, False, None)),
        ("有效期十八个月", Validity(18, False, None)),
        ("有效期一年半", Validity(18, False, None)),
        ("有效期1年半", Validity(18, False, None)),
        ("有效期2.5年", Validity(30, False, None)),
        ("有效期半年", Validity(6, False, None)),
        ("有效期两个半月", None),  # 2.5 months is not whole months
        ("有效期为3年", Validity(36, False, None)),
        ("有效期限为十年", Validity(120, False, None)),
        ("有效期：2年", Validity(24, False, None)),
        ("有 效 期 5\n年", Validity(60, False, None)),
        ("有效期５年", Validity(60, False, None)),
        ("试行期两年", Validity(24, True, None)),
        ("试行期为1年", Validity(12, True, None)),
        ("自2024年1月1日起试行，有效期2年。", Validity(24, True, None)),
        ("本办法自2024年1月1日起试行。", Validity(None, True, None)),
        ("有效期至2029年10月18日", Validity(None, False, date(2029, 10, 18))),
        ("有效期至 2029 年 10 月\n18 日。", Validity(None, False, date(2029, 10, 18))),
        ("有效期为2024年1月1日至2028年12月31日", Validity(None, False, date(2028, 12, 31))),
        ("有效期截至2026年6月30日", Validity(None, False, date(2026, 6, 30))),
        ("有效期到二〇三〇年一月五日", Validity(None, False, date(2030, 1, 5))),
        ("有效期3年。有效期至2030年1月1日", Validity(36, False, None)),
        ("有效期至2030年1月1日。有效期3年", Validity(None, False, date(2030, 1, 1))),
    ],
)
def test_parse_validity(text: str, expected: Validity | None) -> None:
    assert parse_validity(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "本办法自印发之日起施行。",
        "有效期内,如遇法律、法规调整,则从其规定。",
        "有效期满前六个月进行评估",
        "有效期30天",
        "有效期为2024年",
    ],
)
def test_parse_validity_none(text: str) -> None:
    assert parse_validity(text) is None


def test_trial_only_in_same_sentence_marks_validity_as_trial() -> None:
    text = "本办法自2024年1月1日起施行，有效期5年。原《暂行办法（试行）》同时废止。"
    assert parse_validity(text) == Validity(60, False, None)


def test_trial_period_then_trial_expiry_words() -> None:
    text = "本通知自2024年11月1日起施行,试行期两年。试行期满前六个月,由市医保局评估。"
    assert parse_validity(text) == Validity(24, True, None)


# --- find_effective ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自2024年12月1日起施行", Effective(date(2024, 12, 1), "自2024年12月1日起施行", False)),
        (
            "本规定自公布之日起施行。",
            Effective(date(2024, 5, 6), "本规定自公布之日起施行。", True),
        ),
        (
            "本决定自2025年1月1日起生效。",
            Effective(date(2025, 1, 1), "本决定自2025年1月1日起生效。", False),
        ),
        (
            "本方案自2025年2月1日起执行。",
            Effective(date(2025, 2, 1), "本方案自2025年2月1日起执行。", False),
        ),
        (
            "本细则自2025年3月1日起实施。",
            Effective(date(2025, 3, 1), "本细则自2025年3月1日起实施。", False),
        ),
        (
            "本办法自发布之日起施行。",
            Effective(date(2024, 5, 6), "本办法自发布之日起施行。", True),
        ),
        (
            "本通知自签发之日起执行。",
            Effective(date(2024, 5, 6), "本通知自签发之日起执行。", True),
        ),
        (
            "本意见自下发之日起实施。",
            Effective(date(2024, 5, 6), "本意见自下发之日起实施。", True),
        ),
        (
            "本条例自二〇二五年一月一日起施行。",
            Effective(date(2025, 1, 1), "本条例自二〇二五年一月一日起施行。", False),
        ),
    ],
)
def test_find_effective_forms(text: str, expected: Effective) -> None:
    assert find_effective(text, date(2024, 5, 6)) == expected


def test_relative_without_signing_date_has_no_date() -> None:
    assert find_effective("本办法自印发之日起施行。", None) == Effective(
        None, "本办法自印发之日起施行。", True
    )


def test_strips_article_and_list_markers() -> None:
    text = "第四章 附则\n\n第十五条 本办法自 2024 年 10 月\n19日起施行，有效期5年。"
    assert find_effective(text, None) == Effective(
        date(2024, 10, 19), "本办法自2024年10月19日起施行，有效期5年。", False
    )
    text = "**第二十二条** 本指导意见自印发之日起施行,有效期2年。"
    assert find_effective(text, date(2024, 12, 19)) == Effective(
        date(2024, 12, 19), "本指导意见自印发之日起施行,有效期2年。", True
    )
    text = "其他事项按规定执行。\n(五)本通知自2025年1月8日起施行,有效期5年。"
    assert find_effective(text, None) == Effective(
        date(2025, 1, 8), "本通知自2025年1月8日起施行,有效期5年。", False
    )
    text = "五、本通知自2024年11月1日起施行,试行期两年。"
    assert find_effective(text, None).text == "本通知自2024年11月1日起施行,试行期两年。"


def test_own_subject_wins_over_quoted_other_document() -> None:
    text = "《泸州市XX办法》自2020年1月1日起施行。本办法自2024年10月19日起施行。"
    assert find_effective(text, None) == Effective(
        date(2024, 10, 19), "本办法自2024年10月19日起施行。", False
    )
    text = "本办法自2024年10月19日起施行。《泸州市XX办法》自2020年1月1日起施行。"
    assert find_effective(text, None).date == date(2024, 10, 19)


def test_quoted_other_document_accepted_when_alone() -> None:
    text = "《泸州市XX办法》自2020年1月1日起施行。"
    assert find_effective(text, None) == Effective(
        date(2020, 1, 1), "《泸州市XX办法》自2020年1月1日起施行。", False
    )


def test_own_subject_after_quote_in_same_sentence() -> None:
    text = "根据《XX条例》，本办法自2024年3月1日起施行。"
    assert find_effective(text, None).date == date(2024, 3, 1)


def test_bare_clause_wins_over_quoted() -> None:
    text = "自2024年6月1日起施行。《XX办法》自2020年1月1日起施行。"
    assert find_effective(text, None).date == date(2024, 6, 1)


def test_last_own_sentence_wins() -> None:
    text = "本通知自2024年10月15日起施行，试行期两年。……本通知自2024年11月1日起施行,试行期两年。"
    assert find_effective(text, None).date == date(2024, 11, 1)


def test_half_width_punctuation_and_no_full_stop() -> None:
    assert find_effective("本通知自2025年1月6日起施行,有效期五年", None) == Effective(
        date(2025, 1, 6), "本通知自2025年1月6日起施行,有效期五年", False
    )


def test_no_effective_clause() -> None:
    assert find_effective("各区县人民政府，市级有关部门：请遵照执行。", None) is None
    assert find_effective("到2025年12月底前完成。", None) is None
    assert find_effective("", date(2024, 1, 1)) is None


# --- expiry_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effective", "validity", "expected"),
    [
        (date(2024, 10, 19), Validity(60, False, None), date(2029, 10, 18)),
        (date(2024, 11, 1), Validity(24, True, None), date(2026, 10, 31)),
        (date(2025, 1, 6), Validity(60, False, None), date(2030, 1, 5)),
        (date(2024, 1, 31), Validity(1, False, None), date(2024, 2, 28)),
        (date(2024, 10, 19), Validity(None, False, date(2027, 1, 1)), date(2027, 1, 1)),
        (None, Validity(None, False, date(2027, 1, 1)), date(2027, 1, 1)),
        (date(2024, 10, 19), Validity(60, False, date(2027, 1, 1)), date(2027, 1, 1)),
        (None, Validity(60, False, None), None),
        (date(2024, 10, 19), Validity(None, True, None), None),
        (date(2024, 10, 19), None, None),
        (None, None, None),
    ],
)
def test_expiry_date(
    effective: date | None, validity: Validity | None, expected: date | None
) -> None:
    assert expiry_date(effective, validity) == expected
