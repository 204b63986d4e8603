"""Words of the 公文 genre (GB/T 9704) that rules match against: data, not code.

Anything specific to one gazette belongs here as a list entry, never as a branch in a rule.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """A word list written as space-separated words."""
    return frozenset(text.split())


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
    "预案",
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


# --- organ names (read by extractors/metadata/divisions.py) ---------------------------------

# What a division's own organs are called: whole after a place (泸州市委) and after a bare
# level (市委, 自治区人民政府); every other ending needs words before it (市财政局, not 市局).
GOVERNMENT_ORGANS = (
    "人民政府",
    "人民政府办公厅",
    "人民政府办公室",
    "政府",
    "政府办公厅",
    "政府办公室",
    "人民代表大会",
    "人民代表大会常务委员会",
    "人民代表大会常务委员会办公厅",
    "人大常委会",
    "人大常委会办公厅",
    "人大常委会办公室",
    "委",
    "委员会",
    "委办公厅",
    "委办公室",
    "纪委",
    "监察委员会",
    "人民法院",
    "中级人民法院",
    "高级人民法院",
    "人民检察院",
    "行政公署",
    "政协",
)
# Endings of local branches of national organs and of field units, beyond ORG_SUFFIXES.
# What a document's text says it is, where its title lost its 文种 (a page store cut the
# title after its first line): 现批复如下 → 批复. Longest phrases first where they overlap.
DOC_TYPE_PHRASES = (
    ("批复如下", "批复"),
    ("特此批复", "批复"),
    ("函复如下", "函"),
    ("特此函复", "函"),
    ("特此函告", "函"),
    ("通知如下", "通知"),
    ("特此通知", "通知"),
    ("决定如下", "决定"),
    ("特此公告", "公告"),
    ("特此通告", "通告"),
)
# The titles of those who sign an order (省长 张三, 自治区主席 陈武, 部 长 李盛霖).
SIGNER_TITLES = _words(
    "主席 总理 省长 市长 县长 区长 州长 盟长 旗长 镇长 乡长 部长 主任 局长 厅长 署长 行长 院长 委员长"
)
BRANCH_SUFFIXES = ("调查队", "调查总队")
OFFICES = ("办公厅", "办公室")
# A level printed alone before an organ ending: 市人民政府, 自治区人民政府办公厅, 县财政局.
BARE_LEVELS = ("自治区", "自治州", "自治县", "省", "市", "县", "区", "旗")
# National bodies not in the list start so: 中国纺织信息中心, 国家高端智库办公室.
NATIONAL_PREFIXES = ("中国", "国家", "全国")
# Printed before a national organ (中华人民共和国财政部) or a party organ (中共泸州市委).
STATE_PREFIX = "中华人民共和国"
PARTY_PREFIXES = ("中国共产党", "中共")
# Rule types that are also words of organ names (规划委员会, 标准化研究院, 制度改革办公室).
RULE_WORDS_IN_NAMES = ("规划", "标准", "制度")
# Words no organ name contains: where one starts, the name has ended (泸州市人民政府关于…,
# 四川省的地级市, 各区县人民政府 is a class of organs, not one).
ORGAN_STOP_WORDS = (
    "关于",
    "印发",
    "转发",
    "根据",
    "按照",
    "依据",
    "决定",
    "通知",
    "意见",
    "要求",
    "召开",
    "举办",
    "开展",
    "负责",
    "制定",
    "出台",
    "同意",
    "批准",
    "发布",
    "公布",
    "会同",
    "牵头",
    "的",
    "是",
    "了",
    "等",
    "各",
    "在",
    "将",
    "把",
    "被",
    "向",
    "从",
    "请",
    "按",
    "并",
    "作为",
    "已有",
    "成为",
    "建议",
    "围绕",
    "依托",
    "支持",
    "鼓励",
    "引导",
    "秘书长",
    "主任",
    "书记",
    "主席",
    *(
        word
        for word in (*DOC_TYPES, *RULE_TYPES)
        if len(word) > 1 and word not in RULE_WORDS_IN_NAMES
    ),
)
# Stop words inside a word of a name: 高等教育, 中等职业教育 (等 ends a joint issuer: 委等14部门).
NOT_STOPS = _words("高等 中等 初等 平等 同等")
# An ending followed by this character is part of a longer word: 部门, 局面, 会议, 办法, 行政.
RUNS_ON = _words(
    """
    部门 部分 部署 局面 局势 会议 会同 会商 会签 院校 院士 行业 行为 行动 行政 行使 办法 办理 办事
    委托 局长 厅长 部长 院长 行长 会长 署长 院内 局内 部内 厅内 会内 委内
    """
)
# After a bare level these begin a class word, not a name: 市场, 市级, 区县, 县级以上, 区域.
NOT_AFTER_LEVEL = frozenset("场民级域内外辖属直县区")
# Classes of organs, not one: 各区县人民政府, 市县两级, 省市有关部门.
CLASS_WORDS = frozenset({"区县", "县区", "市县", "省市", "市区"})
# Before a level these make a word of it, not a name's start: 城市, 全市, 各区, 园区, 社区, 我省.
NOT_BEFORE_LEVEL = frozenset("全各本我该某外邻上下城超股社园片景辖山小老新都门楼地特郊街每分")


# Words that end in an organ suffix and are no organ (社会 ends in 会, 格局 in 局, 执行 in 行).
NOT_ORGAN_WORDS = _words(
    """
    社会 机会 大会 都会 体会 理会 误会 开会 聚会 约会 晚会 宴会 峰会 全会 照会 学会 领会 融会 只会
    格局 布局 大局 结局 开局 全局 时局 骗局 棋局 残局 变局
    进行 执行 实行 运行 推行 施行 试行 履行 发行 自行 可行 流行 旅行 出行 通行 同行 先行 并行
    现行 暂行 例行 盛行 步行 航行 飞行 举行 奉行 践行 言行 罪行 品行 德行 一行 不行 平行 修行
    全部 内部 外部 局部 干部 东部 西部 南部 北部 中部 底部 顶部 头部 本部 细部
    举办 主办 承办 创办 督办 交办 开办 兴办 试办 协办 查办 经办 申办 操办 代办 包办 照办
    法办 严办 快办 好办 难办 合办 帮办 首办 转办 领办 联办
    庭院 剧院 影院 住院 出院 入院 大院 书院
    大厅 餐厅 客厅 展厅 门厅 舞厅 歌厅 前厅
    部署 签署 连署 原委 后部 前部 上部 下部 尾部 根部 背部 腹部 面部
    """
)
# 会 ending a meeting or an association, not a body (座谈会, 第二十次会议, 中国服装协会);
# centres that are places or roles, not bodies (区域医疗中心, 大数据中心).
NOT_ORGAN_TAIL = re.compile(
    r"(座谈|推进|现场|调度|专题|推介|发布|研讨|交流|博览|交易|运动|动员|表彰|培训|见面|听证"
    r"|论证|评审|汇报|总结|观摩|洽谈|展销|茶话|报告|演示|说明|协调|工作|协|学|商|研究|联合"
    r"|促进|基金|联谊|次|届)会$"
    r"|(区域|副|数据|算力|备份|集散|物流|商贸|消费|金融|创新|研发|制造|交通|枢纽|经济|文化"
    r"|医疗|城市|市)中心$"
)


# The labels of a gazette's imprint (版权页, usually the back cover): 编印单位：… 地址：…
# 印刷时间：… 开本：… . A line opening with the first starts it (layout/furniture.py).
COLOPHON_START = ("编印单位", "主办单位", "编辑出版")
COLOPHON_LABELS = (
    *COLOPHON_START,
    "编印",
    "主办",
    "编辑",
    "出版",
    "地址",
    "邮政编码",
    "邮编",
    "电话",
    "传真",
    "网址",
    "电子邮箱",
    "邮箱",
    "印刷时间",
    "印刷单位",
    "印刷",
    "承印",
    "开本",
    "发行范围",
    "发行",
    "准印证号",
    "内部资料准印证",
    "刊号",
    "定价",
    "出版日期",
)
