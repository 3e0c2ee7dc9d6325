"""history.*: this year's draft against last year's report — carry-over, 现行有效件数, repeated text, 比上年 claims."""
from __future__ import annotations

import copy
import re
import shutil
import subprocess

import pytest

from app.engine import compare_with_previous, link_history
from app.findings import DocxCell, DocxParagraph
from app.pairing import find_previous, same_agency
from app.rules import history
from app.rules.history import comparable_text, repeated_share
from tests.conftest import SHARED, check_draft_result
from tests.fixtures.data import with_cell
from tests.fixtures.datasets import sample_2007, sample_2019, sample_2021
from tests.fixtures.drafts import built_draft


@pytest.fixture
def pair(check):
    """pair(this_year_data, last_year_data) → the history findings of the first against the second."""
    def run(this, last, layout="draft_plain"):
        now = check(layout, this, f"draft_{this.year}")
        before = check(layout, last, f"draft_{last.year}_prev")
        return history.check(now.report, before.report)
    return run


def rules(findings) -> set[tuple]:
    return {(f.rule, f.section, f.table, f.row, f.col) for f in findings}


def with_s1_sentence(data, old: str, new: str):
    changed = copy.deepcopy(data)
    s1 = changed.sections[0][1]
    i = next(i for i, p in enumerate(s1) if old in p)
    s1[i] = s1[i].replace(old, new)
    return changed


def rewritten(data):
    """Last year's text replaced by other wording in 一, 五 and 六 (so nothing repeats)."""
    changed = copy.deepcopy(data)
    changed.sections[0] = (changed.sections[0][0], [
        "本年度我局以制度建设为主线，修订信息发布审核办法，建立公开属性源头认定机制。",
        "（一）主动公开。新增惠企政策专栏，集中发布涉企收费目录和办事指南。",
        "（二）依申请公开。全年共收到政府信息公开申请12件，上年结转1件，办结12件，结转下年度继续办理1件。"])
    changed.sections[4] = (changed.sections[4][0], [
        "问题在于基层人员流动较大，答复文书规范性不足。今后将编制答复范本，实行跟班学习，逐步提高办理质量。"])
    changed.sections[5] = (changed.sections[5][0], ["1.本机关未收取政府信息公开信息处理费。"])
    return changed


# ---------------------------------------------------------------- history.carry_over (W7)

def test_carry_over_names_both_years_values_per_column(pair):
    this = with_cell(with_cell(sample_2021(2024), "T3", "r2", "natural", "3"), "T3", "r2", "total", "3")
    found = [f for f in pair(rewritten(this), sample_2021(2023)) if f.rule == "history.carry_over"]
    assert [f.message for f in found] == [
        "2024 年“上年结转”自然人 3 件，2023 年报告“结转下年度继续办理”为 1 件，两者应相等（表三“自然人”栏）。",
        "2024 年“上年结转”总计 3 件，2023 年报告“结转下年度继续办理”为 1 件，两者应相等（表三“总计”栏）。"]
    first = found[0]
    assert (first.severity, first.section, first.table, first.row, first.col) == ("warning", "s3", "T3", "r2", "natural")
    assert (first.expected, first.actual) == (1, 3)
    assert isinstance(first.cells[0].where, DocxCell)


def test_carry_over_holds_when_last_years_carried_out_is_this_years_carried_in(pair):
    assert not [f for f in pair(rewritten(sample_2021(2024)), sample_2021(2023)) if f.rule == "history.carry_over"]


def test_no_carry_over_against_a_2007_era_report_without_the_table(pair):
    this = with_cell(sample_2021(2019), "T3", "r2", "natural", "5")
    assert not [f for f in pair(this, sample_2007(2018)) if f.rule == "history.carry_over"]


# ---------------------------------------------------------------- history.t2_stock (W4)

def test_t2_stock_is_an_info_naming_last_years_stock_and_this_years_flows(pair):
    found = [f for f in pair(rewritten(sample_2021(2024)), sample_2021(2023)) if f.rule == "history.t2_stock"]
    assert [f.message for f in found] == [
        "表二“行政规范性文件”行：2024 年“现行有效件数”为 25 件；2023 年报告为 25 件，加本年制发 3 件、减本年废止 1 件，"
        "应为 27 件（修订、失效等情形会使两者不同，仅作提示）。"]
    assert (found[0].severity, found[0].table, found[0].row, found[0].col) == ("info", "T2", "normative", "in_force")
    assert (found[0].expected, found[0].actual) == (27, 25)


def test_t2_stock_holds_and_is_skipped_across_the_2019_trial_format(pair):
    this = with_cell(rewritten(sample_2021(2024)), "T2", "normative", "in_force", "27")
    assert not [f for f in pair(this, sample_2021(2023)) if f.rule == "history.t2_stock"]
    assert not [f for f in pair(rewritten(sample_2021(2021)), sample_2019(2020)) if f.rule == "history.t2_stock"]


# ---------------------------------------------------------------- history.repeat (§5.5)

