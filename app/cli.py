"""The command line of check-contract.md: `check FILE…`, `fix FILE`, `annotate FILE`, `--version`; exit codes as ExitCode."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from enum import IntEnum

from . import TOOL_NAME, __version__, logsetup
from .batch import run_batch
from .engine import collect_drafts
from .fix.safe_write import WriteRefused, write_text_atomic
from .summary import to_json, to_text
from .summary.export import ExportKind, PdfRenderer, export


class ExitCode(IntEnum):
    OK = 0  # no error finding; a copy saved
    FINDINGS = 1  # at least one error finding
    FAILED = 2  # a file could not be read or written


DOCUMENT_FORMATS = tuple(str(kind) for kind in ExportKind)  # written to --output only: the printable summary, the reviewer's workbook


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's English usage errors → Chinese, exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        sys.exit(ExitCode.FAILED)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m app", description=f"{TOOL_NAME}：检查政府信息公开工作年度报告草稿（.docx/.xlsx）和已发布的网页、PDF")
    p.add_argument("--version", action="version", version=f"{TOOL_NAME} {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    c = sub.add_parser("check", help="检查草稿，输出检查摘要或 JSON")
    c.add_argument("files", nargs="+", metavar="FILE", help="草稿、网页或 PDF 文件，或文件夹（文件夹内的 .docx/.xlsx/网页/PDF 全部检查）")
    c.add_argument("--format", choices=("text", "json", *DOCUMENT_FORMATS), default="text",
                   help="输出格式（默认 text）；html/pdf 为可打印的检查摘要，xlsx 为审核用工作簿，须配合 --output")
    c.add_argument("--output", metavar="PATH", help="把结果写入文件而不是屏幕")
    c.add_argument("--previous", metavar="FILE", help="同一机关上一年度的报告，用于跨年度核对（上年结转、重复率等）")
    f = sub.add_parser("fix", help="保存修正版（不改动原文件）")
    f.add_argument("file", metavar="FILE")
    f.add_argument("-o", "--output", metavar="OUT", help="修正版的保存路径（默认：<原名>（修正版）.<扩展名>）")
    f.add_argument("--force", action="store_true", help="修正版已存在时覆盖它")
    a = sub.add_parser("annotate", help="保存批注版：不改动任何数值和文字，每个问题在原处加批注（供审核退回）")
    a.add_argument("file", metavar="FILE")
    a.add_argument("-o", "--output", metavar="OUT", help="批注版的保存路径（默认：<原名>（批注版）.<扩展名>）")
    a.add_argument("--force", action="store_true", help="批注版已存在时覆盖它")
    return p


def _write_output(text: str, path: str | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    write_text_atomic(path, text)


def _document_refused(args, pdf_renderer) -> tuple[str | None, PdfRenderer | None]:
    """Why an html/pdf/xlsx output cannot be written (in Chinese, or None), and the PDF renderer when one is asked for."""
    if not args.output:
        return f"“--format {args.format}”要写入文件，请用 --output 指定保存位置（例如 --output 检查摘要.{args.format}）", None
    if args.format != ExportKind.PDF:
        return None, None
    render_pdf = pdf_renderer() if pdf_renderer else None
    if render_pdf is None:
        return "无法生成 PDF：未安装 PySide6（pip install PySide6-Essentials）；可改用 --format html，在浏览器中打印为 PDF", None
    return None, render_pdf


def run_check(args, pdf_renderer: Callable[[], PdfRenderer | None] | None = None) -> int:
    """Check every file and answer in args.format; pdf_renderer() gives the PDF writer (None: no Qt)."""
    render_pdf = None
    if args.format in DOCUMENT_FORMATS:
        refused, render_pdf = _document_refused(args, pdf_renderer)
        if refused:
            sys.stderr.write(refused + "\n")
            return ExitCode.FAILED
    collected = collect_drafts(args.files)
    paths, skipped = collected.files, collected.skipped_line()
    if not paths:  # still answered in the asked format (JSON: "reports": []), the reason on stderr
        sys.stderr.write("没有找到要检查的 .docx 或 .xlsx 文件（或已发布的网页、PDF）。\n")
    if skipped and args.format != "text":  # the text summary says it in its first lines
        sys.stderr.write(skipped + "\n")
    batch = run_batch(paths, previous=getattr(args, "previous", None))
    results = batch.results
    for reason in batch.unmatched_previous:
        sys.stderr.write(reason + "\n")
    if args.format != "text":  # the text summary names a copy's origin in its own lines
        for r in (r for r in results if r.origin is not None):
            sys.stderr.write(f"注意：{r.file} 是{r.origin.describe()}，不是原稿。\n")
    try:
        if args.format in DOCUMENT_FORMATS:
            export(results, args.output, ExportKind(args.format), render_pdf=render_pdf)
            print(f"已保存{'审核工作簿' if args.format == ExportKind.XLSX else '检查摘要'}：{args.output}")
        elif args.format == "json":
            _write_output(json.dumps(to_json(results), ensure_ascii=False, indent=2) + "\n", args.output)
        else:
            _write_output(to_text(results, skipped), args.output)
    except WriteRefused as exc:
        sys.stderr.write(f"{exc}\n")
        return ExitCode.FAILED
    previous_unreadable = batch.previous is not None and batch.previous.error is not None
    if not paths or previous_unreadable or any(not r.status.checked for r in results):
        return ExitCode.FAILED
    return ExitCode.FINDINGS if any(r.counts["error"] for r in results) else ExitCode.OK


COMMANDS = ("check", "fix", "annotate")


def is_command_line(argv: list[str]) -> bool:
    """argv asks for a command (or --version/--help) rather than the window."""
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("--version", "-h", "--help"))


def main(argv: list[str], pdf_renderer: Callable[[], PdfRenderer | None] | None = None) -> int:
    """Run a command; pdf_renderer() gives the PDF writer for `check --format pdf` (app/__main__ passes ui's)."""
    logsetup.configure()  # internal errors and library warnings go to the log file, never to the terminal
    args = _parser().parse_args(argv)
    if args.command == "check":
        return run_check(args, pdf_renderer)
    if args.command == "fix":
        from .fix.command import run_fix
        return run_fix(args)
    if args.command == "annotate":
        from .fix.command import run_annotate
        return run_annotate(args)
    _parser().print_help()
    return 0


def check_summary(path: str) -> int:
    """The text check summary of one draft on the terminal (where the window cannot open): 0, or 2 unreadable."""
    code = run_check(argparse.Namespace(files=[path], format="text", output=None))
    return ExitCode.FAILED if code == ExitCode.FAILED else ExitCode.OK
