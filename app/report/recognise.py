"""Draft → Report: edition, year, agency, period sentence, sections s1…s6 / l1…l6, tables keyed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..draft.model import Draft, Paragraph
from ..formats import editions as E
from ..formats.editions import Edition
from ..formats.labels import norm
from .facts import EditionMarker
from .headings import SectionHit, cover_2007_items, find_sections, strip_number, title_is_accepted  # noqa: F401  (the rules and the fix writer import them here)
from .pieces import is_furniture, logical_tables
from .tables import KeyedTable, find_t2, find_t3, find_t4


@dataclass
class Period:
    paragraph: Paragraph
    years: tuple[int, ...]  # every year the sentence names


@dataclass
class Report:
    draft: Draft
    edition: Edition  # the layout the draft actually uses
    markers: dict[Edition, list[EditionMarker]]  # what only one edition's tables have, by edition
    year: int | None
    agency: str | None
    title: Paragraph | None
    title_year: int | None
    period: Period | None
    sections: dict[str, SectionHit] = field(default_factory=dict)
    section_order: list[SectionHit] = field(default_factory=list)
    tables: dict[str, KeyedTable] = field(default_factory=dict)
    table_blocks: dict[str, int] = field(default_factory=dict)  # table key → position in draft.blocks

    def section_of_block(self, block: int) -> str | None:
        """Key of the section a block stands in."""
        current = None
        for hit in self.section_order:
            if hit.block <= block:
                current = hit.key
        return current

    def section_text(self, key: str) -> str:
        """Text of the paragraphs of one section (heading excluded)."""
        hit = self.sections.get(key)
        if hit is None:
            return ""
        following = [h.block for h in self.section_order if h.block > hit.block]
        end = min(following, default=len(self.draft.blocks))
        return "\n".join(b.text for b in self.draft.blocks[hit.block + 1:end] if isinstance(b, Paragraph))


# ---------------------------------------------------------------- title, year, period

_TITLE_RE = re.compile(r"^(?P<org>.*?)(?P<y>(?:19|20)\d{2})年度?(?P<rest>.{0,12}?信息公开.{0,8}?(?:报告|年报))$")
_TITLE_ALT_RE = re.compile(r"^(?P<org>.+?)政府信息公开工作(?P<y>(?:19|20)\d{2})年度?报告$")
_PERIOD_RE = re.compile(
    r"(统计(?:期限|时限|时间|时段|区间|周期)|所列数据|数据统计).{0,20}?(\d{4})年0?1月0?1日.{0,12}?(?:至|到|—|-|～|~)"
    r".{0,6}?(?:(\d{4})年)?12月31日")
_TITLE_YEAR_FIRST_RE = re.compile(r"^(?P<y>(?:19|20)\d{2})年度?(?P<org>.{2,40}?)政府信息公开(?:工作)?(?:年度)?(?:报告|年报)$")
_TITLE_HEAD_RE = re.compile(r"^.{0,60}?(?:19|20)\d{2}年.{0,24}?(?:报告|年报)")  # a title run into the body


def _title_match(text: str) -> tuple[str | None, int] | None:
    """(agency or None, year) when text is a report title."""
    for regex in (_TITLE_RE, _TITLE_ALT_RE):
        m = regex.match(text)
        if m:
            org = m.group("org").strip() or None
            if org is None:
                early = _TITLE_YEAR_FIRST_RE.match(text)
                org = early.group("org") if early else None
            return org, int(m.group("y"))
    return None


def _find_title(draft: Draft) -> tuple[Paragraph | None, str | None, int | None]:
    """The title paragraph(s), the agency and the year; titles split over lines are joined."""
    heads = [p for p in draft.paragraphs[:16] if p.text.strip() and not is_furniture(p)][:4]
    for i in range(len(heads)):
        joined = ""
        for p in heads[i:i + 3]:
            joined += norm(p.text)
            head = _TITLE_HEAD_RE.match(joined)
            found = _title_match(joined) or (_title_match(head.group(0)) if head and p is heads[i] else None)
            if found:
                org, year = found
                if org is None and i > 0:
                    org = norm(heads[i - 1].text) if len(norm(heads[i - 1].text)) <= 40 else None
                return heads[i], org, year
    return None, None, None


def _find_period(draft: Draft) -> Period | None:
    for p in draft.paragraphs[:60]:
        m = _PERIOD_RE.search(norm(p.text))
        if m:
            years = tuple(int(y) for y in m.groups()[1:] if y)
            return Period(p, years)
    return None


# ---------------------------------------------------------------- edition

def _edition(markers: dict[Edition, list[EditionMarker]], tables: dict[str, KeyedTable], year: int | None, text: str) -> Edition:
    if markers.get(Edition.V2021):
        return Edition.V2021
    if markers.get(Edition.V2019):
        return Edition.V2019
    if "T3" in tables:
        if "r3_6" in tables["T3"].rows:
            return Edition.V2019
        return E.expected_edition(year) if year and year >= 2019 else Edition.V2021
    if tables or "第二十条" in text:
        return E.expected_edition(year) if year and year >= 2019 else Edition.UNKNOWN
    if year is not None:
        return E.expected_edition(year)
    if any(m in text for m in E.MARKERS_2007_TEXT):
        return Edition.V2007
    return Edition.UNKNOWN


def _find_tables(draft: Draft) -> tuple[dict[str, KeyedTable], dict[str, int]]:
    found: dict[str, KeyedTable] = {}
    where: dict[str, int] = {}
    for i, block in logical_tables(draft):
        for key, finder in (("T3", find_t3), ("T4", find_t4), ("T2", find_t2)):
            if key in found:
                continue
            kt = finder(block)
            if kt is not None:
                found[key] = kt
                where[key] = i
    return found, where


def recognise(draft: Draft) -> Report:
    text = norm(draft.full_text())
    title, agency, title_year = _find_title(draft)
    period = _find_period(draft)
    year = title_year or (period.years[0] if period else None)
    tables, table_blocks = _find_tables(draft)
    markers: dict[Edition, list[EditionMarker]] = {}
    for kt in tables.values():
        for edition, seen in kt.edition_markers.items():
            markers.setdefault(edition, []).extend(seen)
    edition = _edition(markers, tables, year, text)
    report = Report(draft, edition, markers, year, agency, title, title_year, period,
                    tables=tables, table_blocks=table_blocks)
    report.section_order = find_sections(draft, edition, _PERIOD_RE)
    if edition.spec.coverage_only:
        cover_2007_items(draft, report.section_order)
    report.sections = {h.key: h for h in report.section_order}
    return report
