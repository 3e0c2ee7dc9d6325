"""The check summary on paper: its HTML laid out on A4 pages with page numbers, for print preview, printer or PDF."""
from __future__ import annotations

import logging
import os
import re
import sys
from html import unescape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from app import TOOL_NAME
from app.fix.safe_write import WriteRefused, write_atomic
from app.summary.html import GENERATOR, PAGE_BREAK

# Fonts with Chinese glyphs, preferred first (Windows, macOS, Linux); the first one installed is used and embedded.
CJK_FAMILIES = ("Microsoft YaHei", "微软雅黑", "SimSun", "宋体", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "文泉驿微米黑", "Droid Sans Fallback")
MARGINS_MM = QMarginsF(18, 15, 18, 10)  # left, top, right, bottom
FOOTER_MM = 9  # the band above the bottom margin that holds the page number
LAYOUT_DPI = 96  # the summary is laid out as a browser would (1 CSS px = 1/96 inch), then scaled to the device
PDF_DPI = 300
# px a grown row stops short of its page's foot, tried in turn: Qt keeps the table's bottom margin (8 px), the
# border and the cell's padding free below the last line
_FOOT_GAPS = (14, 18, 10, 24, 6, 32, 2, 40, 48)
_FIXED_HEIGHT = QTextBlockFormat.LineHeightTypes.FixedHeight.value

log = logging.getLogger(__name__)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_DIV_TITLE = re.compile(r'\s+title="([^"]*)"')

_app: QGuiApplication | None = None  # created here when the command line renders a PDF without a window


def ensure_app() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication (offscreen on Linux when there is no display)."""
    global _app
    running = QGuiApplication.instance()
    if running is not None:
        return running
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv else TOOL_NAME])
    return _app


def cjk_family() -> str | None:
    """The first installed font family of CJK_FAMILIES, else any family that writes Simplified Chinese."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else None


def page_layout() -> QPageLayout:
    """A4 portrait with the summary's margins."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def _layout_device() -> QImage:
    """The paint device documents are laid out for: LAYOUT_DPI, whatever the screen."""
    device = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    device.setDotsPerMeterX(dots_per_metre)
    device.setDotsPerMeterY(dots_per_metre)
    return device


def _document(html: str, device: QImage) -> QTextDocument:
    """The HTML as a QTextDocument laid out on the device (which must outlive it)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    family = cjk_family()
    if family:
        doc.setDefaultFont(QFont(family, 10))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    return doc


def page_groups(html: str) -> list[tuple[str, str]]:
    """The HTML cut where it asks for a page break, each part a document of its own (so that mending one part's
    page breaks does not lay the others out again), with the title its pages' footer shows."""
    head, _, rest = html.partition("<body")
    attributes, _, body = rest.partition(">")
    groups = []
    for i, part in enumerate(body.rsplit("</body>", 1)[0].split(PAGE_BREAK)):
        if i:
            title = _DIV_TITLE.match(part)
            groups.append((f"{head}<body{attributes}><div{part}</body></html>", unescape(title.group(1)) if title
                           else _title(html)))
        elif part.strip():
            groups.append((f"{head}<body{attributes}>{part}</body></html>", _title(html)))
    return groups


def keep_together(doc: QTextDocument, passes: int = 500) -> None:
    """Move to the next page every table row split across two pages and every heading left at a page's foot."""
    stuck: set[tuple[int, int | None]] = set()  # places that cannot be moved: left as Qt lays them out
    for _ in range(passes):
        split = first_split(doc, stuck)
        if split is None:
            return
        if not _move_to_next_page(doc, *split):
            stuck.add(_place(*split))
    log.warning("the summary still has a row split across pages after %d passes", passes)


def first_split(doc: QTextDocument, stuck: set = frozenset()) -> tuple[object, int | None] | None:
    """The first (table, row) split across two pages or (heading block, None) parted from what follows it."""
    _finish_layout(doc)
    layout, height = doc.documentLayout(), doc.pageSize().height()
    items = _root_items(doc)
    for i, item in enumerate(items):
        if isinstance(item, QTextTable):
            header = item.format().headerRowCount()
            for row in range(header, item.rows()):
                top, bottom = _row_extent(layout, item, row)
                movable = bottom - top < height / 2 and _place(item, row) not in stuck \
                    and not (row == header and _breaks_before(item.format()))
                if movable and top // height != (bottom - 0.5) // height:
                    return item, row
        elif item.blockFormat().headingLevel() and i + 1 < len(items) and not _breaks_before(item.blockFormat()) \
                and layout.blockBoundingRect(item).top() // height != _top(layout, items[i + 1]) // height:
            return item, None
    return None


