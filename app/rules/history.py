"""history.*: this year's report against last year's report of the same agency (W4, W7, W10, §5.5)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import TABLE_SECTION, CellRef, Finding, Severity
from ..formats import editions as E
from ..formats.labels import fmt_number, norm
from ..report.recognise import Report
from ..report.tables import StatCell
from ..report.wording import cell_label
from .rule import Category, Rule

CARRY_OVER = Rule("history.carry_over", Severity.WARNING, Category.HISTORY, "上年结转与上年报告不符",
                  "今年表三“二、上年结转”每一栏应等于上年报告表三“四、结转下年度继续办理”的同一栏。")
REPEAT = Rule("history.repeat", Severity.WARNING, Category.HISTORY, "与上年报告重复",
              "某部分的文字与上年报告大部分相同（去掉年份和数字后相似度达 50% 以上），评议时会被扣分。"
              "请按本年度实际情况重写。")
STATED_CHANGE = Rule("history.stated_change", Severity.WARNING, Category.HISTORY, "同比说法与上年报告不符",
                     "正文中“比上年增加/减少 N 件”之类的说法应与上年报告中的数字相符。")
T2_STOCK = Rule("history.t2_stock", Severity.INFO, Category.HISTORY, "现行有效件数与上年不衔接",
                "一般情况下，今年现行有效件数 ＝ 上年现行有效件数 ＋ 本年制发 － 本年废止；修订、失效等情形会使它不成立，仅作提示。")
RULES = (CARRY_OVER, REPEAT, STATED_CHANGE, T2_STOCK)

REPEAT_THRESHOLD = 0.5  # share of this year's section text found in last year's (contract: ≥ 0.5)
REPEAT_PASSAGE = 8  # characters: a passage this long found in last year's section counts as repeated
REPEAT_MIN_CHARS = 50  # shorter sections (one set sentence such as 未收取信息处理费) are not compared


def check(report: Report, previous: Report) -> list[Finding]:
    """Every history.* finding of `report` against `previous`, last year's report of the same agency."""
    return _carry_over(report, previous) + _t2_stock(report, previous) + _repeat(report, previous) + \
        _stated_change(report, previous)


def _number(report: Report, table: str, row: str, col: str) -> StatCell | None:
    """A statistics cell whose value can be compared: known, and a number or a blank (0)."""
    kt = report.tables.get(table)
    stat = kt.get(row, col) if kt else None
    if stat is None or not stat.known or stat.value.kind == "invalid":
        return None
    return stat


def _n(stat: StatCell) -> str:
    return fmt_number(stat.value.amount)


# ---------------------------------------------------------------- history.carry_over (W7)

def _carry_over(report: Report, previous: Report) -> list[Finding]:
    out = []
    year, last = report.year, previous.year
    for col, label in E.T3_COLUMNS:
        carried_in = _number(report, "T3", "r2", col)
        carried_out = _number(previous, "T3", "r4", col)
        if carried_in is None or carried_out is None or carried_in.value.amount == carried_out.value.amount:
            continue
        out.append(CARRY_OVER.finding(
            f"{year} 年“上年结转”{label} {_n(carried_in)} 件，{last} 年报告“结转下年度继续办理”为 "
            f"{_n(carried_out)} 件，两者应相等（表三“{label}”栏）。",
            section="s3", table="T3", row="r2", col=col, expected=carried_out.value.amount,
            actual=carried_in.value.amount, cells=[carried_in.ref()]))
    return out


# ---------------------------------------------------------------- history.t2_stock (W4)

def _t2_stock(report: Report, previous: Report) -> list[Finding]:
    """现行有效件数(Y) = 现行有效件数(Y−1) + 本年制发(Y) − 本年废止(Y), for editions that have these columns."""
    if report.edition.spec.t2 is not E.T2_2021 or previous.edition.spec.t2 is not E.T2_2021 \
            or any(t2.incomplete for t2 in (report.tables.get("T2"), previous.tables.get("T2")) if t2):
        return []  # a table not read whole is not compared
    out = []
    for row in ("regulations", "normative"):
        now, made, repealed = (_number(report, "T2", row, col) for col in ("in_force", "made", "repealed"))
        before = _number(previous, "T2", row, "in_force")
        if None in (now, made, repealed, before):
            continue
        expected = before.value.amount + made.value.amount - repealed.value.amount
        if now.value.amount == expected:
            continue
        label = next(lbl for key, lbl, _ in E.T2_2021.rows if key == row)
        out.append(T2_STOCK.finding(
            f"表二“{label}”行：{report.year} 年“现行有效件数”为 {_n(now)} 件；{previous.year} 年报告为 {_n(before)} 件，"
            f"加本年制发 {_n(made)} 件、减本年废止 {_n(repealed)} 件，应为 {fmt_number(expected)} 件"
            "（修订、失效等情形会使两者不同，仅作提示）。",
            section="s2", table="T2", row=row, col="in_force", expected=expected, actual=now.value.amount,
            cells=[now.ref()]))
    return out


