"""What the recogniser found about a table besides its cells, as facts: how its layout departs from the official
one, and what in it belongs to one edition only. The rules word them (table.*, template.*)."""
from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------- how the layout departs from the official one

@dataclass(frozen=True)
class RowTwice:
    """A row of 表三 found twice: only the first is read."""

    row: str


@dataclass(frozen=True)
class OtherColumnLabel:
    """A column of 表三 headed by an accepted label that is not the official one (社会组织, 合计)."""

    col: str
    written: str


@dataclass(frozen=True)
class ExtraColumns:
    """Columns between 表三's seven value columns that the official layout does not have (their header labels)."""

    labels: str


@dataclass(frozen=True)
class ColumnsNotFound:
    """表三 has headers but not every column label: its value columns are read as the last seven of each row."""

    cols: tuple[str, ...]


@dataclass(frozen=True)
class ReadByPosition:
    """表四's headers lack words: these columns were read by their position."""

    cols: tuple[str, ...]


LayoutFact = RowTwice | OtherColumnLabel | ExtraColumns | ColumnsNotFound | ReadByPosition


# ---------------------------------------------------------------- what only one edition's tables have

@dataclass(frozen=True)
class T2Column:
    """A column of 表二 only one edition has (its official label)."""

    label: str


@dataclass(frozen=True)
class T2Row:
    """A row of 表二 only the 2019 trial format has (its label as written)."""

    label: str


@dataclass(frozen=True)
class T3OtherSplit:
    """表三's “（六）其他处理” in three rows, as only the 2021 format has it."""


EditionMarker = T2Column | T2Row | T3OtherSplit
