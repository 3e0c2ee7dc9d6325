"""Broken sums carry what they were found on, and the rule's note apart from the statement (tables in memory)."""
from app.report.recognise import recognise
from app.rules import arith
from app.rules.relations import SumKind
from app.rules.solver import RepairResult
from tests.unit.grids import draft_of, t3_rows


def _consistent():
    return {"r1": [5, 0, 0, 0, 0, 0, 5], "r3_1": [3, 0, 0, 0, 0, 0, 3], "r3_4_1": [2, 0, 0, 0, 0, 0, 2],
            "r3_7": [5, 0, 0, 0, 0, 0, 5]}


def _findings(values):
    draft = draft_of("某某局2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", t3_rows(values))
    return arith.check(recognise(draft))


def test_a_certain_repair_rides_on_the_broken_sums_and_the_suspect_cell():
    values = _consistent()
    values["r3_1"] = [4, 0, 0, 0, 0, 0, 3]  # 自然人 of （一） typed 4 instead of 3
    found = _findings(values)
    broken = [f for f in found if f.rule is not arith.SUSPECT_CELL]
    [suspect] = [f for f in found if f.rule is arith.SUSPECT_CELL]
    assert broken and all(f.basis.relation is not None and f.note == "" for f in broken)
    assert {f.basis.relation.kind for f in broken} <= {SumKind.RESULTS_TOTAL, SumKind.ROW_TOTAL, SumKind.BALANCE}
    assert suspect.basis.relation is None and suspect.basis.group is broken[0].basis.group
    assert [(e.stat.row, e.stat.col, e.new) for e in suspect.basis.group.chosen] == [("r3_1", "natural", 3)]
    assert suspect.basis.analysis is broken[0].basis.analysis
    assert isinstance(suspect.basis.analysis.groups[0], RepairResult)


def test_the_candidate_repairs_are_the_note_of_the_first_broken_sum_and_stay_out_of_the_json_keys():
    values = _consistent()
    values["r3_1"] = [4, 0, 0, 0, 0, 0, 4]  # either 三 or 一 is wrong: no certain repair
    values["r3_7"] = [6, 0, 0, 0, 0, 0, 6]
    found = _findings(values)
    noted = [f for f in found if f.note]
    assert len(noted) == 1 and noted[0].note.startswith("可能的改法")
    assert noted[0].message == noted[0].statement + noted[0].note
    as_json = noted[0].to_json()
    assert as_json["message"] == noted[0].message and "basis" not in as_json and "note" not in as_json
