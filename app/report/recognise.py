"""Draft → Report: edition, year, agency, period sentence, sections s1…s6 / l1…l6, tables keyed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..draft.model import Draft, Paragraph, Table
from ..formats import editions as E
from ..formats.editions import Edition
from ..formats.labels import norm
from .tables import KeyedTable, find_t2, find_t3, find_t4


@dataclass
class SectionHit:
    key: str
    paragraph: Paragraph
    block: int  # position in draft.blocks
    title: str  # heading text without its number


@dataclass
class Period:
    paragraph: Paragraph
    years: tuple[int, ...]  # every year the sentence names


@dataclass
class Report:
    draft: Draft
    edition: Edition  # the layout the draft actually uses
    markers: dict[str, list[str]]
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
_NUM_PREFIX = re.compile(r"^(第?[一二三四五六七八九十]{1,3}[.、,，:：部分]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、])")


def _find_title(draft: Draft) -> tuple[Paragraph | None, str | None, int | None]:
    """The title paragraph(s), the agency and the year; titles split over lines are joined."""
    heads = [p for p in draft.paragraphs[:12] if p.text.strip()][:4]
    for i in range(len(heads)):
        joined = ""
        for p in heads[i:i + 3]:
            joined += norm(p.text)
            for regex in (_TITLE_RE, _TITLE_ALT_RE):
                m = regex.match(joined)
                if m:
                    org = m.group("org").strip() or None
                    if org is None and i > 0:
                        org = norm(heads[i - 1].text) if len(norm(heads[i - 1].text)) <= 40 else None
                    return heads[i], org, int(m.group("y"))
    return None, None, None


def _find_period(draft: Draft) -> Period | None:
    for p in draft.paragraphs[:60]:
        m = _PERIOD_RE.search(norm(p.text))
        if m:
            years = tuple(int(y) for y in m.groups()[1:] if y)
            return Period(p, years)
    return None


# ---------------------------------------------------------------- sections

_ACCEPTED_TITLES = {
    "s1": ("总体情况", "政务公开工作总体情况", "政府信息公开工作的基本概况", "概述"),
    "s2": ("主动公开政府信息情况", "行政机关主动公开政府信息情况"),
    "s3": ("收到和处理政府信息公开申请情况", "行政机关收到和处理政府信息公开申请情况"),
    "s4": ("政府信息公开行政复议.行政诉讼情况", "因政府信息公开工作被申请行政复议.提起行政诉讼情况",
           "因政府信息公开工作被申请行政复议和提起行政诉讼情况", "因政府信息公开工作被申请行政复议提起行政诉讼情况",
           "政府信息公开行政复议及行政诉讼情况", "政府信息公开行政复议行政诉讼情况"),
    "s5": ("存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况",
           "主要问题及改进措施"),
    "s6": ("其他需要报告的事项",),
}


def strip_number(text: str) -> str:
    """Heading text without its leading number ("三、", "（三）", "3.") and trailing punctuation."""
    t = norm(text)
    m = _NUM_PREFIX.match(t)
    return (t[m.end():] if m else t).rstrip("。.:：")


def _heading_candidate(p: Paragraph, modern: bool) -> bool:
    t = norm(p.text)
    if not t or len(t) > 40:
        return False
    if modern and re.match(r"^[(（]", t):
        return False  # （一）… are sub-headings in the 2019/2021 editions
    return bool(_NUM_PREFIX.match(t)) or p.heading_level is not None or p.bold or len(t) <= 20


def _matches(spec: E.SectionSpec, title: str) -> bool:
    return all(k in title for k in spec.all_of) and (not spec.any_of or any(k in title for k in spec.any_of))


def _find_sections(draft: Draft, edition: Edition) -> list[SectionHit]:
    modern = not edition.spec.coverage_only
    specs = edition.spec.sections
    hits: list[SectionHit] = []
    seen: set[str] = set()
    for i, block in enumerate(draft.blocks):
        if not isinstance(block, Paragraph) or not _heading_candidate(block, modern):
            continue
        title = strip_number(block.text)
        if modern and _PERIOD_RE.search(title):
            continue
        for spec in specs:
            if spec.key not in seen and _matches(spec, title):
                hits.append(SectionHit(spec.key, block, i, title))
                seen.add(spec.key)
                if modern:
                    break
    return hits


def _cover_2007_items(draft: Draft, hits: list[SectionHit]) -> None:
    """2007-era items are checked for coverage, not titles: some may be covered by body text."""
    found = {h.key for h in hits}
    paragraphs = [(i, b) for i, b in enumerate(draft.blocks) if isinstance(b, Paragraph) and b.text.strip()]
    for spec in E.SECTIONS_2007:
        if spec.key in found:
            continue
        if spec.key in ("l1", "l3", "l4"):  # stated in a sentence of the body
            hit = next(((i, p) for i, p in paragraphs if _matches(spec, norm(p.text))), None)
        elif spec.key == "l5":  # "存在的主要问题和困难" and "改进措施" as two headings
            problem = next(((i, p) for i, p in paragraphs if _heading_candidate(p, False) and "问题" in norm(p.text)), None)
            remedy = any(_heading_candidate(p, False) and re.search("改进|措施", norm(p.text)) for _, p in paragraphs)
            hit = problem if remedy else None
        else:
            hit = None
        if hit:
            hits.append(SectionHit(spec.key, hit[1], hit[0], strip_number(hit[1].text)))
    hits.sort(key=lambda h: h.block)


def title_is_accepted(key: str, title: str) -> bool:
    return any(norm(t) == title for t in _ACCEPTED_TITLES.get(key, ()))


# ---------------------------------------------------------------- edition

def _edition(markers: dict[str, list[str]], tables: dict[str, KeyedTable], year: int | None, text: str) -> Edition:
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
    for i, block in enumerate(draft.blocks):
        if not isinstance(block, Table):
            continue
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
    markers: dict[str, list[str]] = {}
    for kt in tables.values():
        for edition, seen in kt.edition_markers.items():
            markers.setdefault(edition, []).extend(seen)
    edition = _edition(markers, tables, year, text)
    report = Report(draft, edition, markers, year, agency, title, title_year, period,
                    tables=tables, table_blocks=table_blocks)
    report.section_order = _find_sections(draft, edition)
    if edition.spec.coverage_only:
        _cover_2007_items(draft, report.section_order)
    report.sections = {h.key: h for h in report.section_order}
    return report
