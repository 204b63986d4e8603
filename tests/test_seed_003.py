"""What is particular to raw/003_e888584f49a9a9b6.txt (泸州市人民政府公报 2024年第12期).

Converter Markdown of the whole issue: cover, 目录 and nine notices. Headings are the
converter's guesses, section labels (`## 部门文件`) are inserted at page breaks even
mid-sentence, brackets vary (`[2024]` and `〔2024〕`). The key is tests/seed_keys/seed_003.py;
the questions asked of both issues are in tests/test_seeds.py. `Lnnn` notes are line numbers.
"""

from __future__ import annotations

import pytest

from tests.seed_helpers import article, extract_rows, nospace, notice_by_doc
from tests.seed_keys.seed_003 import ARTICLE_TEXTS, SHIJIAN, SOURCE


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict]]:
    return extract_rows(SOURCE)


def test_section_label_mid_sentence_is_dropped(rows):
    text = notice_by_doc(rows, SHIJIAN)["text"]
    assert "同时符合下列条件的" in text  # L835-839 同时符 / ## 部门文件 / 合下列条件的


def test_section_label_mid_sentence_in_textile_notice(rows):
    # L353 …销量连续 / L355 `## 市政府办公室文件` / L357 第二年突破50万台
    text = nospace(notice_by_doc(rows, "泸市府办发〔2024〕46号")["text"])
    assert "2022年全球工业机器人销量连续第二年突破50万台" in text


def test_page_break_inside_word_is_joined(rows):
    # L116 …“全国残联信息化服 / blank / L118 务平台”。
    text = notice_by_doc(rows, "泸市府规〔2024〕4号")["text"]
    assert "全国残联信息化服务平台" in text


def test_notice_text_stays_in_its_notice(rows):
    # The 目录 (L47-96) is no notice's text, and the next notice's body does not leak in.
    first = nospace(notice_by_doc(rows, "泸市府规〔2024〕4号")["text"])
    assert "泸市府发〔2024〕12号" not in first and "泸市府发[2024]12号" not in first
    assert "本通知自2025年1月6日起施行" in first  # L202
    last = nospace(notice_by_doc(rows, "泸市医保规〔2024〕4号")["text"])
    assert "编印单位" not in last  # back-cover imprint, L1199


@pytest.mark.parametrize("label", [label for _, label, _, _ in ARTICLE_TEXTS])
def test_section_label_is_not_in_article_text(rows, label):
    # The converter inserts `## 部门文件` at page breaks inside 第四条 and 第十三条 (L837, L913).
    notice = notice_by_doc(rows, SHIJIAN)
    assert "部门文件" not in nospace(article(rows, notice["notice_id"], label)["text"])