def test_repeated_share_is_the_part_of_this_years_text_in_passages_found_last_year():
    assert repeated_share("甲乙丙丁戊己庚辛壬癸", "甲乙丙丁戊己庚辛子丑") == pytest.approx(0.8)
    assert repeated_share("甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉") == 0
    assert repeated_share("甲乙丙丁戊己庚辛壬癸", "子丑甲乙丙丁戊己庚辛壬癸寅") == 1
    assert repeated_share("甲乙丙", "甲乙丙") == 0  # shorter than one passage: nothing can be said


def test_years_numbers_and_punctuation_are_left_out_before_comparing():
    assert comparable_text("2023年，全年收到申请12件（同比增长3.5%）。") == "全年收到申请件同比增长"
    assert comparable_text("2024 年度：全年收到申请 9 件（同比增长 1.2%）！") == "全年收到申请件同比增长"


def test_a_report_that_only_changed_years_and_numbers_repeats_every_long_section(pair):
    found = [f for f in pair(sample_2021(2024), sample_2021(2023)) if f.rule == "history.repeat"]
    assert {f.section for f in found} == {"s1", "s5", "s6"}
    s5 = next(f for f in found if f.section == "s5")
    assert s5.message == ("2024 年报告的“五、存在的主要问题及改进情况”有 100% 的文字与 2023 年报告的同一部分相同"
                          "（去掉年份和数字后比较），评议时会被认为照抄上年报告，请按本年度实际情况重写。")
    assert (s5.severity, s5.actual, s5.expected) == ("warning", 100, 50)
    assert isinstance(s5.cells[0].where, DocxParagraph)


def test_rewritten_sections_and_one_line_sections_are_not_repeats(pair):
    assert not [f for f in pair(rewritten(sample_2021(2024)), sample_2021(2023)) if f.rule == "history.repeat"]


def test_half_copied_section_gives_its_percentage(pair):
    this = rewritten(sample_2021(2024))
    last = sample_2021(2023)
    this.sections[4] = (this.sections[4][0], [last.sections[4][1][0],
                                              "今后将编制答复范本，实行跟班学习，逐步提高依申请公开办理质量。"])
    found = [f for f in pair(this, last) if f.rule == "history.repeat"]
    assert [f.section for f in found] == ["s5"]
    assert 55 <= found[0].actual <= 75 and f"有 {found[0].actual}% 的文字" in found[0].message


# ---------------------------------------------------------------- history.stated_change (W10)

RECEIVED = "全年共收到政府信息公开申请12件"


def stated(pair, claim: str, last=None, this=None):
    data = with_s1_sentence(rewritten(this or sample_2021(2024)), RECEIVED, RECEIVED + claim)
    return [f for f in pair(data, last or sample_2021(2023)) if f.rule == "history.stated_change"]


def test_a_wrong_change_names_both_years_values_and_the_true_change(pair):
    found = stated(pair, "，比上年增加了2件")
    assert [f.message for f in found] == [
        "正文说“收到政府信息公开申请12件，比上年增加了2件”：2024 年收到申请 12 件，2023 年报告表三"
        "“一、本年新收政府信息公开申请数量”行“总计”栏为 12 件，实际持平。"]
    f = found[0]
    assert (f.severity, f.section, f.table, f.row, f.col, f.expected, f.actual) == \
        ("warning", "s1", "T3", "r1", "total", 0, 2)
    assert isinstance(f.cells[0].where, DocxParagraph) and f.cells[1].row == "r1"


def test_true_changes_are_silent(pair):
    last_8 = with_cell(sample_2021(2023), "T3", "r1", "total", "8")
    assert stated(pair, "，与上年持平") == []
    assert stated(pair, "，比上年增加4件", last=last_8) == []
    assert stated(pair, "，同比增长50%", last=last_8) == []
    assert stated(pair, "，比2023年增加4件", last=last_8) == []


def test_percentages_and_decreases_are_checked(pair):
    last_8 = with_cell(sample_2021(2023), "T3", "r1", "total", "8")
    assert [f.message.split("”：")[1] for f in stated(pair, "，同比增长40%", last=last_8)] == [
        "2024 年收到申请 12 件，2023 年报告表三“一、本年新收政府信息公开申请数量”行“总计”栏为 8 件，实际增加 50%。"]
    assert [f.message.rsplit("，", 1)[1] for f in stated(pair, "，较上年减少3件", last=last_8)] == ["实际增加 4 件。"]


def test_claims_about_other_years_or_other_things_are_left_alone(pair):
    assert stated(pair, "，比2022年增加2件") == []  # not last year's report
    assert stated(pair, "，均在法定期限内答复，网站发布信息比上年增加300件") == []  # not about the applications


def test_review_cases_are_compared_with_last_years_table_four(pair):
    this = rewritten(sample_2021(2024))
    this.sections[0][1].append("本年度被申请行政复议2件，比上年增加1件。")
    last = with_cell(sample_2021(2023), "T4", "r1", "review_total", "1")
    assert [f for f in pair(this, last) if f.rule == "history.stated_change"] == []
    found = [f for f in pair(this, sample_2021(2023)) if f.rule == "history.stated_change"]
    assert [(f.table, f.col, f.expected, f.actual) for f in found] == [("T4", "review_total", 0, 1)]


