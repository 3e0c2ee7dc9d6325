"""The section headings of a draft: which paragraphs head the parts s1…s6, or cover the 2007-era items l1…l6.

Real drafts number their parts "三、", "第三部分", "三是"; misspell or extend titles; put a heading in a one-cell
table; leave out a heading and start the part with its sub-headings ("（一）主要问题"). Sub-items inside a part
("4.认真办理依申请公开", "（二）依申请公开情况") are not part headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from ..draft.model import Draft, Paragraph, Table
from ..findings import DocxCell
from ..formats import editions as E
from ..formats.editions import Edition
from ..formats.labels import norm


@dataclass
class SectionHit:
    key: str
    paragraph: Paragraph
    block: int  # position in draft.blocks
    title: str  # heading text without its number


ACCEPTED_TITLES = {
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
_CN = "一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾"  # counting and legal (大写) numerals
_PART_NUMBER = re.compile(rf"^(?:第[{_CN}]{{1,3}}(?:部分|章|节)[.,，:：]?|[{_CN}]{{1,3}}[.,，:：])")
_ITEM_NUMBER = re.compile(rf"^(?:[{_CN}]{{1,3}}是|[(（][{_CN}]{{1,3}}[)）]|\d{{1,2}}[.、,，](?!\d))")
_NUM_PREFIX = re.compile(f"{_PART_NUMBER.pattern}|{_ITEM_NUMBER.pattern}")
_SUB_HEADING = re.compile(rf"^[(（][{_CN}]{{1,3}}[)）]")
_FUZZY = 0.75  # similarity to an official title that a misspelt part heading reaches
_FUZZY_ITEM = 0.85  # the same for a heading numbered like a sub-item ("一是总体情况")
_MAX_HEADING = 40


def strip_number(text: str) -> str:
    """Heading text without its leading number ("三、", "第三部分", "（三）", "3.") and trailing punctuation."""
    t = norm(text)
    m = _NUM_PREFIX.match(t)
    return (t[m.end():] if m else t).rstrip("。.:：")


def title_is_accepted(key: str, title: str) -> bool:
    return any(norm(t) == title for t in ACCEPTED_TITLES.get(key, ()))


def _matches(spec: E.SectionSpec, title: str) -> bool:
    return all(k in title for k in spec.all_of) and (not spec.any_of or any(k in title for k in spec.any_of))


@lru_cache(maxsize=4096)
def _similarity(key: str, title: str) -> float:
    """How close a heading is to the official title of part `key` or an accepted variant (0…1)."""
    best = 0.0
    for official in _titles(key):
        matcher = SequenceMatcher(None, title, official)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


@cache
def _titles(key: str) -> tuple[str, ...]:
    """The official title of part `key`, then its accepted variants, normalised."""
    return tuple(norm(t) for t in (E.SECTION_BY_KEY[key].title, *ACCEPTED_TITLES[key]))


# ---------------------------------------------------------------- candidates

def _candidate_lines(draft: Draft) -> list[tuple[int, Paragraph]]:
    """(block, paragraph) of every short line that could head a part, one-cell tables included."""
    out = []
    for i, block in enumerate(draft.blocks):
        if isinstance(block, Paragraph):
            text = norm(block.text)
            if text and len(text) <= _MAX_HEADING:
                out.append((i, block))
        elif _one_cell(block):
            cell = block.grid[0][0]
            out.append((i, Paragraph(cell.text, _anchor(draft, i, cell.where), None, True)))
    return out


def _one_cell(table: Table) -> bool:
    """A table of one cell holding one short line: a framed heading."""
    cells = {id(c): c for row in table.grid for c in row}
    if len(cells) != 1:
        return False
    text = norm(table.grid[0][0].text)
    return 0 < len(text) <= _MAX_HEADING


def _anchor(draft: Draft, block: int, where):
    """Where a heading inside a Word table is shown and inserted before: the next body paragraph (else its cell)."""
    if not isinstance(where, DocxCell):
        return where
    following = (b for b in draft.blocks[block + 1:] if isinstance(b, Paragraph))
    return next((p.where for p in following), where)


def heading_words(p: Paragraph) -> tuple[str, str]:
    """(the line normalised, its words without their number): a Word list's number is cut where it ends."""
    if not p.list_number:
        return norm(p.text), strip_number(p.text)
    number = norm(p.list_number)
    raw = norm(p.text)
    body = raw[len(number):] if raw.startswith(number) else raw
    number = number if _NUM_PREFIX.match(number) or not number else number + norm("、")  # "%1" with no separator
    return number + body, strip_number(body)


def _score(key: str, p: Paragraph, title: str, raw: str) -> int:
    """3 an accepted title, 2 the part's keywords, 1 a near miss of the title (a typo), 0 not this part."""
    spec = E.SECTION_BY_KEY[key]
    item_numbered = _ITEM_NUMBER.match(raw) is not None
    if _SUB_HEADING.match(raw) or re.match(r"^\d", raw):
        return 0  # （一）… and 1.… are sub-items of a part
    if title_is_accepted(key, title) and not (item_numbered and raw.endswith("。")):
        return 3
    if item_numbered:
        return 1 if not raw.endswith("。") and _similarity(key, title) >= _FUZZY_ITEM else 0
    # A list number the reader could not render ("") still numbers the paragraph.
    numbered = (_PART_NUMBER.match(raw) is not None or p.list_number == "" or p.heading_level is not None
                or p.bold)
    if not (numbered or len(raw) <= 20) or (raw.endswith("。") and not numbered):
        return 0  # a sentence of the body, not a heading
    if _matches(spec, title):
        return 2
    return 1 if numbered and _similarity(key, title) >= _FUZZY else 0


