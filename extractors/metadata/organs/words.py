"""The word lists and shapes the organ rules read: genre data kept beside the rules, because
only `entities` reads them (the shared ones are in `extractors.vocabulary`)."""

from __future__ import annotations

import re

from extractors.vocabulary import DOC_TYPES, ORG_SUFFIXES, RULE_TYPES


def words_of(text: str) -> frozenset[str]:
    """A word list written as space-separated words."""
    return frozenset(text.split())


ORG_LABEL = "ORG"
ROLES_COMPONENT = "gazette_organ_roles"
MAX_CONTENT_TOKENS = 8

# Suffixes that make a name right after a bare level (市委, 省政府, 市人民政府); every other
# suffix after a bare level is a generic reference (市局, 省厅, 市中心, 市办公室).
BARE_OK = frozenset(
    {
        "委",
        "政府",
        "人民政府",
        "人民政府办公室",
        "人民政府办公厅",
        "委员会",
        "常务委员会",
        "人民代表大会常务委员会",
        "检察院",
        "法院",
    }
)
GENERIC_SUFFIXES = frozenset(s for s in ORG_SUFFIXES if s not in BARE_OK)

# Words that end in an organ suffix but are no organ (社会 ends in 会, 格局 in 局, 进行 in 行).
NOT_ORGAN_WORDS = words_of(
    """
    社会 机会 大会 都会 体会 理会 误会 开会 聚会 约会 晚会 宴会 峰会 全会 照会 学会 领会 融会 只会
    格局 布局 大局 结局 开局 全局 时局 骗局 棋局 残局 变局 新格局 总体格局
    进行 执行 实行 运行 推行 施行 试行 履行 发行 自行 可行 流行 旅行 出行 通行 同行 先行 并行
    现行 暂行 例行 盛行 步行 航行 飞行 举行 奉行 践行 言行 罪行 品行 德行 一行 不行 平行 修行
    全部 内部 外部 局部 干部 东部 西部 南部 北部 中部 底部 顶部 头部 本部 各部 细部
    举办 主办 承办 创办 督办 交办 开办 兴办 试办 协办 查办 经办 申办 操办 代办 包办 照办
    法办 严办 快办 好办 难办 怎么办 合办 帮办 首办 转办 领办 联办 代为办
    庭院 剧院 影院 住院 出院 入院 大院 书院
    大厅 餐厅 客厅 展厅 门厅 舞厅 歌厅 前厅 办事大厅 服务大厅
    部署 签署 连署 原委
    """
)
# 会 ending a meeting rather than a body: 推进现场会, 座谈会, 新闻发布会.
MEETING = re.compile(
    r"(座谈|推进|现场|调度|专题|推介|发布|研讨|交流|博览|交易|运动|动员|表彰|培训|见面|听证"
    r"|论证|评审|汇报|总结|部署|观摩|洽谈|展销|年|例|月|周|晚|茶话|报告|演示|说明|协调|工作)会$"
)
# Bodies that end like organs but are no state organ: associations (中国服装协会) and centres
# that are places or roles (华为（四川）大数据中心, 区域医疗中心, 省域经济副中心).
NOT_ORGAN_ENDINGS = re.compile(
    r"(协会|学会|商会|研究会|促进会|基金会|联合会|联谊会"
    r"|区域中心|副中心|数据中心|算力中心|备份中心|集散中心|物流中心|商贸中心|消费中心|金融中心"
    r"|创新中心|研发中心|制造中心|交通中心|枢纽中心|经济中心|文化中心|医疗中心|城市中心|市中心)$"
)
# A person's post ends a name's run of words: 市工商联秘书长周明洁 is no part of an organ.
POSTS = re.compile(r"(长|主任|书记|主席|委员|总经济师|总工程师|总会计师|秘书|干事|专员)$")
# Class words that end like a place but name no particular one (全市, 区县, 园区, 城市).
GENERIC_PLACE = re.compile(
    r"^(全|各|本|我|该|某|外|邻|上|下|城|超|股|社|园|片|景|辖|山|小|老|新|市|区|县|省|乡)"
    r"(市|县|区|省|州)$|(城市|地区|市区|城区|山区|园区|片区|社区|景区|强县|区县|县区|市县|县市)$"
)
# A name right after one of these is an addressee group (各区县人民政府), not an organ.
GROUP_MARKERS = ("各", "有关", "相关", "所属", "直属", "下属")
# National organs whose local branch is printed after them as one name (国家税务总局泸州市税务局,
# 人行泸州市分行 = 中国人民银行泸州市分行).
BRANCHING_HEADS = ("总局", "银行", "人行")
# An organ's own office is part of its name (人民政府办公室, 中共泸州市委办公室); from the
# compound suffixes of the vocabulary come the others (人民代表大会 + 常务委员会).
OFFICES = ("办公室", "办公厅")
# Words that never sit inside an organ name: they join names or sentences.
FUNCTION_WORDS = words_of(
    """
    的 之 了 着 过 在 是 对 按 由 向 从 为 将 把 被 于 以 及 与 或 等 其 该 本 我 贵 你 他 她 它
    并 且 也 已 又 还 都 就 但 而 则 即 如 若 因 经 请 报 至 到 给 让 使 对于 关于 根据 按照 依据
    通过 会同 牵头 联合 配合 协同 召开 举办 开展 负责 印发 转发 出台 制定 要求 决定 同意 建议
    邀请 报告 通知 意见 进行 已有 近期 组成 人员 所在 所在地 作为 成为 打造 建成 创建 围绕 依托
    支持 鼓励 引导
    有关 相关 各 各级 其他 以及 或者 并且 以下 以上 简称 下称 其中 同志 聘任 任命 免去 担任
    """
)
# A title ends at its 文种 (……管理办法 then 市政府办公室 on the signature line); 规划, 标准 and
# 制度 also occur inside names (规划委员会, 标准化研究院).
TITLE_WORDS = frozenset(DOC_TYPES + RULE_TYPES) - {"规划", "标准", "制度"}
STOP_WORDS = FUNCTION_WORDS | TITLE_WORDS
# A place name with its level (泸州市, 古蔺县), not a stem (泸州) nor 自治县 in 北川羌族自治县.
LEVEL_PLACE = re.compile(r"^(?!自治).+[省市县区州]$")
CONJUNCTIONS = ("和", "与", "及")
SEPARATORS = "、，,；;：:/／·・ 　"
CJK_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]+$")
OPEN_PARENS = ("（", "(")
CLOSE_PARENS = ("）", ")")
# A count of unnamed co-issuers closing a joint issuer: 等14部门, 等10个部门, 等.
COLLECTIVE_TAIL = re.compile(
    r"^等(?:[\d一二两三四五六七八九十百]+(?:个|家)?(?:部门|单位|机关|机构|委办局)?)?$"
)
