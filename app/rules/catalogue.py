"""Every rule the checker knows, assembled from the families' declarations, and the order the families run in."""
from __future__ import annotations

from collections.abc import Callable

from ..findings import Finding
from ..report.recognise import Report
from . import arith, history, meta, section, table, template, text, value
from .rule import Rule

FAMILIES = (section, table, template, meta, value, arith, text, history)

# The order the rules dialog, the contract's table and the help list them in.
_SHOWN = (section.MISSING, section.ORDER, section.TITLE, table.MISSING, table.STRUCTURE, template.OUTDATED,
          template.MIXED, table.INCOMPLETE, section.INTRO_PARTS, section.CONTENT, meta.TITLE, meta.CONTACT,
          *arith.RULES, *value.RULES, *text.RULES, meta.YEAR, meta.PERIOD, meta.DEADLINE, *history.RULES)

RULES: dict[str, Rule] = {rule.id: rule for rule in _SHOWN}

# The checks of one draft on its own, in the order its findings are listed (within a severity); history.check
# needs last year's report as well.
CHECKS: tuple[Callable[[Report], list[Finding]], ...] = (
    template.check, meta.check, section.check, table.check, section.check_preamble, value.check, arith.check,
    text.check)
