"""Seeded fuzzing of `check` and `fix`: mutated .docx/.xlsx drafts, web pages and PDFs through the command line, each
under a timeout.

Usage: python scripts/fuzz.py [--runs 2000] [--seed 1] [--timeout 30] [--keep DIR]

Every mutant of a clean draft (XML elements deleted or duplicated, huge gridSpan/gridCol, broken vMerge chains,
deep nesting, long texts, odd digits, a 20,000-row table, thousands of tables, missing parts, malformed XML,
circular/cross-sheet/external formulas, overlapping merges) is checked by `python -m app check FILE --format json`
in a worker subprocess, and every third one is also given to `fix`. A run fails as a crash when the answer is not
one JSON report, carries a traceback or an English exception name, or `fix` changed the input; as a hang when no
answer comes within the timeout (the worker is then killed and restarted). Prints
`FUZZ runs=… crashes=… hangs=…` and one line per failure; exit 1 if any.
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import hashlib
import io
import json
import random
import re
import selectors
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
W = f"{{{W_NS}}}"
S = f"{{{S_NS}}}"
WORKER_MEMORY = 1536 * 1024 * 1024  # bytes of address space a worker may use: a runaway allocation is a MemoryError
ODD_DIGITS = ("０１２３４５６７８９", "⓪①②③④⑤⑥⑦⑧⑨", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९",
              "⁰¹²³⁴⁵⁶⁷⁸⁹", "〇一二三四五六七八九", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")
ENGLISH_EXCEPTION = re.compile(r"Traceback|[A-Z][a-zA-Z]*(Error|Exception)\b|KeyError|StopIteration")
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---------------------------------------------------------------- clean drafts to mutate

def base_drafts(folder: Path) -> list[Path]:
    """Clean drafts in the layouts users send: built, template-based (when ../shared is there), split, xlsx."""
    sys.path.insert(0, str(ROOT))
    from tests.fixtures.data import with_cell
    from tests.fixtures.datasets import sample_2019, sample_2021
    from tests.fixtures.docx_builders import write_docx_built, write_docx_from_template
    from tests.fixtures.xlsx_builders import write_xlsx_one_sheet, write_xlsx_per_table

    faulty = with_cell(sample_2021(), "T3", "r3_1", "natural", "6")  # gives fix a repair to write
    builders: list[tuple[str, Callable[[Path], None]]] = [
        ("plain.docx", lambda p: write_docx_built(faulty, p)),
        ("numbered.docx", lambda p: write_docx_built(sample_2021(), p, headings="numbered")),
        ("split.docx", lambda p: write_docx_built(faulty, p, split_t3=True)),
        ("2019.docx", lambda p: write_docx_built(sample_2019(), p)),
        ("template.docx", lambda p: write_docx_from_template(faulty, p)),
        ("tables.xlsx", lambda p: write_xlsx_per_table(faulty, p)),
        ("values.xlsx", lambda p: write_xlsx_per_table(sample_2021(), p, formulas=False)),
        ("onesheet.xlsx", lambda p: write_xlsx_one_sheet(faulty, p)),
    ]
    out = []
    for name, build in builders:
        try:
            build(folder / name)
        except Exception:  # the real template is absent: fuzz the others
            continue
        out.append(folder / name)
    return out + published_bases(folder, faulty)


def published_bases(folder: Path, data) -> list[Path]:
    """The report as a saved web page, a single-file .mhtml and (LibreOffice present) that page printed to PDF."""
    from tests.fixtures.printed_pdfs import print_to_pdf
    from tests.fixtures.web_pages import print_view, write_mhtml, write_page

    out = [write_page(data, folder / "page.html", "gb2312"), write_mhtml(data, folder / "page.mhtml")]
    printable = folder / "print" / "page.html"
    printable.parent.mkdir()
    printable.write_text(print_view(data), encoding="utf-8")
    with contextlib.suppress(OSError, RuntimeError, subprocess.SubprocessError):  # no LibreOffice: the pages only
        out.append(print_to_pdf([printable], folder)[printable])
    return out


# ---------------------------------------------------------------- mutations

Parts = dict[str, bytes]


def _xml_parts(parts: Parts, kind: str) -> list[str]:
    if kind == "docx":
        return [n for n in parts if n.startswith("word/") and n.endswith(".xml")]
    return [n for n in parts if n.startswith("xl/") and n.endswith(".xml")]


def _main_parts(parts: Parts, kind: str) -> list[str]:
    if kind == "docx":
        return ["word/document.xml"] if "word/document.xml" in parts else []
    return sorted(n for n in parts if n.startswith("xl/worksheets/sheet"))


def _edit_xml(parts: Parts, name: str, fn: Callable[[etree._Element], None]) -> None:
    """Parse one part, let fn change the tree, write it back (a part lxml cannot parse is left alone)."""
    try:
        root = etree.fromstring(parts[name], etree.XMLParser(huge_tree=True))
    except etree.XMLSyntaxError:
        return
    fn(root)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _pick(rng: random.Random, root, tag: str | None = None, k: int = 1) -> list:
    found = [e for e in root.iter(tag) if e is not root and isinstance(e.tag, str)] if tag else \
        [e for e in root.iter() if e is not root and isinstance(e.tag, str)]
    return rng.sample(found, min(k, len(found)))


def m_delete_elements(rng, parts, kind):
    name = rng.choice(_xml_parts(parts, kind))

    def edit(root):
        for el in _pick(rng, root, k=rng.randint(1, 40)):
            if el.getparent() is not None:
                el.getparent().remove(el)
    _edit_xml(parts, name, edit)


def m_duplicate_elements(rng, parts, kind):
    name = rng.choice(_xml_parts(parts, kind))

    def edit(root):
        for el in _pick(rng, root, k=rng.randint(1, 30)):
            for _ in range(rng.choice((1, 2, 10))):
                el.addnext(copy.deepcopy(el))
    _edit_xml(parts, name, edit)


def m_huge_spans(rng, parts, kind):
    values = ("1000000", "2147483647", "99999999999999999999", "65535", "0", "-3", "abc", "")
    if kind == "docx":
        def edit(root):
            for tc_pr in _pick(rng, root, f"{W}tcPr", k=rng.randint(1, 8)):
                span = tc_pr.find(f"{W}gridSpan")
                if span is None:
                    span = etree.SubElement(tc_pr, f"{W}gridSpan")
                span.set(f"{W}val", rng.choice(values))
            for grid in _pick(rng, root, f"{W}tblGrid", k=1):
                for _ in range(rng.choice((500, 5000, 20000))):
                    etree.SubElement(grid, f"{W}gridCol").set(f"{W}w", "10")
        _edit_xml(parts, "word/document.xml", edit)
        return

    def edit_sheet(root):
        dimension = root.find(f"{S}dimension")
        if dimension is not None:
            dimension.set("ref", rng.choice(("A1:XFD1048576", "A1:ZZZZ99999999", "B2:A1", "")))
        cols = root.find(f"{S}cols")
        if cols is not None:
            for col in cols:
                col.set("max", rng.choice(("16384", "99999999", "0")))
        for c in _pick(rng, root, f"{S}c", k=rng.randint(1, 10)):
            c.set("r", rng.choice(("XFD1048576", "A99999999", "ZZZZ1", "A0", "1A", "")))
    _edit_xml(parts, rng.choice(_main_parts(parts, kind)), edit_sheet)


def m_broken_vmerge(rng, parts, kind):
    if kind != "docx":
        return m_overlapping_merges(rng, parts, kind)

    def edit(root):
        for tc_pr in _pick(rng, root, f"{W}tcPr", k=rng.randint(2, 30)):
            for old in tc_pr.findall(f"{W}vMerge"):
                tc_pr.remove(old)
            vmerge = etree.SubElement(tc_pr, f"{W}vMerge")
            choice = rng.choice(("restart", "continue", None, "bogus"))
            if choice:
                vmerge.set(f"{W}val", choice)
        for tr in _pick(rng, root, f"{W}tr", k=rng.randint(0, 3)):
            for tc in tr.findall(f"{W}tc")[:rng.randint(0, 3)]:
                tr.remove(tc)  # a ragged row under a vertical merge
    _edit_xml(parts, "word/document.xml", edit)


def m_deep_nesting(rng, parts, kind):
    depth = rng.choice((50, 300, 3000))
    if kind == "docx":
        def edit(root):
            for tc in _pick(rng, root, f"{W}tc", k=1):
                holder = tc
                for _ in range(depth):
                    tbl = etree.SubElement(holder, f"{W}tbl")
                    holder = etree.SubElement(etree.SubElement(tbl, f"{W}tr"), f"{W}tc")
                etree.SubElement(etree.SubElement(etree.SubElement(holder, f"{W}p"), f"{W}r"), f"{W}t").text = "深"
            body = root.find(f"{W}body")
            if body is not None:
                holder = body
                for _ in range(depth):
                    holder = etree.SubElement(etree.SubElement(holder, f"{W}sdt"), f"{W}sdtContent")
                etree.SubElement(etree.SubElement(etree.SubElement(holder, f"{W}p"), f"{W}r"),
                                 f"{W}t").text = "六、其他需要报告的事项"
        _edit_xml(parts, "word/document.xml", edit)
        return
    name = rng.choice(_main_parts(parts, kind))
    formula = "(" * depth + "1" + ")" * depth
    _edit_xml(parts, name, lambda root: _set_formulas(rng, root, [formula]))


def m_long_texts(rng, parts, kind):
    size = rng.choice((10_000, 200_000, 2_000_000))
    text = rng.choice(("一、总体情况", "申请", "１２３", "9", "表三")) * (size // 4)
    if kind == "docx":
        def edit(root):
            for t in _pick(rng, root, f"{W}t", k=rng.randint(1, 3)):
                t.text = text
        _edit_xml(parts, "word/document.xml", edit)
        return

    def edit_sheet(root):
        for c in _pick(rng, root, f"{S}c", k=rng.randint(1, 3)):
            _inline(c, text)
    _edit_xml(parts, rng.choice(_main_parts(parts, kind)), edit_sheet)


def _inline(c, text: str) -> None:
    for child in list(c):
        c.remove(child)
    c.set("t", "inlineStr")
    etree.SubElement(etree.SubElement(c, f"{S}is"), f"{S}t").text = text


def m_odd_digits(rng, parts, kind):
    digits = rng.choice(ODD_DIGITS)
    table = str.maketrans("0123456789", digits)
    if kind == "docx":
        def edit(root):
            for t in root.iter(f"{W}t"):
                if t.text and any(ch.isdigit() for ch in t.text) and rng.random() < 0.5:
                    t.text = t.text.translate(table)
        _edit_xml(parts, "word/document.xml", edit)
        return

    def edit_sheet(root):
        for c in root.iter(f"{S}c"):
            v = c.find(f"{S}v")
            if v is not None and v.text and c.get("t") in (None, "n") and rng.random() < 0.5:
                if rng.random() < 0.5:
                    _inline(c, v.text.translate(table))
                else:
                    v.text = v.text.translate(table)  # a numeric cell whose value is not a number
    _edit_xml(parts, rng.choice(_main_parts(parts, kind)), edit_sheet)


def _last_table(body: bytes) -> tuple[int, int] | None:
    """(start, end) byte offsets of the last top-level-looking w:tbl of a document.xml, end after </w:tbl>."""
    end = body.rfind(b"</w:tbl>")
    start = max(body.rfind(b"<w:tbl>", 0, end), body.rfind(b"<w:tbl ", 0, end))
    return (start, end + len(b"</w:tbl>")) if end > 0 and start >= 0 else None


def m_big_table(rng, parts, kind):
    """A 20,000-row table: the last row of a table repeated (spliced as bytes, which is fast)."""
    rows = 20_000
    if kind == "docx":
        body = parts.get("word/document.xml", b"")
        table = _last_table(body)
        if table is None:
            return
        end = table[1] - len(b"</w:tbl>")
        start = max(body.rfind(b"<w:tr>", 0, end), body.rfind(b"<w:tr ", 0, end))
        if start > table[0]:
            parts["word/document.xml"] = body[:end] + body[start:end] * rows + body[end:]
        return
    name = rng.choice(_main_parts(parts, kind))
    body = parts[name]
    at = body.rfind(b"</sheetData>")
    if at < 0:
        return
    first = body.count(b"<row ") + 1
    chunk = b"".join(b'<row r="%d"><c r="D%d"><v>%d</v></c></row>' % (r, r, r % 7) for r in range(first, first + rows))
    parts[name] = body[:at] + chunk + body[at:]


def m_many_tables(rng, parts, kind):
    """Thousands of tables: the last table repeated after itself, an empty paragraph between each."""
    count = rng.choice((1000, 3000))
    if kind != "docx":
        return m_big_table(rng, parts, kind)
    body = parts.get("word/document.xml", b"")
    table = _last_table(body)
    if table is not None and table[1] - table[0] < 200_000:
        start, end = table
        parts["word/document.xml"] = body[:end] + (b"<w:p/>" + body[start:end]) * count + body[end:]


def m_missing_part(rng, parts, kind):
    names = [n for n in parts if not n.endswith("/")]
    for name in rng.sample(names, min(len(names), rng.randint(1, 2))):
        del parts[name]


def m_malformed_xml(rng, parts, kind):
    name = rng.choice(_xml_parts(parts, kind) + _main_parts(parts, kind) * 3)
    body = parts[name]
    cut = rng.randrange(1, max(2, len(body)))
    parts[name] = rng.choice((
        body[:cut],
        body[:cut] + b"<<&bogus;\x00>" + body[cut:],
        body.replace(b"UTF-8", b"GB2312", 1),
        body[:cut] + "\ufffe中".encode("utf-8") + body[cut:],
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a '" + b"x" * 1000 + b"'>]><x>&a;&a;&a;</x>",
    ))


def _set_formulas(rng, root, formulas: list[str]) -> None:
    for c in _pick(rng, root, f"{S}c", k=rng.randint(1, 12)):
        for child in list(c):
            c.remove(child)
        c.attrib.pop("t", None)
        etree.SubElement(c, f"{S}f").text = rng.choice(formulas).lstrip("=")
        if rng.random() < 0.3:
            etree.SubElement(c, f"{S}v").text = rng.choice(("0", "#REF!", "1e308", "NaN"))


def m_formulas(rng, parts, kind):
    if kind == "docx":
        return m_duplicate_elements(rng, parts, kind)
    formulas = ["=D5", "=D4+D5", "=SUM(D4:D30)", "='表三'!D5+1", "=表四!A4", "=[1]Sheet1!A1", "='C:\\[外部.xlsx]表三'!D5",
                "=SUM(A:A)", "=SUM(A1:XFD1048576)", "=1/0", "=INDIRECT(\"A1\")", "=J4", "=SUM(J4:J30)", "=-D4",
                "=D4-" * 500 + "1", "=SUM(" * 300 + "1" + ")" * 300, "=NoSuchSheet!A1", "=D4:D5", "=", "=\"文本\""]
    _edit_xml(parts, rng.choice(_main_parts(parts, kind)), lambda root: _set_formulas(rng, root, formulas))


def m_overlapping_merges(rng, parts, kind):
    if kind == "docx":
        return m_huge_spans(rng, parts, kind)
    refs = ("A1:C3", "B2:D4", "A1:J40", "D5:D5", "A1:XFD1048576", "C3:A1", "ZZ1:ZZ2", "A1", "bogus", "D4:E200000")

    def edit(root):
        merges = root.find(f"{S}mergeCells")
        if merges is None:
            merges = etree.SubElement(root, f"{S}mergeCells")
        for _ in range(rng.randint(1, 6)):
            etree.SubElement(merges, f"{S}mergeCell", ref=rng.choice(refs))
        merges.set("count", str(len(merges)))
    _edit_xml(parts, rng.choice(_main_parts(parts, kind)), edit)


def m_byte_rot(rng, parts, kind):
    name = rng.choice(_main_parts(parts, kind))
    body = bytearray(parts[name])
    for _ in range(rng.randint(1, 20)):
        body[rng.randrange(len(body))] = rng.randrange(256)
    parts[name] = bytes(body)


# ---------------------------------------------------------------- mutations of a web page or a PDF (bytes, no package)

def p_byte_rot(rng, data: bytes) -> bytes:
    body = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        body[rng.randrange(len(body))] = rng.randrange(256)
    return bytes(body)


def p_cut_span(rng, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, 5000):]


def p_repeat_span(rng, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    span = data[start:start + rng.randint(1, 2000)]
    return data[:start] + span * rng.choice((2, 10, 500)) + data[start:]


def p_huge_numbers(rng, data: bytes) -> bytes:
    """Numbers (spans, object numbers, offsets, lengths, counts) replaced by huge or negative ones."""
    numbers = list(re.finditer(rb"\d+", data))
    for m in rng.sample(numbers, min(len(numbers), rng.randint(1, 30))):
        data = data[:m.start()] + rng.choice((b"2147483647", b"-1", b"99999999999999999999", b"0")) + data[m.end():]
    return data


def p_markup(rng, data: bytes) -> bytes:
    """Deep nesting, unclosed tags, entity references, odd attributes spliced in at random places."""
    snippet = rng.choice((b"<div>" * rng.choice((300, 5000)), b"<table><tr><td>", b"</table></td></tr>",
                          b"&#xFFFF;&#0;&nbsp;&unknown;", b'<td rowspan="0" colspan="-5">', b"<br>" * 10000,
                          b"<!--", b"<![CDATA[", b"\x00\xff\xfe"))
    at = rng.randrange(len(data))
    return data[:at] + snippet + data[at:]


PUBLISHED_MUTATIONS = (p_byte_rot, p_cut_span, p_repeat_span, p_huge_numbers, p_markup)


def mutate_published(base: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """The page or PDF with one to three byte-level mutations; the names of the mutations applied."""
    applied = []
    for mutation in rng.sample(PUBLISHED_MUTATIONS, rng.choice((1, 1, 2, 3))):
        base = mutation(rng, base) or base
        applied.append(mutation.__name__[2:])
    return base, applied


MUTATIONS = (m_delete_elements, m_duplicate_elements, m_huge_spans, m_broken_vmerge, m_deep_nesting, m_long_texts,
             m_odd_digits, m_big_table, m_many_tables, m_missing_part, m_malformed_xml, m_formulas,
             m_overlapping_merges, m_byte_rot)


def mutate(base: bytes, kind: str, rng: random.Random) -> tuple[bytes, list[str]]:
    """The base package with one to three mutations; the names of the mutations applied."""
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    applied = []
    chosen = rng.sample(MUTATIONS, rng.choice((1, 1, 2, 3)))
    if m_big_table in chosen and m_many_tables in chosen:  # thousands of copies of a 20,000-row table: no
        chosen.remove(m_many_tables)
    chosen.sort(key=lambda m: m is m_big_table or m is m_many_tables)  # the huge ones last: nothing re-parses them
    for mutation in chosen:
        if _main_parts(parts, kind):
            mutation(rng, parts, kind)
            applied.append(mutation.__name__[2:])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, body in parts.items():  # a fixed timestamp: the same seed gives the same bytes
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED, 1)
    data = out.getvalue()
    if rng.random() < 0.03:  # a truncated download
        data = data[:rng.randrange(1, len(data))]
        applied.append("truncated")
    return data, applied


# ---------------------------------------------------------------- the worker: the command line without a new interpreter

def worker() -> None:
    """Answer one JSON line per request {"argv": [...]} with {"code", "stdout", "stderr", "traceback"}."""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY, WORKER_MEMORY))
    sys.path.insert(0, str(ROOT))
    from app.cli import main
    protocol = sys.stdout
    for line in sys.stdin:
        argv = json.loads(line)["argv"]
        out, err = io.StringIO(), io.StringIO()
        code, tb = None, None
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException:  # noqa: BLE001 — a crash is what the fuzzer is looking for
                tb = traceback.format_exc()
        protocol.write(json.dumps({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue(),
                                   "traceback": tb}, ensure_ascii=False) + "\n")
        protocol.flush()


class Worker:
    """A worker subprocess; ask() answers within the timeout or kills it (a hang) and starts a new one."""

    def __init__(self):
        self.process = None

    def _start(self):
        self.process = subprocess.Popen([sys.executable, __file__, "--worker"], cwd=ROOT, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                        encoding="utf-8", bufsize=1, start_new_session=True)

    def ask(self, argv: list[str], timeout: float) -> dict | None:
        if self.process is None or self.process.poll() is not None:
            self._start()
        self.process.stdin.write(json.dumps({"argv": argv}, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout)
        selector.close()
        line = self.process.stdout.readline() if ready else ""
        if not line:
            self.stop()
            return None
        return json.loads(line)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process.stdin.close()
            self.process.stdout.close()
            self.process = None


# ---------------------------------------------------------------- judging one run

def check_failure(answer: dict) -> str | None:
    """Why a `check` answer is wrong, or None."""
    if answer["traceback"]:
        return "traceback: " + answer["traceback"].strip().splitlines()[-1]
    if answer["code"] not in (0, 1, 2):
        return f"exit {answer['code']}"
    if "Traceback" in answer["stderr"]:
        return "traceback on stderr"
    try:
        reports = json.loads(answer["stdout"])["reports"]
    except (ValueError, KeyError, TypeError):
        return "stdout is not the JSON document"
    if len(reports) != 1:
        return f"{len(reports)} reports"
    report = reports[0]
    if report["status"] == "unreadable":
        reason = report["error"] or ""
        if not CJK.search(reason) or ENGLISH_EXCEPTION.search(reason) or "内部错误" in reason:
            return f"reason: {reason[:120]}"
        if answer["code"] != 2:
            return f"unreadable with exit {answer['code']}"
    elif any(not f["message"] or ENGLISH_EXCEPTION.search(f["message"]) for f in report["findings"]):
        return "a finding without a Chinese message"
    return None


def fix_failure(answer: dict) -> str | None:
    if answer["traceback"]:
        return "fix traceback: " + answer["traceback"].strip().splitlines()[-1]
    if answer["code"] not in (0, 2):
        return f"fix exit {answer['code']}"
    if "Traceback" in answer["stderr"] + answer["stdout"] or ENGLISH_EXCEPTION.search(answer["stderr"]):
        return "fix: " + answer["stderr"].strip()[:120]
    return None


@dataclass
class Stats:
    runs: int = 0
    crashes: int = 0
    hangs: int = 0
    failures: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")
    seconds: dict[str, list[float]] = field(default_factory=dict)  # mutation → seconds of each check and fix

    def line(self) -> str:
        return f"FUZZ runs={self.runs} crashes={self.crashes} hangs={self.hangs}"


def cases(seed: int, runs: int, bases: list[Path]) -> Iterator[tuple[str, bytes, str]]:
    """(name, bytes, suffix) of each mutant, the same for the same seed."""
    rng = random.Random(seed)
    originals = [(p, p.read_bytes()) for p in bases]
    for i in range(runs):
        path, data = rng.choice(originals)
        kind = path.suffix[1:]
        if kind in ("html", "mhtml", "pdf"):
            mutant, applied = mutate_published(data, rng)
        else:
            mutant, applied = mutate(data, kind, rng)
        yield f"{i:04d}_{path.stem}_{'+'.join(applied) or 'none'}", mutant, path.suffix


def run(runs: int, seed: int, timeout: float, keep: Path | None = None, fix_every: int = 3) -> Stats:
    """Fuzz `runs` mutants; failing inputs are copied to keep (when given)."""
    stats = Stats()
    worker_ = Worker()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bases = base_drafts(folder)
        try:
            for n, (name, data, suffix) in enumerate(cases(seed, runs, bases)):
                path = folder / f"mutant{suffix}"
                path.write_bytes(data)
                digest = hashlib.sha256(data).hexdigest()
                stats.runs += 1
                commands = [["check", str(path), "--format", "json"]]
                if n % fix_every == 0:
                    commands.append(["fix", str(path), "-o", str(folder / f"fixed{suffix}"), "--force"])
                for argv in commands:
                    start = time.perf_counter()
                    answer = worker_.ask(argv, timeout)
                    took = time.perf_counter() - start
                    stats.slowest = max(stats.slowest, (took, name))
                    for mutation in name.split("_", 2)[2].split("+"):
                        stats.seconds.setdefault(mutation, []).append(took)
                    if answer is None:
                        stats.hangs += 1
                        problem = f"hang over {timeout:.0f} s ({argv[0]})"
                    else:
                        problem = check_failure(answer) if argv[0] == "check" else fix_failure(answer)
                        if problem is None and hashlib.sha256(path.read_bytes()).hexdigest() != digest:
                            problem = "fix changed its input"
                        if problem:
                            stats.crashes += 1
                    if problem:
                        stats.failures.append(f"{name}: {problem}")
                        if keep is not None:
                            keep.mkdir(parents=True, exist_ok=True)
                            (keep / f"{name}{suffix}").write_bytes(data)
                        break
        finally:
            worker_.stop()
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz check and fix with mutated drafts.")
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds one check or fix may take")
    parser.add_argument("--keep", type=Path, help="copy every failing input into this folder")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker()
        return 0
    start = time.perf_counter()
    stats = run(args.runs, args.seed, args.timeout, args.keep)
    for failure in stats.failures:
        print(failure)
    means = ", ".join(f"{m} {sum(t) / len(t):.2f}" for m, t in sorted(stats.seconds.items(), key=lambda kv: -max(kv[1])))
    print(f"mean seconds per run by mutation: {means}")
    print(f"slowest: {stats.slowest[0]:.1f} s ({stats.slowest[1]}); total {time.perf_counter() - start:.0f} s")
    print(stats.line())
    return 1 if stats.crashes or stats.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