# ---------------------------------------------------------------- history.repeat (§5.5, §6 row 3)

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")
_NOT_TEXT = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")  # digits, punctuation, spaces: dropped before comparing
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def comparable_text(text: str) -> str:
    """Section text as compared for repetition: no years, numbers, punctuation or spaces."""
    return _NOT_TEXT.sub("", _DIGITS.sub("", _YEAR.sub("", norm(text))))


def repeated_share(text: str, last_year: str, passage: int = REPEAT_PASSAGE) -> float:
    """Share of `text`'s characters lying in a passage of `passage` characters that also occurs in `last_year`.

    Both arguments are comparable_text() forms. This is the 重复率 of a duplicate check: how much of this
    year's section was copied, unaffected by what last year's section said besides.
    """
    if len(text) < passage:
        return 0.0
    seen = {last_year[i:i + passage] for i in range(len(last_year) - passage + 1)}
    covered_to, covered = 0, 0
    for i in range(len(text) - passage + 1):
        if text[i:i + passage] in seen:
            start = max(i, covered_to)
            covered += i + passage - start
            covered_to = i + passage
    return covered / len(text)


def _repeat(report: Report, previous: Report) -> list[Finding]:
    out = []
    for key, hit in report.sections.items():
        if key not in previous.sections:
            continue
        text = comparable_text(report.section_text(key))
        if len(text) < REPEAT_MIN_CHARS:
            continue
        share = repeated_share(text, comparable_text(previous.section_text(key)))
        if share < REPEAT_THRESHOLD:
            continue
        percent = int(share * 100)
        heading = E.SECTION_BY_KEY[key].heading
        out.append(REPEAT.finding(
            f"{report.year} 年报告的“{heading}”有 {percent}% 的文字与 {previous.year} 年报告的同一部分相同"
            "（去掉年份和数字后比较），"
            "评议时会被认为照抄上年报告，请按本年度实际情况重写。",
            section=key, actual=percent, expected=int(REPEAT_THRESHOLD * 100),
            cells=[CellRef.paragraph(hit.paragraph.where)]))
    return out


# ---------------------------------------------------------------- history.stated_change (W10)

@dataclass(frozen=True)
class _Subject:
    """A quantity the prose states with a count, and the table cells that hold it."""

    what: str  # for messages: 收到申请
    pattern: re.Pattern  # the claim; its last group is this year's number
    table: str
    cells: tuple[tuple[str, str], ...]  # (row, col); several are added up (行政诉讼 = two 总计)


_N = r"(?<!\d)(\d{1,15})件"  # a longer digit run is no count (and beyond Python's int conversion limit)
_SUBJECTS = (
    _Subject("收到申请", re.compile(r"(?:收到|受理|新收|接收)[^。；，,]{0,16}?申请[^。；0-9]{0,4}?" + _N), "T3",
             (("r1", "total"),)),
    _Subject("收到申请", re.compile(r"(?:收到|受理|新收|接收)[^。；0-9]{0,8}?" + _N + r"[^。；，,]{0,14}?申请"), "T3",
             (("r1", "total"),)),
    _Subject("办结", re.compile(r"办结[^。；0-9]{0,6}?" + _N), "T3", (("r3_7", "total"),)),
    _Subject("行政复议", re.compile(r"行政复议[^。；0-9]{0,6}?" + _N), "T4", (("r1", "review_total"),)),
    _Subject("行政诉讼", re.compile(r"行政诉讼[^。；0-9]{0,6}?" + _N), "T4",
             (("r1", "direct_total"), ("r1", "after_review_total"))),
    _Subject("行政许可", re.compile(r"行政许可[^。；0-9]{0,8}?" + _N), "T2", (("licensing", "decisions"),)),
    _Subject("行政处罚", re.compile(r"行政处罚[^。；0-9]{0,8}?" + _N), "T2", (("punishment", "decisions"),)),
)
_CHANGE = re.compile(
    r"(?:(?:比|较|相比|与)(?:上年|上一年|去年|上年度|上一年度|(?P<year>(?:19|20)\d{2})年度?)(?:同期)?(?:相比)?|同比)"
    r",?(?:(?P<dir>增加|增长|减少|下降|上升|多|少)了?(?P<n>\d+(?:\.\d+)?)(?P<unit>件|%|个百分点)"
    r"|(?P<flat>持平|相同|一致))")
