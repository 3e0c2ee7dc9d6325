"""The real material: seeds as drafts, published 洪泽/淮安 numbers, the real blank template and PDFs."""
from __future__ import annotations

import re
import subprocess

import pytest

from app.engine import check_file
from tests.conftest import SHARED, keys
from tests.fixtures.datasets import hongze_2023, huaian_2024
from tests.fixtures.seeds import seed_data

TEMPLATE = SHARED / "corpus" / "real" / "TEMPLATE_政务公开年报模版_国办2021格式空白模板.docx"
HONGZE_PDF = SHARED / "corpus" / "real" / "洪泽区人民政府_2023年政府信息公开工作年度报告.pdf"


pytestmark = pytest.mark.shared


def _seed(n: int):
    data = seed_data(n)
    assert data is not None, f"seed {n:03d} not in ../shared/corpus"
    return data


@pytest.mark.parametrize("layout", ["draft_plain", "docx_template", "sheets_one_sheet"])
def test_seed_001_2023_draft_is_clean(check, layout):
    result = check(layout, _seed(1))
    assert (result.report.edition, result.report.year) == ("2021", 2023)
    assert result.report.agency == "淄博市人民政府外事办公室"
    assert keys(result.findings, ("error", "warning")) == set()


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table"])
def test_seed_002_2019_draft_gives_no_false_error(check, layout):
    result = check(layout, _seed(2))
    assert (result.report.edition, result.report.year) == ("2019", 2019)
    # Seed 002 really has no “六、其他需要报告的事项”; every other error would be false.
    assert keys(result.findings, ("error",)) == {("section.missing", None, None, None, None, "s6")}
    blanks = [f for f in result.findings if f.rule == "value.blank"]
    assert blanks and all(f.severity == "warning" for f in blanks)
    t4_blanks = {f.col for f in blanks if f.table == "T4"}
    assert t4_blanks == {"after_review_corrected", "after_review_other", "after_review_pending", "after_review_total"}
    assert any(f.rule == "table.structure" and "社会组织" in f.message for f in result.findings)


@pytest.mark.parametrize("n,year", [(0, 2014), (4, 2018)])
def test_2007_era_seeds_cover_the_six_items(check, n, year):
    result = check("draft_plain", _seed(n))
    assert (result.report.edition, result.report.year) == ("2007", year)
    assert keys(result.findings, ("error",)) == set()


def test_seed_003_lacks_application_fee_and_review_items(check):
    result = check("draft_plain", _seed(3))
    assert (result.report.edition, result.report.year) == ("2007", 2008)
    assert keys(result.findings, ("error",)) == {("section.missing", None, None, None, None, key)
                                                 for key in ("l2", "l3", "l4")}
    assert ("meta.period", None, None, None, None, None) in keys(result.findings, ("warning",))


@pytest.mark.parametrize("layout", ["draft_plain", "docx_template", "sheets_per_table", "sheets_one_sheet"])
def test_published_hongze_2023_numbers_give_exactly_the_two_t4_errors(check, layout):
    result = check(layout, hongze_2023())
    assert keys(result.findings, ("error",)) == {("arith.group_total", "T4", "r1", None, "review", "s4"),
                                                 ("arith.group_total", "T4", "r1", None, "after_review", "s4")}
    fixes = {f.col: f.fix.value for f in result.findings if f.rule == "arith.suspect_cell"}
    assert fixes == {"review_total": 11, "after_review_total": 5}


@pytest.mark.parametrize("layout", ["draft_plain", "sheets_per_table"])
def test_published_huaian_2024_numbers_are_consistent(check, layout):
    result = check(layout, huaian_2024())
    assert keys(result.findings, ("error",)) == set()
    t3 = result.report.tables["T3"]
    assert t3.get("r1", "total").value.number == 3119


def test_real_blank_template_is_read_as_the_2021_layout():
    result = check_file(str(TEMPLATE))
    assert result.report.edition == "2021"
    assert set(result.report.sections) == {"s1", "s2", "s3", "s4", "s5", "s6"}
    t3 = result.report.tables["T3"]
    assert len(t3.rows) == 25 and len(t3.cells) == 25 * 7
    assert t3.get("r3_3_1", "natural").cell.where.to_json() == {"docx_table": 1, "row": 7, "col": 3}
    assert len(result.report.tables["T4"].cells) == 15
    assert not [f for f in result.findings if f.severity == "error"]


@pytest.mark.pdftotext
def test_hongze_fixture_matches_the_published_pdf():
    text = subprocess.run(["pdftotext", "-layout", str(HONGZE_PDF), "-"], capture_output=True, text=True).stdout
    t4_line = [line for line in text.splitlines() if re.fullmatch(r"\s*(\d+\s+){14}\d+\s*", line)][-1]
    published = [int(n) for n in t4_line.split()]
    data = hongze_2023()
    order = [f"{g}_{r}" for g in ("review", "direct", "after_review")
             for r in ("upheld", "corrected", "other", "pending", "total")]
    assert [int(data.t4[k]) for k in order] == published
    assert "受理政府信息公开申请 21 件" in text and data.t3[("r1", "total")] == "21"