# ---------------------------------------------------------------- pairing

@pytest.mark.parametrize("a, b, same", [
    ("示例市生态环境局", "示例市生态环境局", True),
    ("示例市 生态环境局", "示例市生态环境局", True),
    ("淮安市洪泽区人民政府", "洪泽区人民政府", True),  # the real 2023/2024 pair of ../shared/corpus
    ("江苏省淮安市洪泽区人民政府", "淮安市洪泽区人民政府", True),
    ("阳泉市城区人民政府", "晋城市城区人民政府", False),
    ("示例市教育局", "示例市体育局", False),
    ("示例市教育局", "教育局", False),  # no place left to tell which 教育局
    ("淄博市人民政府外事办公室", "淄博市外事办公室", False),
    (None, "示例市教育局", False),
])
def test_same_agency(a, b, same):
    assert same_agency(a, b) is same and same_agency(b, a) is same


@pytest.fixture
def years(tmp_path):
    """years(2022, 2024, …) → FileResults of one agency's clean drafts for those years (a copy per repeat), checked
    in memory as the .docx in tmp_path they stand for."""
    def make(*wanted):
        return [check_draft_result(built_draft(rewritten(sample_2021(year)), path=str(tmp_path / f"d{i}_{year}.docx")))
                for i, year in enumerate(wanted)]
    return make


def test_pairs_only_consecutive_years_and_only_one_candidate(years):
    y22, y24 = years(2022, 2024)
    assert find_previous(y24, [y22, y24]) is None
    a23, b23, y24 = years(2023, 2023, 2024)
    assert find_previous(y24, [a23, b23, y24]) is None  # two drafts for last year: which one is meant is unknown
    a23, y24 = years(2023, 2024)
    assert find_previous(y24, [a23, y24]) is a23


def test_a_copy_made_by_this_tool_does_not_make_last_year_ambiguous(years, tmp_path):
    a23, copy23, y24 = years(2023, 2023, 2024)
    copy23.file = str(tmp_path / "d1_2023（批注版）.docx")
    assert find_previous(y24, [a23, copy23, y24]) is a23


def test_link_history_prefers_the_given_report_and_is_idempotent(years):
    a23, b23, y24 = years(2023, 2023, 2024)
    link_history([y24], given=b23)
    assert y24.previous == b23.file
    before = [f.key for f in y24.findings]
    compare_with_previous(y24, b23)
    assert [f.key for f in y24.findings] == before  # comparing again replaces, never adds
    assert link_history([y24], given=years(2021)[0])  # why the 2021 report was not used
    assert y24.previous is None and not [f for f in y24.findings if f.rule.startswith("history.")]


def test_check_file_compares_with_last_years_report_given_as_a_path_or_a_result(tmp_path):
    from app.engine import check_file
    from tests.conftest import build
    last, this, other = (str(build("docx_plain", sample_2021(year), tmp_path, f"r{year}")) for year in (2023, 2024, 2022))
    by_path, by_result = check_file(this, last), check_file(this, check_file(last))
    assert by_path.previous == by_result.previous == last
    assert [f.key for f in by_path.findings] == [f.key for f in by_result.findings]
    assert any(f.rule.startswith("history.") for f in by_path.findings)
    not_last = check_file(this, other)  # 2022 is not the year before 2024: no history findings
    assert not_last.previous is None and [f.key for f in not_last.findings] == [f.key for f in check_file(this).findings]


# ---------------------------------------------------------------- the real pair in ../shared/corpus

def _pdf_sections(path) -> dict[str, str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    sections, current = {}, None
    for line in (s.strip() for s in re.sub(r"-\d+-", "", text).splitlines()):
        m = re.match(r"^([一二三四五六])、", line)
        if m and len(line) < 30:
            current = m.group(1)
            sections[current] = ""
        elif current and line:
            sections[current] += line
    return sections


def test_real_2024_report_copies_about_half_of_its_2023_overview():
    real = SHARED / "corpus" / "real"
    this, last = real / "淮安市洪泽区人民政府_2024年政府信息公开工作年度报告.pdf", real / "洪泽区人民政府_2023年政府信息公开工作年度报告.pdf"
    if not (this.exists() and last.exists() and shutil.which("pdftotext")):
        pytest.skip("the real 洪泽区 reports (../shared/corpus) or pdftotext are not here")
    now, before = _pdf_sections(this), _pdf_sections(last)
    other = _pdf_sections(real / "淮安市人民政府_2024年政府信息公开工作年度报告.pdf")
    share = {k: repeated_share(comparable_text(now[k]), comparable_text(before[k])) for k in ("一", "五")}
    assert 0.45 < share["一"] < 0.6  # its （一）（三）（四） paragraphs are last year's, nearly word for word
    assert 0.35 < share["五"] < 0.5  # its 下一步 measures are, its problems are not
    # another agency of the same city: only the set phrases every report shares (坚持以…为指导, 党中央国务院…)
    assert repeated_share(comparable_text(now["一"]), comparable_text(other["一"])) < 0.25
