"""Published reports as PDFs: the text layer read into the same Draft, ruled tables as cells, a table continued on
the next page joined, page furniture left out; a PDF that cannot be read is refused with the reason."""
import json

import pytest

from app.engine import check_file
from app.findings import PdfCell, PdfParagraph
from app.report.wording import file_place
from tests.fixtures.command_line import run_app
from tests.fixtures.datasets import hongze_2023, huaian_2024, sample_2019, sample_2021
from tests.fixtures.docx_builders import write_docx_built
from tests.fixtures.printed_pdfs import needs_pymupdf, print_to_pdf, scanned_pdf, text_pdf, without_unicode_maps
from tests.fixtures.seeds import seed_data
from tests.fixtures.third_party import (
    DERIVED_PAGES,
    PUBLISHED_PDFS,
    REAL_DIR,
    derived_report,
    needs_pdf2docx,
    needs_real,
    needs_soffice,
    published_tables,
)
from tests.fixtures.web_pages import print_view
from tests.test_real_layouts import HONGZE_2023_ERRORS, SECTIONS, assert_tables_read, errors


def keys(result) -> set[tuple]:
    return {(f.rule, f.severity.value, f.section, f.table, f.row, f.col, f.group) for f in result.findings}


# ---------------------------------------------------------------- the real published PDFs, read directly

@needs_real
@pytest.mark.parametrize("key", list(PUBLISHED_PDFS))
def test_published_pdf_is_read_whole(key):
    result = check_file(str(REAL_DIR / PUBLISHED_PDFS[key]))
    assert result.error is None
    assert (result.report.edition, result.report.year) == ("2021", int(key[-4:]))
    assert set(result.report.sections) == SECTIONS
    assert errors(result) == (HONGZE_2023_ERRORS if key == "洪泽2023" else set())
    assert_tables_read(result, published_tables(key))
    t3 = result.report.tables["T3"]
    assert t3.table.breaks  # 表三 runs over two pages: two pieces joined as a Word table broken over pages is
    first, last = t3.get("r1", "total").cell.where, t3.get("r4", "total").cell.where
    assert isinstance(first, PdfCell) and (last.page, last.table) == (first.page + 1, first.table + 1)
    assert not [f for f in result.findings if f.rule in ("table.incomplete", "section.missing", "meta.contact",
                                                         "section.title", "meta.title")]
    text = result.report.draft.full_text()
    assert "-1-" not in text.replace(" ", "") and "- 2 -" not in text  # page numbers left out


@needs_real
def test_hongze_2023_errors_point_at_the_pdf_cells():
    result = check_file(str(REAL_DIR / PUBLISHED_PDFS["洪泽2023"]))
    fixes = {f.col: f.fix.value for f in result.findings if f.rule == "arith.suspect_cell"}
    assert fixes == {"review_total": 11, "after_review_total": 5}
    total = result.report.tables["T4"].get("r1", "review_total").cell.where
    assert total.to_json() == {"pdf_page": 4, "pdf_table": total.table, "row": 3, "col": 4}
    assert file_place(total) == "PDF 第 4 页表格第 4 行第 5 列"


@needs_real
@needs_pdf2docx
@pytest.mark.parametrize("key", list(PUBLISHED_PDFS))
def test_published_pdf_gives_the_findings_of_its_word_conversion(published_docx, key):
    """Read directly, the PDF says what the engine says of the same PDF converted to Word by pdf2docx."""
    assert keys(check_file(str(REAL_DIR / PUBLISHED_PDFS[key]))) == keys(check_file(str(published_docx[key])))


# ---------------------------------------------------------------- pages and drafts printed to PDF by LibreOffice

PRINTED = {
    "洪泽2023-page": lambda d: _page(hongze_2023(), d / "洪泽2023-page.html"),
    "淮安2024-page": lambda d: _page(huaian_2024(), d / "淮安2024-page.html"),
    "2019-page": lambda d: _page(sample_2019(), d / "2019-page.html"),
    "2021-docx": lambda d: write_docx_built(sample_2021(), d / "2021-docx.docx", split_t3=True) or d / "2021-docx.docx",
    "洪泽2023-docx": lambda d: write_docx_built(hongze_2023(), d / "洪泽2023-docx.docx") or d / "洪泽2023-docx.docx",
}


