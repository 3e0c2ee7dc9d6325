"""Rule ids are written only where the rules are declared: elsewhere code dispatches on Rule objects and types."""
import ast
import difflib
import re

from app.rules.catalogue import FAMILIES, RULES
from tests.conftest import ROOT

_PREFIXES = {family.__name__.rsplit(".", 1)[1] + "." for family in FAMILIES}  # "history."
_DOTTED = re.compile(r"[a-z]+\.[a-z0-9_]*")


def _names_a_rule(value: str) -> bool:
    """A rule's id, a family's prefix, or an id misspelt ("value.blnk"); not a file name such as "table.docx"."""
    return bool(_DOTTED.fullmatch(value)) and (
        value in RULES or value in _PREFIXES or bool(difflib.get_close_matches(value, RULES, n=1, cutoff=0.85)))


def _rule_id_literals(path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _names_a_rule(node.value)]


def test_no_rule_id_literal_outside_app_rules():
    sources = [p for folder in ("app", "ui") for p in sorted((ROOT / folder).rglob("*.py"))
               if (ROOT / "app" / "rules") not in p.parents]
    found = [hit for path in sources for hit in _rule_id_literals(path)]
    assert found == []


def test_the_scan_sees_an_id_a_prefix_and_a_typo_and_nothing_else(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('if f.rule == "value.blank" or f.rule.startswith("history.") or f.rule == "arith.balanse":\n'
                     '    """value.blank: a docstring"""\n    open("table.docx")\n', encoding="utf-8")
    assert _rule_id_literals(probe) == ["probe.py:1: 'value.blank'", "probe.py:1: 'history.'",
                                        "probe.py:1: 'arith.balanse'"]
