"""Save the corrected or the annotated copy of a checked draft: plan, write atomically, never touch the input."""
from __future__ import annotations

import dataclasses
import logging
import os

from ..findings import Finding
from ..provenance import stamp
from ..result import FileResult
from .annotate import AnnotationPlan, plan_annotations
from .plan import FixPlan, plan_fixes
from .reread import guarded_plan
from .safe_write import WriteRefused, write_bytes_atomic

log = logging.getLogger(__name__)
NAMES = {"corrected": "修正版", "annotated": "批注版"}  # the copies, as the user calls them
_KINDS = {"corrected": "corrected", "fix": "corrected", "annotated": "annotated", "annotate": "annotated"}


def default_output(path: str, kind: str = "corrected") -> str:
    """<name>（修正版）.<ext> or <name>（批注版）.<ext> beside the input; kind "corrected"/"fix" or "annotated"/"annotate"."""
    stem, ext = os.path.splitext(path)
    return f"{stem}（{NAMES[_KINDS[kind]]}）{ext}"


def _same_file(a: str, b: str) -> bool:
    """Both paths name one file (or would, once written)."""
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _refuse_early(result: FileResult, out: str, kind: str) -> None:
    """WriteRefused when the draft was not read or the copy would land on it."""
    if result.report is None:
        raise WriteRefused(f"无法读取“{result.file}”：{result.error or '文件没有读出内容'}，未生成{NAMES[kind]}")
    if result.not_report is not None:
        raise WriteRefused(f"“{os.path.basename(result.file)}”不是政府信息公开工作年度报告，未生成{NAMES[kind]}")
    if _same_file(result.file, out):
        raise WriteRefused(f"{NAMES[kind]}不能保存到原文件上：{out}，请换一个文件名")


def _guarded(kind: str, source: str, step, *args, **kwargs):
    """Run a planning or writing step; a defect of ours becomes a WriteRefused with a Chinese reason (the trace
    goes to the log)."""
    try:
        return step(*args, **kwargs)
    except WriteRefused:
        raise
    except Exception:
        log.exception("internal error while making the %s copy of %s", kind, source)
        raise WriteRefused(f"保存{NAMES[kind]}时本工具出现内部错误，原文件未改动；详情已写入日志") from None


def _mark_copy(out: str, kind: str, source: str) -> None:
    """Give the copy just written the tool's mark (custom document properties naming its kind and its draft), so
    that a later folder check skips it."""
    with open(out, "rb") as fh:
        data = fh.read()
    write_bytes_atomic(out, stamp(data, NAMES[kind], os.path.basename(source)), overwrite=True)


def acted_on(findings: list[Finding], chosen: list[Finding] | None) -> list[Finding]:
    """The findings with only the chosen fixes kept: a fix not chosen leaves its finding for a person."""
    if chosen is None:
        return list(findings)
    keys = {f.key for f in chosen}
    return [f if f.fix is None or f.key in keys else dataclasses.replace(f, fix=None) for f in findings]


def save_corrected(result: FileResult, out: str, *, chosen: list[Finding] | None = None,
                   overwrite: bool = False) -> FixPlan:
    """Write the corrected copy of a checked draft to out: the chosen fixes (None: every fix) made, every other
    error and warning commented at its place. Raises WriteRefused with the Chinese reason."""
    _refuse_early(result, out, "corrected")
    plan = _guarded("corrected", result.file, plan_fixes, result.report, acted_on(result.findings, chosen))
    plan = _guarded("corrected", result.file, guarded_plan, result.file, plan)
    if plan.kind == "docx":
        from .docx_writer import write_corrected_docx as write
    else:
        from .xlsx_writer import write_corrected_xlsx as write
    _guarded("corrected", result.file, write, result.file, plan, out, overwrite=overwrite)
    _guarded("corrected", result.file, _mark_copy, out, "corrected", result.file)
    return plan


def save_annotated(result: FileResult, out: str, *, overwrite: bool = False) -> AnnotationPlan:
    """Write the reviewer's annotated copy to out: nothing changed, every error and warning a comment at its place.
    Raises WriteRefused with the Chinese reason."""
    _refuse_early(result, out, "annotated")
    plan = _guarded("annotated", result.file, plan_annotations, result.report, result.findings)
    if plan.kind == "docx":
        from .docx_writer import write_annotated_docx as write
    else:
        from .xlsx_writer import write_annotated_xlsx as write
    _guarded("annotated", result.file, write, result.file, plan, out, overwrite=overwrite)
    _guarded("annotated", result.file, _mark_copy, out, "annotated", result.file)
    return plan
