"""What is particular to raw/000_bbc4044de49a57c2.txt (泸州市人民政府公报 2024年第9/10期).

Plain-text dump of a two-column PDF: one short printed line per line, blank lines between,
page starts marked by a leading space, and the header block of a notice printed after the
body text of the page it starts on. The key is tests/seed_keys/seed_000.py; the questions
asked of both issues are in tests/test_seeds.py. `Lnnn` notes are line numbers of the raw file.
"""

from __future__ import annotations

import pytest

from tests.seed_helpers import (
    article,
    articles_of,
    cited_numbers,
    extract_rows,
    main_articles,
    nospace,
    notice_by_doc,
)
from tests.seed_keys.seed_000 import CHAPTER_TITLES, SOURCE, WEIJIAN


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return extract_rows(SOURCE)


def test_letter_spaced_lines_are_joined(rows):
    text = notice_by_doc(rows, "泸市府办发〔2024〕39号")["text"]
    assert "地区生产总值二氧化碳排放下降" in text  # L1188 地 区 生 产 总 值 二 氧 化 碳 排 放 下 降
    assert "陶瓷工业大气污染物排放标准" in text  # L1620


def test_letter_spaced_line_in_weijian_notice_is_joined(rows):
    text = notice_by_doc(rows, WEIJIAN)["text"]
    assert "超范围签发《出生医学证明》的" in text  # L3881 超 范 围 签 发《出 生 医 学 证


def test_tongbao_body_is_continuous_across_its_header_block(rows):
    # L2811-2815 body, L2817-2822 header block, L2823-2825 body again.
    text = nospace(notice_by_doc(rows, "泸市府室发〔2024〕25号")["text"])
    assert (
        "（一）政府网站检查情况。依据政府网站单项否决指标，对全市正在运行的1个市政府门户网站、"
        "7个区县政府门户网站、38个市级部门网站进行全覆盖检查，检查结果良好（见附件1）。"
    ) in text
    # The previous notice ends at L2789-2791; its last sentence must not leak in.
    assert "本办法自印发之日起施行" not in text


def test_next_notice_does_not_leak_into_weijian_notice(rows):
    # 泸市医保规〔2024〕1号 starts at L4685, right after 附件7 of the 卫健委 notice.
    notice = notice_by_doc(rows, WEIJIAN)
    texts = [notice["text"]] + [
        a["text"] for a in rows["attachments"] if a["notice_id"] == notice["notice_id"]
    ]
    for t in texts:
        assert "各区县医保局" not in nospace(t)


def test_yibao_body_text(rows):
    text = nospace(notice_by_doc(rows, "泸市医保规〔2024〕1号")["text"])
    assert (
        "按照《四川省医疗保障局关于公布68项转归医疗服务价格项目及3项试行医疗服务价格项目的"
        "通知》（川医保规〔2024〕7号）" in text
    )  # L4689-4695
    assert "五、本通知自2024年10月15日起施行，试行期两年。" in text  # L4738-4740


@pytest.mark.parametrize(
    "cited",
    [
        "泸市府办规〔2023〕3号",  # L664-665 （泸市府办规〔2023〕3 / blank / 号）
        "泸市府规〔2023〕7号",  # L575-576
        "泸市府发〔2019〕15号",  # L758-759
    ],
)
def test_doc_number_cut_over_lines_is_cited(rows, cited):
    notice = notice_by_doc(rows, "泸市府办发〔2024〕39号")
    assert cited in cited_numbers(rows, notice["notice_id"])


def test_weijian_chapter_titles(rows):
    notice = notice_by_doc(rows, WEIJIAN)
    got = {a["chapter_no"]: a["chapter_title"] for a in main_articles(rows, notice["notice_id"])}
    assert got == CHAPTER_TITLES


def test_quoted_law_articles_belong_to_attachment_7(rows):
    # 附件7 (L4230-4684) quotes 第三十五条, 第三十七条 … of other laws; they are not
    # articles of the notice, and wherever they are kept they carry attachment_no 7.
    notice = notice_by_doc(rows, WEIJIAN)
    in_attachments = [
        a for a in articles_of(rows, notice["notice_id"]) if a.get("attachment_no") is not None
    ]
    assert {a["attachment_no"] for a in in_attachments} <= {7}
    quoted = [a for a in articles_of(rows, notice["notice_id"]) if a["label"] == "第三十五条"]
    assert all(a["attachment_no"] == 7 for a in quoted)


def test_article_text_has_no_header_block(rows):
    # 第六条 of 泸市府办规〔2024〕7号 is cut by that notice's own header block (L53-L72).
    notice = notice_by_doc(rows, "泸市府办规〔2024〕7号")
    text = nospace(article(rows, notice["notice_id"], "第六条")["text"])
    assert "泸市府办规〔2024〕7号" not in text
    assert "各区县人民政府" not in text
    # 第六条 of 泸市府办函〔2024〕54号 is cut by the enclosed title (L2723-2724).
    notice = notice_by_doc(rows, "泸市府办函〔2024〕54号")
    text = nospace(article(rows, notice["notice_id"], "第六条")["text"])
    assert "资源共享管理办法" not in text


def test_outline_of_the_air_quality_plan_as_printed():
    # L312–L346 and L491: the plan's own numbering, 一、 > （一） > 1.
    plan = [
        r
        for r in extract_rows(SOURCE)["outline"]
        if r["notice_id"].endswith("-n002") and r["attachment_no"] is None
    ]
    top = [r["label"] + r["heading"] for r in plan if r["level"] == 1]
    assert top[:3] == ["一、大气环境保护形势", "二、总体要求", "三、达标战略"]
    first = [(r["level"], r["label"], r["heading"]) for r in plan[:5]]
    assert first == [
        (1, "一、", "大气环境保护形势"),
        (2, "（一）", "大气环境质量分析"),
        (3, "1.", "空气质量状况"),
        (3, "2.", "空气质量时空特征"),
        (3, "3.", "污染物排放特征"),
    ]
