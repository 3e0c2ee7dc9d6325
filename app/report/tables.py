"""Find 表二/表三/表四 in a draft's grids and key their cells by the contract's canonical keys."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..draft.model import Cell, Table
from ..findings import CellRef
from ..formats import editions as E
from ..formats.editions import Edition
from ..formats.labels import Value, norm, parse_value
from .facts import (
    ColumnsNotFound,
    EditionMarker,
    ExtraColumns,
    LayoutFact,
    OtherColumnLabel,
    ReadByPosition,
    RowTwice,
    T2Column,
    T2Row,
    T3OtherSplit,
)


@dataclass(eq=False)
class StatCell:
    """One statistics cell: its canonical key, the physical cell and the value read from it."""

    table: str
    row: str
    col: str
    cell: Cell
    value: Value
    known: bool = True  # False: a formula the engine could not evaluate

    def ref(self) -> CellRef:
        """The cell as a finding names it."""
        return CellRef(self.table, self.row, self.col, self.cell.where)




@dataclass
class KeyedTable:
    key: str  # "T2" | "T3" | "T4"
    table: Table
    cells: dict[tuple[str, str], StatCell] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)  # row keys found, in order
    edition_markers: dict[Edition, list[EditionMarker]] = field(default_factory=dict)  # edition → markers seen
    facts: list[LayoutFact] = field(default_factory=list)  # how the layout departs from the official one
    layout: tuple[tuple[str, str], ...] = ()  # every (row, col) the official layout of this table has
    merged: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (row, col) → a value cell others share

    def get(self, row: str, col: str) -> StatCell | None:
        return self.cells.get((row, col))

    @property
    def missing(self) -> list[tuple[str, str]]:
        """The (row, col) of the layout this table has no cell for."""
        return [key for key in self.layout if key not in self.cells]

    @property
    def incomplete(self) -> bool:
        """Value cells merged into one, or more missing than two rows of 表三 or two cells of 表四: the table
        could not be read whole."""
        return bool(self.merged) or len(self.missing) > (2 * len(E.T3_COLUMNS) if self.key == "T3" else 2)

    def key_row(self, row: str, slots: dict[str, Cell]) -> None:
        """Key a row's value cells by column; a cell that several columns share is merged and read for none."""
        for col, cell in slots.items():
            if (row, col) in self.cells or (row, col) in self.merged:
                continue
            if any(other is cell for key, other in slots.items() if key != col):
                self.merged[(row, col)] = cell
            else:
                self.cells[(row, col)] = _stat(self.key, row, col, cell)


def _stat(table: str, row: str, col: str, cell: Cell) -> StatCell:
    return StatCell(table, row, col, cell, parse_value(cell.text) if cell.computed else Value("blank"), cell.computed)


def _textual(cell: Cell) -> bool:
    return bool(cell.text.strip()) and parse_value(cell.text).kind == "invalid"


# ---------------------------------------------------------------- 表三

_T3_HEADER = re.compile(r"自然人|申请人情况|商业企业|科研机构|法律服务|勾稽关系")

_T3_COL_MATCH = (("natural", re.compile(r"^自然人$")), ("commercial", re.compile(r"商业")),
                 ("research", re.compile(r"科研")), ("public_welfare", re.compile(r"公益|^社会组织$")),
                 ("legal_service", re.compile(r"法律服务")), ("other_org", re.compile(r"^其他(组织)?$")),
                 ("total", re.compile(r"^(总计|合计)$")))
_T3_COL_ALIASES = {"社会组织": "public_welfare", "其他组织": "other_org", "合计": "total"}
_LEAF_ORDER = [r for r in E.T3_ROWS if r.key not in ("r3_6", "r3_7", "r3_6_3")]
_OTHER_LEAF = re.compile(r"^(\d+\.?|[（(]?\d+[）)])?其他$")