_UP = ("增加", "增长", "上升", "多")
_GAP = 12  # at most this many characters (and one comma) between the stated count and 比上年…


@dataclass(frozen=True)
class _Claim:
    subject: _Subject
    said: int  # this year's number as the sentence states it
    change: float  # the stated change, signed (increase > 0)
    percent: bool
    decimals: int  # of the stated change, for the rounding allowed
    quote: str


def _claims(text: str, last_year: int | None) -> list[_Claim]:
    """Year-over-year statements in a paragraph, each tied to the count stated just before it."""
    out = []
    for sentence in re.split(r"[。；;！!？?]", text):
        start = 0
        for m in _CHANGE.finditer(sentence):
            if m.group("year") and int(m.group("year")) != last_year:
                start = m.end()
                continue
            if m.group("unit") == "个百分点":
                start = m.end()
                continue
            segment = sentence[start:m.start()]
            start = m.end()
            claim = _last_claim(segment)
            if claim is None:
                continue
            subject, said, claim_start, claim_end = claim
            gap = segment[claim_end:]
            if len(gap) > _GAP or gap.count(",") > 1:
                continue
            if m.group("flat"):
                change, percent, decimals = 0.0, False, 0
            else:
                n = m.group("n")
                change = float(n) * (1 if m.group("dir") in _UP else -1)
                percent = m.group("unit") == "%"
                decimals = len(n.split(".")[1]) if "." in n else 0
                if not percent and decimals:
                    continue
            quote = (segment[claim_start:] + m.group(0)).replace(",", "，")
            out.append(_Claim(subject, said, change, percent, decimals, quote))
    return out


def _last_claim(segment: str) -> tuple[_Subject, int, int, int] | None:
    """The stated count nearest the end of a segment: (subject, number, claim start, claim end)."""
    best = None
    for subject in _SUBJECTS:
        for m in subject.pattern.finditer(segment):
            if "上年结转" in segment[max(0, m.start() - 6):m.end()]:
                continue
            if best is None or m.end() > best[3] or (m.end() == best[3] and m.start() > best[2]):
                best = (subject, int(m.group(m.lastindex)), m.start(), m.end())
    return best


def _cells(report: Report, subject: _Subject) -> list[StatCell] | None:
    stats = [_number(report, subject.table, row, col) for row, col in subject.cells]
    return None if None in stats else stats


def _change_text(change: float, percent: bool) -> str:
    if change == 0:
        return "持平"
    amount = fmt_number(abs(change))
    return f"{'增加' if change > 0 else '减少'} {amount}{'%' if percent else ' 件'}"


def _stated_change(report: Report, previous: Report) -> list[Finding]:
    out = []
    seen: set[str] = set()
    for p in report.draft.paragraphs:
        text = norm(p.text)
        if "上年" not in text and "去年" not in text and "同比" not in text and str(previous.year) not in text:
            continue
        for claim in _claims(text, previous.year):
            now, before = _cells(report, claim.subject) or [], _cells(previous, claim.subject)
            if before is None or claim.quote in seen:
                continue
            last = sum(s.value.amount for s in before)
            if claim.percent:
                if last == 0:
                    continue
                true_change = round((claim.said - last) / last * 100, max(claim.decimals, 1))
                agrees = abs(true_change - claim.change) < 10 ** -claim.decimals
            else:
                true_change = claim.said - last
                agrees = true_change == claim.change
            if agrees:
                continue
            seen.add(claim.quote)
            where = "、".join(cell_label(s, previous.edition) for s in before)
            block = report.draft.blocks.index(p)
            out.append(STATED_CHANGE.finding(
                f"正文说“{claim.quote}”：{report.year} 年{claim.subject.what} {claim.said} 件，"
                f"{previous.year} 年报告{where}为 {fmt_number(last)} 件，"
                f"实际{_change_text(true_change, claim.percent)}。",
                section=report.section_of_block(block) or TABLE_SECTION[claim.subject.table],
                table=claim.subject.table, row=claim.subject.cells[0][0],
                col=claim.subject.cells[0][1] if len(claim.subject.cells) == 1 else None,
                expected=true_change, actual=claim.change, subject=claim.quote,
                cells=[CellRef.paragraph(p.where)] + [s.ref() for s in now]))
    return out
