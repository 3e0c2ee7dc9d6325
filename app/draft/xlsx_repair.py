"""An .xlsx package repaired the way Excel repairs it on opening, so that openpyxl can load and save it.

The writers load drafts with openpyxl, which trusts what the file claims: it builds a cell for every slot of
a merge over the whole sheet, walks a million rows for one formatted cell at the bottom, and fails on an
out-of-range style, an empty sheet id, overlapping merges or text in a number cell. The repaired copy holds
exactly what the reader reads (xlsx_parts): merges cut to the used range and never overlapping, no empty
cells beyond it, valid styles and sheet ids, at least one visible sheet. Every other part is kept byte for byte.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from .xlsx_parts import PARSER, Package, a1, local, merges_in_use, parse_a1, small_int, used_range

_WORKSHEET_EXTENSIONS = "extLst"  # openpyxl drops a worksheet's extensions anyway (with a warning)


def repaired_xlsx(data: bytes) -> bytes:
    """The package with workbook.xml and every worksheet repaired as Excel would; other parts unchanged."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        package = Package(archive)
        styles = _cell_style_count(archive, package)
        edits = {package.member(package.workbook_part): _workbook(archive.read(package.member(package.workbook_part)),
                                                                  package)}
        for entry in package.sheets:
            if entry.part is not None:
                content = package.read_sheet(entry)
                edits[entry.part] = _worksheet(archive.read(entry.part), content, styles, entry.name)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in archive.infolist():
                dst.writestr(item, edits.get(item.filename) or archive.read(item))
    return out.getvalue()


def _cell_style_count(archive: zipfile.ZipFile, package: Package) -> int:
    """How many cell formats (cellXfs) the styles part defines; a style index must be below it."""
    member = package.member(package.styles_part)
    if member is None:
        return 1
    root = etree.fromstring(archive.read(member), PARSER)
    xfs = next(root.iter("{*}cellXfs"), None)
    return max(1, len(xfs)) if xfs is not None else 1


def _workbook(body: bytes, package: Package) -> bytes:
    """Sheets whose part is gone dropped, sheet ids made unique numbers, a visible sheet and a valid active tab."""
    root = etree.fromstring(body, PARSER)
    entries = iter(package.sheets)
    kept = []
    for sheet in list(root.iter("{*}sheet")):
        entry = next(entries)
        if entry.part is None:
            sheet.getparent().remove(sheet)
        else:
            kept.append(sheet)
    ids = [s.get("sheetId") or "" for s in kept]
    valid = [i for i in ids if small_int(i) is not None]
    next_id = max((small_int(i) for i in valid), default=0) + 1
    used: set[str] = set()
    for sheet, sheet_id in zip(kept, ids):
        if sheet_id not in valid or sheet_id in used:  # empty, not a number or taken: a new one, as Excel does
            sheet_id, next_id = str(next_id), next_id + 1
            sheet.set("sheetId", sheet_id)
        used.add(sheet_id)
    if kept and all(s.get("state") in ("hidden", "veryHidden") for s in kept):
        for sheet in kept:  # the reader reads them all; the corrected copy shows them all
            sheet.set("state", "visible")
    for view in root.iter("{*}workbookView"):
        for name in ("activeTab", "firstSheet"):
            value = view.get(name)
            if value is not None and (small_int(value) is None or small_int(value) >= len(kept)):
                view.set(name, "0")
    for name in list(root.iter("{*}definedName")):
        local_id = name.get("localSheetId")
        if local_id is not None and (small_int(local_id) is None or small_int(local_id) >= len(kept)):
            name.getparent().remove(name)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _worksheet(body: bytes, content, styles: int, name: str) -> bytes:
    """One sheet: merges and empty cells cut to the used range, valid styles, text cells typed as text."""
    root = etree.fromstring(body, PARSER)
    ns = root.tag[:-len("worksheet")] if root.tag.endswith("worksheet") else ""
    max_row, max_col = used_range(content)
    for el in list(root):
        if local(el.tag) == _WORKSHEET_EXTENSIONS:
            root.remove(el)
    for el in root.iter("{*}c", "{*}row", "{*}col"):
        attr = "style" if local(el.tag) == "col" else "s"
        style = el.get(attr)
        if style is not None and (small_int(style) is None or small_int(style) >= styles):
            del el.attrib[attr]
    for data in root.iter("{*}sheetData"):
        _cut_cells(data, content, max_row, max_col, ns)
    for merges in list(root.iter("{*}mergeCells")):
        kept = merges_in_use(content.merges, max_row, max_col, name)
        for child in list(merges):
            merges.remove(child)
        for top, left, bottom, right in kept:
            etree.SubElement(merges, f"{ns}mergeCell", ref=f"{a1(top, left)}:{a1(bottom, right)}")
        merges.set("count", str(len(kept)))
        if not kept:
            root.remove(merges)
    for dimension in root.iter("{*}dimension"):
        dimension.set("ref", f"A1:{a1(max(max_row, 1), max(max_col, 1))}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cut_cells(data, content, max_row: int, max_col: int, ns: str) -> None:
    """Cells as the reader placed them: empty ones beyond the used range dropped, text in number cells as text."""
    row_number = 0
    for row in list(data):
        r = row.get("r")
        row_number = small_int(r) if small_int(r) is not None else row_number + 1
        col = 0
        for c in list(row):
            place = parse_a1(c.get("r")) or (row_number, col + 1)
            col = place[1]
            c.set("r", a1(*place))
            value = content.values.get(place)
            if place not in content.values and (place[0] > max_row or place[1] > max_col):
                row.remove(c)
            elif (c.get("t") or "n") == "n" and isinstance(value, str) and place not in content.formulas:
                _as_inline_text(c, value, ns)
        if len(row) == 0 and row_number > max_row:
            data.remove(row)


def _as_inline_text(c, text: str, ns: str) -> None:
    """A number cell whose content is not a number, rewritten as the text cell Excel shows."""
    for child in list(c):
        c.remove(child)
    c.set("t", "inlineStr")
    etree.SubElement(etree.SubElement(c, f"{ns}is"), f"{ns}t").text = text