def _match_t3_row(label_cells: list[str], group: str | None) -> str | None:
    """Canonical T3 row key for a row's label cells (normalised), most specific cell first."""
    last = label_cells[-1]
    for spec in _LEAF_ORDER:
        if any(k in last for k in spec.keywords):
            return spec.key
    if _OTHER_LEAF.match(last) and (group == "其他处理" or any("其他处理" in c for c in label_cells)):
        return "r3_6_3"
    if "其他处理" in last:
        return "r3_6"
    if any(k in last for k in E.T3_ROW["r3_7"].keywords):
        return "r3_7"
    full = "".join(label_cells)
    for spec in _LEAF_ORDER:
        if any(k in full for k in spec.keywords):
            return spec.key
    return None


def find_t3(table: Table) -> KeyedTable | None:
    """Key 表三's cells, or None when the grid is not 表三."""
    header_rows, data = [], []
    group = None
    breaks = set(getattr(table, "breaks", ()))
    last: tuple[int, list[str], str | None] | None = None  # the previous labelled row: grid row, labels, key
    for r in range(len(table.grid)):
        cells = table.distinct_row(r)
        labels = [norm(c.text) for c in cells if _textual(c)]
        if not labels:
            continue
        if any(_T3_HEADER.search(t) for t in labels) and not any("本年新收" in t for t in labels):
            header_rows.append(r)
            continue
        if data and _starts_t4("".join(labels)):
            break  # 表四 follows in the same grid
        seen_labels = _across_break(table, r) if r in breaks else labels
        for marker, _ in E.T3_GROUP_MARKERS:
            if any(marker in t for t in seen_labels):
                group = marker
        if r in breaks and last is not None and not any(c.text.strip() and not _textual(c) for c in cells):
            # the end of the label above, cut at the page break: its numbers are on the row above
            if last[2] is None:
                key = _match_t3_row([*last[1][:-1], last[1][-1] + labels[-1]], group)
                if key:
                    data.append((last[0], key))
            continue
        key = _match_t3_row(labels, group)
        last = (r, labels, key)
        if key:
            data.append((r, key))
    if len({k for _, k in data}) < 5 or not any(k in ("r1", "r3_7", "r3_1") for _, k in data):
        return None
    kt = KeyedTable("T3", table)
    columns = _t3_columns(table, header_rows, kt)
    seen: set[str] = set()
    for r, key in data:
        if key in seen:
            kt.facts.append(RowTwice(key))
            continue
        seen.add(key)
        kt.rows.append(key)
        values = _t3_row_values(table, r, columns)
        if values is None:
            continue  # the row has too few value cells: its cells are missing from the layout
        kt.key_row(key, values)
    _t3_row_notes(kt)
    return kt


def _starts_t4(text: str) -> bool:
    """A row of 表四's header: both kinds of case, or its result columns."""
    return ("行政复议" in text and "行政诉讼" in text) or "结果维持" in text or "结果纠正" in text


def _across_break(table: Table, r: int) -> list[str]:
    """The labels of the first row after a page break, each joined to the label above it when a cell was split."""
    out = []
    for cell in table.distinct_row(r):
        if not _textual(cell):
            continue
        above = table.grid[r - 1][cell.col] if r and cell.col < len(table.grid[r - 1]) else None
        joined = above is not None and above is not cell and _textual(above)
        out.append(norm(above.text) + norm(cell.text) if joined else norm(cell.text))
    return out


def _t3_columns(table: Table, header_rows: list[int], kt: KeyedTable) -> dict[str, int] | None:
    """Grid column of each T3 value column from the header labels, or None to fall back on position."""
    found: dict[str, int] = {}
    for r in header_rows:
        for cell in table.distinct_row(r):
            t = norm(cell.text)
            for key, pattern in _T3_COL_MATCH:
                if pattern.search(t) and key not in found and not (key == "other_org" and "法人" in t):
                    found[key] = cell.col
                    if t in _T3_COL_ALIASES:
                        kt.facts.append(OtherColumnLabel(key, cell.text.strip()))
    if len(found) == len(E.T3_COLUMNS):
        cols = sorted(found.values())
        extra = _extra_value_columns(table, header_rows, cols)
        if extra:
            kt.facts.append(ExtraColumns(extra))
        return found
    if header_rows:
        kt.facts.append(ColumnsNotFound(tuple(k for k, _ in E.T3_COLUMNS if k not in found)))
    return None


