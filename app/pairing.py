"""Which report is last year's of a draft: the same agency (by its name in the title), the year before.

Only decides pairs; the history.* rules run in app.engine (`compare_with_previous`, `link_history`).
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence

from .draft.model import UnreadableDraft
from .draft.read import read_draft
from .draft.sniff import READABLE_SUFFIXES
from .formats.labels import norm
from .report.recognise import recognise
from .result import FileResult

log = logging.getLogger(__name__)
_ADMIN_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,9}?(?:省|市|自治区|自治州|地区|盟)$")
_PLACE_START = re.compile(r"^[\u4e00-\u9fff]{1,9}?(?:省|市|区|县|州|旗|盟|镇|乡|街道)")
_NOT_NAME = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
_TOOL_COPY = re.compile(r"（(?:修正版|批注版)）$")  # the copies `fix` / `annotate` write beside a draft
_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def agency_key(name: str) -> str:
    """An agency name as compared: normalised, without spaces, quotes or brackets."""
    return _NOT_NAME.sub("", norm(name))


def same_agency(a: str | None, b: str | None) -> bool:
    """Two report titles name one agency: the same name, or one with the province/city it belongs to in front
    (淮安市洪泽区人民政府 = 洪泽区人民政府). Unknown names never match."""
    if not a or not b:
        return False
    a, b = agency_key(a), agency_key(b)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return (long.endswith(short) and _PLACE_START.match(short) is not None
            and _ADMIN_PREFIX.match(long[:-len(short)]) is not None)


def is_previous(last: FileResult, this: FileResult) -> bool:
    """`last` is the report of the same agency for the year before `this` one."""
    if last.not_report is not None or this.not_report is not None:
        return False
    a, b = last.report, this.report
    return (a is not None and b is not None and a.year is not None and b.year is not None
            and a.year == b.year - 1 and same_agency(a.agency, b.agency))


def find_previous(this: FileResult, candidates: Sequence[FileResult]) -> FileResult | None:
    """The one candidate that is last year's report of this draft's agency; None when there is none or several
    (a corrected or annotated copy made by this tool does not count beside its original)."""
    found = [c for c in candidates if c is not this and is_previous(c, this)]
    if len(found) > 1:
        found = [c for c in found if not _TOOL_COPY.search(os.path.splitext(os.path.basename(c.file))[0])]
    return found[0] if len(found) == 1 else None


def last_years(results: Sequence[FileResult], given: FileResult | None = None) -> list[FileResult | None]:
    """Last year's report of each result, in their order: the given one where it is that, else the one found
    among `results` (None where there is none)."""
    return [given if given is not None and given is not result and is_previous(given, result)
            else find_previous(result, results) for result in results]


def why_not_previous(given: FileResult, results: Sequence[FileResult]) -> str:
    """The Chinese reason a report given as last year's could not be compared with any draft."""
    name = os.path.basename(given.file)
    if given.error is not None:
        return f"上年报告“{name}”无法读取：{given.error}"
    r = given.report
    if r.agency is None or r.year is None:
        return f"上年报告“{name}”中没有识别出机关名称或年度，未做跨年度核对"
    seen = dict.fromkeys(f"{x.report.agency or '未识别机关'} {x.report.year or '未识别'} 年"
                         for x in results if x.report is not None and x is not given)
    drafts = "、".join(list(seen)[:3]) + ("等" if len(seen) > 3 else "") if seen else "无可读草稿"
    return (f"上年报告“{name}”是{r.agency} {r.year} 年的报告，与所检查的草稿（{drafts}）不是同一机关的相邻年度，"
            "未做跨年度核对")


def previous_in_folder(this: FileResult, limit: int = 80) -> str | None:
    """Last year's report of this draft's agency lying in the draft's folder (the window offers it), or None.

    Files whose name names years but not last year are passed over unread; at most `limit` files are read.
    """
    report = this.report
    if report is None or report.year is None or not report.agency:
        return None
    folder = os.path.dirname(os.path.abspath(this.file))
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    own = os.path.normcase(os.path.abspath(this.file))
    candidates = []
    for name in names:
        path = os.path.join(folder, name)
        years = {int(y) for y in _YEAR_IN_NAME.findall(name)}
        if (not name.lower().endswith(READABLE_SUFFIXES) or name.startswith("~$") or os.path.normcase(path) == own
                or (years and report.year - 1 not in years)):
            continue
        if len(candidates) == limit:
            break
        try:
            candidates.append(FileResult(path, report=recognise(read_draft(path))))
        except UnreadableDraft:
            continue
        except Exception:  # our defect: logged, and this file is not offered
            log.exception("internal error while reading %s", path)
    found = find_previous(this, candidates)
    return found.file if found else None
