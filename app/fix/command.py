"""`fix FILE` and `annotate FILE` ([-o OUT] [--force]): save the copy beside the draft, say what it holds."""
from __future__ import annotations

import sys

from ..draft.model import UnreadableDraft
from ..draft.sniff import sniff
from ..engine import check_file
from .annotate import describe_annotations
from .plan import describe_changes
from .safe_write import WriteRefused
from .save import CopyKind, default_output, save_annotated, save_corrected

__all__ = ["NEEDS_DRAFT", "default_output", "run_annotate", "run_fix"]

NEEDS_DRAFT = ("这是已发布的网页或 PDF，只能检查，不能生成{copy}：{copy}要在 Word/Excel 草稿上修改或加批注，"
               "请对该报告的 Word（.docx）或 Excel（.xlsx）草稿执行此操作")


def _print_list(title: str, lines: list[str]) -> None:
    """A numbered list under a title; nothing when empty."""
    if lines:
        print(title)
        for i, line in enumerate(lines, 1):
            print(f"  {i}. {line}")


def _save(args, kind: CopyKind, save):
    """Check args.file and save its copy of `kind` with `save`: (result, plan, path written); plan None after saying
    on stderr why nothing was written."""
    out = args.output or default_output(args.file, kind)
    if _published(args.file):
        sys.stderr.write(f"无法为“{args.file}”生成{kind.label}：{NEEDS_DRAFT.format(copy=kind.label)}\n")
        return None, None, out
    result = check_file(args.file)
    if result.error is not None:
        sys.stderr.write(f"无法读取“{args.file}”：{result.error}\n")
        return result, None, out
    if result.not_report is not None:
        sys.stderr.write(f"“{args.file}”不是政府信息公开工作年度报告，未生成{kind.label}：{result.not_report}\n")
        return result, None, out
    try:
        return result, save(result, out, overwrite=args.force), out
    except WriteRefused as exc:
        sys.stderr.write(f"{exc}\n")
        return result, None, out


def _published(path: str) -> bool:
    """The file is a web page or PDF (a published report), not a Word/Excel draft."""
    try:
        return not sniff(path).is_draft
    except UnreadableDraft:
        return False  # check_file says why it cannot be read


def run_fix(args) -> int:
    """Check args.file and write the corrected copy to args.output: 0 saved, 2 could not read or write."""
    result, plan, out = _save(args, CopyKind.CORRECTED, save_corrected)
    if plan is None:
        return 2
    if plan.changed:
        _print_list("修正版中做了以下修改（均已高亮并加批注）：", describe_changes(plan, result.report))
    else:
        print("没有能确定改法的问题，修正版未改动任何数值或文字。")
    _print_list("以下问题未自动修正（无法确定唯一的改法或须人工判断），已在修正版中相应位置加批注，请人工核对：",
                plan.left_open)
    print(f"已保存修正版：{out}")
    return 0


def run_annotate(args) -> int:
    """Check args.file and write the annotated copy to args.output: 0 saved, 2 could not read or write."""
    result, plan, out = _save(args, CopyKind.ANNOTATED, save_annotated)
    if plan is None:
        return 2
    lines = describe_annotations(plan)
    if lines:
        _print_list(f"批注版中标出了以下 {len(lines)} 个问题（{plan.comments} 条批注，数值和文字均未改动）：", lines)
    else:
        print("没有发现错误或警告，批注版与原文件内容相同。")
    print(f"已保存批注版：{out}")
    return 0
