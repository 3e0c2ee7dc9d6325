"""The findings selected before a re-check, found again after it by their content keys (the current one first)."""
from __future__ import annotations

from app.findings import Finding

from .findings_model import IndexRole


def selected_keys(panel, findings: list[Finding]) -> list[str]:
    """The keys of every finding selected in the panel, the current finding's first."""
    current = panel.current_finding()
    chosen = [i.data(IndexRole) for i in panel.tree.selectionModel().selectedIndexes()]
    order = ([current] if current is not None else []) + [i for i in chosen if i is not None and i != current]
    return list(dict.fromkeys(findings[i].key for i in order if 0 <= i < len(findings)))


def indices_of(keys: list[str], findings: list[Finding]) -> list[int]:
    """Where those findings are in a new check, in the same order (those gone are left out)."""
    where = {}
    for i, f in enumerate(findings):
        where.setdefault(f.key, i)
    return [where[k] for k in keys if k in where]
