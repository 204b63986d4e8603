"""The genre's patterns, one home: every stage imports them from here.

Labels (第X条, 第X章, 附件), the issue line, page numbers and 第N号 as a 政府公报 prints
them, written once so that the reader, layout, segmentation and metadata agree. The words
they are built from (文种, rule types, organs) are data in `vocabulary.py`; the Chinese
numeral parser is `metadata.dates.cn_to_int`.
"""

from __future__ import annotations

import re

from extractors.vocabulary import PROMULGATED_RULE_TYPES

# --- numbered labels -------------------------------------------------------------------------
# A number as gazettes print it in labels: 第十一条, 第二百五十三条, 第二〇条, 第两条, 第3章.
CN_NUM = r"[一二三四五六七八九十百零〇两\d]+"
ARTICLE_START = re.compile(rf"^第{CN_NUM}条")
CHAPTER_START = re.compile(rf"^第{CN_NUM}章")
CHAPTER_OR_ARTICLE_START = re.compile(rf"^第{CN_NUM}[章条]")

# --- attachments (附件) ----------------------------------------------------------------------
# A line that is only the label: 附件 / 附件2 / 附件二： (compacted).
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*(?P<no>\d{1,2}|[一二三四五六七八九十]{1,3})?\s*[：:]?$")
# The list of attachments under a notice's text: 附件：1.……
ATTACHMENT_LIST = re.compile(r"^附\s*件\s*[：:]\s*(?P<rest>.*)$")
# Where attachments begin, so a rule's last article ends: 附件 / 附件：… / 附件1…
ATTACHMENT_START = re.compile(r"^附\s*件\s*[：:\d]|^附\s*件$")

# --- the issue line and page numbers ---------------------------------------------------------
# The running header: 泸州市人民政府公报 2024年 第9/10期（总第226期）.
RUNNING_HEADER = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,30}?公报)\s*(?:[（(]?(?:月刊|半月刊|旬刊)[)）]?)?\s*"
    r"(?P<year>\d{4})\s*年\s*第\s*(?P<numbers>\d{1,3}(?:\s*[/、-]\s*\d{1,3})*)\s*期"
    r"(?:\s*[（(]?\s*总第\s*(?P<total>\d{1,5})\s*期\s*[)）]?)?$"
)
# The year and issue numbers anywhere in a compacted cover or header line: 2024年第9/10期.
ISSUE_NUMBER = re.compile(r"(\d{4})年第(\d{1,3}(?:[/、-]\d{1,3})*)期")
TOTAL_ISSUE_NUMBER = re.compile(r"总第(\d{1,5})期")
# A printed page number alone on its line, bare or between dashes: 12, — 12 —, -1024-.
PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,4})[-—–\s]*$")
# Between dashes it is a page number wherever it stands.
DASHED_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d{1,4}\s*[-—–]$")

# --- 第N号 ----------------------------------------------------------------------------------
# The number of an order or announcement (令/公告), the whole line: 第706号, 第十二号, and
# with the year as some organs number their orders: 〔2024〕第1号, 〔2024〕1号, 2006年第8号.
ORDER_NUMBER = re.compile(
    r"(?:[〔\[［(（](?P<year>\d{4})[〕\]］)）](?P<di>第)?|(?P<plain_year>\d{4})年第|第)"
    r"(?P<n>[0-9]+|[〇○零一二三四五六七八九十百千两]+)号"
)
# An order's number as sites and citations print it, the organ's code before 令: 渝府令第121号,
# 国令第706号, 沪府令第12号 (the heading's full name, 重庆市人民政府令, is ORDER_TITLE's).
MAX_ORDER_CODE_CHARS = 4
CODED_ORDER_NUMBER = re.compile(
    rf"^(?P<code>[\u4e00-\u9fff]{{1,{MAX_ORDER_CODE_CHARS}}})令第(?P<n>[0-9]+|[〇○零一二三四五六七八九十百千两]+)号$"
)
# The same closing a 目录 entry, in digits: ……令（第12号）.
TOC_ORDER_NUMBER = re.compile(r"[（(]?第(\d{1,4})号[)）]?$")

# --- rule types ------------------------------------------------------------------------------
# A title ending in the type of rule an order or announcement promulgates.
PROMULGATED_RULE = re.compile(rf"({'|'.join(PROMULGATED_RULE_TYPES)})$")