def _finish_layout(doc: QTextDocument) -> None:
    """Qt lays long documents out lazily; positions are measured only once the whole document is laid out."""
    doc.pageCount()


def _place(item, row: int | None) -> tuple[int, int | None]:
    return (item.firstPosition() if isinstance(item, QTextTable) else item.position()), row


def _move_to_next_page(doc: QTextDocument, item, row: int | None) -> bool:
    """A heading or a table's first row: a page break before it; a later row: the row above grows to the page's foot."""
    if row is None:  # the heading goes first; what follows it no longer needs a break of its own
        _set_break(item, True)
        items = _root_items(doc)
        index = next(i for i, x in enumerate(items) if isinstance(x, QTextBlock) and x.position() == item.position())
        if isinstance(items[index + 1], QTextTable):
            _set_break(items[index + 1], False)
        return True
    if row == item.format().headerRowCount():
        _set_break(item, True)
        return True
    return _grow_row(doc, item, row - 1)


def _set_break(item, before: bool) -> None:
    """A page break before a block or a table (or none)."""
    policy = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore if before else QTextFormat.PageBreakFlag.PageBreak_Auto
    if isinstance(item, QTextTable):
        table_format = item.format()
        table_format.setPageBreakPolicy(policy)
        item.setFormat(table_format)
    else:
        block_format = item.blockFormat()
        block_format.setPageBreakPolicy(policy)
        QTextCursor(item).setBlockFormat(block_format)


