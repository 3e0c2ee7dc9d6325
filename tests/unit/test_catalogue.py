"""The rule catalogue against the contract's rule table: the two can never drift."""
import re

import pytest

from app.findings import Severity
from app.rules import arith, value
from app.rules.catalogue import FAMILIES, RULES
from app.rules.rule import Category
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


def test_findings_take_their_severity_from_their_rule():
    assert value.UNCOMPUTED.finding("…").severity is Severity.INFO
    assert value.INVALID.finding("…", severity=Severity.WARNING).severity is Severity.WARNING
    with pytest.raises(ValueError):
        arith.BALANCE.finding("…", severity=Severity.INFO)


def test_the_catalogue_is_every_familys_declarations_each_under_its_prefix():
    declared = [rule for family in FAMILIES for rule in family.RULES]
    assert sorted(declared) == sorted(RULES.values())
    for family in FAMILIES:
        prefix = family.__name__.rsplit(".", 1)[1]
        assert all(rule.id.startswith(prefix + ".") for rule in family.RULES), prefix
