"""A rule's adoption note, on lines read from the real corpus (tests/fixtures/real/) and the
held-out gazettes: bracketed, unbracketed (legal databases), cut over lines, unbalanced."""

from __future__ import annotations

from datetime import date

from extractors.model import Line
from extractors.segmentation.adoption import (
    adopted_by,
    adoption_note_at,
    effective_in_note,
    is_adoption_line,
    promulgation_date,
    strip_state_prefix,
)


def _lines(*texts: str) -> list[Line]:
    return [Line(text=t, page=1) for t in texts]


def test_unbracketed_promulgation_line_of_a_state_council_regulation():
    # gazette/guowuyuan_budongchan_dengji.md, line 3
    note = "2014年11月24日 中华人民共和国国务院令第656号公布"
    assert is_adoption_line(note)
    assert adopted_by(note) == (["国务院"], date(2014, 11, 24))
    assert promulgation_date(note) == date(2014, 11, 24)


def test_legal_database_note_lines_are_one_note_with_every_act():
    # web/lawref_beijing_jianyiyongwei_tiaoli.md, lines 3 and 5, then its first article
    lines = _lines(
        "2000年4月21日 北京市第十一届人民代表大会常务委员会第十八次会议通过",
        "2016年11月25日 北京市第十四届人民代表大会常务委员会第三十一次会议通过的"
        "《关于修改部分地方性法规的决定》修正",
        "第一条 为了奖励和保护见义勇为人员，弘扬社会正气，加强社会主义精神文明建设，"
        "根据有关法律、法规，结合本市实际情况，制定本条例。",
    )
    note = adoption_note_at(lines, 0)
    assert note is not None and (note.start, note.end) == (0, 2)
    # The term (第十一届) is no part of the organ's name.
    assert adopted_by(note.text) == (["北京市人民代表大会常务委员会"], date(2000, 4, 21))


def test_unbalanced_closing_bracket_of_a_database_note():
    # gazette/chongqing_pengshui_lvyou.md, line 5: no opening bracket, a closing one
    line = (
        "2015年7月30日 重庆市第四届人民代表大会常务委员会第十九次会议批准；2019年2月23日"
        "彭水苗族土家族自治县第十七届人民代表大会第四次会议修改，2019年3月28日重庆市第五届"
        "人民代表大会常务委员会第九次会议批准）"
    )
    assert is_adoption_line(line)


def test_bracketed_note_cut_over_two_lines():
    # tests/fixtures/unseen/beichuan_2024_04.txt, lines 35 and 37, and the label after them
    lines = _lines(
        "（2024年1月12日北川羌族自治县第十八届人民代表大会第四次会议通过",
        "2024年7月25日四川省第十四届人民代表大会常务委员会第十三次会议批准）",
        "法规规章",
    )
    note = adoption_note_at(lines, 0)
    assert note is not None and note.end == 2
    assert adopted_by(note.text) == (["北川羌族自治县人民代表大会"], date(2024, 1, 12))


def test_note_cut_into_short_lines_as_a_two_column_dump_cuts_it():
    # The note of gazette/qinghai_guoluo_zangzu_zizhizhou_zangyuwen.md cut every 12 characters,
    # as a two-column text dump prints it; no line but the last says what was done.
    note = "（2009年7月31日青海省第十一届人民代表大会常务委员会第十次会议通过）"
    cut = [note[k : k + 12] for k in range(0, len(note), 12)]
    lines = _lines(*cut, "第一章 总 则")
    assert not is_adoption_line(cut[0])
    found = adoption_note_at(lines, 0)
    assert found is not None and found.end == len(cut) and found.text == note
    assert adopted_by(found.text)[0] == ["青海省人民代表大会常务委员会"]


def test_two_courts_adopt_a_joint_interpretation():
    # gazette/liangao_zuiming_buchong_4_2009.md, lines 3, 5 and 7
    lines = _lines(
        "2009年9月21日 最高人民法院审判委员会第1474次会议、2009年9月28日最高人民检察院"
        "第十一届检察委员会第20次会议通过",
        "2009年10月14日 最高人民法院、最高人民检察院公告公布",
        "2009年10月16日 施行",
    )
    note = adoption_note_at(lines, 0)
    assert note is not None and note.end == 3
    assert adopted_by(note.text)[0] == ["最高人民法院", "最高人民检察院"]
    assert promulgation_date(note.text) == date(2009, 10, 14)
    assert effective_in_note(note.text) == date(2009, 10, 16)


def test_bracketed_court_note_names_its_meeting_before_the_date():
    # gazette/liangao_zuiming_buchong_1_2002.md, line 5
    note = (
        "（最高人民法院审判委员会第1193次会议、最高人民检察院第九届检察委员会第100次会议通过"
        " 2002年3月15日最高人民法院公告公布 自2002年3月26日起施行）"
    )
    assert is_adoption_line(note)
    assert promulgation_date(note) == date(2002, 3, 15)
    assert effective_in_note(note) == date(2002, 3, 26)


