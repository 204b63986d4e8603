from datetime import date

import pytest

from extractors.metadata.docnumber import (
    DocNumber,
    find_doc_numbers,
    is_doc_number_line,
    normalize_brackets,
    parse_coded_order_number,
    parse_dated_number,
    parse_doc_number,
    parse_order_number,
)


@pytest.mark.parametrize(
    ("s", "code", "year", "serial"),
    [
        ("泸市府办规〔2024〕7号", "泸市府办规", 2024, 7),
        ("（泸市府规[2024]4号）", "泸市府规", 2024, 4),
        ("泸市府办规〔2023〕3 号", "泸市府办规", 2023, 3),
        ("泸 市 府 办 发 〔 2024 〕 39 号", "泸市府办发", 2024, 39),
        ("川医保规【2024】8号", "川医保规", 2024, 8),
        ("泸市府办发(2024)15号", "泸市府办发", 2024, 15),
        ("泸市府办发（2024）15号", "泸市府办发", 2024, 15),
        ("中办发[2018]76号", "中办发", 2018, 76),
        ("泸市自然资规函［2024］425号", "泸市自然资规函", 2024, 425),
        ("国发〖2022〗11号", "国发", 2022, 11),
        ("泸市府规\\[2024\\]4号", "泸市府规", 2024, 4),
        ("(泸市府发〔2024〕12号)", "泸市府发", 2024, 12),
        ("泸市卫规〔２０２４〕１号", "泸市卫规", 2024, 1),
        ("财综字〔1999〕113号", "财综字", 1999, 113),
        ("泸市府发〔2024〕第3号", "泸市府发", 2024, 3),
        ("泸市府发〔2024〕07号", "泸市府发", 2024, 7),
    ],
)
def test_parse_doc_number(s: str, code: str, year: int, serial: int) -> None:
    assert parse_doc_number(s) == DocNumber(
        text=f"{code}〔{year}〕{serial}号", agency_code=code, year=year, serial=serial
    )


@pytest.mark.parametrize(
    "s",
    [
        "GB3095—2012",
        "第三十五条",
        "第5号",
        "〔2024〕7号",
        "泸市府办规〔2024〕7",
        "泸市府办规〔24〕7号",
        "泸市府办规〔1948〕7号",
        "泸市府办规〔2101〕7号",
        "泸市府办规〔2024〕0号",
        "泸市府办规〔2024〕123456号",
        "通知泸市府办规〔2024〕7号",
        "泸州市人民政府办公室关于印发〔2024〕7号",
        "(泸市府规〔2024〕4号) .....",
        "泸市府规〔2024〕4号、泸市府规〔2024〕5号",
        "HB〔2024〕4号",
        "",
    ],
)
def test_parse_doc_number_rejects(s: str) -> None:
    assert parse_doc_number(s) is None


def test_is_normative() -> None:
    assert parse_doc_number("泸市府办规〔2024〕7号").is_normative is True
    assert parse_doc_number("川医保规【2024】8号").is_normative is True
    assert parse_doc_number("泸市府办发〔2024〕39号").is_normative is False
    assert parse_doc_number("泸市府函〔2024〕270号").is_normative is False


