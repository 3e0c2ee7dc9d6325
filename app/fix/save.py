"""Save the corrected or the annotated copy of a checked draft: plan, write atomically, never touch the input."""
from __future__ import annotations

import dataclasses
import logging
import os
from enum import StrEnum

from ..findings import Finding
from ..provenance import stamp
from ..result import FileResult
from .annotate import AnnotationPlan, plan_annotations
from .plan import FixPlan, plan_fixes
from .reread import guarded_plan
from .safe_write import WriteRefused, write_bytes_atomic

log = logging.getLogger(__name__)


class CopyKind(StrEnum):
    """The two copies of a draft this tool writes; `label` is what the user calls them (also the mark in the file)."""

    CORRECTED = "corrected"
    ANNOTATED = "annotated"

    @property
    def label(self) -> str:
        return "修正版" if self is CopyKind.CORRECTED else "批注版"


def default_output(path: str, kind: CopyKind = CopyKind.CORRECTED) -> str:
    """<name>（修正版）.<ext> or <name>（批注版）.<ext> beside the input."""
    stem, ext = os.path.splitext(path)
    return f"{stem}（{kind.label}）{ext}"


def _same_file(a: str, b: str) -> bool:
    """Both paths name one file (or would, once written)."""
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def _refuse_early(result: FileResult, out: str, kind: CopyKind) -> None:
    """WriteRefused when the draft was not read or the copy would land on it."""
    if result.report is None:
        raise WriteRefused(f"无法读取“{result.file}”：{result.error or '文件没有读出内容'}，未生成{kind.label}")
    if result.not_report is not None:
        raise WriteRefused(f"“{os.path.basename(result.file)}”不是政府信息公开工作年度报告，未生成{kind.label}")
    if _same_file(result.file, out):
        raise WriteRefused(f"{kind.label}不能保存到原文件上：{out}，请换一个文件名")


def _guarded(kind: CopyKind, source: str, step, *args, **kwargs):
    """Run a planning or writing step; a defect of ours becomes a WriteRefused with a Chinese reason (the trace
    goes to the log)."""
    try:
        return step(*args, **kwargs)
    except WriteRefused:
        raise
    except Exception:
        log.exception("internal error while making the %s copy of %s", kind, source)
        raise WriteRefused(f"保存{kind.label}时本工具出现内部错误，原文件未改动；详情已写入日志") from None


def _mark_copy(out: str, kind: CopyKind, source: str) -> None:
    """Give the copy just written the tool's mark (custom document properties naming its kind and its draft), so
    that a later folder check skips it."""
    with open(out, "rb") as fh:
        data = fh.read()
    write_bytes_atomic(out, stamp(data, kind.label, os.path.basename(source)), overwrite=True)


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
    _refuse_early(result, out, CopyKind.CORRECTED)
    plan = _guarded(CopyKind.CORRECTED, result.file, plan_fixes, result.report, acted_on(result.findings, chosen))
    plan = _guarded(CopyKind.CORRECTED, result.file, guarded_plan, result.file, plan)
    if plan.kind == "docx":
        from .docx_writer import write_corrected_docx as write
    else:
        from .xlsx_writer import write_corrected_xlsx as write
    _guarded(CopyKind.CORRECTED, result.file, write, result.file, plan, out, overwrite=overwrite)
    _guarded(CopyKind.CORRECTED, result.file, _mark_copy, out, CopyKind.CORRECTED, result.file)
    return plan


def save_annotated(result: FileResult, out: str, *, overwrite: bool = False) -> AnnotationPlan:
    """Write the reviewer's annotated copy to out: nothing changed, every error and warning a comment at its place.
    Raises WriteRefused with the Chinese reason."""
    _refuse_early(result, out, CopyKind.ANNOTATED)
    plan = _guarded(CopyKind.ANNOTATED, result.file, plan_annotations, result.report, result.findings)
    if plan.kind == "docx":
        from .docx_writer import write_annotated_docx as write
    else:
        from .xlsx_writer import write_annotated_xlsx as write
    _guarded(CopyKind.ANNOTATED, result.file, write, result.file, plan, out, overwrite=overwrite)
    _guarded(CopyKind.ANNOTATED, result.file, _mark_copy, out, CopyKind.ANNOTATED, result.file)
    return plan