def test_congress_named_by_its_level_alone_takes_the_place_of_the_title():
    # gazette/zhejiang_jingning_shuiziyuan.md, lines 1 and 3
    note = "2001年4月12日 县第五届人民代表大会第五次会议通过"
    assert adopted_by(note, "景宁畲族自治县水资源管理条例")[0] == ["景宁畲族自治县人民代表大会"]
    # gazette/zhejiang_jingning_zizhi_tiaoli.md: the title names the province first.
    assert adopted_by(note, "浙江省景宁畲族自治县自治条例")[0] == ["景宁畲族自治县人民代表大会"]


def test_body_sentences_are_no_notes():
    # A wrapped line of the Luzhou sample (raw/, 泸市自然资规函〔2024〕425号): an outline item
    # whose bracket closes before the act.
    assert not is_adoption_line("（五）本通知自2025年1月8日起施行，有")
    # gazette/guowuyuan_bumen_fgw_swzj_2019_860_pymupdf.txt, line 20 (a sentence's start)
    assert not is_adoption_line("2019 年 1 月 1 日起全面施行的《中华人民共和国个人所得税")
    assert adoption_note_at(_lines("2024年10月8日", "绵阳市城市养犬管理条例"), 0) is None


def test_orders_and_their_organs_are_cited_without_the_state_name():
    # web/sc_guoling706_zhuanli_daili_tiaoli.html: heading 中华人民共和国国务院令, cited 国务院令第706号
    assert strip_state_prefix("中华人民共和国国务院令") == "国务院令"
    assert strip_state_prefix("中华人民共和国国务院") == "国务院"
    assert strip_state_prefix("宜宾市人民政府令") == "宜宾市人民政府令"


def test_a_rule_title_cut_before_a_joining_word_is_whole_over_its_note():
    # gazette/shanghai_flk_lishi_fengmaoqu_tiaoli.txt (国家法律法规数据库 text): the second
    # title line reads as a rule's title alone, but a title never opens with 和.
    from extractors.segmentation.titles import rule_title_start

    lines = _lines(
        "上海市历史文化风貌区",
        "和优秀历史建筑保护条例",
        "（2002年7月25日上海市第十一届人民代表大会常务委员会第四十一次会议通过）",
    )
    assert rule_title_start(lines, 2) == 0
    # A whole title on the line above the note stays one line.
    assert rule_title_start(_lines("上海市优秀历史建筑保护条例", lines[2].text), 1) == 0


def test_a_rule_title_broken_inside_a_bracket_or_an_organ_goes_on_up():
    # gazette/liangao_zuiming_buchong_*.md as a PDF column breaks their titles: a line that
    # closes a 《 it never opened, or opens inside an organ name, or a 关于 line under its
    # issuers, is not where the title starts.
    from extractors.segmentation.titles import rule_title_start

    note = "（最高人民法院审判委员会第1193次会议、最高人民检察院第九届检察委员会第100次会议通过）"
    cut_in_organ = _lines(
        "最高人民法院、最高人民检察", "院关于执行《中华人民共和国", "刑法》确定罪名的补充规定", note
    )
    assert rule_title_start(cut_in_organ, 3) == 0
    cut_in_book = _lines(
        "最高人民法院、最高人民检察院",
        "关于执行《中华人民共和国刑",
        "法》确定罪名的补充规定（七）",
        note,
    )
    assert rule_title_start(cut_in_book, 3) == 0
    # The previous document's signature above stays out.
    signed = _lines("泸州市人民政府", "2024年1月2日", "泸州市城市养犬管理条例", note)
    assert rule_title_start(signed, 3) == 2


def test_mixed_width_parentheses_close_what_they_open():
    # Real titles mix the widths ((2024—2025年）): that is no bracket opened on a line above.
    from extractors.segmentation.titles import continues_above

    assert not continues_above("泸州市大气环境质量限期达标规划(2024—2025年）")
    assert continues_above("法》确定罪名的补充规定（七）")


def test_a_rule_title_broken_inside_a_word_goes_up_by_its_type_size():
    # gazette/chongqing_xiushan_meijianghe.md as a PDF sets it: the title in 21 pt over its
    # note in 16 pt, broken inside 梅江河流域; text sources carry no sizes and are left alone.
    from extractors.segmentation.titles import rule_title_start

    note = "（2021年1月17日秀山土家族苗族自治县第十七届人民代表大会第六次会议通过）"
    sized = [
        Line(text="秀山土家族苗族自治县梅江河", page=1, font_size=21.0),
        Line(text="流域水生态环境保护条例", page=1, font_size=21.0),
        Line(text=note, page=1, font_size=16.0),
    ]
    assert rule_title_start(sized, 2) == 0
    assert rule_title_start(_lines(*(line.text for line in sized)), 2) == 1
