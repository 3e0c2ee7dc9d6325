"""Ruled tables on a PDF page: the page's horizontal and vertical rulings → grids of cells, spans resolved.

Works on plain numbers (top-down page coordinates, points), so it needs no PDF library: the reader hands it the
axis-aligned segments of the page's paths (stroked lines, rectangle edges, hairlines drawn as thin filled boxes).
"""
from __future__ import annotations

from dataclasses import dataclass, field

SNAP = 2.0  # points: rulings this close are one line
MIN_CELL = 4.0  # points: a narrower row or column is a double line, not a cell
MAX_LINES = 400  # rulings per direction per page; more is not a report table


@dataclass
class Segment:
    at: float  # y of a horizontal, x of a vertical line
    start: float
    end: float


@dataclass
class Grid:
    """A ruled table: column edges xs, row edges ys, and for each slot (row, col) the slot where its cell starts."""

    xs: list[float]
    ys: list[float]
    rulings: tuple[list[Segment], list[Segment]]  # the horizontal and vertical lines it was made of
    origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def slot_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The (row, col) slot holding the point, None outside the table."""
        row = _index(self.ys, y)
        col = _index(self.xs, x)
        return None if row is None or col is None else (row, col)

    def cell_box(self, row: int, col: int) -> tuple[float, float, float, float]:
        """x0, top, x1, bottom of the (merged) cell starting at the slot."""
        end_row, end_col = row, col
        while end_row + 1 < len(self.ys) - 1 and self.origin[(end_row + 1, col)] == (row, col):
            end_row += 1
        while end_col + 1 < len(self.xs) - 1 and self.origin[(row, end_col + 1)] == (row, col):
            end_col += 1
        return self.xs[col], self.ys[row], self.xs[end_col + 1], self.ys[end_row + 1]


def _index(edges: list[float], v: float) -> int | None:
    if v < edges[0] or v > edges[-1]:
        return None
    for i in range(len(edges) - 1):
        if v <= edges[i + 1]:
            return i
    return None


def merge(segments: list[Segment]) -> list[Segment]:
    """Segments on one line (positions within SNAP of the line's first) that touch or overlap, joined into one."""
    lines: list[list[Segment]] = []
    for s in sorted(segments, key=lambda s: s.at):
        if lines and s.at - lines[-1][0].at <= SNAP:
            lines[-1].append(s)
        else:
            lines.append([s])
    out: list[Segment] = []
    for line in lines:
        at = sum(s.at for s in line) / len(line)
        joined: list[Segment] = []
        for s in sorted(line, key=lambda s: s.start):
            if joined and s.start <= joined[-1].end + SNAP:
                joined[-1].end = max(joined[-1].end, s.end)
            else:
                joined.append(Segment(at, s.start, s.end))
        out += joined
    return out


def grids(horizontal: list[Segment], vertical: list[Segment]) -> list[Grid]:
    """The ruled tables the lines form: each connected group of at least two rulings each way."""
    horizontal, vertical = merge(horizontal)[:MAX_LINES], merge(vertical)[:MAX_LINES]
    groups = _connected(horizontal, vertical)
    out = []
    for hs, vs in groups:
        if len(hs) >= 2 and len(vs) >= 2:
            grid = _grid(hs, vs)
            if grid is not None:
                out.append(grid)
    return sorted(out, key=lambda g: g.ys[0])


def _touches(h: Segment, v: Segment) -> bool:
    return h.start - SNAP <= v.at <= h.end + SNAP and v.start - SNAP <= h.at <= v.end + SNAP


def _connected(hs: list[Segment], vs: list[Segment]) -> list[tuple[list[Segment], list[Segment]]]:
    """Groups of horizontal and vertical lines that cross or meet one another."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touches(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _edges(values: list[float]) -> list[float]:
    """Distinct positions, those closer than MIN_CELL taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > MIN_CELL:
            out.append(v)
    return out


def _covered(lines: list[Segment], at: float, lo: float, hi: float) -> bool:
    """Some line at `at` runs along most of lo…hi."""
    span = hi - lo
    return any(abs(s.at - at) <= MIN_CELL and min(s.end, hi) - max(s.start, lo) >= 0.6 * span for s in lines)


def with_columns(grid: Grid, xs: list[float]) -> Grid:
    """The same ruled table cut at the column edges xs (a superset of its own): the pieces of a table continued on
    the next page get one column grid, as the Word pieces of a broken table have."""
    return _grid(*grid.rulings, _edges(xs)) or grid


def _grid(hs: list[Segment], vs: list[Segment], xs: list[float] | None = None) -> Grid | None:
    ys, xs = _edges([h.at for h in hs]), xs or _edges([v.at for v in vs])
    # a table broken over pages may lack its bottom (or top) ruling: the column rulings say where it ends
    bottom, top = max(v.end for v in vs), min(v.start for v in vs)
    if ys and bottom > ys[-1] + MIN_CELL:
        ys.append(bottom)
    if ys and top < ys[0] - MIN_CELL:
        ys.insert(0, top)
    if len(ys) < 2 or len(xs) < 2:
        return None
    grid = Grid(xs, ys, (hs, vs))
    rows, cols = len(ys) - 1, len(xs) - 1
    for r in range(rows):
        for c in range(cols):
            left_open = c > 0 and not _covered(vs, xs[c], ys[r], ys[r + 1])
            top_open = r > 0 and not _covered(hs, ys[r], xs[c], xs[c + 1])
            if left_open:
                grid.origin[(r, c)] = grid.origin[(r, c - 1)]
            elif top_open:
                grid.origin[(r, c)] = grid.origin[(r - 1, c)]
            else:
                grid.origin[(r, c)] = (r, c)
    return grid