def _grow_row(doc: QTextDocument, table: QTextTable, row: int) -> bool:
    """End the row at its page's foot with a blank line in its first cell, so that the next row starts the next page.

    Qt keeps the table's and the cell's margins free below a cell's last line, so the line's height is found by
    trying: too tall, the line moves to the next page itself; too short, the next row stays on this page.
    """
    layout, height = doc.documentLayout(), doc.pageSize().height()
    cell = table.cellAt(row, 0)
    last = _block_bottom(layout, cell.lastCursorPosition().block())
    room = (last // height + 1) * height - last
    cursor = cell.lastCursorPosition()
    spacer_format = QTextBlockFormat(cursor.blockFormat())
    spacer_format.setTopMargin(0)
    spacer_format.setBottomMargin(0)
    cursor.insertBlock(spacer_format)
    spacer = cursor.block()
    for gap in _FOOT_GAPS:
        if gap >= room:
            continue
        spacer_format.setLineHeight(room - gap, _FIXED_HEIGHT)
        QTextCursor(spacer).setBlockFormat(spacer_format)
        _finish_layout(doc)
        stayed = spacer.layout().lineAt(0).y() < room  # a line moved to the next page lies a page lower
        if stayed and _row_extent(layout, table, row + 1)[0] >= last + room:
            return True
    QTextCursor(spacer).deletePreviousChar()  # the blank line goes again
    return False


def _block_bottom(layout, block: QTextBlock) -> float:
    """Where a block ends: a fixed line height counts, which the block's bounding rect ignores."""
    rect = layout.blockBoundingRect(block)
    if block.blockFormat().lineHeightType() != _FIXED_HEIGHT:
        return rect.bottom()
    return rect.top() + block.layout().lineCount() * block.blockFormat().lineHeight()


def _breaks_before(fmt: QTextFormat) -> bool:
    return bool(fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def _root_items(doc: QTextDocument) -> list:
    """The top-level blocks (non-empty) and tables of the document, in order."""
    items = []
    it = doc.rootFrame().begin()
    while not it.atEnd():
        frame = it.currentFrame()
        if isinstance(frame, QTextTable):
            items.append(frame)
        elif frame is None and it.currentBlock().text().strip():
            items.append(it.currentBlock())
        it += 1
    return items


def _row_extent(layout, table: QTextTable, row: int) -> tuple[float, float]:
    """The top and bottom of the row's cells: their first and last lines with the cells' padding."""
    tops, bottoms = [], []
    for col in range(table.columns()):
        cell = table.cellAt(row, col)
        padding = cell.format().toTableCellFormat()
        tops.append(layout.blockBoundingRect(cell.firstCursorPosition().block()).top() - max(padding.topPadding(), 0))
        bottoms.append(_block_bottom(layout, cell.lastCursorPosition().block()) + max(padding.bottomPadding(), 0))
    return min(tops), max(bottoms)


def _top(layout, item) -> float:
    if isinstance(item, QTextTable):
        return _row_extent(layout, item, 0)[0]
    return layout.blockBoundingRect(item).top()


def paginate(html: str, body: QSizeF) -> tuple[list[QTextDocument], QImage]:
    """The HTML as documents of pages of the body's size, no row or heading split, each titled for its footer;
    keep the device alive as long as the documents."""
    device = _layout_device()
    docs = []
    for part, title in page_groups(html):
        doc = _document(part, device)
        doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
        doc.setPageSize(body)
        keep_together(doc)
        docs.append(doc)
    return docs, device


def paint(html: str, device: QPagedPaintDevice) -> int:
    """Lay the HTML out on the device's pages with “第 N 页，共 M 页” in the footer; returns the page count."""
    scale_x = device.logicalDpiX() / LAYOUT_DPI
    scale_y = device.logicalDpiY() / LAYOUT_DPI
    footer = FOOTER_MM / 25.4 * device.logicalDpiY()
    body = QSizeF(device.width() / scale_x, (device.height() - footer) / scale_y)
    docs, _device = paginate(html, body)
    pages = [(doc, page) for doc in docs for page in range(doc.pageCount())]
    painter = QPainter()
    if not painter.begin(device):
        raise WriteRefused("无法开始打印或生成 PDF（打印机或文件不可用）")
    try:
        for number, (doc, page) in enumerate(pages, 1):
            if number > 1:
                device.newPage()
            painter.save()
            painter.scale(scale_x, scale_y)
            painter.translate(0, -page * body.height())
            doc.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
            painter.restore()
            title = doc.metaInformation(QTextDocument.MetaInformation.DocumentTitle)
            _footer(painter, device, footer, title, number, len(pages))
    finally:
        painter.end()
    return len(pages)


def _footer(painter: QPainter, device: QPagedPaintDevice, height: float, title: str, page: int, pages: int) -> None:
    """The document title on the left, the page number on the right, under a thin rule."""
    font = QFont(cjk_family() or painter.font().family(), 8)
    painter.save()
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    top = device.height() - height * 0.7
    band = QRectF(0, top, device.width(), height * 0.7)
    painter.drawLine(band.topLeft(), band.topRight())
    painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
    painter.drawText(band, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"第 {page} 页，共 {pages} 页")
    painter.restore()


def write_pdf(html: str, path: str) -> None:
    """The summary as an A4 PDF with embedded, extractable fonts; written atomically, raises WriteRefused."""
    ensure_app()

    def write(tmp: str) -> None:
        writer = QPdfWriter(tmp)
        writer.setPageLayout(page_layout())
        writer.setResolution(PDF_DPI)
        writer.setCreator(GENERATOR)
        writer.setTitle(_title(html))
        paint(html, writer)
    write_atomic(path, write)


def _title(html: str) -> str:
    """The HTML's <title>, for the PDF's metadata and the print job's name."""
    match = _TITLE.search(html)
    return unescape(match.group(1)).strip() if match else TOOL_NAME


def _printer(html: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(_title(html))
    return printer


PREVIEW_SHARE = 0.9  # of the screen's free area the print preview opens at


def preview_dialog(parent, html: str) -> QPrintPreviewDialog:
    """A print preview of the summary (not yet shown)."""
    printer = _printer(html)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览：检查摘要")
    dialog.paintRequested.connect(lambda device: paint(html, device))
    dialog._printer = printer  # the dialog does not own the printer
    _large_fit_to_width(dialog, parent)
    return dialog


def _large_fit_to_width(dialog: QPrintPreviewDialog, parent) -> None:
    """Most of the screen, the page as wide as the preview (Qt opens it at 692×600 with the page at 46 %)."""
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        dialog.resize(int(area.width() * PREVIEW_SHARE), int(area.height() * PREVIEW_SHARE))
    fit = dialog.findChild(QAction, "fitWidthAction")  # the dialog's own button: its tick follows
    if fit is not None:
        fit.trigger()


def preview(parent, html: str) -> int:
    """Show the print preview; the user prints from it. Returns the dialog's result."""
    return preview_dialog(parent, html).exec()


def print_html(parent, html: str) -> bool:
    """Ask for a printer and print the summary; False when the user cancels."""
    printer = _printer(html)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint(html, printer)
    return True
