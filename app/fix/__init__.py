"""Findings the user chose → fix plan → corrected or annotated copy of the file.

The window and the command line use only these: plan_fixes/describe (what a corrected copy would do),
save_corrected/save_annotated (write it; WriteRefused carries the Chinese reason), default_output and CopyKind.
"""
from .annotate import AnnotationPlan, describe_annotations, plan_annotations
from .plan import FixPlan, describe, plan_fixes
from .safe_write import WriteRefused
from .save import CopyKind, default_output, save_annotated, save_corrected

__all__ = ["AnnotationPlan", "CopyKind", "FixPlan", "WriteRefused", "default_output", "describe", "describe_annotations",
           "plan_annotations", "plan_fixes", "save_annotated", "save_corrected"]
