"""The official layouts of 表二/表三/表四 as grids of labelled and value cells, for inserting a missing table."""
from __future__ import annotations

from dataclasses import dataclass

from . import editions as E

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class LayoutCell:
    row: int
    col: int
    text: str  # the label, or "0" for a value cell
    rowspan: int = 1
    colspan: int = 1
    value: bool = False


@dataclass(frozen=True)
class Layout:
    table: str
    widths: tuple[int, ...]  # relative column widths, one per grid column
    cells: tuple[LayoutCell, ...]

    @property
    def height(self) -> int:
        return max(c.row + c.rowspan for c in self.cells)


def _values(row: int, first_col: int, count: int) -> list[LayoutCell]:
    return [LayoutCell(row, first_col + i, "0", value=True) for i in range(count)]


def _t3(edition: E.Edition) -> Layout:
    cols = [label for _, label in E.T3_COLUMNS]
    cells = [LayoutCell(0, 0, T3_NOTE, rowspan=3, colspan=3), LayoutCell(0, 3, "申请人情况", colspan=7),
             LayoutCell(1, 3, cols[0], rowspan=2), LayoutCell(1, 4, "法人或其他组织", colspan=5),
             LayoutCell(1, 9, cols[6], rowspan=2)]
    cells += [LayoutCell(2, 4 + i, label) for i, label in enumerate(cols[1:6])]
    leaves = edition.spec.t3_leaves
    results = [*leaves, "r3_7"]
    row = 3
    for key in ("r1", "r2"):
        cells += [LayoutCell(row, 0, E.T3_ROW[key].label, colspan=3), *_values(row, 3, 7)]
        row += 1
    cells.append(LayoutCell(row, 0, "三、本年度办理结果", rowspan=len(results)))
    groups_started: set[str] = set()
    for key in results:
        spec = E.T3_ROW[key]
        if spec.group.startswith("（"):
            if spec.group not in groups_started:
                groups_started.add(spec.group)
                size = sum(1 for k in results if E.T3_ROW[k].group == spec.group)
                cells.append(LayoutCell(row, 1, spec.group, rowspan=size))
            cells.append(LayoutCell(row, 2, spec.label))
        else:
            cells.append(LayoutCell(row, 1, spec.label, colspan=2))
        cells += _values(row, 3, 7)
        row += 1
    cells += [LayoutCell(row, 0, E.T3_ROW["r4"].label, colspan=3), *_values(row, 3, 7)]
    return Layout("T3", (3, 4, 14) + (3,) * 7, tuple(cells))


def _t4() -> Layout:
    results = [label for _, label in E.T4_RESULTS]
    cells = [LayoutCell(0, 0, "行政复议", colspan=5), LayoutCell(0, 5, "行政诉讼", colspan=10),
             *(LayoutCell(1, i, label, rowspan=2) for i, label in enumerate(results)),
             LayoutCell(1, 5, "未经复议直接起诉", colspan=5), LayoutCell(1, 10, "复议后起诉", colspan=5),
             *(LayoutCell(2, 5 + i, label) for i, label in enumerate(results * 2)),
             *_values(3, 0, 15)]
    return Layout("T4", (1,) * 15, tuple(cells))


# 第二十条 items of 表二: caption, value column keys, row keys (labels from editions.T2_*).
_T2_BLOCKS = {
    E.Edition.V2021: (("第二十条第（一）项", ("made", "repealed", "in_force"), ("regulations", "normative")),
             ("第二十条第（五）项", ("decisions",), ("licensing",)),
             ("第二十条第（六）项", ("decisions",), ("punishment", "enforcement")),
             ("第二十条第（八）项", ("amount",), ("fees",))),
    E.Edition.V2019: (("第二十条第（一）项", ("new_made", "new_published", "total_published"), ("regulations", "normative")),
             ("第二十条第（五）项", ("prev_count", "change", "decisions"), ("licensing", "other_services")),
             ("第二十条第（六）项", ("prev_count", "change", "decisions"), ("punishment", "enforcement")),
             ("第二十条第（八）项", ("prev_count", "change"), ("fees",)),
             ("第二十条第（九）项", ("count", "amount"), ("procurement",))),
}


def _spread(row: int, texts: list[str], value: bool) -> list[LayoutCell]:
    """Cells filling grid columns 1–3; the last one takes the columns left over."""
    out = []
    for i, text in enumerate(texts):
        span = 3 - i if i == len(texts) - 1 else 1
        out.append(LayoutCell(row, 1 + i, text, colspan=span, value=value))
    return out


def _t2(edition: E.Edition) -> Layout:
    spec = edition.spec.t2
    col_label = {k: label for k, label, _ in spec.cols}
    row_label = {k: label for k, label, _ in spec.rows}
    cells: list[LayoutCell] = []
    row = 0
    for caption, cols, rows in _T2_BLOCKS[edition]:
        cells.append(LayoutCell(row, 0, caption, colspan=4))
        cells += [LayoutCell(row + 1, 0, "信息内容"), *_spread(row + 1, [col_label[c] for c in cols], False)]
        row += 2
        for key in rows:
            cells += [LayoutCell(row, 0, row_label[key]), *_spread(row, ["0"] * len(cols), True)]
            row += 1
    return Layout("T2", (4, 3, 3, 3), tuple(cells))


def official_layout(table: str, edition: E.Edition) -> Layout:
    """The empty (all 0) official layout of a table in the 2021 or 2019 edition."""
    if table == "T4":
        return _t4()
    return _t3(edition) if table == "T3" else _t2(edition)