def find_sections(draft: Draft, edition: Edition, period_re: re.Pattern) -> list[SectionHit]:
    """The heading of each part, best candidate first: accepted title, then keywords, then a near miss."""
    if edition.spec.coverage_only:
        return _find_2007_headings(draft, edition)
    best: dict[str, tuple[int, int, SectionHit]] = {}
    for i, p in _candidate_lines(draft):
        raw, title = heading_words(p)
        if period_re.search(title):
            continue
        scored = [(_score(spec.key, p, title, raw), spec.key) for spec in edition.spec.sections]
        score, key = max(scored, key=lambda pair: pair[0])  # the first part among equal scores
        if score and (key not in best or best[key][0] < score):
            best[key] = (score, i, SectionHit(key, p, i, title))
    hits = sorted((hit for _, _, hit in best.values()), key=lambda h: h.block)
    _problems_part_by_sub_headings(draft, hits)
    return hits


def _problems_part_by_sub_headings(draft: Draft, hits: list[SectionHit]) -> None:
    """五 without its heading: the part opens with its sub-headings (“（一）主要问题”) between 四 and 六."""
    found = {h.key: h.block for h in hits}
    if "s5" in found:
        return
    start = max((found[k] for k in ("s2", "s3", "s4") if k in found), default=None)
    end = found.get("s6", len(draft.blocks))
    if start is None:
        return
    for i in range(start + 1, end):
        block = draft.blocks[i]
        if isinstance(block, Paragraph):
            raw = norm(block.text)
            if _SUB_HEADING.match(raw) and len(raw) <= _MAX_HEADING and "问题" in raw:
                hits.append(SectionHit("s5", block, i, heading_words(block)[1]))
                hits.sort(key=lambda h: h.block)
                return


# ---------------------------------------------------------------- 2007-era items

def _heading_like(p: Paragraph) -> bool:
    """Short, and numbered, styled, bold or very short: how 2007-era headings look."""
    raw = norm(p.text)
    return 0 < len(raw) <= _MAX_HEADING and bool(
        _NUM_PREFIX.match(raw) or p.heading_level is not None or p.bold or len(raw) <= 20)


def _find_2007_headings(draft: Draft, edition: Edition) -> list[SectionHit]:
    hits: list[SectionHit] = []
    seen: set[str] = set()
    for i, block in _candidate_lines(draft):
        if not _heading_like(block):
            continue
        title = heading_words(block)[1]
        for spec in edition.spec.sections:
            if spec.key not in seen and _matches(spec, title):
                hits.append(SectionHit(spec.key, block, i, title))
                seen.add(spec.key)
    return hits


# A sentence or a statistics-table row that covers an item of 第三十二条 without a heading of its own.
_COVERAGE = {
    "l1": re.compile(r"主动公开"),
    "l2": re.compile(r"(?:收到|受理|接到|接收|办理|答复)[^。；]{0,20}申请[^。；]{0,12}?\d+件|申请[^。；]{0,12}?\d+件|"
                     r"(?:未|没有)(?:收到|接到|受理)[^。；]{0,20}申请"),
    "l3": re.compile(r"收费|收取[^。；]{0,10}费"),
    "l4": re.compile(r"复议|诉讼"),
}


def cover_2007_items(draft: Draft, hits: list[SectionHit]) -> None:
    """2007-era items are checked for coverage, not titles: a sentence or a table row may cover one."""
    found = {h.key for h in hits}
    lines = [(i, b) for i, b in enumerate(draft.blocks) if isinstance(b, Paragraph) and b.text.strip()]
    lines += [(i, Paragraph(" ".join(c.text for c in b.distinct_row(r)), b.grid[r][0].where))
              for i, b in enumerate(draft.blocks) if isinstance(b, Table) for r in range(len(b.grid))
              if b.grid[r] and re.search(r"\d", " ".join(c.text for c in b.distinct_row(r)))]
    for spec in E.SECTIONS_2007:
        if spec.key in found:
            continue
        hit = None
        if spec.key in _COVERAGE:
            hit = next(((i, p) for i, p in lines
                        if any(_COVERAGE[spec.key].search(s) for s in re.split(r"[。；]", norm(p.text)))), None)
        elif spec.key == "l5":  # "存在的主要问题和困难" and "改进措施" as two headings
            short = [(i, p) for i, p in lines if isinstance(draft.blocks[i], Paragraph) and _heading_like(p)]
            problem = next(((i, p) for i, p in short if "问题" in norm(p.text)), None)
            remedy = any(re.search("改进|措施", norm(p.text)) for _, p in short)
            hit = problem if remedy else None
        if hit:
            hits.append(SectionHit(spec.key, hit[1], hit[0], strip_number(hit[1].text)))
    hits.sort(key=lambda h: h.block)
