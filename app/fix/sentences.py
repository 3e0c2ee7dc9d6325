"""The sentence of a paragraph that a prose or year finding is about, so its comment covers only that sentence."""
from __future__ import annotations

import re

from ..findings import Finding
from ..formats.labels import fmt_number, norm
from ..rules.meta import PERIOD, YEAR
from ..rules.text import NUMBER_MISMATCH

_SENTENCE = re.compile(r"[^。；！？!?;]*[。；！？!?;]?")
_NO_CASES = re.compile(r"(未|没有|无)(发生|出现|收到)?[^。；]{0,12}?(行政复议|行政诉讼)")


def sentences(text: str) -> list[str]:
    """The paragraph's sentences as written, each with its closing punctuation."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def _needle(finding: Finding) -> re.Pattern | None:
    """What the sentence of the finding must contain (in its normalised form), or None: the whole paragraph."""
    said = fmt_number(finding.actual) if isinstance(finding.actual, (int, float)) else None
    if finding.rule == NUMBER_MISMATCH:
        if finding.table == "T4" and finding.expected == 0:
            return _NO_CASES
        return re.compile(rf"(?<![\d.]){re.escape(said)}件") if said else None
    if finding.rule in (YEAR, PERIOD) and said:
        return re.compile(rf"(?<!\d){re.escape(said)}年")
    return None


def sentence_of(finding: Finding, text: str) -> str | None:
    """The sentence of `text` the finding is about; None when it is the whole paragraph (or cannot be told)."""
    needle = _needle(finding)
    if needle is None:
        return None
    parts = sentences(text)
    if len(parts) < 2:
        return None
    return next((s for s in parts if needle.search(norm(s))), None)
