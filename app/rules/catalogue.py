"""Every rule the checker knows: id, severity, category, Chinese title and why it matters (check-contract.md)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..findings import Finding, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


class Category(StrEnum):
    """The groups the window counts findings in."""

    STRUCTURE = "结构"
    ARITHMETIC = "表格勾稽"
    VALUES = "数值"
    PROSE = "正文一致性"
    DATES = "年份与期限"
    HISTORY = "跨年度"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity  # the usual severity
    category: Category
    title: str
    explanation: str  # why it matters and how to fix it
    also: tuple[Severity, ...] = ()  # other severities the rule gives in the cases the contract names

    @property
    def severities(self) -> tuple[Severity, ...]:
        return (self.severity, *self.also)


C = Category
_RULES = (
    Rule("section.missing", E, C.STRUCTURE, "缺少必备部分",
         "年度报告必须包含格式规定的全部部分（2021 年版为一至六部分）。缺少的部分要补写；"
         "确实没有内容的，也应保留标题并写明“无”或相关情况。", also=(W,)),
    Rule("section.order", W, C.STRUCTURE, "部分顺序不对",
         "各部分应按规定的顺序排列（一、总体情况……六、其他需要报告的事项）。请把该部分移到规范位置。"),
    Rule("section.title", W, C.STRUCTURE, "标题与规范写法不一致",
         "各部分标题应使用格式规定的写法和序号，便于上级和社会公众对照查阅。请改为规范标题。"),
    Rule("table.missing", E, C.STRUCTURE, "缺少统计表",
         "二、三、四部分各有一张规定格式的统计表（表二、表三、表四），不能省略，没有数据的栏填 0。"),
    Rule("table.structure", W, C.STRUCTURE, "统计表的行列与规范格式不符",
         "统计表应使用规定格式的全部行和列，标签按规范写法。缺行、多行或标签改动会让数字无法对照，"
         "请从规范模板复制表格后重新填写。", also=(E,)),
    Rule("template.outdated", E, C.STRUCTURE, "使用了过时的格式",
         "报告年度决定应使用的格式：2021 年度起用 2021 年版格式（国办公开办函〔2021〕30号），"
         "2019、2020 年度用 2019 年试行格式。沿用旧表格是常见的照抄往年草稿的错误。", also=(W,)),
    Rule("template.mixed", E, C.STRUCTURE, "混用了两种格式",
         "同一份报告中出现了两个版本格式的表格或标签，请统一为报告年度应使用的格式。"),
    Rule("table.incomplete", W, C.STRUCTURE, "统计表不完整",
         "统计表的数值格少于规范格式（如表四只有 11 格而不是 15 格），本工具不核对不完整表格的勾稽关系。"
         "请补齐缺少的行、列或单元格。", also=(E,)),
    Rule("section.intro_parts", W, C.STRUCTURE, "导语所列部分与正文不符",
         "导语中“本报告由……等部分组成”的说法应与正文实际包含的部分一致，常见错误是写“六部分”却少列一部分。"),
    Rule("section.content", W, C.STRUCTURE, "部分内容不完整",
         "该部分还是占位文字，或缺少应写的内容（如“六、其他需要报告的事项”应说明信息处理费收取情况）。"),
    Rule("meta.title", W, C.STRUCTURE, "标题不规范",
         "标题应为“××机关××××年政府信息公开工作年度报告”，写明机关全称和报告年度。"),
    Rule("meta.contact", W, C.STRUCTURE, "没有联系方式",
         "报告通常在导语中写明咨询本报告的联系电话或电子邮箱，便于公众查询。请补充联系方式。"),
    Rule("arith.balance", E, C.ARITHMETIC, "表三收支不平衡",
         "表三每一栏都应满足：一、本年新收 ＋ 二、上年结转 ＝ 三、（七）总计 ＋ 四、结转下年度继续办理。"
         "不平衡说明有数字漏填、错填或重复统计。"),
    Rule("arith.results_total", E, C.ARITHMETIC, "表三办理结果合计不符",
         "表三每一栏“三、本年度办理结果”各项之和应等于“（七）总计”。区分处理的申请只计入“（二）部分公开”。"),
    Rule("arith.row_total", E, C.ARITHMETIC, "表三行合计不符",
         "表三每一行，自然人与五类法人或其他组织之和应等于“总计”栏。"),
    Rule("arith.group_total", E, C.ARITHMETIC, "表四合计不符",
         "表四行政复议、未经复议直接起诉、复议后起诉三组中，结果维持＋结果纠正＋其他结果＋尚未审结应等于总计。"),
    Rule("arith.suspect_cell", INFO, C.ARITHMETIC, "最可能填错的单元格",
         "若只改这一格就能让上面所有不平衡的关系成立，它最可能是填错的格；保存修正版时会改为建议值并加批注。"),
    Rule("arith.t2_in_force", W, C.ARITHMETIC, "表二现行有效件数偏少",
         "本年制发且未在本年废止的文件年底仍然有效，所以“现行有效件数”不应小于“本年制发件数”减“本年废止件数”。"),
    Rule("value.blank", W, C.VALUES, "统计表有空格",
         "空格、“/”“—”“无”按 0 核对，但规范的写法是明确填写 0，避免被认为漏填。"),
    Rule("value.invalid", E, C.VALUES, "数值不合规",
         "统计表只填阿拉伯数字：件数为不小于 0 的整数。读不出数字（如“约10”、文字、负数、小数）是错误；"
         "能读出数字但写法不规范（如“2件”、全角数字、“1,234”）是警告，核对时按读出的数字计算。", also=(W,)),
    Rule("value.unit", W, C.VALUES, "金额单位不对",
         "表二“本年收费金额”的单位是万元，单元格只填数字（如 0.35），不要写入单位或按元填写。"),
    Rule("value.uncomputed", INFO, C.VALUES, "公式没有计算结果",
         "该格是公式，文件中没有保存计算结果，本工具也无法计算，涉及此格的勾稽关系未核对。"
         "请在 Excel/WPS 中打开并保存后再检查。"),
    Rule("text.number_mismatch", W, C.PROSE, "正文数字与表格不符",
         "正文中说明的件数（如“共收到申请 N 件”）应与统计表中对应的单元格一致。"),
    Rule("text.no_cases", E, C.PROSE, "正文与表格对有无案件的说法矛盾",
         "正文说没有发生行政复议、行政诉讼（或没有收到申请），表格却有数字，或者反过来。请核对后统一。"),
    Rule("meta.year", W, C.DATES, "年份不一致",
         "标题、统计期限和正文中的报告年度应一致。出现往年的年份，常常是沿用了往年的草稿。"),
    Rule("meta.period", W, C.DATES, "统计期限缺失或年份不对",
         "报告通常写明“本报告中所列数据的统计期限自 Y 年 1 月 1 日起至 Y 年 12 月 31 日止”，年份应为报告年度。",
         also=(E,)),
    Rule("meta.deadline", W, C.DATES, "落款日期晚于公布期限",
         "政府部门应在次年 1 月 31 日前、县级以上人民政府应在次年 3 月 31 日前公布年度报告"
         "（2008—2018 年度为次年 3 月 31 日前）。没有落款日期时无法核对是否按时。", also=(INFO,)),
    Rule("history.carry_over", W, C.HISTORY, "上年结转与上年报告不符",
         "今年表三“二、上年结转”每一栏应等于上年报告表三“四、结转下年度继续办理”的同一栏。"),
    Rule("history.repeat", W, C.HISTORY, "与上年报告重复",
         "某部分的文字与上年报告大部分相同（去掉年份和数字后相似度达 50% 以上），评议时会被扣分。"
         "请按本年度实际情况重写。"),
    Rule("history.stated_change", W, C.HISTORY, "同比说法与上年报告不符",
         "正文中“比上年增加/减少 N 件”之类的说法应与上年报告中的数字相符。"),
    Rule("history.t2_stock", INFO, C.HISTORY, "现行有效件数与上年不衔接",
         "一般情况下，今年现行有效件数 ＝ 上年现行有效件数 ＋ 本年制发 － 本年废止；修订、失效等情形会使它不成立，仅作提示。"),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def finding(rule_id: str, message: str, *, severity: Severity | None = None, **keys) -> Finding:
    """A Finding of a catalogued rule, with the rule's severity (or one of the others it may give)."""
    rule = RULES[rule_id]
    if severity is not None and severity not in rule.severities:
        raise ValueError(f"{rule_id} does not give {severity}")
    return Finding(rule_id, severity or rule.severity, message, **keys)