def _page(data, path):
    path.write_text(print_view(data), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def printed(tmp_path_factory) -> dict[str, tuple]:
    """name → (source page or draft, its PDF printed by LibreOffice), all printed in one soffice run."""
    folder = tmp_path_factory.mktemp("printed")
    sources = {name: make(folder) for name, make in PRINTED.items()}
    pdfs = print_to_pdf(list(sources.values()), folder / "pdf")
    return {name: (src, pdfs[src]) for name, src in sources.items()}


@pytest.fixture(scope="session")
def real_printed(tmp_path_factory) -> list[tuple]:
    """(source, its PDF printed by LibreOffice) for the real reports' texts: the derived pages and the seeds as
    drafts, printed in one soffice run."""
    folder = tmp_path_factory.mktemp("real_printed")
    sources = [_page(derived_report(key), folder / f"{key}.html") for key in DERIVED_PAGES]
    sources += [write_docx_built(seed_data(n), folder / f"seed{n}.docx") or folder / f"seed{n}.docx" for n in (1, 2, 3)]
    pdfs = print_to_pdf(sources, folder / "pdf")
    return [(src, pdfs[src]) for src in sources]


@needs_soffice
@pytest.mark.parametrize("name", list(PRINTED))
def test_printed_pdf_says_what_its_source_says(printed, name):
    source, pdf = printed[name]
    on_paper, original = check_file(str(pdf)), check_file(str(source))
    assert on_paper.error is None
    assert keys(on_paper) == keys(original)
    assert (on_paper.report.year, on_paper.report.agency) == (original.report.year, original.report.agency)
    wheres = [c.where for f in on_paper.findings for c in f.cells]
    assert all(isinstance(w, (PdfCell, PdfParagraph)) for w in wheres)


@needs_real
@needs_soffice
def test_real_texts_printed_no_false_error(real_printed):
    assert len(real_printed) == len(DERIVED_PAGES) + 3
    for source, pdf in real_printed:
        on_paper, original = check_file(str(pdf)), check_file(str(source))
        assert on_paper.error is None, source.name
        assert errors(on_paper) == errors(original), source.name
        assert keys(on_paper) == keys(original), source.name


# ---------------------------------------------------------------- refused, with the reason

@needs_pymupdf
def test_a_scan_is_refused(tmp_path):
    result = check_file(str(scanned_pdf(tmp_path / "扫描件.pdf")))
    assert "没有可读取的文字" in result.error and "OCR" in result.error


@needs_pymupdf
def test_text_without_unicode_maps_is_refused(tmp_path):
    lines = ["淮安市人民政府2024年政府信息公开工作年度报告", "本报告由淮安市人民政府办公室根据条例要求编制。" * 2] * 6
    readable = text_pdf(tmp_path / "ok.pdf", lines)
    assert "淮安市人民政府" in check_file(str(readable)).report.draft.full_text()
    result = check_file(str(without_unicode_maps(readable, tmp_path / "乱码.pdf")))
    assert "无法正确解码" in result.error


@needs_pymupdf
def test_an_open_password_is_refused_and_an_owner_password_is_not(tmp_path):
    import pymupdf

    lines = ["洪泽区人民政府2023年政府信息公开工作年度报告", "本报告由洪泽区人民政府办公室编制。"] * 3
    locked = text_pdf(tmp_path / "locked.pdf", lines, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="1", owner_pw="2")
    assert "打开密码" in check_file(str(locked)).error
    restricted = text_pdf(tmp_path / "restricted.pdf", lines, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="2",
                          permissions=0)
    result = check_file(str(restricted))
    assert result.error is None and "洪泽区人民政府" in result.report.draft.full_text()


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", b"%PDF-1.4\n" + bytes(5000)])
def test_a_broken_pdf_is_refused(tmp_path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    result = check_file(str(path))
    assert result.error and "PDF" in result.error


@needs_real
@pytest.mark.parametrize("command", ["fix", "annotate"])
def test_fix_and_annotate_refuse_a_pdf(command, tmp_path):
    pdf = tmp_path / "洪泽.pdf"
    pdf.write_bytes((REAL_DIR / PUBLISHED_PDFS["洪泽2023"]).read_bytes())
    done = run_app(command, str(pdf))
    assert done.returncode == 2 and "Word" in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["洪泽.pdf"]


@needs_real
def test_a_folder_of_pdfs_and_pages_pairs_years_across_formats(tmp_path):
    """This year's PDF beside last year's web page: the history rules compare them."""
    (tmp_path / "洪泽2024.pdf").write_bytes((REAL_DIR / PUBLISHED_PDFS["洪泽2024"]).read_bytes())
    (tmp_path / "洪泽2023.html").write_text(print_view(hongze_2023()), encoding="utf-8")
    done = run_app("check", str(tmp_path), "--format", "json")
    reports = {r["file"].rsplit("/", 1)[-1]: r for r in json.loads(done.stdout)["reports"]}
    assert reports["洪泽2024.pdf"]["previous"].endswith("洪泽2023.html")
    wheres = [c["where"] for f in reports["洪泽2024.pdf"]["findings"] for c in f["cells"]]
    assert all(set(w) in ({"pdf_page", "pdf_table", "row", "col"}, {"pdf_page", "pdf_paragraph"}) for w in wheres)
