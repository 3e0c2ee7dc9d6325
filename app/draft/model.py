"""One model of a draft, whatever the file type: paragraphs and cell grids in document order."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..findings import Where


class FileKind(StrEnum):
    """The kinds of draft the engine reads."""

    DOCX = "docx"
    XLSX = "xlsx"
    HTML = "html"  # a saved web page: .html/.htm, or .mhtml/.mht (one MIME file)
    PDF = "pdf"  # a published PDF with a text layer

    @property
    def is_draft(self) -> bool:
        """A Word/Excel draft, of which a corrected or annotated copy can be written."""
        return self in (FileKind.DOCX, FileKind.XLSX)


@dataclass(eq=False)
class Cell:
    """One (possibly merged) cell; a merged cell is the same object at every grid slot it covers."""

    text: str
    where: Where
    row: int  # grid row where the cell starts (in the logical, possibly joined, table)
    col: int  # grid column where the cell starts
    formula: str | None = None  # xlsx: the formula text when the cell holds one
    computed: bool = True  # False: a formula whose value neither the file nor the engine knows


@dataclass(eq=False)
class Paragraph:
    text: str
    where: Where
    heading_level: int | None = None  # from a Heading/outline style, when the file says so
    bold: bool = False
    list_number: str | None = None  # the number Word generates before a list paragraph ("一、"; "" if none shown)


@dataclass(eq=False)
class Table:
    """A grid of cells; rows may have different lengths only if the file is ragged."""

    grid: list[list[Cell]]
    source: str = ""  # docx: "table 2" / xlsx: sheet name, for messages

    @property
    def width(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def distinct_row(self, r: int) -> list[Cell]:
        """The row's cells left to right, each merged cell once."""
        out: list[Cell] = []
        for c in self.grid[r]:
            if not out or out[-1] is not c:
                out.append(c)
        return out


Block = Paragraph | Table


@dataclass
class Draft:
    path: str
    kind: FileKind
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def full_text(self) -> str:
        parts = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                parts.append(b.text)
            else:
                for r in range(len(b.grid)):
                    parts.append(" ".join(c.text for c in b.distinct_row(r)))
        return "\n".join(parts)


class UnreadableDraft(Exception):
    """The file cannot be read; the message is the Chinese reason shown to the user."""
