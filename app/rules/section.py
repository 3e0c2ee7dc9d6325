"""section.*: mandatory sections present, in order, officially titled, filled in, and listed by the preamble."""
from __future__ import annotations

import re

from ..findings import CellRef, Finding, InsertSection, Severity
from ..formats import editions as E
from ..formats.labels import norm
from ..report.recognise import Report, title_is_accepted
from .rule import Category, Rule

MISSING = Rule("section.missing", Severity.ERROR, Category.STRUCTURE, "缺少必备部分",
               "年度报告必须包含格式规定的全部部分（2021 年版为一至六部分）。缺少的部分要补写；"
               "确实没有内容的，也应保留标题并写明“无”或相关情况。", also=(Severity.WARNING,))
ORDER = Rule("section.order", Severity.WARNING, Category.STRUCTURE, "部分顺序不对",
             "各部分应按规定的顺序排列（一、总体情况……六、其他需要报告的事项）。请把该部分移到规范位置。")
TITLE = Rule("section.title", Severity.WARNING, Category.STRUCTURE, "标题与规范写法不一致",
             "各部分标题应使用格式规定的写法和序号，便于上级和社会公众对照查阅。请改为规范标题。")
INTRO_PARTS = Rule("section.intro_parts", Severity.WARNING, Category.STRUCTURE, "导语所列部分与正文不符",
                   "导语中“本报告由……等部分组成”的说法应与正文实际包含的部分一致，常见错误是写“六部分”却少列一部分。", place="导语（本报告由……部分组成）")
CONTENT = Rule("section.content", Severity.WARNING, Category.STRUCTURE, "部分内容不完整",
               "该部分还是占位文字，或缺少应写的内容（如“六、其他需要报告的事项”应说明信息处理费收取情况）。")
RULES = (MISSING, ORDER, TITLE, INTRO_PARTS, CONTENT)

_CN_NUMBERS = "一二三四五六"


def _where(hit) -> list[CellRef]:
    return [CellRef.paragraph(hit.paragraph.where)]


def _missing(report: Report) -> list[Finding]:
    out = []
    for spec in report.edition.spec.sections:
        if spec.key in report.sections:
            continue
        if report.edition.spec.coverage_only:
            sev = Severity.ERROR if spec.required else Severity.WARNING
            msg = (f"没有找到条例（2007）第三十二条要求报告的“{spec.title}”。"
                   if spec.required else f"没有找到“{spec.title}”部分（通常用于说明其他需要报告的事项）。")
            out.append(MISSING.finding(msg, severity=sev, section=spec.key))
            continue
        out.append(MISSING.finding(f"缺少必备部分“{spec.heading}”。", section=spec.key,
                                   fix=InsertSection(spec.key, spec.heading)))
    return out


def _order_and_titles(report: Report) -> list[Finding]:
    out = []
    if report.edition.spec.coverage_only:
        return out
    keys = [h.key for h in report.section_order]
    for hit in report.section_order:
        spec = E.SECTION_BY_KEY[hit.key]
        idx = keys.index(hit.key)
        if any(E.SECTION_BY_KEY[k].position > spec.position for k in keys[:idx]):
            out.append(ORDER.finding(
                f"“{hit.paragraph.text.strip()}”位置不对：应为第{spec.number}部分，排在前面各部分之后。",
                section=hit.key, cells=_where(hit)))
        if re.match(r"^[(（]", norm(hit.paragraph.text)):  # the part opens with its sub-headings
            out.append(TITLE.finding(
                f"没有“{spec.heading}”标题，该部分从小标题“{hit.paragraph.text.strip()}”开始；"
                "请补上规范标题。", section=hit.key, cells=_where(hit)))
        elif not title_is_accepted(hit.key, hit.title):
            out.append(TITLE.finding(
                f"标题“{hit.paragraph.text.strip()}”与规范写法“{spec.heading}”不一致。",
                section=hit.key, cells=_where(hit)))
        number = re.match(r"^([一二三四五六七八九十]{1,3})[.、]", norm(hit.paragraph.text))
        renumbered = number and _CN_NUMBERS.find(number.group(1)) == idx  # sequential, a section is missing
        if number and number.group(1) != spec.number and number.group(1) in _CN_NUMBERS and not renumbered:
            out.append(TITLE.finding(
                f"“{hit.paragraph.text.strip()}”的序号应为“{spec.number}、”。",
                section=hit.key, cells=_where(hit), subject="序号"))
    return out


