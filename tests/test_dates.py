from datetime import date

import pytest

from extractors.metadata.dates import (
    add_months,
    bracketed_date,
    cn_to_int,
    digits_date,
    find_dates,
    is_date_line,
    parse_date,
    to_halfwidth_digits,
)


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("2024年9月19日", date(2024, 9, 19)),
        ("2024 年 10 月 19日", date(2024, 10, 19)),
        ("2024年10月12 日", date(2024, 10, 12)),
        (" 2024年12月31日  ", date(2024, 12, 31)),
        ("2024 年 10 月\n19日", date(2024, 10, 19)),
        ("二〇二四年十二月四日", date(2024, 12, 4)),
        ("二○二四年十二月四日", date(2024, 12, 4)),  # ○ is U+25CB
        ("二零二四年十月三十一日", date(2024, 10, 31)),
        ("二〇二五年一月二十三日", date(2025, 1, 23)),
        ("二〇二四年十一月十日", date(2024, 11, 10)),
        ("２０２４年１２月４日", date(2024, 12, 4)),
        ("2024.12.4", date(2024, 12, 4)),
        ("2024-12-04", date(2024, 12, 4)),
        ("2024/1/5", date(2024, 1, 5)),
        ("２０２４．１２．４", date(2024, 12, 4)),
        ("2024年2月29日", date(2024, 2, 29)),
    ],
)
def test_parse_date(s: str, expected: date) -> None:
    assert parse_date(s) == expected


@pytest.mark.parametrize(
    "s",
    [
        "年 月 日",
        "2024年 月 日",
        "",
        "2024年2月30日",
        "2023年2月29日",
        "2024年13月1日",
        "2024年0月1日",
        "2024年12月",
        "2024.12",
        "2024-12-04 起",
        "2024.12-04",
        "自2024年12月4日起施行",
        "12024年1月1日",
    ],
)
def test_parse_date_rejects(s: str) -> None:
    assert parse_date(s) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024年9月19日", True),
        ("  2024 年 9 月 19 日 ", True),
        ("二〇二四年十二月四日", True),
        ("泸州市人民政府办公室", False),
        ("2024年9月19日印发", False),
        ("年  月  日", False),
    ],
)
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


def test_find_dates_with_spaces_and_newline() -> None:
    text = "本办法自 2024 年 10 月\n19日起施行"
    assert find_dates(text) == [(5, 20, date(2024, 10, 19))]
    assert text[5:20] == "2024 年 10 月\n19日"


def test_find_dates_several_and_mixed_numerals() -> None:
    text = "2024年7月15日至18日,二〇二五年一月一日印发"
    assert find_dates(text) == [
        (0, 10, date(2024, 7, 15)),
        (15, 24, date(2025, 1, 1)),
    ]


def test_find_dates_skips_partial_and_invalid() -> None:
    assert find_dates("截至2023年9月,2024年12月底前,2024年2月30日") == []


def test_find_dates_fullwidth_spans_index_original() -> None:
    text = "于２０２４年１月２日"
    assert find_dates(text) == [(1, 10, date(2024, 1, 2))]


def test_find_dates_ignores_numeric_forms_in_running_text() -> None:
    assert find_dates("见第2024.12.4版") == []


def test_find_dates_year_not_glued_to_more_digits() -> None:
    assert find_dates("编号12024年1月1日") == []


@pytest.mark.parametrize(
    ("d", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 10, 19), 60, date(2029, 10, 19)),
        (date(2024, 11, 1), 24, date(2026, 11, 1)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -1, date(2023, 12, 15)),
        (date(2024, 5, 5), 0, date(2024, 5, 5)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_add_months(d: date, months: int, expected: date) -> None:
    assert add_months(d, months) == expected


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("12", 12),
        ("１２", 12),
        ("十", 10),
        ("十二", 12),
        ("二十三", 23),
        ("两", 2),
        ("一百零五", 105),
        ("二〇二四", 2024),
        ("二○二四", 2024),
        ("一〇五", 105),
        ("零", 0),
        ("", None),
        ("十a", None),
        ("年", None),
    ],
)
def test_cn_to_int(s: str, expected: int | None) -> None:
    assert cn_to_int(s) == expected


def test_to_halfwidth_digits_keeps_length() -> None:
    assert to_halfwidth_digits("〔２０２４〕７号") == "〔2024〕7号"


def test_numerals_below_a_hundred_read_as_cn2an_reads_them():
    # cn_to_int reads 十-forms itself (cn2an's import is slow) and must agree with cn2an on
    # every one of them, with and without the leading 一.
    import cn2an

    digits = "一二三四五六七八九"
    forms = ["十", *(f"十{d}" for d in digits), *(f"一十{d}" for d in digits)]
    forms += [f"{h}十{low}" for h in digits for low in ["", *digits]]
    forms.append("两")
    for form in forms:
        assert cn_to_int(form) == int(cn2an.cn2an(form, "normal")), form


def test_a_date_alone_in_brackets():
    # The date under the title and issuers of web/jiangxi_yichun_tongji_gongbao_2022.html.
    assert bracketed_date("（2023年4月12日）") == date(2023, 4, 12)
    assert bracketed_date("(2023年4月12日)") == date(2023, 4, 12)
    assert bracketed_date("2023年4月12日") is None  # a date line, not this form
    assert (
        bracketed_date("（2009年7月31日青海省第十一届人民代表大会常务委员会第十次会议通过）")
        is None
    )


def test_a_latin_o_typed_for_a_years_zero():
    # web/jiangxi_jian_jifufa_2003_37.txt signs 二OO三年十二月四日.
    assert parse_date("二OO三年十二月四日") == date(2003, 12, 4)
    assert parse_date("2O19年1月3日") == date(2019, 1, 3)
    # letters alone are no year, and a Latin word keeps its O
    assert to_halfwidth_digits("OOOO年") == "OOOO年"
    assert to_halfwidth_digits("ISO 9001") == "ISO 9001"


def test_a_date_as_eight_digits():
    # web/guangxi_nanning_zhifa_sizhidu_2015.txt dates its notice 20151214.
    assert digits_date("20151214") == date(2015, 12, 14)
    assert digits_date("20151314") is None  # no 13th month
    assert digits_date("12345678") is None  # no year of the genre
    assert digits_date("2015121") is None
