"""The findings model: Qt's model tester, roles, check state = apply this fix, the proxy hides ignored findings."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from app.engine import check_file
from ui.findings_model import CategoryRole, FindingRole, FindingsModel, KeyRole, VisibleFindings
from ui.session import Ignores, Session


def _session(path) -> Session:
    session = Session(str(path), Ignores())
    session.update(check_file(str(path)))
    return session


def test_model_passes_qt_model_tester(qapp, qtmodeltester, sample_docx):
    model = FindingsModel()
    model.set_session(_session(sample_docx))
    qtmodeltester.check(model)
    proxy = VisibleFindings(model)
    qtmodeltester.check(proxy)


def test_categories_in_catalogue_order_with_findings_under_them(qapp, sample_docx):
    model = FindingsModel()
    model.set_session(_session(sample_docx))
    top = [model.index(r, 0).data(CategoryRole) for r in range(model.rowCount())]
    assert top == ["结构", "表格勾稽", "正文一致性"]
    arithmetic = model.index(1, 0)
    assert arithmetic.data() == "表格勾稽（5）"
    rules = {model.index(r, 0, arithmetic).data(FindingRole).rule for r in range(model.rowCount(arithmetic))}
    assert rules == {"arith.results_total", "arith.row_total", "arith.group_total", "arith.suspect_cell"}


def test_fixable_findings_are_checkable_and_checked_by_default(qapp, sample_docx):
    session = _session(sample_docx)
    model = FindingsModel()
    model.set_session(session)
    fixable = []
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            f = index.data(FindingRole)
            checkable = bool(model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable)
            assert checkable == (f.fix is not None)
            if checkable:
                assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                fixable.append(index)
    assert len(fixable) == 3  # 五 inserted, 表三 and 表四 suspect cells
    assert model.setData(fixable[0], Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert fixable[0].data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert len(session.chosen()) == 2 and fixable[0].data(FindingRole) not in session.chosen()


def test_proxy_hides_ignored_findings_and_recounts(qapp, sample_docx):
    session = _session(sample_docx)
    model = FindingsModel()
    model.set_session(session)
    proxy = VisibleFindings(model)
    mismatch = next(f for f in session.result.findings if f.rule == "text.number_mismatch")
    session.ignores.ignore(session.path, mismatch)
    proxy.refresh()
    keys = []
    for g in range(proxy.rowCount()):
        parent = proxy.index(g, 0)
        keys += [proxy.index(r, 0, parent).data(KeyRole) for r in range(proxy.rowCount(parent))]
    assert mismatch.key not in keys and len(keys) == len(session.result.findings) - 1
    assert [proxy.index(g, 0).data() for g in range(proxy.rowCount())] == ["结构（1）", "表格勾稽（5）"]
    assert proxy.rowCount(QModelIndex()) == 2
