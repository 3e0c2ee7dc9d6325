"""Where annotate puts a comment in a workbook, on workbooks built in memory (no file written)."""
from openpyxl.utils import get_column_letter

from app.draft.xlsx_parts import SheetContent
from app.draft.xlsx_reader import draft_of_sheets
from app.engine import check_draft
from app.findings import SheetCell
from app.fix.annotate import plan_annotations
from tests.unit.grids import t3_rows, t4_rows

_PROSE = ["某某局2024年政府信息公开工作年度报告", "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
          "一、总体情况", "2024年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作有序开展。",
          "二、主动公开政府信息情况", "（详见“表二”工作表）", "三、收到和处理政府信息公开申请情况", "（详见“表三”工作表）",
          "四、政府信息公开行政复议、行政诉讼情况", "（详见“表四”工作表）", "五、存在的主要问题及改进情况",
          "存在的问题是解读形式单一。下一步，我局将丰富解读形式，加强队伍建设。"]


def _grid(rows: list[list], top: int = 1) -> SheetContent:
    """A sheet holding rows of texts from row `top`, column A on; None repeats the cell to its left (a merge)."""
    content = SheetContent()
    for r, texts in enumerate(rows, top):
        for c, text in enumerate(texts, 1):
            if text is None:
                content.merges.append((r, c - 1, r, c))
            elif text != "":
                content.values[(r, c)] = int(text) if str(text).isdigit() else text
    return content


def _comments(contents: dict[str, SheetContent]) -> dict[str, str]:
    report, findings = check_draft(draft_of_sheets("内存.xlsx", contents))
    plan = plan_annotations(report, findings)
    return {f"{m.where.sheet}!{m.where.cell}": m.text for m in plan.marks if m.comment and isinstance(m.where, SheetCell)}


def test_a_missing_last_part_is_marked_on_the_prose_sheet_before_its_signature():
    prose = _grid([[t] for t in [*_PROSE, "某某局", "2025年1月15日"]])
    t4 = _grid([["表四 政府信息公开行政复议、行政诉讼情况"], *t4_rows([0] * 15)])
    comments = _comments({"报告": prose, "表四": t4})
    missing = {place: text for place, text in comments.items() if "六、其他需要报告的事项" in text}
    assert missing == {"报告!A13": "此处缺少必备部分“六、其他需要报告的事项”，应补写在本段之前。"}


def test_without_a_signature_the_comment_is_after_the_last_paragraph_of_the_prose_sheet():
    comments = _comments({"报告": _grid([[t] for t in _PROSE]),
                          "表四": _grid([["表四 政府信息公开行政复议、行政诉讼情况"], *t4_rows([0] * 15)])})
    assert comments.get("报告!A12", "").endswith("应补写在本段之后。")


def _t3_with_formulas(values: dict[str, list[int]]) -> SheetContent:
    """表三 from row 1 with its 总计 column and （七）总计 row as SUM formulas whose saved results are right."""
    rows = t3_rows({key: [*v, sum(v)] for key, v in values.items()})
    content = _grid(rows)
    keys = [row[1] for row in rows[1:]]
    first, last = keys.index("（一）予以公开") + 2, keys.index("（七）总计")  # the leaves' sheet rows
    for r in range(2, len(rows) + 1):
        content.formulas[(r, 10)] = f"=SUM(D{r}:I{r})"
    for c in range(4, 11):
        col = get_column_letter(c)
        content.formulas[(last + 2, c)] = f"=SUM({col}{first}:{col}{last + 1})"
        content.values[(last + 2, c)] = sum(content.values.get((r, c), 0) for r in range(first, last + 2))
    return content


def test_a_broken_sum_of_formula_cells_is_commented_on_one_of_its_own_cells():
    # 本机关不掌握 法律服务机构 typed as 11 (was 1): 一＋二 ≠ （七）＋四 in 法律服务机构 and, through the formulas, in 总计;
    # a repair edits 一 or 二 by hand, so only 法律服务机构 holds an edited cell
    values = {"r1": [9, 1, 0, 0, 1, 0], "r3_1": [9, 1, 0, 0, 0, 0], "r3_4_1": [0, 0, 0, 0, 11, 0]}
    comments = _comments({"表三": _t3_with_formulas(values)})
    r1, r2 = 2, 3  # 一、本年新收 and 二、上年结转 on sheet rows 2 and 3
    assert {f"表三!H{r1}", f"表三!H{r2}"} <= set(comments)
    total = comments[f"表三!J{r1}"]
    assert total.startswith("表三“总计”栏") and "此格是公式 =SUM(D2:I2)" in total and "可能的改法：（1）" in total
