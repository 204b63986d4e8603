"""Words of the 公文 genre (GB/T 9704) that rules match against: data, not code.

Anything specific to one gazette belongs here as a list entry, never as a branch in a rule.
"""

from __future__ import annotations

# 公文种类 a title can end with, longest first so 实施意见 is not read as 意见 + 实施.
DOC_TYPES = (
    "命令",
    "决议",
    "决定",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "纪要",
    "公报",
    "函",
    "令",
)

# The rules a 公告/令 promulgates right after its signature (one document with it).
PROMULGATED_RULE_TYPES = ("条例", "规定", "办法", "细则", "规则", "决定", "决议")

# Rules a notice promulgates, or that are printed on their own under an adoption line.
RULE_TYPES = (
    "实施细则",
    "条例",
    "规定",
    "办法",
    "细则",
    "规则",
    "规划",
    "方案",
    "措施",
    "纲要",
    "意见",
    "决定",
    "标准",
    "制度",
    "清单",
)

# Endings of the name of a state organ (longest first).
ORG_SUFFIXES = (
    "人民代表大会常务委员会",
    "常务委员会",
    "人民政府办公室",
    "人民政府办公厅",
    "人民政府",
    "管理委员会",
    "委员会",
    "办公室",
    "办公厅",
    "管委会",
    "总局",
    "分局",
    "支队",
    "检察院",
    "法院",
    "中心",
    "政府",
    "局",
    "厅",
    "委",
    "办",
    "院",
    "部",
    "署",
    "会",
    "行",
)

# How the names of organs start: place names and national prefixes.
ORG_PREFIXES = (
    "中共",
    "中国",
    "国家",
    "国务院",
    "全国",
    "四川省",
    "省",
    "市",
    "县",
    "区",
)

# Section labels printed in the header band of a gazette page. Anything ending in 文件 and
# short is taken too (see layout), so only unusual labels need listing here.
SECTION_LABELS = (
    "市政府文件",
    "市政府办公室文件",
    "部门文件",
    "区县文件",
    "规范性文件",
    "政府令",
    "人事任免",
    "政务信息",
)
