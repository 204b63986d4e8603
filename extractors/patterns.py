"""The genre's patterns, one home: every stage imports them from here.

Issue lines, page numbers and the other shapes a 政府公报 prints, written once so that the
reader, layout, segmentation and metadata agree on them.
"""

from __future__ import annotations

import re

RUNNING_HEADER = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,30}?公报)\s*(?:[（(]?(?:月刊|半月刊|旬刊)[)）]?)?\s*"
    r"(?P<year>\d{4})\s*年\s*第\s*(?P<numbers>\d{1,3}(?:\s*[/、-]\s*\d{1,3})*)\s*期"
    r"(?:\s*[（(]?\s*总第\s*(?P<total>\d{1,5})\s*期\s*[)）]?)?$"
)


PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,3})[-—–\s]*$")


DASHED_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d{1,3}\s*[-—–]$")
