"""Published reports as saved web pages: found inside the site's chrome, read into the same Draft, every rule run."""
import json

import pytest

from app.draft.html_page import decode
from app.draft.model import FileKind, UnreadableDraft
from app.draft.read import read_draft
from app.engine import check_file
from app.findings import HtmlCell, HtmlParagraph
from app.report.wording import file_place
from tests.fixtures.command_line import run_app
from tests.fixtures.datasets import hongze_2023, huaian_2024, sample_2019, sample_2021
from tests.fixtures.seeds import seed_data
from tests.fixtures.third_party import DERIVED_PAGES, derived_report, report_html
from tests.fixtures.web_pages import write_complete_page, write_mhtml, write_page

SAVES = {
    "utf8": lambda data, path: write_page(data, path.with_suffix(".html")),
    "gbk-meta": lambda data, path: write_page(data, path.with_suffix(".htm"), "gb2312"),
    "h3-headings": lambda data, path: write_page(data, path.with_suffix(".html"), heading_tag="h3"),
    "complete": lambda data, path: write_complete_page(data, path.with_suffix(".html")),
    "mhtml-qp": lambda data, path: write_mhtml(data, path.with_suffix(".mhtml")),
    "mht-base64-gbk": lambda data, path: write_mhtml(data, path.with_suffix(".mht"), "base64", "gbk"),
}


def keys(result) -> set[tuple]:
    return {(f.rule, f.severity.value, f.section, f.table, f.row, f.col, f.group) for f in result.findings}


def plain_page(data, path):
    """The report's markup alone, no chrome: what the chrome must not change."""
    path.write_text(report_html(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("save", SAVES)
@pytest.mark.parametrize("make", [hongze_2023, huaian_2024, sample_2021, sample_2019], ids=lambda f: f.__name__)
def test_chrome_changes_nothing(make, save, tmp_path):
    """Menus, breadcrumb, metadata table, layout tables, print/close links and footer add no finding and hide none."""
    data = make()
    bare = check_file(str(plain_page(data, tmp_path / "bare.html")))
    page = check_file(str(SAVES[save](data, tmp_path / "page")))
    assert bare.error is None and page.error is None, (bare.error, page.error)
    assert keys(page) == keys(bare)
    assert page.report.year == data.year and page.report.agency == bare.report.agency
    assert page.report.draft.kind is FileKind.HTML


def test_hongze_2023_table_four_errors_found_at_their_cells(tmp_path):
    """The two real 表四 errors of 洪泽 2023, each at the cell of its 总计 in the report's third table."""
    result = check_file(str(write_page(hongze_2023(), tmp_path / "洪泽2023.htm", "gb2312")))
    errors = [f for f in result.findings if f.severity.value == "error"]
    assert sorted(f.group for f in errors) == ["after_review", "review"]
    wheres = {f.group: [c.where for c in f.cells if c.col == f"{f.group}_total"][0] for f in errors}
    assert wheres == {"review": HtmlCell(2, 3, 4), "after_review": HtmlCell(2, 3, 14)}
    assert wheres["review"].to_json() == {"html_table": 2, "row": 3, "col": 4}
    assert file_place(wheres["review"]) == "网页第 3 个表格第 4 行第 5 列"


def test_what_the_chrome_holds_is_not_read(tmp_path):
    draft = read_draft(str(write_page(huaian_2024(), tmp_path / "p.html")))
    text = draft.full_text()
    for chrome in ("当前位置", "索引号", "发布机构", "政府信息公开指南", "打印本页", "关闭窗口", "主办单位", "ICP", "浏览次数",
                   "扫一扫", "统计代码", "相关链接", "走进本区"):
        assert chrome not in text, chrome
    assert len(draft.tables) == 3
    paragraphs = draft.paragraphs
    assert [p.where for p in paragraphs] == [HtmlParagraph(i) for i in range(len(paragraphs))]
    assert paragraphs[0].text.startswith("淮安市人民政府")


def test_cells_as_the_page_marks_them(tmp_path):
    """<br> inside a header cell is a line break; &nbsp; is an empty cell; a number in a <span> is the number."""
    data = sample_2021()
    data.t3.pop(("r3_2", "natural"))
    draft = read_draft(str(write_page(data, tmp_path / "p.html")))
    t3 = draft.tables[1]
    texts = [c.text for c in t3.distinct_row(2)]
    assert "商业\n企业" in texts
    result = check_file(str(tmp_path / "p.html"))
    blank = [f for f in result.findings if f.rule == "value.blank"]
    assert [(f.row, f.col) for f in blank] == [("r3_2", "natural")]
    assert isinstance(blank[0].cells[0].where, HtmlCell)


@pytest.mark.shared
@pytest.mark.parametrize("key", DERIVED_PAGES)
def test_real_texts_as_pages_no_false_error(key, tmp_path):
    data = derived_report(key)
    for save in ("gbk-meta", "mhtml-qp"):
        result = check_file(str(SAVES[save](data, tmp_path / f"{key}-{save}")))
        assert result.error is None
        assert not [f.message for f in result.findings if f.severity.value == "error"]


@pytest.mark.shared
@pytest.mark.parametrize("n", [1, 2, 3])
def test_seed_pages_match_the_bare_page(n, tmp_path):
    data = seed_data(n)
    bare = check_file(str(plain_page(data, tmp_path / "bare.html")))
    page = check_file(str(write_page(data, tmp_path / "page.htm", "gbk")))
    assert keys(page) == keys(bare)


def test_encoding_found_without_a_declaration():
    text = "<html><body><p>洪泽区人民政府2023年政府信息公开工作年度报告</p></body></html>"
    assert "洪泽区" in decode(text.encode("gbk"))
    assert "洪泽区" in decode(text.encode("utf-8"))
    assert "洪泽区" in decode(b'<meta charset="utf-8">' + text.encode("gb18030"))  # a wrong declaration
    with pytest.raises(UnreadableDraft, match="编码"):
        decode(bytes(range(0x80, 0x100)) * 200)


@pytest.mark.parametrize("markup", ["", "<html><body><div class='nav'><a href='/'>首页</a></div></body></html>",
                                    "<html><head><title>x</title></head></html>"])
def test_a_page_without_text_is_refused_in_chinese(markup, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(markup + " ", encoding="utf-8")
    result = check_file(str(path))
    assert result.error and "网页" in result.error


@pytest.mark.parametrize("command", ["fix", "annotate"])
def test_fix_and_annotate_refuse_a_page(command, tmp_path):
    page = write_mhtml(hongze_2023(), tmp_path / "洪泽.mhtml")
    done = run_app(command, str(page))
    assert done.returncode == 2
    assert "Word" in done.stderr and "Excel" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["洪泽.mhtml"]


def test_a_folder_check_takes_pages_in(tmp_path):
    write_page(hongze_2023(), tmp_path / "a.html")
    write_mhtml(huaian_2024(), tmp_path / "b.mht")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    done = run_app("check", str(tmp_path), "--format", "json")
    reports = json.loads(done.stdout)["reports"]
    assert [r["file"].rsplit("/", 1)[-1] for r in reports] == ["a.html", "b.mht"]
    assert done.returncode == 1
    wheres = [c["where"] for r in reports for f in r["findings"] for c in f["cells"]]
    assert wheres and all(set(w) in ({"html_table", "row", "col"}, {"html_paragraph"}) for w in wheres)
