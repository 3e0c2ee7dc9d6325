"""Write the bundled sample drafts (resources/samples/): a synthetic 2024 report with three realistic defects."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.data import ReportData, with_cell, without_section  # noqa: E402
from tests.fixtures.datasets import sample_2021  # noqa: E402
from tests.fixtures.docx_builders import write_docx_built  # noqa: E402
from tests.fixtures.xlsx_builders import write_xlsx_per_table  # noqa: E402

SAMPLES_DIR = ROOT / "resources" / "samples"
SAMPLE_STEM = "示例_2024年政府信息公开工作年度报告"


def sample_with_defects() -> ReportData:
    """sample_2021(2024) with a stale T3 row total, a T4 group total left at 0, and section 五 missing."""
    data = sample_2021(year=2024)
    data = with_cell(data, "T3", "r3_1", "total", str(int(data.t3[("r3_1", "total")]) - 1))
    data = with_cell(data, "T4", "r1", "review_total", "0")  # 维持 stays 2
    return without_section(data, "s5")


def write_samples(out_dir: Path) -> list[Path]:
    """Write the sample as .docx and .xlsx (typed values, no formulas) into out_dir; return both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = sample_with_defects()
    docx_path, xlsx_path = out_dir / f"{SAMPLE_STEM}.docx", out_dir / f"{SAMPLE_STEM}.xlsx"
    write_docx_built(data, docx_path)
    write_xlsx_per_table(data, xlsx_path, formulas=False)
    return [docx_path, xlsx_path]


if __name__ == "__main__":
    for path in write_samples(SAMPLES_DIR):
        print(path.relative_to(ROOT))