def _content(report: Report) -> list[Finding]:
    """Soft checks of what a section must say (report-formats.md §2.1)."""
    out = []
    pending = [k for k in report.sections if E.PLACEHOLDER in report.section_text(k)]
    for key in pending:
        out.append(CONTENT.finding(
            f"“{E.SECTION_BY_KEY[key].heading}”还是占位文字“{E.PLACEHOLDER}”，请填写本部分内容。",
            section=key, cells=_where(report.sections[key])))
    if report.edition.spec.fee_note_required and "s6" in report.sections and "s6" not in pending \
            and not re.search("处理费|收费|收取.{0,8}费", norm(report.section_text("s6"))):
        out.append(CONTENT.finding(
            "“六、其他需要报告的事项”未说明信息处理费收取情况（未收取也应写明）。", section="s6"))
    if "s5" in report.sections and "s5" not in pending and not report.edition.spec.coverage_only:
        text = report.section_text("s5")
        if text and not re.search(r"改进|整改|措施|下一步|加强|提升|完善", text):
            out.append(CONTENT.finding("“五、存在的主要问题及改进情况”只写了问题，没有写改进措施。",
                                       section="s5"))
    return out


# ---------------------------------------------------------------- section.intro_parts

_INTRO_LIST = re.compile(r"(?:全文|报告)?(?:包括|包含|由|分为)(?P<list>[^。]{6,220}?)(?:等|共)?"
                         r"(?P<n>[一二三四五六七八九十两\d]{1,2})(?:个)?(?:部分|方面)|全文(?:包括|包含)(?P<open>[^。]{6,220})")
_PART_WORDS = {"s1": "总体情况|概述|概况|基本情况", "s2": "主动公开", "s3": "(?:收到|处理|办理)[^.,，、]{0,8}申请|依申请",
               "s4": "复议|诉讼", "s5": "问题|改进", "s6": "其他需要报告|其他事项|其他需要说明"}
_CN_COUNT = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


def _intro_parts(report: Report) -> list[Finding]:
    """The preamble's “本报告由……六部分组成” against the parts the body has (report-formats.md §5.5)."""
    if report.edition.spec.coverage_only or not report.section_order:
        return []
    first = report.section_order[0].block
    for block in report.draft.blocks[:first]:
        m = _INTRO_LIST.search(norm(getattr(block, "text", ""))[:1000])  # the list is a sentence of the preamble
        if m:
            break
    else:
        return []
    listed = m.group("list") or m.group("open")
    named = [key for key, words in _PART_WORDS.items() if re.search(words, listed)]
    if len(named) < 3:
        return []  # not a list of the report's parts
    declared = m.group("n")
    count = _CN_COUNT.get(declared) if declared and not declared.isdigit() else (int(declared) if declared else None)
    present = set(report.sections)
    problems = []
    if count is not None and count != len(named):
        problems.append(f"说{declared}部分，却只列出了 {len(named)} 个部分")
    if absent := [k for k in E.SECTIONS_MODERN if k.key in present and k.key not in named]:
        problems.append("没有列出正文中的" + "、".join(f"“{k.heading}”" for k in absent))
    if extra := [k for k in E.SECTIONS_MODERN if k.key in named and k.key not in present]:
        problems.append("列出的" + "、".join(f"“{k.title}”" for k in extra) + "正文中没有")
    if not problems:
        return []
    said = m.group(0) if len(m.group(0)) <= 60 else m.group(0)[:60] + "…"
    return [INTRO_PARTS.finding(f"导语“{said}”与正文不符：{'；'.join(problems)}。",
                                cells=[CellRef.paragraph(block.where)])]


def check(report: Report) -> list[Finding]:
    """Every section.* finding but the preamble's list of parts (check_preamble)."""
    return _missing(report) + _order_and_titles(report) + _content(report)


def check_preamble(report: Report) -> list[Finding]:
    return _intro_parts(report)