def _extra_value_columns(table: Table, header_rows: list[int], cols: list[int]) -> str:
    """Header labels of columns between the value columns that are not one of the seven."""
    extra = []
    for r in header_rows:
        for cell in table.distinct_row(r):
            if cols[0] < cell.col < cols[-1] + 1 and cell.col not in cols and _textual(cell):
                extra.append(cell.text.strip())
    return "、".join(dict.fromkeys(extra))


def _t3_row_values(table: Table, r: int, columns: dict[str, int] | None) -> dict[str, Cell] | None:
    """The seven value cells of a data row: by header column, else the row's last seven cells."""
    row = table.grid[r]
    if columns is not None:
        first_value_col = min(columns.values())
        if max(columns.values()) >= len(row):
            return None
        out = {key: row[c] for key, c in columns.items()}
        return None if any(cell.col < first_value_col for cell in out.values()) else out
    values = [c for c in table.distinct_row(r) if not _is_label_cell(c, row)]
    if len(values) < 7:
        return None
    return dict(zip((k for k, _ in E.T3_COLUMNS), values[-7:]))


def _is_label_cell(cell: Cell, row: list[Cell]) -> bool:
    """A label cell: textual and left of the row's first non-textual cell, or worded like a label."""
    if not _textual(cell):
        return False
    first_value = next((c.col for c in row if not _textual(c)), len(row))
    return cell.col < first_value or _T3_LABEL_WORDS.search(norm(cell.text)) is not None


_T3_LABEL_WORDS = re.compile("|".join(k for spec in E.T3_ROWS for k in spec.keywords))


def _t3_row_notes(kt: KeyedTable) -> None:
    found = set(kt.rows)
    split = {"r3_6_1", "r3_6_2", "r3_6_3"} & found
    if split:
        kt.edition_markers.setdefault(Edition.V2021, []).append(T3OtherSplit())
    expected = E.T3_DATA_ROWS_2021 if split or "r3_6" not in found else E.T3_DATA_ROWS_2019
    kt.layout = tuple((row, col) for row in expected for col, _ in E.T3_COLUMNS)


# ---------------------------------------------------------------- 表四

def _t4_key(header: str) -> str | None:
    if "复议后起诉" in header:
        group = "after_review"
    elif "未经复议" in header or "直接起诉" in header:
        group = "direct"
    elif "复议" in header:
        group = "review"
    else:
        return None
    tail = header[-6:]
    for result, pattern in (("upheld", "维持"), ("corrected", "纠正"), ("other", "其他"),
                            ("pending", "审结"), ("total", "总计")):
        if pattern in tail or (result == "total" and "合计" in tail):
            return f"{group}_{result}"
    return None


def _t4_start(table: Table) -> int | None:
    """The first header row of 表四: 复议 and 诉讼 in it or the rows just below, with a result word."""
    texts = ["".join(norm(c.text) for c in table.distinct_row(r)) for r in range(len(table.grid))]
    for r, text in enumerate(texts):
        if "复议" in text or "诉讼" in text:
            block = "".join(texts[r:r + 4])
            if "复议" in block and "诉讼" in block and re.search("维持|纠正|结果|审结", block):
                return r
    return None


