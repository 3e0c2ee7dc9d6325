"""F5 and the live re-check keep every selected finding, not only the first."""
from __future__ import annotations

import os
import shutil

from tests.ui.helpers import open_and_wait
from ui.findings_model import IndexRole


def selected(window) -> set[int]:
    return {i.data(IndexRole) for i in window.panel.tree.selectionModel().selectedIndexes()} - {None}


def three_findings(window) -> list[int]:
    findings = window.draft.session.result.findings
    chosen = [i for i, f in enumerate(findings) if window.panel.row_of(i).isValid()][:3]
    assert len(chosen) == 3
    return chosen


def test_f5_keeps_every_selected_finding(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    chosen = three_findings(window)
    window.panel.select_findings([chosen[1], chosen[0], chosen[2]])
    assert selected(window) == set(chosen)
    with qtbot.waitSignal(window.check_shown, timeout=10000):
        window.actions["recheck"].trigger()
    assert selected(window) == set(chosen)
    assert window.panel.current_finding() == chosen[1]  # the current one stays current


def test_the_live_recheck_keeps_every_selected_finding(qtbot, window, sample_docx):
    open_and_wait(qtbot, window, sample_docx)
    chosen = three_findings(window)
    window.panel.select_findings(chosen)
    tmp = sample_docx.with_name("~WRL0003.tmp")
    shutil.copyfile(sample_docx, tmp)
    with qtbot.waitSignal(window.check_shown, timeout=5000):
        os.replace(tmp, sample_docx)  # saved again as Word does
    assert selected(window) == set(chosen)
