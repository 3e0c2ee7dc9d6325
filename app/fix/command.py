"""`python -m app fix FILE [-o OUT] [--force]`: save a corrected copy beside the draft and list the changes."""
from __future__ import annotations

import os
import sys

from ..engine import check_file
from .plan import FixPlan, describe, plan_fixes
from .safe_write import WriteRefused


def default_output(path: str) -> str:
    """<name>（修正版）.<ext> beside the input."""
    stem, ext = os.path.splitext(path)
    return f"{stem}（修正版）{ext}"


def _same_file(a: str, b: str) -> bool:
    """Both paths name one file (or would, once written)."""
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def write_corrected(kind: str, src: str, plan: FixPlan, out: str, *, overwrite: bool) -> None:
    """Write the corrected copy with the writer for the draft's kind ("docx" | "xlsx"); raises WriteRefused."""
    if kind == "docx":
        from .docx_writer import write_corrected_docx
        write_corrected_docx(src, plan, out, overwrite=overwrite)
    else:
        from .xlsx_writer import write_corrected_xlsx
        write_corrected_xlsx(src, plan, out, overwrite=overwrite)


def _print_list(title: str, lines: list[str]) -> None:
    """A numbered list under a title; nothing when empty."""
    if lines:
        print(title)
        for i, line in enumerate(lines, 1):
            print(f"  {i}. {line}")


def run_fix(args) -> int:
    """Check args.file, write the repairs the engine is sure of to args.output; 0 saved or nothing to do, 2 failed."""
    src = args.file
    out = args.output or default_output(src)
    if _same_file(src, out):
        sys.stderr.write(f"修正版不能保存到原文件上：{out}，请换一个文件名\n")
        return 2
    result = check_file(src)
    if result.error is not None:
        sys.stderr.write(f"无法读取“{src}”：{result.error}\n")
        return 2
    plan = plan_fixes(result.report, result.findings)
    _print_list("以下问题无法确定唯一的改法，未自动修正，请人工核对：", plan.unresolved)
    _print_list("以下修正未做：", plan.skipped)
    if plan.empty:
        print("没有需要自动修正的内容，未生成修正版。")
        return 0
    try:
        write_corrected(result.report.draft.kind, src, plan, out, overwrite=args.force)
    except WriteRefused as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    except Exception as exc:  # never a traceback: the original is untouched, say what failed
        sys.stderr.write(f"保存修正版时出错（{type(exc).__name__}：{exc}），原文件未改动\n")
        return 2
    _print_list("修正版中做了以下修改（均已高亮并加批注）：", describe(plan, result.report))
    print(f"已保存修正版：{out}")
    return 0
