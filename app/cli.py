"""The command line of check-contract.md: `check FILE…`, `fix FILE`, `--version`; exit codes as ExitCode."""
from __future__ import annotations

import argparse
import json
import sys
from enum import IntEnum

from . import TOOL_NAME, __version__
from .engine import check_file, expand_paths
from .summary import to_json, to_text


class ExitCode(IntEnum):
    OK = 0  # no error finding; a copy saved
    FINDINGS = 1  # at least one error finding
    FAILED = 2  # a file could not be read or written


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's English usage errors → Chinese, exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        sys.exit(ExitCode.FAILED)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m app", description=f"{TOOL_NAME}：检查政府信息公开工作年度报告草稿（.docx/.xlsx）")
    p.add_argument("--version", action="version", version=f"{TOOL_NAME} {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)
    c = sub.add_parser("check", help="检查草稿，输出检查摘要或 JSON")
    c.add_argument("files", nargs="+", metavar="FILE", help="草稿文件或文件夹（文件夹内的 .docx/.xlsx 全部检查）")
    c.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    c.add_argument("--output", metavar="PATH", help="把结果写入文件而不是屏幕")
    f = sub.add_parser("fix", help="保存修正版（不改动原文件）")
    f.add_argument("file", metavar="FILE")
    f.add_argument("-o", "--output", metavar="OUT", help="修正版的保存路径（默认：<原名>（修正版）.<扩展名>）")
    f.add_argument("--force", action="store_true", help="修正版已存在时覆盖它")
    return p


def _write_output(text: str, path: str | None) -> None:
    if path is None:
        sys.stdout.write(text)
        return
    from .fix.safe_write import write_text_atomic
    write_text_atomic(path, text)


def run_check(args) -> int:
    paths = expand_paths(args.files)
    if not paths:
        sys.stderr.write("没有找到要检查的 .docx 或 .xlsx 文件。\n")
        return ExitCode.FAILED
    results = [check_file(p) for p in paths]
    if args.format == "json":
        text = json.dumps(to_json(results), ensure_ascii=False, indent=2) + "\n"
    else:
        text = to_text(results)
    _write_output(text, args.output)
    if any(r.status == "unreadable" for r in results):
        return ExitCode.FAILED
    return ExitCode.FINDINGS if any(r.counts["error"] for r in results) else ExitCode.OK


COMMANDS = ("check", "fix")


def is_command_line(argv: list[str]) -> bool:
    """argv asks for a command (or --version/--help) rather than the window."""
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("--version", "-h", "--help"))


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return run_check(args)
    if args.command == "fix":
        from .fix.command import run_fix
        return run_fix(args)
    _parser().print_help()
    return 0


def check_summary(path: str) -> int:
    """The text check summary of one draft on the terminal (where the window cannot open): 0, or 2 unreadable."""
    code = run_check(argparse.Namespace(files=[path], format="text", output=None))
    return ExitCode.FAILED if code == ExitCode.FAILED else ExitCode.OK
