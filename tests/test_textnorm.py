from extractors.textnorm import clean_line, compact, display_width, normalize_punctuation


def test_letter_spaced_line_is_joined():
    assert clean_line("地 区 生 产 总 值 二 氧 化 碳 排 放 下 降") == "地区生产总值二氧化碳排放下降"


def test_spaces_between_chinese_and_digits_are_layout():
    assert clean_line("本办法自 2024 年 10 月 19日起施行") == "本办法自2024年10月19日起施行"


def test_latin_words_keep_their_spaces():
    assert clean_line("HJ 1321—2023）要求") == "HJ 1321—2023）要求"
    assert clean_line("以 OpenAI 开发的 GPT—4o 为代表") == "以 OpenAI 开发的 GPT—4o 为代表"


def test_half_width_punctuation_near_chinese_becomes_full_width():
    assert clean_line("各区县人民政府,市级有关部门:") == "各区县人民政府，市级有关部门："
    assert normalize_punctuation("市级相关部门(单位):") == "市级相关部门（单位）："


def test_parentheses_become_full_width_only_around_chinese():
    assert (
        clean_line("《泸州市国土空间总体规划 (2021—2035年)》")
        == "《泸州市国土空间总体规划（2021—2035年）》"
    )
    assert clean_line("f(x) = 1") == "f(x) = 1"


def test_article_label_keeps_its_space():
    assert clean_line("第十二条  上级另有规定的从其") == "第十二条 上级另有规定的从其"
    assert clean_line("第一章 组织管理") == "第一章 组织管理"


def test_compact_and_width():
    assert compact(" 泸市府办规 〔2024〕 7 号\n") == "泸市府办规〔2024〕7号"
    assert display_width("PM2.5年均") == 4.5


def test_half_width_comma_after_a_number_before_chinese_is_full_width():
    assert (
        clean_line("每增加一个卵加收40%,公立三甲医疗机构")
        == "每增加一个卵加收40%，公立三甲医疗机构"
    )
