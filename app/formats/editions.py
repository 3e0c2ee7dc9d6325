"""The official editions as data: sections, table rows and columns, their labels and keys."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

PLACEHOLDER = "（本部分内容待补充）"  # the paragraph a corrected copy puts under an inserted section


class Edition(StrEnum):
    """The format edition whose layout a draft uses; each one's behaviour is data in its EditionSpec."""

    V2021 = "2021"
    V2019 = "2019"
    V2007 = "2007"
    UNKNOWN = "unknown"

    @property
    def spec(self) -> EditionSpec:
        return EDITION_SPECS[self]


def expected_edition(year: int) -> Edition:
    """The edition a report for `year` must use (report-formats.md §1.1)."""
    if year >= 2021:
        return Edition.V2021
    if year >= 2019:
        return Edition.V2019
    return Edition.V2007


@dataclass(frozen=True)
class SectionSpec:
    key: str
    number: str  # 一 … 六
    title: str  # official wording
    all_of: tuple[str, ...]  # keywords that must all appear in the heading…
    any_of: tuple[str, ...] = ()  # …and at least one of these (when given)
    table: str | None = None
    required: bool = True

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"

    @property
    def position(self) -> int:
        """1 … 6: where the part stands in the official order."""
        return "一二三四五六".index(self.number) + 1


SECTIONS_MODERN = (
    SectionSpec("s1", "一", "总体情况", (), ("总体情况", "概况", "总体")),
    SectionSpec("s2", "二", "主动公开政府信息情况", ("主动公开",), table="T2"),
    SectionSpec("s3", "三", "收到和处理政府信息公开申请情况", ("申请",), ("收到", "处理", "依申请", "办理"), table="T3"),
    SectionSpec("s4", "四", "政府信息公开行政复议、行政诉讼情况", ("复议", "诉讼"), table="T4"),
    SectionSpec("s5", "五", "存在的主要问题及改进情况", ("问题",), ("改进", "措施", "整改")),
    SectionSpec("s6", "六", "其他需要报告的事项", ("其他",), ("事项", "报告")),
)

# 条例(2007) 第三十二条: six items whose coverage is checked by keyword, not by title.
SECTIONS_2007 = (
    SectionSpec("l1", "一", "主动公开政府信息的情况", ("主动公开",)),
    SectionSpec("l2", "二", "依申请公开政府信息和不予公开政府信息的情况", ("申请",), ("依申请", "办理", "受理", "答复", "处理")),
    SectionSpec("l3", "三", "政府信息公开的收费及减免情况", ("收费",)),
    SectionSpec("l4", "四", "因政府信息公开申请行政复议、提起行政诉讼的情况", ("复议", "诉讼")),
    SectionSpec("l5", "五", "政府信息公开工作存在的主要问题及改进情况", ("问题",), ("改进", "措施")),
    SectionSpec("l6", "六", "其他需要报告的事项", (), ("其他需要报告", "需要说明", "其他事项"), required=False),
)


SECTION_BY_KEY = {s.key: s for s in SECTIONS_MODERN + SECTIONS_2007}

# ---------------------------------------------------------------- 表三