def find_t4(table: Table) -> KeyedTable | None:
    """Key 表四's 15 cells, or None when the grid is not 表四; columns by header, else by position."""
    start = _t4_start(table)
    if start is None:
        return None
    header_rows, data_row = [], None
    for r in range(start, len(table.grid)):
        cells = table.distinct_row(r)
        textual = [c for c in cells if _textual(c)]
        numeric = [c for c in cells if c.text.strip() and not _textual(c)]
        if len(numeric) >= 5 or (header_rows and not textual):
            data_row = r
            break
        if textual:
            header_rows.append(r)
    if data_row is None:
        return None
    kt = KeyedTable("T4", table, layout=tuple(("r1", key) for key in E.T4_COLUMNS))
    kt.rows.append("r1")
    row = table.grid[data_row]
    headers = ["".join(dict.fromkeys(norm(table.grid[r][c].text) for r in header_rows if c < len(table.grid[r])))
               for c in range(len(row))]
    slots: dict[str, Cell] = {}
    for c, header in enumerate(headers):
        key = _t4_key(header)
        if key:
            slots.setdefault(key, row[c])
    kt.key_row("r1", slots)
    if kt.missing and not kt.merged:
        _t4_by_position(kt, row, headers)
    return kt


def _t4_by_position(kt: KeyedTable, row: list[Cell], headers: list[str]) -> None:
    """Header words dropped: when the data row has exactly 15 cells under 复议/诉讼 headers, read them in order."""
    cells = []
    for c, cell in enumerate(row):
        if ("复议" in headers[c] or "诉讼" in headers[c] or "起诉" in headers[c]) and cell not in cells:
            cells.append(cell)
    by_position = dict(zip(E.T4_COLUMNS, cells))
    if len(cells) != len(E.T4_COLUMNS) or any(by_position[k] is not s.cell for (_, k), s in kt.cells.items()):
        return  # the cells found by header are not where the position says: do not guess
    missing = [key for _, key in kt.missing]
    for key in missing:
        kt.cells[("r1", key)] = _stat("T4", "r1", key, by_position[key])
    kt.facts.append(ReadByPosition(tuple(missing)))


# ---------------------------------------------------------------- 表二

_T2_COLS = [(k, kw, ed) for ed, spec in E.T2_SPECS.items() for k, _, kw in spec.cols]
_T2_ROWS = [(k, kw) for k, _, kw in E.T2_2019.rows]
_T2_MARKER_COLS = {**dict.fromkeys(("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
                                    Edition.V2021),
                   **dict.fromkeys(("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
                                    "采购项目数量", "采购总金额"), Edition.V2019)}


def _t2_col(label: str) -> tuple[str, Edition] | None:
    """(col key, edition) for a T2 header label; 2021 wins where both editions share a key."""
    for key, keywords, edition in _T2_COLS:
        if any(k in label for k in keywords):
            if key == "decisions" and not label.startswith("本年"):
                return key, Edition.V2019
            return key, edition
    return None


def _t2_row(label: str) -> str | None:
    for key, keywords in _T2_ROWS:
        if any(k in label for k in keywords):
            return key
    return None


def find_t2(table: Table) -> KeyedTable | None:
    kt = KeyedTable("T2", table)
    columns: dict[int, str] = {}
    for r in range(len(table.grid)):
        cells = table.distinct_row(r)
        if not cells:
            continue
        head = norm(cells[0].text)
        if head.startswith("信息内容") or (len(cells) > 1 and _t2_col(norm(cells[1].text)) and _textual(cells[1])):
            columns = {}
            for c in cells[1:]:
                label = norm(c.text)
                hit = _t2_col(label)
                if hit:
                    columns[c.col] = hit[0]
                for marker, edition in _T2_MARKER_COLS.items():
                    if label.startswith(marker) or label == marker:
                        kt.edition_markers.setdefault(edition, []).append(T2Column(marker))
            continue
        row_key = _t2_row(head) if len(head) <= 30 else None
        if row_key and columns:
            if row_key in ("other_services", "procurement"):
                kt.edition_markers.setdefault(Edition.V2019, []).append(T2Row(cells[0].text.strip()))
            kt.rows.append(row_key)
            slots: dict[str, Cell] = {}
            for c, cell in enumerate(table.grid[r]):
                if c in columns and cell is not cells[0]:
                    slots.setdefault(columns[c], cell)
            kt.key_row(row_key, slots)
    if not kt.rows:
        return None
    return kt
