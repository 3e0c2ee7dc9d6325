"""The repair search over relations built in memory: one cell, two cells, ambiguity, totals preferred."""
from app.report.tables import find_t3
from app.rules.relations import relations, values_of
from app.rules.solver import find_repairs
from tests.unit.grids import t3_rows, table_of


def _t3(values):
    return find_t3(table_of(t3_rows(values)))


def _repairs(kt):
    return find_repairs(relations({"T3": kt})["T3"], values_of(kt))


def _consistent():
    return {"r1": [5, 0, 0, 0, 0, 0, 5], "r3_1": [3, 0, 0, 0, 0, 0, 3], "r3_4_1": [2, 0, 0, 0, 0, 0, 2],
            "r3_7": [5, 0, 0, 0, 0, 0, 5]}


def test_consistent_table_needs_no_repair():
    assert _repairs(_t3(_consistent())) == []


def test_one_wrong_leaf_is_the_one_certain_repair():
    values = _consistent()
    values["r3_1"] = [4, 0, 0, 0, 0, 0, 3]  # 自然人 of （一） typed 4 instead of 3
    [result] = _repairs(_t3(values))
    assert [(e.stat.row, e.stat.col, e.new) for e in result.chosen] == [("r3_1", "natural", 3)]


def test_a_wrong_total_is_preferred_over_an_equally_small_leaf_repair():
    values = _consistent()
    values["r3_7"] = [5, 0, 0, 0, 0, 0, 6]  # only the grand total is off
    [result] = _repairs(_t3(values))
    assert [(e.stat.row, e.stat.col, e.new) for e in result.chosen] == [("r3_7", "total", 5)]


def test_two_explanations_of_equal_size_leave_the_choice_to_a_person():
    values = _consistent()
    values["r3_1"] = [4, 0, 0, 0, 0, 0, 4]  # row total agrees: 三 and 一 disagree, either could be wrong
    values["r3_7"] = [6, 0, 0, 0, 0, 0, 6]
    [result] = _repairs(_t3(values))
    assert result.chosen is None and len(result.candidates) >= 2