@pytest.mark.parametrize(
    ("s", "expected"),
    [
        ("泸市府规[2024]4号", "泸市府规〔2024〕4号"),
        ("泸市府规【2024】4号", "泸市府规〔2024〕4号"),
        ("泸市府规（2024）4号", "泸市府规〔2024〕4号"),
        ("泸市府规(2024)4号", "泸市府规〔2024〕4号"),
        ("泸市府规［2024］4号", "泸市府规〔2024〕4号"),
        ("泸市府规〖2024〗4号", "泸市府规〔2024〕4号"),
        ("泸市府规〔 2024 〕 4 号", "泸市府规〔2024〕 4 号"),
        ("泸市府规\\[2024\\]4号", "泸市府规〔2024〕4号"),
        ("规划（2024）", "规划（2024）"),
        ("（2023—2025）", "（2023—2025）"),
        ("(泸市府规[2024]4号)", "(泸市府规〔2024〕4号)"),
    ],
)
def test_normalize_brackets(s: str, expected: str) -> None:
    assert normalize_brackets(s) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("泸市府办规〔2024〕7号", True),
        ("  泸市府办发〔2024〕39号  ", True),
        ("（泸市府规[2024]4号）", True),
        ("泸市府规\\[2024\\]4号", True),
        ("泸 市 府 办 发 〔 2024 〕 39 号", True),
        ("(泸市府规〔2024〕4号) ..... (3)", False),
        ("各区县人民政府，市级有关部门：", False),
        ("第5号", False),
        ("按照泸市府办规〔2024〕7号要求", False),
    ],
)
def test_is_doc_number_line(line: str, expected: bool) -> None:
    assert is_doc_number_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("第5号", "第5号"),
        ("第 12 号", "第12号"),
        ("第十二号", "第12号"),
        ("第二十三号", "第23号"),
        ("第一〇五号", "第105号"),
        ("  第１２号 ", "第12号"),
        ("（第5号）", "第5号"),
        ("第0号", None),
        ("第号", None),
        ("第5条", None),
        ("令第5号", None),
        ("泸市府规〔2024〕4号", None),
        ("第5号令", None),
    ],
)
def test_parse_order_number(line: str, expected: str | None) -> None:
    assert parse_order_number(line) == expected


def _found(text: str) -> list[tuple[str, str]]:
    """(matched source span, normalised text) pairs, to check spans and values together."""
    return [(text[s:e], n.text) for s, e, n in find_doc_numbers(text)]


def test_find_in_citation() -> None:
    text = "的通知》（泸市府办发〔2024〕15号）"
    assert find_doc_numbers(text) == [
        (5, 19, DocNumber("泸市府办发〔2024〕15号", "泸市府办发", 2024, 15))
    ]


def test_find_after_nested_title() -> None:
    text = "印发〈泸州市“十四五”清洁生产实施方案〉的通知》（泸市发改资环〔2023〕149号）"
    assert _found(text) == [("泸市发改资环〔2023〕149号", "泸市发改资环〔2023〕149号")]


def test_find_spaces_before_hao() -> None:
    assert _found("（泸污防攻坚办〔2022〕82 号）等制度") == [
        ("泸污防攻坚办〔2022〕82 号", "泸污防攻坚办〔2022〕82号")
    ]
    assert _found("促进消费（泸市府办发〔2024〕15 号），") == [
        ("泸市府办发〔2024〕15 号", "泸市府办发〔2024〕15号")
    ]


def test_find_serial_wrapped_to_next_line() -> None:
    assert _found("（泸市府规〔2023〕7\n号）、《泸") == [
        ("泸市府规〔2023〕7\n号", "泸市府规〔2023〕7号")
    ]


def test_find_code_wrapped_across_lines_inside_parens() -> None:
    text = "整改任务清单〉的通知》（泸\n\n委〔2024〕20号）等要求"
    assert _found(text) == [("泸\n\n委〔2024〕20号", "泸委〔2024〕20号")]
    text = "（2023—2025）〉的通知》（泸污防攻坚\n\n〔2023〕2 号），2023 年"
    assert _found(text) == [("泸污防攻坚\n\n〔2023〕2 号", "泸污防攻坚〔2023〕2号")]


def test_find_does_not_glue_heading_line_onto_number_line() -> None:
    text = "管理办法》的通知\n\n泸市府办规〔2024〕7号\n\n各区县人民政府"
    assert _found(text) == [("泸市府办规〔2024〕7号", "泸市府办规〔2024〕7号")]
    text = "关于进一步实施残疾儿童康复救助制度的通知\n泸市府规[2024]4号"
    assert _found(text) == [("泸市府规[2024]4号", "泸市府规〔2024〕4号")]


def test_find_letter_spaced_number() -> None:
    text = "泸 市 府 办 发 〔 2024 〕 39 号"
    assert _found(text) == [(text, "泸市府办发〔2024〕39号")]


