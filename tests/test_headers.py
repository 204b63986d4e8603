import pytest

from extractors.metadata.organs.names import is_org_name, split_issuers
from extractors.segmentation.headers import (
    is_adoption_line,
    is_anchor_line,
    looks_like_addressees,
    match_document_title,
    split_title_number,
)


@pytest.mark.parametrize(
    ("text", "issuer", "doc_type"),
    [
        (
            "泸州市人民政府办公室关于印发《泸州市历史风貌建筑修缮补助资金管理办法》的通知",
            "泸州市人民政府办公室",
            "通知",
        ),
        ("泸州市人民政府 关于聘任第六届泸州仲裁委员会 组成人员的通知", "泸州市人民政府", "通知"),
        ("宜宾市人民政府关于同意设立宜宾临港经济技术开发区的批复", "宜宾市人民政府", "批复"),
        ("绵阳市人民政府办公室关于商请支持重大项目建设的函", "绵阳市人民政府办公室", "函"),
        (
            "泸州市人民代表大会常务委员会关于批准2023年市级决算的决议",
            "泸州市人民代表大会常务委员会",
            "决议",
        ),
        ("泸州市人民政府令", "泸州市人民政府", "令"),
        ("泸州市人民代表大会常务委员会公告", "泸州市人民代表大会常务委员会", "公告"),
    ],
)
def test_document_titles(text, issuer, doc_type):
    m = match_document_title(text)
    assert m is not None
    assert (m.issuer, m.doc_type) == (issuer, doc_type)


@pytest.mark.parametrize(
    "text",
    [
        "传达政令公开政务指导工作服务社会泸州市人民政府办公室关于2024年第四季度政府网站检查情况的通报",
        "根据国务院办公厅关于政府网站监管工作的要求，现将有关情况通报如下。",
        "个市政府门户网站、7个区县政府门户网泸州市人民政府办公室关于2024年第三季度检查情况的通报",
    ],
)
def test_text_glued_before_an_issuer_is_not_a_title(text):
    assert match_document_title(text) is None


def test_joint_issuers_are_split_into_organs():
    assert split_issuers("泸州市自然资源和规划局泸州市财政局国家税务总局泸州市税务局") == [
        "泸州市自然资源和规划局",
        "泸州市财政局",
        "国家税务总局泸州市税务局",
    ]
    assert split_issuers("泸州市人民政府办公室") == ["泸州市人民政府办公室"]
    assert split_issuers("中共泸州市委 泸州市人民政府") == ["中共泸州市委", "泸州市人民政府"]


def test_org_names():
    assert is_org_name("泸州市卫生健康委员会")
    assert is_org_name("泸州市自然资源和规划局 泸州市财政局")
    assert not is_org_name("疗服务项目试行价格表泸州市医疗保障局")
    assert not is_org_name("2024年10月12日")


def test_anchor_lines():
    assert is_anchor_line("泸市府办规〔2024〕7号")
    assert is_anchor_line("泸市监规发[2024]2号")
    assert is_anchor_line("第5号")
    assert is_anchor_line("（2019年10月30日泸州市第九届人民代表大会常务委员会第二十次会议通过）")
    assert not is_anchor_line("（泸市府规〔2024〕4号） ..... (2)")
    assert not is_anchor_line("泸市监中止书〔 〕1号")


def test_adoption_line():
    assert is_adoption_line(
        "（2024年8月28日宜宾市第六届人民代表大会常务委员会第二十次会议通过 2024年9月27日四川省第十四届人民代表大会常务委员会第十四次会议批准）"
    )
    assert not is_adoption_line("（2024—2025年）")


def test_addressees():
    assert looks_like_addressees(
        "各区县卫生健康局，委直属医疗卫生机构，西南医科大学附属医院、附属中医医院，委机关相关科室："
    )
    assert not looks_like_addressees("现将有关情况通报如下：")


def test_split_issuers_never_passes_off_other_text_as_issuers():
    # Text glued before an organ is not a list of issuers: None, not the text given back.
    assert split_issuers("疗服务项目试行价格表泸州市医疗保障局") is None
    assert split_issuers("泸州市财政局 2024年10月12日") is None
    assert split_issuers("关于印发办法的通知") is None


# Page titles (a blog post's front matter, read from the real posts in
# tests/fixtures/real/gazette/guobanfa_*) print the 文号 after the title on one line.
@pytest.mark.parametrize(
    ("line", "title", "number"),
    [
        (
            "国务院办公厅关于规范农村义务教育 学校布局调整的意见 国办发 〔2012〕48号",
            "国务院办公厅关于规范农村义务教育 学校布局调整的意见",
            "国办发 〔2012〕48号",
        ),
        (
            "国务院办公厅关于全面加强乡村小规模学校和乡镇寄宿制学校建设的指导意见（国办发〔2018〕27号）",
            "国务院办公厅关于全面加强乡村小规模学校和乡镇寄宿制学校建设的指导意见",
            "国办发〔2018〕27号",
        ),
    ],
)
def test_title_with_its_number_on_one_line(line: str, title: str, number: str) -> None:
    assert split_title_number(line) == (title, number)


@pytest.mark.parametrize(
    "line",
    [
        # a sentence citing a document is no title
        "根据《国务院关于加强法治政府建设的意见》（国发〔2010〕33号）要求，现通知如下。",
        # a title without its issuer: a body heading or a list entry, not a page title
        "关于规范农村义务教育学校布局调整的意见（国办发〔2012〕48号）",
        # the number is not at the end of the line
        "国务院办公厅关于规范农村义务教育学校布局调整的意见国办发〔2012〕48号等文件",
    ],
)
def test_no_title_number_split(line: str) -> None:
    assert split_title_number(line) is None


def test_order_heading_after_the_rules_title_on_one_line():
    # web/guangxi_zhengfuling_2016_116_tudi_zhengzhi.txt: a converter joined the heading lines.
    from extractors.segmentation.headers import match_order_heading_line

    found = match_order_heading_line("广西壮族自治区土地整治办法 广西壮族自治区人民政府令 第116号")
    assert found is not None
    title, number = found
    assert (title.issuer, title.title, number) == (
        "广西壮族自治区人民政府",
        "广西壮族自治区人民政府令",
        "第116号",
    )
    # a sentence citing an order is none
    assert match_order_heading_line("根据广西壮族自治区人民政府令第116号") is None


def test_a_long_addressee_list_is_one():
    # web/sc_md_guobanfa_1996_25_huaxue_wuqi.md: 22 provinces' governments and five 军区, 118
    # characters, five lines of a PDF column.
    assert looks_like_addressees(
        "北京市、天津市、河北省、山西省、内蒙古自治区、辽宁省、吉林省、黑龙江省、上海市、江苏省、浙江省、"
        "安徽省、福建省、江西省、山东省、河南省、湖北省、湖南省、广东省、广西壮族自治区、陕西省、"
        "甘肃省人民政府，沈阳、北京、兰州、济南、南京、广州军区："
    )
