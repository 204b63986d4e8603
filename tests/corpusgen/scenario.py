"""A multi-year history of documents where later ones repeal, amend and replace earlier ones.

The history is built first, as data: each document's dates and what it does to others. Each
document's expected status on any day comes from that history by construction (its `Fate`),
never from the rule under test. The wording of every clause is taken from real documents of
the project's samples and fixtures (raw/, tests/fixtures/unseen/): 本办法自…起施行，有效期5年;
有效期至…; 执行期限为…至…; …规划（2024—2025年）; 《…》（江府规〔2019〕7号）同时废止;
废止《…》（宜府规〔2019〕3号）、《…》等2件; 对《…》（宜府规〔2021〕5号）作如下修改;
原《…》停止执行.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

NOT_YET, IN_FORCE, EXPIRED, REPEALED, AMENDED = "尚未生效", "现行有效", "已失效", "已废止", "已修改"

# Issuers as the samples print them, with their 文号 codes (normative, ordinary).
ISSUERS = [
    ("泸州市人民政府", "市政府文件", "泸市府规", "泸市府发"),
    ("泸州市人民政府办公室", "市政府办公室文件", "泸市府办规", "泸市府办发"),
    ("泸州市医疗保障局", "部门文件", "泸市医保规", "泸市医保发"),
    ("泸州市卫生健康委员会", "部门文件", "泸市卫规", "泸市卫发"),
]
# Subjects of rules, from the samples' and fixtures' titles; combined with a kind of rule they
# give every document of the corpus its own title.
TOPICS = [
    "历史风貌建筑修缮补助资金",
    "气象监测设施统筹规划建设和资源共享",
    "出生医学证明",
    "残疾儿童康复救助",
    "国有建设用地二级市场共用宗地",
    "城市道路挖掘",
    "城市夜景照明",
    "农村公路及桥梁隧道养护",
    "城市公园",
    "既有住宅增设电梯",
    "农业产业化龙头企业贷款贴息资金",
    "城区烟花爆竹燃放",
    "自然灾害应急避难场所",
    "科技成果转化",
    "城市养犬",
    "医疗服务项目价格",
]
RULE_KINDS = ["管理办法", "实施细则", "暂行办法", "实施办法"]
PLAN_TOPICS = [
    "大气环境质量限期达标",
    "纺织产业人工智能创新",
    "农村人居环境整治提升",
    "银发经济发展",
]
ISSUES_PER_YEAR = 4
TITLE_ONLY_SHARE = 0.3  # replacements that name their predecessor by 《title》 alone
DOCUMENTS_PER_ISSUE = 3


@dataclass
class Fate:
    """What happens to a document, by construction: the expected status on any day."""

    start: date
    end: date | None = None  # first day no longer in force
    end_status: str | None = None  # EXPIRED or REPEALED
    amended: date | None = None

    def status_on(self, day: date) -> str:
        if self.end is not None and day >= self.end:
            return self.end_status or EXPIRED
        if day < self.start:
            return NOT_YET
        if self.amended is not None and day >= self.amended:
            return AMENDED
        return IN_FORCE

    def change_days(self) -> list[date]:
        return [d for d in (self.start, self.amended, self.end) if d is not None]


@dataclass
class Doc:
    issuer: str
    section: str
    doc_number: str
    title: str  # the notice's whole title
    enclosed: str | None  # the rule or plan it promulgates
    signing: date
    effective_clause: str
    paragraphs: list[str]
    fate: Fate
    addressees: str = "各区县人民政府，市政府各部门，有关单位："
    acts_on: list[str] = field(default_factory=list)  # doc_numbers of documents it changes

    @property
    def cited_name(self) -> str:
        return self.enclosed or self.title


@dataclass
class Issue:
    year: int
    number: int
    total: int
    docs: list[Doc]


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _years_later(d: date, years: int) -> date:
    return date(d.year + years, d.month, d.day) - timedelta(days=1)


class _History:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.docs: list[Doc] = []
        self.serials: dict[tuple[str, int], int] = {}
        self.titles = [(t, k) for k in RULE_KINDS for t in TOPICS]
        self.rng.shuffle(self.titles)
        self.plans = list(PLAN_TOPICS)

    def number(self, code: str, year: int) -> str:
        n = self.serials.get((code, year), 0) + 1
        self.serials[(code, year)] = n
        return f"{code}〔{year}〕{n}号"

    def live(self, day: date) -> list[Doc]:
        """Documents in force on ``day`` and for a year after it: safe targets of an act."""
        return [
            d
            for d in self.docs
            if d.enclosed
            and d.fate.status_on(day) in (IN_FORCE, AMENDED)
            and d.fate.status_on(day + timedelta(days=400)) in (IN_FORCE, AMENDED)
        ]

    def rule(self, signing: date, replaces: Doc | None = None, how: str = "废止") -> Doc:
        issuer, section, code, _ = self.rng.choice(ISSUERS)
        if replaces is not None and self.rng.random() < 0.5:
            enclosed = replaces.enclosed  # a revised version under the same name
        else:
            topic, kind = self.titles.pop()
            enclosed = f"泸州市{topic}{kind}"
        number = self.number(code, signing.year)
        delay = self.rng.choice([0, 15, 30])
        effective = signing + timedelta(days=delay)
        years = self.rng.choice([2, 3, 5])
        start = "自印发之日起" if delay == 0 else f"自{cn_date(effective)}起"
        if self.rng.random() < 0.25:
            until = date(effective.year + years, 12, 31)
            clause = f"本办法{start}施行，有效期至{cn_date(until)}。"
            end = until + timedelta(days=1)
        else:
            clause = f"本办法{start}施行，有效期{years}年。"
            end = _years_later(effective, years) + timedelta(days=1)
        doc = Doc(
            issuer=issuer,
            section=section,
            doc_number=number,
            title=f"{issuer}关于印发《{enclosed}》的通知",
            enclosed=enclosed,
            signing=signing,
            effective_clause=clause,
            paragraphs=[
                f"《{enclosed}》已经市政府同意，现印发给你们，请认真遵照执行。",
                f"第一条 为规范{enclosed[3:-4]}工作，根据有关法律法规，结合我市实际，制定本办法。",
                "第二条 本办法适用于本市行政区域内的相关管理活动。",
            ],
            fate=Fate(start=effective, end=end, end_status=EXPIRED),
        )
        if replaces is not None:
            cited = f"《{replaces.cited_name}》（{replaces.doc_number}）"
            if self.rng.random() < TITLE_ONLY_SHARE:
                cited = f"《{replaces.cited_name}》"  # named by title alone: linked by title
            if how == "停止执行":
                doc.effective_clause = clause[:-1] + f"，原{cited}停止执行。"
                self.end(replaces, effective, EXPIRED)
            else:
                doc.effective_clause = clause + f"原{cited}同时废止。"
                self.end(replaces, effective, REPEALED)
            doc.acts_on.append(replaces.doc_number)
        doc.paragraphs.append(f"第三条 {doc.effective_clause}")
        return doc

    def end(self, doc: Doc, day: date, status: str) -> None:
        doc.fate.end, doc.fate.end_status = day, status

    def plan(self, signing: date) -> Doc | None:
        if not self.plans:
            return None
        issuer, section, _, code = ISSUERS[1]
        first = signing.year
        last = first + self.rng.choice([1, 2])
        enclosed = f"泸州市{self.plans.pop()}规划（{first}—{last}年）"
        return Doc(
            issuer=issuer,
            section=section,
            doc_number=self.number(code, signing.year),
            title=f"{issuer}关于印发《{enclosed}》的通知",
            enclosed=enclosed,
            signing=signing,
            effective_clause="",
            paragraphs=[f"《{enclosed}》已经市政府同意，现印发给你们，请认真贯彻执行。"],
            # A plan has no effective clause: it applies from its signing to its last year.
            fate=Fate(start=signing, end=date(last + 1, 1, 1), end_status=EXPIRED),
        )

    def term(self, signing: date) -> Doc:
        issuer, section, code, _ = ISSUERS[0]
        topic, _kind = self.titles.pop()
        enclosed = f"泸州市{topic}工作方案"
        first = date(signing.year + 1, 1, 1)
        last = date(signing.year + 2, 12, 31)
        clause = f"本方案执行期限为{cn_date(first)}至{cn_date(last)}。"
        return Doc(
            issuer=issuer,
            section=section,
            doc_number=self.number(code, signing.year),
            title=f"{issuer}关于印发《{enclosed}》的通知",
            enclosed=enclosed,
            signing=signing,
            effective_clause=clause,
            paragraphs=[
                f"《{enclosed}》已经市政府同意，现印发给你们，请认真组织实施。",
                f"一、{clause}",
            ],
            fate=Fate(start=first, end=last + timedelta(days=1), end_status=EXPIRED),
        )

    def amend(self, signing: date, target: Doc) -> Doc:
        issuer, section, _, code = ISSUERS[0]
        name = target.cited_name
        doc = Doc(
            issuer=issuer,
            section=section,
            doc_number=self.number(code, signing.year),
            title=f"{issuer}关于修改《{name}》的决定",
            enclosed=None,
            signing=signing,
            effective_clause="本决定自公布之日起施行。",
            paragraphs=[
                "为维护法制统一，推进依法行政，经市政府常务会议审议，决定：",
                f"对《{name}》（{target.doc_number}）作如下修改：",
                "将第二条中的“十五个工作日”修改为“十个工作日”。",
                f"《{name}》根据本决定作相应修改，重新公布。",
                "本决定自公布之日起施行。",
            ],
            fate=Fate(start=signing),
            acts_on=[target.doc_number],
        )
        # 已修改 from its first amendment on; a second one changes nothing of its status.
        target.fate.amended = target.fate.amended or signing
        return doc

    def repeal(self, signing: date, targets: list[Doc]) -> Doc:
        issuer, section, _, code = ISSUERS[0]
        named = "、".join(f"《{t.cited_name}》（{t.doc_number}）" for t in targets)
        doc = Doc(
            issuer=issuer,
            section=section,
            doc_number=self.number(code, signing.year),
            title=f"{issuer}关于废止部分市政府规范性文件的决定",
            enclosed=None,
            signing=signing,
            effective_clause="本决定自公布之日起施行。",
            paragraphs=[
                "为维护法制统一，市政府对现行有效的市政府规范性文件进行了清理，决定：",
                f"废止{named}等{len(targets)}件市政府规范性文件。",
                "本决定自公布之日起施行。",
            ],
            fate=Fate(start=signing),
            acts_on=[t.doc_number for t in targets],
        )
        for t in targets:
            self.end(t, signing, REPEALED)
        return doc

    def next_doc(self, signing: date) -> Doc:
        live = self.live(signing)
        action = self.rng.choices(
            ["rule", "replace", "stop", "amend", "repeal", "plan", "term"],
            weights=[4, 2, 1, 2, 1, 1, 1],
        )[0]
        if action == "replace" and live:
            return self.rule(signing, self.rng.choice(live), "废止")
        if action == "stop" and live:
            return self.rule(signing, self.rng.choice(live), "停止执行")
        if action == "amend" and live:
            return self.amend(signing, self.rng.choice(live))
        if action == "repeal" and len(live) >= 2:
            return self.repeal(signing, self.rng.sample(live, 2))
        if action == "plan":
            plan = self.plan(signing)
            if plan is not None:
                return plan
        if action == "term":
            return self.term(signing)
        return self.rule(signing)


def build_history(first_year: int, years: int, seed: int = 14) -> list[Issue]:
    """Issues of ``years`` years from ``first_year``: ISSUES_PER_YEAR a year, each printing
    DOCUMENTS_PER_ISSUE documents signed in the month before it."""
    history = _History(seed)
    issues: list[Issue] = []
    total = 0
    for year in range(first_year, first_year + years):
        for number in range(1, ISSUES_PER_YEAR + 1):
            total += 1
            month = number * 12 // ISSUES_PER_YEAR
            docs = []
            for k in range(DOCUMENTS_PER_ISSUE):
                # Signing days stay ≤ 28 so that every year-based period is a real date.
                signing = date(year, month, 3 + 8 * k)
                doc = history.next_doc(signing)
                history.docs.append(doc)
                docs.append(doc)
            issues.append(Issue(year, number, total, docs))
    return issues