def test_find_stops_at_conjunction() -> None:
    text = "依据国发〔2022〕11号和国办发〔2023〕5号"
    assert _found(text) == [
        ("国发〔2022〕11号", "国发〔2022〕11号"),
        ("国办发〔2023〕5号", "国办发〔2023〕5号"),
    ]


def test_find_stops_at_de_without_parens() -> None:
    assert _found("执行的泸市府办发〔2024〕1号") == [
        ("泸市府办发〔2024〕1号", "泸市府办发〔2024〕1号")
    ]


def test_find_several_in_one_sentence_with_half_width_brackets() -> None:
    text = "《意见》(国办发〔2019〕34号)、《通知》(财综字〔1999〕113号)"
    assert _found(text) == [
        ("国办发〔2019〕34号", "国办发〔2019〕34号"),
        ("财综字〔1999〕113号", "财综字〔1999〕113号"),
    ]


def test_find_markdown_escaped_brackets() -> None:
    assert _found("见（泸市府规\\[2024\\]4号）") == [
        ("泸市府规\\[2024\\]4号", "泸市府规〔2024〕4号")
    ]


def test_find_ignores_non_numbers() -> None:
    assert find_doc_numbers("GB3095—2012 二级标准，（2023—2025）规划，第三十五条") == []
    assert find_doc_numbers("规划（2024）和〔2024〕7号") == []


def test_find_rejects_overlong_code() -> None:
    assert find_doc_numbers("这是一段很长很长很长很长很长很长很长文字〔2024〕7号") == []


def test_find_fullwidth_digits_keep_spans() -> None:
    text = "（泸市卫规〔２０２４〕１号）"
    assert find_doc_numbers(text) == [
        (1, 13, DocNumber("泸市卫规〔2024〕1号", "泸市卫规", 2024, 1))
    ]


def test_find_returns_each_span_once_in_order() -> None:
    text = "泸市府发〔2024〕12号\n泸市府发〔2024〕12号"
    spans = [(s, e) for s, e, _ in find_doc_numbers(text)]
    assert spans == [(0, 13), (14, 27)]


# A law database prints the 文号 and the 成文日期 in one bracket under the title
# (tests/fixtures/real/web/lawsite_ningxia_ningzhengbanfa_2001_99.txt).
@pytest.mark.parametrize(
    "line",
    [
        "(宁政办发〔2001〕99号 2001年5月29日)",
        "（宁政办发〔2001〕99号，2001年5月29日）",
        "（2001年5月29日 宁政办发〔2001〕99号）",
    ],
)
def test_number_and_date_in_one_bracket(line: str) -> None:
    dated = parse_dated_number(line)
    assert dated is not None
    assert dated.number.text == "宁政办发〔2001〕99号"
    assert dated.day == date(2001, 5, 29)


@pytest.mark.parametrize(
    "line",
    [
        "宁政办发〔2001〕99号",  # no date: a plain 文号 line
        "2001年5月29日",
        "根据宁政办发〔2001〕99号文件，2001年5月29日起执行",  # a sentence
    ],
)
def test_no_dated_number(line: str) -> None:
    assert parse_dated_number(line) is None


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("渝府令第 121 号", "渝府令第121号"),  # web/lawsite_chongqing_yufuling_121.txt
        ("国令第706号", "国令第706号"),
        ("（沪府令第十二号）", "沪府令第12号"),
        ("重庆市人民政府令第121号", None),  # the heading's full name: an order heading line
        ("第121号", None),
        ("根据渝府令第121号", None),
    ],
)
def test_order_number_with_the_organs_code(line: str, number: str | None) -> None:
    assert parse_coded_order_number(line) == number


def test_a_latin_o_in_the_year_of_a_number():
    # web/fsou_guohan_2000_31_quangang_pifu.txt prints (国函[20O0]31号).
    assert parse_doc_number("(国函[20O0]31号)").text == "国函〔2000〕31号"


def test_an_orders_number_with_its_plain_year():
    # web/govcn_jiaotongbuling_2006_8_laojiu_chuanbo.txt: 中华人民共和国交通部令 / 2006 年第 8 号
    assert parse_order_number("2006 年第 8 号") == "2006年第8号"
    assert parse_order_number("2006年") is None
