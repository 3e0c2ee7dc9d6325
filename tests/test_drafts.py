"""The in-memory drafts the rule tests check are the drafts the .docx reader gives for the same data on file."""
from __future__ import annotations

import pytest

from app.draft.docx_reader import read_docx
from app.draft.model import Draft, Table
from app.draft.xlsx_reader import read_xlsx
from tests.fixtures.data import with_cell, without_section
from tests.fixtures.datasets import sample_2007, sample_2019, sample_2021
from tests.fixtures.docx_builders import write_docx_2007, write_docx_built
from tests.fixtures.drafts import DOCX_DRAFT_LAYOUTS, XLSX_DRAFT_LAYOUTS, built_draft, chinese_count
from tests.fixtures.xlsx_builders import write_xlsx_one_sheet, write_xlsx_per_table

DATASETS = {
    "2021": sample_2021,
    "2019": sample_2019,
    "2021_without_s2": lambda: without_section(sample_2021(), "s2"),
    "2021_blank_cell": lambda: with_cell(sample_2021(), "T3", "r3_1", "natural", None),
    "2021_wrong_totals": lambda: with_cell(with_cell(sample_2021(), "T3", "r3_1", "total", "7"), "T4", "r1",
                                           "review_total", "0"),
}


def shape(draft: Draft) -> list:
    """Everything the recogniser reads of a draft, merged cells as the index of their first slot."""
    out = []
    for block in draft.blocks:
        if isinstance(block, Table):
            first: dict[int, int] = {}
            out.append((block.source, [[(first.setdefault(id(c), len(first)), c.text, c.where, c.row, c.col,
                                         c.formula, c.computed) for c in row] for row in block.grid]))
        else:
            out.append((block.text, block.where, block.heading_level, block.bold, block.list_number))
    return out


XLSX_WRITERS = {
    "sheets_per_table": write_xlsx_per_table,
    "sheets_per_table_values": lambda data, path: write_xlsx_per_table(data, path, formulas=False),
    "sheets_one_sheet": write_xlsx_one_sheet,
}


@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize("layout", list(DOCX_DRAFT_LAYOUTS))
def test_a_built_draft_is_what_the_reader_gives_for_the_file(tmp_path, layout, dataset):
    data = DATASETS[dataset]()
    path = tmp_path / "draft.docx"
    write_docx_built(data, path, **DOCX_DRAFT_LAYOUTS[layout])
    assert shape(built_draft(data, layout)) == shape(read_docx(str(path)))


@pytest.mark.parametrize("dataset", list(DATASETS))
@pytest.mark.parametrize("layout", list(XLSX_DRAFT_LAYOUTS))
def test_a_built_workbook_is_what_the_reader_gives_for_the_file(tmp_path, layout, dataset):
    data = DATASETS[dataset]()
    path = tmp_path / "draft.xlsx"
    XLSX_WRITERS[layout](data, path)
    assert shape(built_draft(data, layout, path=str(path))) == shape(read_xlsx(str(path)))



def test_a_2007_draft_is_prose_only_as_on_file(tmp_path):
    path = tmp_path / "draft.docx"
    write_docx_2007(sample_2007(), path)
    assert shape(built_draft(sample_2007(), "draft_plain")) == shape(read_docx(str(path)))


def test_chinese_counting_is_words_numbers():
    assert [chinese_count(n) for n in (1, 9, 10, 11, 20, 35)] == ["一", "九", "十", "十一", "二十", "三十五"]
