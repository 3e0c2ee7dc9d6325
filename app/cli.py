"""Command line: no command → window; `check FILE…`; `fix FILE`; `--version` (check-contract.md)."""
from __future__ import annotations

import argparse
import json
import sys

from . import TOOL_NAME, __version__
from .engine import check_file, expand_paths
from .summary import to_json, to_text


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's English usage errors → Chinese, exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        sys.exit(2)


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
        return 2
    results = [check_file(p) for p in paths]
    if args.format == "json":
        text = json.dumps(to_json(results), ensure_ascii=False, indent=2) + "\n"
    else:
        text = to_text(results)
    _write_output(text, args.output)
    if any(r.status == "unreadable" for r in results):
        return 2
    return 1 if any(r.counts["error"] for r in results) else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] not in ("check", "fix") and not argv[0].startswith("-"):
        return _open_window(argv[0])
    args = _parser().parse_args(argv)
    if args.command == "check":
        return run_check(args)
    if args.command == "fix":
        from .fix.command import run_fix
        return run_fix(args)
    return _open_window(None)


def _open_window(path: str | None) -> int:
    """The window; until it is installed, the check summary of `path` (or the usage) on the terminal."""
    try:
        from ui.main_window import run
    except ImportError:
        if path is None:
            _parser().print_help()
            return 0
        code = run_check(argparse.Namespace(files=[path], format="text", output=None))
        return 2 if code == 2 else 0
    return run(path)