T3_COLUMNS = (
    ("natural", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("public_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T3_COL_LABEL = dict(T3_COLUMNS)
T3_APPLICANT_COLS = tuple(k for k, _ in T3_COLUMNS[:-1])


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str  # official label (the leaf part)
    group: str  # parent label for messages ("（三）不予公开") or ""
    keywords: tuple[str, ...]  # any of these in the normalised row label identifies the row


T3_ROWS = (
    RowSpec("r1", "一、本年新收政府信息公开申请数量", "", ("本年新收", "新收")),
    RowSpec("r2", "二、上年结转政府信息公开申请数量", "", ("上年结转",)),
    RowSpec("r3_1", "（一）予以公开", "三、本年度办理结果", ("予以公开",)),
    RowSpec("r3_2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", ("部分公开",)),
    RowSpec("r3_3_1", "1.属于国家秘密", "（三）不予公开", ("国家秘密",)),
    RowSpec("r3_3_2", "2.其他法律行政法规禁止公开", "（三）不予公开", ("其他法律", "法规禁止", "禁止公开")),
    RowSpec("r3_3_3", "3.危及“三安全一稳定”", "（三）不予公开", ("三安全", "一稳定")),
    RowSpec("r3_3_4", "4.保护第三方合法权益", "（三）不予公开", ("第三方",)),
    RowSpec("r3_3_5", "5.属于三类内部事务信息", "（三）不予公开", ("内部事务",)),
    RowSpec("r3_3_6", "6.属于四类过程性信息", "（三）不予公开", ("过程性",)),
    RowSpec("r3_3_7", "7.属于行政执法案卷", "（三）不予公开", ("执法案卷",)),
    RowSpec("r3_3_8", "8.属于行政查询事项", "（三）不予公开", ("行政查询", "查询事项")),
    RowSpec("r3_4_1", "1.本机关不掌握相关政府信息", "（四）无法提供", ("不掌握",)),
    RowSpec("r3_4_2", "2.没有现成信息需要另行制作", "（四）无法提供", ("另行制作", "没有现成")),
    RowSpec("r3_4_3", "3.补正后申请内容仍不明确", "（四）无法提供", ("补正后", "仍不明确")),
    RowSpec("r3_5_1", "1.信访举报投诉类申请", "（五）不予处理", ("信访", "举报投诉")),
    RowSpec("r3_5_2", "2.重复申请", "（五）不予处理", ("重复申请",)),
    RowSpec("r3_5_3", "3.要求提供公开出版物", "（五）不予处理", ("出版物",)),
    RowSpec("r3_5_4", "4.无正当理由大量反复申请", "（五）不予处理", ("大量反复", "反复申请")),
    RowSpec("r3_5_5", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", ("重新出具", "确认或")),
    RowSpec("r3_6_1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理", ("逾期不补正", "不补正")),
    RowSpec("r3_6_2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理", ("收费通知", "缴纳费用")),
    RowSpec("r3_6_3", "3.其他", "（六）其他处理", ()),  # recognised by position under （六）
    RowSpec("r3_6", "（六）其他处理", "三、本年度办理结果", ("其他处理",)),
    RowSpec("r3_7", "（七）总计", "三、本年度办理结果", ("总计", "合计")),
    RowSpec("r4", "四、结转下年度继续办理", "", ("结转下年", "下年度继续", "继续办理")),
)
T3_ROW = {r.key: r for r in T3_ROWS}
T3_LEAVES_2021 = ("r3_1", "r3_2", *(f"r3_3_{i}" for i in range(1, 9)), *(f"r3_4_{i}" for i in range(1, 4)),
                  *(f"r3_5_{i}" for i in range(1, 6)), *(f"r3_6_{i}" for i in range(1, 4)))
T3_LEAVES_2019 = T3_LEAVES_2021[:-3] + ("r3_6",)
T3_DATA_ROWS_2021 = ("r1", "r2", *T3_LEAVES_2021, "r3_7", "r4")
T3_DATA_ROWS_2019 = ("r1", "r2", *T3_LEAVES_2019, "r3_7", "r4")
# Group labels that only head sub-rows (they carry no data of their own in 2021).
T3_GROUP_MARKERS = (("不予公开", "（三）不予公开"), ("无法提供", "（四）无法提供"),
                    ("不予处理", "（五）不予处理"), ("其他处理", "（六）其他处理"))


def t3_row_label(key: str) -> str:
    """Row label for messages: “（三）不予公开·1.属于国家秘密”."""
    spec = T3_ROW[key]
    if spec.group.startswith("（") and spec.group != "三、本年度办理结果":
        return f"{spec.group}·{spec.label}"
    return spec.label.split("（区分")[0]


# ---------------------------------------------------------------- 表四

T4_GROUPS = (("review", "行政复议"), ("direct", "行政诉讼·未经复议直接起诉"), ("after_review", "行政诉讼·复议后起诉"))
T4_GROUP_LABEL = dict(T4_GROUPS)
T4_RESULTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
              ("pending", "尚未审结"), ("total", "总计"))
T4_RESULT_LABEL = dict(T4_RESULTS)
T4_COLUMN_PARTS = {f"{g}_{r}": (g, r) for g, _ in T4_GROUPS for r, _ in T4_RESULTS}  # column key → (group, result)
T4_COLUMNS = tuple(T4_COLUMN_PARTS)


def t4_col_label(col: str) -> str:
    group, result = T4_COLUMN_PARTS[col]
    return f"{T4_GROUP_LABEL[group]}·{T4_RESULT_LABEL[result]}"


# ---------------------------------------------------------------- 表二

@dataclass(frozen=True)
class T2Spec:
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]  # key, official label, keywords (normalised)
    cols: tuple[tuple[str, str, tuple[str, ...]], ...]  # key, official header label, keywords
    signed_cols: tuple[str, ...] = ()
    decimal_cols: tuple[str, ...] = ()


T2_2021 = T2Spec(
    rows=(("regulations", "规章", ("规章",)), ("normative", "行政规范性文件", ("规范性文件",)),
          ("licensing", "行政许可", ("行政许可",)), ("punishment", "行政处罚", ("行政处罚",)),
          ("enforcement", "行政强制", ("行政强制",)), ("fees", "行政事业性收费", ("事业性收费",))),
    cols=(("made", "本年制发件数", ("制发",)), ("repealed", "本年废止件数", ("废止",)),
          ("in_force", "现行有效件数", ("现行有效",)), ("decisions", "本年处理决定数量", ("处理决定",)),
          ("amount", "本年收费金额（单位：万元）", ("收费金额",))),
    decimal_cols=("amount",),
)
T2_2019 = T2Spec(
    rows=(("regulations", "规章", ("规章",)), ("normative", "规范性文件", ("规范性文件",)),
          ("licensing", "行政许可", ("行政许可",)), ("other_services", "其他对外管理服务事项", ("对外管理服务",)),
          ("punishment", "行政处罚", ("行政处罚",)), ("enforcement", "行政强制", ("行政强制",)),
          ("fees", "行政事业性收费", ("事业性收费",)), ("procurement", "政府集中采购", ("集中采购",))),
    cols=(("new_made", "本年新制作数量", ("新制作",)), ("new_published", "本年新公开数量", ("新公开",)),
          ("total_published", "对外公开总数量", ("公开总数",)), ("prev_count", "上一年项目数量", ("上一年",)),
          ("change", "本年增/减", ("增/减", "增减")), ("decisions", "处理决定数量", ("处理决定",)),
          ("count", "采购项目数量", ("采购项目",)), ("amount", "采购总金额", ("采购总金额", "总金额"))),
    signed_cols=("change",),
    decimal_cols=("amount",),
)


@dataclass(frozen=True)
class EditionSpec:
    """What an edition asks of a report: its parts, its tables and how they are checked."""

    name: str  # for messages: “2021 年版格式（国办公开办函〔2021〕30号）”
    sections: tuple[SectionSpec, ...]
    coverage_only: bool = False  # 2007: the six items are checked for coverage, not as titled parts in order
    tables_required: bool = False  # 表二/表三/表四 must be present in the official layout
    t2: T2Spec | None = None
    t3_leaves: tuple[str, ...] = T3_LEAVES_2021  # the rows of 三 that add up to （七）总计
    t3_other_split: bool = False  # （六）其他处理 is three rows
    fee_note_required: bool = False  # 六 must say whether 信息处理费 was charged


EDITION_SPECS = {
    Edition.V2021: EditionSpec("2021 年版格式（国办公开办函〔2021〕30号）", SECTIONS_MODERN, tables_required=True,
                               t2=T2_2021, t3_other_split=True, fee_note_required=True),
    Edition.V2019: EditionSpec("2019 年试行格式（国办公开办函〔2019〕60号）", SECTIONS_MODERN, tables_required=True,
                               t2=T2_2019, t3_leaves=T3_LEAVES_2019),
    Edition.V2007: EditionSpec("2007 年条例时期（2008—2018 年度）", SECTIONS_2007, coverage_only=True),
    Edition.UNKNOWN: EditionSpec("未能识别的格式", SECTIONS_MODERN),
}
T2_SPECS = {Edition.V2021: T2_2021, Edition.V2019: T2_2019}
TABLE_NAMES = {"T2": "表二（主动公开政府信息情况）", "T3": "表三（收到和处理政府信息公开申请情况）",
               "T4": "表四（政府信息公开行政复议、行政诉讼情况）"}
TABLE_SHORT = {"T2": "表二", "T3": "表三", "T4": "表四"}

# Old-style wording of 2007-era reports (report-formats.md §1.2), normalised.
MARKERS_2007_TEXT = ("国务院令第492号", "政府信息公开的收费及减免情况", "需要说明的事项与附表",
                     "依申请公开政府信息情况", "因政府信息公开申请提起行政复议")
