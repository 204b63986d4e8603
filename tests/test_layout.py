"""Reading order, furniture and pages, on small text dumps shaped like real ones."""

from extractors.layout.clean import clean_layout
from extractors.model import Source
from extractors.readers.markdown import read_markdown
from extractors.readers.text_dump import read_text_dump
from extractors.segmentation.titles import enclosed_title_from, titles_match


def dump(*pages: list[str]) -> str:
    """A text dump as extractors write it: a blank line between lines, pages led by one space."""
    out = []
    for page in pages:
        out.append(" " + page[0])
        out.extend(page[1:])
    return "\n\n".join(out) + "\n"


def layout(text: str, fmt: str = "text"):
    reader = read_markdown if fmt == "markdown" else read_text_dump
    return clean_layout(reader(text, Source("t", "0" * 64, fmt)))


TAIL_OF_PREVIOUS = ["第十三条 本办法自印发之日起", "施行。"]
HEADER = [
    "宜宾市人民政府办公室",
    "关于2024年第三季度政府网站检查",
    "情况的通报",
    "宜府办发〔2024〕25号",
]


def test_header_after_body_moves_before_the_addressees():
    text = dump(
        [
            *TAIL_OF_PREVIOUS,
            "各区县人民政府，市级有",
            "关部门：",
            "现将有关情况通报如下。",
            *HEADER,
        ],
    )
    lines = [line.text for line in layout(text).pages[0].lines]
    assert lines == [
        *TAIL_OF_PREVIOUS,
        *HEADER,
        "各区县人民政府，市级有",
        "关部门：",
        "现将有关情况通报如下。",
    ]


def test_header_with_enclosed_rule_moves_to_the_first_article():
    cover = [
        "宜宾市人民政府",
        "关于印发《宜宾市停车管理办法》的通知",
        "宜府规〔2024〕3号",
        "各区县人民政府：",
        "《宜宾市停车管理办法》已经市政府同意，现印发给你们。",
        "宜宾市人民政府",
        "2024年5月6日",
        "宜宾市停车管理办法",
    ]
    text = dump(
        ["上一件通知的结尾。", "第一条 为规范停车管理，", "制定本办法。", *cover, "市政府文件"]
    )
    doc = layout(text)
    lines = [line.text for line in doc.pages[0].lines if line.kind == "body"]
    assert lines == ["上一件通知的结尾。", *cover, "第一条 为规范停车管理，", "制定本办法。"]
    assert [line.kind for line in doc.pages[0].lines if line.text == "市政府文件"] == [
        "section_label"
    ]


def test_header_whose_body_starts_on_the_next_page_stays_at_the_end():
    cover = [
        "宜宾市人民政府办公室",
        "关于印发《宜宾市大气规划》的通知",
        "宜府办发〔2024〕39号",
        "各区县人民政府：",
        "现印发给你们，请认真贯彻执行。",
        "宜宾市人民政府办公室",
        "2024年10月24日",
    ]
    text = dump([*TAIL_OF_PREVIOUS, *cover], ["2018年，我市编制印发了", "规划。", "宜宾市大气规划"])
    doc = layout(text)
    assert [line.text for line in doc.pages[0].lines] == [*TAIL_OF_PREVIOUS, *cover]
    # The rule's title, printed full width atop its first page, came out last: back on top.
    assert [line.text for line in doc.pages[1].lines] == [
        "宜宾市大气规划",
        "2018年，我市编制印发了",
        "规划。",
    ]


def test_running_header_is_furniture_and_labels_pages():
    text = dump(
        ["正文第一页。"],
        ["正文第二页。", "5", "宜宾市人民政府公报2024年 第3期", "部门文件", "正文第二页继续。"],
        ["正文第三页。"],
    )
    doc = layout(text)
    kinds = {line.text: line.kind for page in doc.pages for line in page.lines}
    assert kinds["5"] == "page_number"
    assert kinds["宜宾市人民政府公报2024年第3期"] == "running_header"
    assert kinds["部门文件"] == "section_label"
    assert [p.label for p in doc.pages] == ["4", "5", "6"]


def test_a_running_header_that_breaks_the_sequence_starts_a_page():
    text = dump(
        [
            "第八页正文。",
            "8",
            "宜宾市人民政府公报2024年第3期",
            "第八页继续。",
            "9",
            "宜宾市人民政府公报2024年第3期",
            "第九页正文。",
        ],
        ["第十页正文。"],
    )
    doc = layout(text)
    assert [p.label for p in doc.pages] == ["8", "9", "10"]
    assert doc.pages[1].lines[-1].text == "第九页正文。"


def test_markdown_breaks_pages_at_inserted_section_labels():
    md = "# 宜宾市人民政府 关于加强管理的通知\n\n宜府发[2024]1号\n\n**第四条** 同时符\n\n## 部门文件\n\n合下列条件的：\n"
    doc = layout(md, "markdown")
    assert len(doc.pages) == 2
    assert doc.pages[1].lines[0].kind == "section_label"


def test_enclosed_title_from_notice_title():
    assert enclosed_title_from(
        "关于印发《〈中华人民共和国噪声污染防治法〉部分条款部门职责分工方案》的通知"
    ) == ("《中华人民共和国噪声污染防治法》部分条款部门职责分工方案")
    assert enclosed_title_from(
        "泸州市卫生健康委员会关于印发泸州市进一步加强出生医学证明管理二十条措施的通知"
    ) == ("泸州市进一步加强出生医学证明管理二十条措施")
    assert enclosed_title_from("关于2024年第三季度检查情况的通报") is None


def test_titles_match_ignores_brackets_and_spacing():
    assert titles_match(
        "泸州市大气环境质量限期达标规划", "泸州市大气环境质量限期达标规划（2024—2025年）"
    )
    assert not titles_match("泸州市大气规划", "泸州市水规划")


def test_html_a_crawler_stored_in_a_text_file_is_read_as_its_printed_lines():
    # web/shanxi_jinzhengfa_2018_13.txt stores the page's body as one line of HTML.
    from extractors.model import Source
    from extractors.readers.text_dump import read_text_dump

    raw = (
        "文号 :晋政发〔2018〕13号\n"
        "<p>各市、县人民政府,省人民政府各委、办、厅、局:</p><p> 现将《山西省激发重点群体活力"
        '带动城乡居民增收的实施方案》印发给你们,请认真组织实施。</p><p style="text-align: right;">'
        " 山西省人民政府</p><p><br/></p><p><strong>一、指导思想</strong></p>&amp;\n"
    )
    doc = read_text_dump(raw, Source("x.txt", "0" * 64, "text"))
    assert [line.text for line in doc.lines()] == [
        "文号：晋政发〔2018〕13号",
        "各市、县人民政府，省人民政府各委、办、厅、局：",
        "现将《山西省激发重点群体活力带动城乡居民增收的实施方案》印发给你们，请认真组织实施。",
        "山西省人民政府",
        "一、指导思想",
        "&",
    ]
