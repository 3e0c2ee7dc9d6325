"""The rule catalogue against the contract's rule table: the two can never drift."""
import re

import pytest

from app.findings import Severity
from app.rules.catalogue import RULES, Category, finding
from tests.conftest import SHARED

CONTRACT = SHARED / "spec" / "check-contract.md"


def _contract_rules() -> dict[str, str]:
    """rule id → meaning, from the `| rule | keys | meaning |` table of check-contract.md."""
    rows = re.findall(r"^\| `([a-z_]+\.[a-z_0-9]+)` \| [^|]* \| (.*) \|$", CONTRACT.read_text(encoding="utf-8"), re.M)
    return dict(rows)


@pytest.mark.shared
def test_catalogue_holds_exactly_the_contract_rules():
    assert set(RULES) == set(_contract_rules())


@pytest.mark.shared
def test_severities_the_contract_names_are_the_catalogues():
    for rule_id, meaning in _contract_rules().items():
        named = {s for s in Severity if re.search(rf"\b{s.value}\b", meaning)}
        allowed = set(RULES[rule_id].severities)
        assert named <= allowed, (rule_id, named, allowed)


def test_every_rule_has_a_category_title_and_explanation():
    for rule in RULES.values():
        assert isinstance(rule.category, Category) and rule.title and len(rule.explanation) >= 20


def test_findings_take_their_severity_from_the_catalogue():
    assert finding("value.uncomputed", "…").severity is Severity.INFO
    assert finding("value.invalid", "…", severity=Severity.WARNING).severity is Severity.WARNING
    with pytest.raises(ValueError):
        finding("arith.balance", "…", severity=Severity.INFO)
