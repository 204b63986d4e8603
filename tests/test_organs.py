"""Organ names found by the one organ recogniser (extractors.metadata.organs): exact lists.

Real-text cases are quoted from the two sample gazettes and checked to be there, so a test
cannot drift from what the gazette prints.
"""

from __future__ import annotations

import subprocess
import sys
from functools import cache

import pytest

from extractors.metadata.organs import organisations, split_organs
from extractors.textnorm import compact
from tests.conftest import RAW_MARKDOWN, RAW_TEXT


@cache
def _raw(name: str) -> str:
    path = {"000": RAW_TEXT, "003": RAW_MARKDOWN}[name]
    return compact(path.read_text(encoding="utf-8"))


def _assert_in_raw(name: str, text: str) -> None:
    assert compact(text) in _raw(name), f"not printed in raw/{name}: {text}"


# --- split_organs: a run of organ names (joint issuer, signature block, table column) -----------

SPLIT_CASES = [
    (
        "泸州市自然资源和规划局泸州市财政局国家税务总局泸州市税务局",
        ["泸州市自然资源和规划局", "泸州市财政局", "国家税务总局泸州市税务局"],
    ),
    (
        "泸州市城市管理行政执法局泸州市公安局泸州市生态环境局泸州市商务和会展局泸州市市场监管局",
        [
            "泸州市城市管理行政执法局",
            "泸州市公安局",
            "泸州市生态环境局",
            "泸州市商务和会展局",
            "泸州市市场监管局",
        ],
    ),
    # 人民政府 + 办公室 is one organ, never two.
    ("泸州市人民政府办公室", ["泸州市人民政府办公室"]),
    ("中共泸州市委泸州市人民政府", ["中共泸州市委", "泸州市人民政府"]),
    ("泸州市人民代表大会常务委员会", ["泸州市人民代表大会常务委员会"]),
    # Decision: the collective tail names nobody; the lead organ is kept.
    ("国家卫生健康委等14部门", ["国家卫生健康委"]),
    ("中共泸州市委办公室泸州市人民政府办公室", ["中共泸州市委办公室", "泸州市人民政府办公室"]),
    ("中国人民银行泸州市分行", ["中国人民银行泸州市分行"]),
    ("中共泸州市委组织部", ["中共泸州市委组织部"]),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_organs(text: str, expected: list[str]) -> None:
    assert split_organs(text) == expected


# Issuer parts and signature blocks printed in the samples.
RAW_SPLIT_CASES = [
    # raw/003 header, space separated
    (
        "003",
        "泸州市自然资源和规划局 泸州市财政局 国家税务总局泸州市税务局",
        ["泸州市自然资源和规划局", "泸州市财政局", "国家税务总局泸州市税务局"],
    ),
    # raw/003 signature block, one organ a line
    (
        "003",
        "泸州市自然资源和规划局\n\n泸州市财政局\n\n国家税务总局泸州市税务局",
        ["泸州市自然资源和规划局", "泸州市财政局", "国家税务总局泸州市税务局"],
    ),
    # raw/000 issuer inside a cited title: 《泸州市交通运输局泸州市生态环境局关于印发…》
    ("000", "泸州市交通运输局泸州市生态环境局", ["泸州市交通运输局", "泸州市生态环境局"]),
    # raw/000 issuer inside a cited title: 《泸州市发展和改革委员会等10个部门关于印发…》
    ("000", "泸州市发展和改革委员会等10个部门", ["泸州市发展和改革委员会"]),
    # raw/000 table column, cells run together by the text dump
    (
        "000",
        "市退役军人事务局市市场监管局市酒业发展局市文化广电旅游局市人力资源社会保障局"
        "市委宣传部市政府新闻办公室",
        [
            "市退役军人事务局",
            "市市场监管局",
            "市酒业发展局",
            "市文化广电旅游局",
            "市人力资源社会保障局",
            "市委宣传部",
            "市政府新闻办公室",
        ],
    ),
]


@pytest.mark.parametrize(("raw", "text", "expected"), RAW_SPLIT_CASES)
def test_split_organs_as_printed(raw: str, text: str, expected: list[str]) -> None:
    _assert_in_raw(raw, text)
    assert split_organs(text) == expected


def test_split_organs_keeps_unrecognised_text_whole() -> None:
    assert split_organs("泸州市财政局关于") == ["泸州市财政局关于"]
    assert split_organs("") == []
    # A space still separates what the rules cannot: 长开区 is unknown to jieba.
    assert split_organs("泸州市财政局 长开区管委会") == ["泸州市财政局", "长开区管委会"]


# --- organisations: organs named in running text ----------------------------------------------


def test_responsibility_note() -> None:
    text = "（市发展改革委、市经济和信息化局、市生态环境局等按职责分工负责）"
    assert organisations(text) == ["市发展改革委", "市经济和信息化局", "市生态环境局"]


def test_addressee_groups_are_not_organs() -> None:
    # Decision: 各区县人民政府 / 各园区管委会 are classes of organs, not names.
    assert organisations("各区县人民政府，各园区管委会，市级有关部门（单位）：") == []


RAW_TEXT_CASES = [
    (
        "000",
        "（市经济和信息化局、市发展改革委、市生态环境局、市财政局、市人力资源社会保障局、"
        "市自然资源和规划局、市农业农村局、市应急管理局、市国资委、市酒业发展局、"
        "市医药健康产业发展局、市税务局、人行泸州市分行等按职责分工负责）",
        [
            "市经济和信息化局",
            "市发展改革委",
            "市生态环境局",
            "市财政局",
            "市人力资源社会保障局",
            "市自然资源和规划局",
            "市农业农村局",
            "市应急管理局",
            "市国资委",
            "市酒业发展局",
            "市医药健康产业发展局",
            "市税务局",
            "人行泸州市分行",
        ],
    ),
    ("000", "（市交通运输局、泸州海事局等按职责分工负责）", ["市交通运输局", "泸州海事局"]),
    (
        "000",
        "（市交通运输局、市口岸物流办、市发展改革委、市生态环境局等按职责分工负责）",
        ["市交通运输局", "市口岸物流办", "市发展改革委", "市生态环境局"],
    ),
    (
        "000",
        "（市生态环境局、市气象局、市公安局、市住房城乡建设局、市城管执法局等重污染天气应急预案"
        "成员单位按职责分工负责）",
        ["市生态环境局", "市气象局", "市公安局", "市住房城乡建设局", "市城管执法局"],
    ),
    (
        "000",
        "《泸州市发展和改革委员会等10个部门关于印发〈泸州市“十四五”清洁生产实施方案〉的通知》",
        ["泸州市发展和改革委员会"],
    ),
    (
        "000",
        "《泸州市污染防治攻坚战领导小组办公室关于印发〈泸州市大气污染物三年减排行动计划"
        "（2023—2025）〉的通知》",
        ["泸州市污染防治攻坚战领导小组办公室"],
    ),
    # 党中央 is the short name of 中国共产党中央委员会 (extractors/data/national_organs.tsv).
    (
        "000",
        "全面落实党中央、国务院和省委、省政府有关决策部署",
        ["党中央", "国务院", "省委", "省政府"],
    ),
    # Every mention, in order; 区住房城乡建设局 is a district bureau; 市财政 has no suffix.
    (
        "000",
        "由区住房城乡建设局牵头将历史风貌建筑修缮补助方案报市住房城乡建设局，市住房城乡建设局"
        "会同市文化广电旅游局、市财政局进行审核，市财政按程序将补助资金下达各区。",
        [
            "区住房城乡建设局",
            "市住房城乡建设局",
            "市住房城乡建设局",
            "市文化广电旅游局",
            "市财政局",
        ],
    ),
    # A table cell (古蔺县) runs into the next (市发展改革委): a bare 市 starts a new name.
    (
        "000",
        "叙永县、古蔺县市发展改革委、市经济和信息化局、市教育体育局",
        ["市发展改革委", "市经济和信息化局", "市教育体育局"],
    ),
    # A government's press office is one organ.
    (
        "000",
        "如泸县人民政府新闻办公室因绑定账号的手机号注销",
        ["泸县人民政府新闻办公室"],
    ),
    # Decision: 市政府 qualifying a noun is still an organ named; 区县政府 is a class.
    ("000", "对全市正在运行的1个市政府门户网站、7个区县政府门户网", ["市政府"]),
    # 司法厅 is printed without a prefix and is not found (see the module docstring).
    (
        "003",
        "按照《中华人民共和国仲裁法》《中共中央办公厅 国务院办公厅印发〈关于完善仲裁制度提高仲裁"
        "公信力的若干意见〉的通知》(中办发[2018]76号)等有关文件规定,经司法厅复核同意,市政府聘任王琪等15名同志为"
        "第六届泸州仲裁委员会组成人员。",
        ["中共中央办公厅", "国务院办公厅", "市政府", "泸州仲裁委员会"],
    ),
    (
        "003",
        "根据国务院办公厅、省政府办公厅关于政府网站和政府系统政务新媒体监管工作的要求,"
        "市政府办公室近期组织开展了",
        ["国务院办公厅", "省政府办公厅", "市政府办公室"],
    ),
    (
        "003",
        "市级各部门信息采用情况较好的有市自然资源和规划局、市住房城乡建设局、市市场监管局。"
        "本季度信息被市政府门户网站采用为0条的部门有长开区、市公安局、市信访局、市酒业发展局。",
        [
            "市自然资源和规划局",
            "市住房城乡建设局",
            "市市场监管局",
            "市政府",
            "市公安局",
            "市信访局",
            "市酒业发展局",
        ],
    ),
    # A post after an organ is not part of it.
    ("003", "主任:王琪 副市长、市公安局局长", ["市公安局"]),
    # 机关党委 is the organ's own party committee, the body whose 书记 he is.
    ("003", "刘川铃 市国资委机关党委书记", ["市国资委机关党委"]),
    # Addressee groups and a bureau's own sections: no organ named.
    ("003", "各区县市场监管局,市局各科室、综合行政执法支队:", []),
    ("003", "各区县医保局,各省属驻泸医疗机构、市属医疗机构:", []),
    # 我局 refers, it does not name.
    (
        "003",
        "按照《四川省医疗保障局关于印发辅助生殖类医疗服务价格项目及医保支付政策(试行)的通知》"
        "(川医保规〔2024〕8号)规定,我局对取卵术等17项医疗服务项目",
        ["四川省医疗保障局"],
    ),
    (
        "003",
        "(四)省市场监管局、市政府建议市场监督管理部门启动裁量审查评估的。",
        ["省市场监管局", "市政府"],
    ),
    # A table cell wrapped over three lines; the bracketed place is part of the name.
    (
        "003",
        "中国(四川)自由贸易试 验区川南临港片区管理 委员会",
        ["中国(四川)自由贸易试验区川南临港片区管理委员会"],
    ),
    # Table row: account name | organ | platform.
    ("003", "2\t泸州农业\t市农业农村局\t微信\t严重表述错误", ["市农业农村局"]),
    # Decision: associations are no state organs.
    (
        "003",
        "加强与中国纺织工业联合会、中国纺织信息中心、中国服装协会、中国家用纺织品协会、"
        "中国产业用纺织品协会等行业机构合作",
        ["中国纺织信息中心"],
    ),
]


@pytest.mark.parametrize(("raw", "text", "expected"), RAW_TEXT_CASES)
def test_organisations_as_printed(raw: str, text: str, expected: list[str]) -> None:
    _assert_in_raw(raw, text)
    assert organisations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A running header (宜宾市人民政府令) glued to the article text it interrupts.
        ("第四条市城市管理行政主管部门宜宾市人民政府令第5号", ["宜宾市人民政府"]),
        # A place after a place narrows it; an ethnic autonomous county keeps its full name.
        ("四川省泸州市中级人民法院", ["四川省泸州市中级人民法院"]),
        ("北川羌族自治县人民政府", ["北川羌族自治县人民政府"]),
    ],
)
def test_places_inside_and_between_names(text: str, expected: list[str]) -> None:
    assert organisations(text) == expected


def test_organisations_of_empty_text() -> None:
    assert organisations("") == []
    assert organisations(" \n\t") == []


# --- the cost of the recogniser ----------------------------------------------------------------


def test_recognising_loads_neither_spacy_nor_jieba() -> None:
    """Issue 15: the recogniser loads from the shipped lists, nothing derived at start-up."""
    code = (
        "import sys\n"
        "from extractors.metadata.organs import organisations, split_organs\n"
        "assert split_organs('新疆维吾尔自治区人民政府 新疆生产建设兵团') == "
        "['新疆维吾尔自治区人民政府', '新疆生产建设兵团']\n"
        "assert organisations('经乌鲁木齐市人民政府同意') == ['乌鲁木齐市人民政府']\n"
        "assert 'spacy' not in sys.modules and 'jieba' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
