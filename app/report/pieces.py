"""Statistics tables broken over pages: consecutive Word tables with only page furniture between, joined into one.

PDF-to-Word converters and copy-paste from published reports give one Word table per page, with the page number
("- 3 -", "第 3 页 共 6 页") and empty or page-break paragraphs between, and continuation tables without a header.
Each cell keeps the place of the Word table it is really in; the grid rows where a later piece begins are kept.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..draft.model import Draft, Paragraph, Table
from ..formats.labels import norm

_FURNITURE = re.compile(r"(?:[-—－–―]*\d{1,3}[-—－–―]*|第\d{1,3}页(?:共\d{1,3}页)?|\d{1,3}/\d{1,3}|"
                        r"(?:表[二三四])?[(（]?续表?[)）]?)")
_STATISTICAL = re.compile(r"第二十条|信息内容|申请人情况|自然人|本年新收|办理结果|复议|诉讼|结转")
_T2_START = re.compile(r"第二十条第\(一\)项|^信息内容.*(制发|新制作)")
_T3_START = re.compile(r"申请人情况|勾稽关系")
_HEADER_WORDS = re.compile(r"申请人情况|勾稽关系|自然人|法人|商业|科研|公益|法律服务|^其他$|^总计$|^合计$|"
                           r"复议|诉讼|维持|纠正|结果|审结|起诉|信息内容|第二十条|本年|现行|件数|数量|金额")


def is_furniture(p: Paragraph) -> bool:
    """An empty paragraph, a page break, a page number or a “续表” caption: what stands between table pieces."""
    text = norm(p.text)
    return not text or _FURNITURE.fullmatch(text) is not None


@dataclass(eq=False)
class JoinedTable(Table):
    """One logical table made of several Word tables; breaks are the grid rows where a later piece begins."""

    breaks: tuple[int, ...] = ()


@dataclass
class _Run:
    """A logical table being collected: its pieces and what its first piece says about it."""

    start: int  # block index of the first piece
    pieces: list[Table]
    statistical: bool  # the first piece is a statistics table (表二/三/四 words)
    t2: bool  # …表二, whose pieces may differ in width
    header_only: bool  # the pieces so far hold header rows only
    skipped: list[int] = field(default_factory=list)  # per piece: its leading rows that repeat the header

    @classmethod
    def of(cls, block: int, table: Table) -> _Run:
        text = "".join(_rows_text(table))
        return cls(block, [table], _STATISTICAL.search(text) is not None, "第二十条" in text or "信息内容" in text,
                   _header_only(table), [0])

    def continued_by(self, lower: Table) -> int | None:
        """How many leading rows of lower repeat this table's header when lower carries it on, else None.

        lower carries it on when this is a statistics table and lower repeats its header rows (Word's repeated
        header row copied by a converter, or a header copied by hand), or does not open a new table itself.
        """
        if not self.statistical:
            return None
        repeated = repeated_header_rows(self.pieces[0], lower)
        if repeated:
            return repeated
        opens = _opens(next((t for t in _rows_text(lower) if t), ""))
        if self.header_only:  # a header alone at the foot of a page is never a table of its own
            return 0 if opens in (None, _opens("".join(_rows_text(self.pieces[0])))) else None
        if opens:
            return None
        return 0 if self.t2 or lower.width == self.pieces[0].width else None

    def beside(self, lower: Table) -> bool:
        """lower is the rest of 表四 cut between its 行政复议 and 行政诉讼 column groups: it goes to the right."""
        if len(self.pieces) != 1:
            return False
        upper_text = "".join(_rows_text(self.pieces[0]))
        lower_first = next((t for t in _rows_text(lower) if t), "")
        return ("行政复议" in upper_text and "诉讼" not in upper_text and "行政诉讼" in lower_first
                and "行政复议" not in lower_first)

    def put_beside(self, lower: Table) -> None:
        self.pieces[0] = side_by_side(self.pieces[0], lower)

    def add(self, lower: Table, repeated: int) -> None:
        self.pieces.append(lower)
        self.skipped.append(repeated)
        self.header_only = self.header_only and _header_only(lower)

    def table(self) -> Table:
        if len(self.pieces) == 1:
            return self.pieces[0]
        grid, breaks = [], []
        for piece, skip in zip(self.pieces, self.skipped):
            if grid:
                breaks.append(len(grid))
            grid.extend(piece.grid[skip:])
        return JoinedTable(grid=grid, source=self.pieces[0].source, breaks=tuple(breaks))


def _opens(text: str) -> str | None:
    """Which statistics table a row's text opens ("T2", "T3", "T4"), or None."""
    if _T2_START.search(text):
        return "T2"
    if _T3_START.search(text):
        return "T3"
    return "T4" if "复议" in text and "诉讼" in text else None


def side_by_side(left: Table, right: Table) -> Table:
    """Two pieces of one table cut between its column groups, side by side with their last rows level; the shorter
    piece's top row reaches down over the rows it lacks, as a merged header cell would."""
    height = max(len(left.grid), len(right.grid))

    def padded(table: Table) -> list:
        return [table.grid[0]] * (height - len(table.grid)) + table.grid

    return Table(grid=[a + b for a, b in zip(padded(left), padded(right))], source=left.source)


def repeated_header_rows(upper: Table, lower: Table) -> int:
    """The number of leading rows of lower that repeat upper's leading header rows word for word (0: none)."""
    n = 0
    while n < min(len(upper.grid), len(lower.grid)) - 1:
        above, below = _row_labels(upper, n), _row_labels(lower, n)
        if not above or above != below or not all(_HEADER_WORDS.search(t) for t in above):
            break
        n += 1
    if n and _row_labels(upper, n)[:1] == _row_labels(lower, n)[:1]:
        return 0  # the rows after the header start over as well: a second table, not the rest of the first
    return n


def _row_labels(table: Table, r: int) -> list[str]:
    """The non-empty cell texts of row r, normalised, each merged cell once."""
    return [t for t in (norm(c.text) for c in table.distinct_row(r)) if t]


def logical_tables(draft: Draft) -> list[tuple[int, Table]]:
    """(block index of the first piece, table) of every logical table, pieces broken over pages joined."""
    runs: list[_Run] = []
    open_table = False  # the last table is followed by furniture only so far
    for i, block in enumerate(draft.blocks):
        if isinstance(block, Paragraph):
            open_table = open_table and is_furniture(block)
            continue
        repeated = runs[-1].continued_by(block) if open_table else None
        if open_table and runs[-1].beside(block):
            runs[-1].put_beside(block)
        elif repeated is not None:
            runs[-1].add(block, repeated)
        else:
            runs.append(_Run.of(i, block))
        open_table = True
    return [(run.start, run.table()) for run in runs]


def _rows_text(table: Table) -> Iterator[str]:
    """Each row's text, normalised, top to bottom (lazily: the first non-empty row is often all that is needed)."""
    return ("".join(norm(c.text) for c in table.distinct_row(r)) for r in range(len(table.grid)))


def _header_only(table: Table) -> bool:
    """Every non-empty cell is a header label: the table's header rows stand alone at the foot of a page."""
    texts = [norm(c.text) for r in range(len(table.grid)) for c in table.distinct_row(r) if c.text.strip()]
    return bool(texts) and all(_HEADER_WORDS.search(t) for t in texts)
