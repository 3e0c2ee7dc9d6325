"""Reviewer mode without a window: a folder of 30 drafts checked in worker processes, paired year to year."""
from __future__ import annotations

import json
import multiprocessing
import os
import threading
from pathlib import Path

import pytest

import app.batch as batch
from app.batch import BROKEN_WORKER, Checker, chunk_size, run_batch
from app.engine import expand_paths
from app.summary import to_json
from tests.conftest import build
from tests.fixtures.batch import draft_paths, shared_batch_folder
from tests.fixtures.command_line import run_app
from tests.fixtures.datasets import sample_2021
from tests.test_cli import contract_problems


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return shared_batch_folder(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def checked(folder):
    """The folder checked as `check DIR` does (worker processes)."""
    return run_batch(expand_paths([str(folder)]))


def who(folder: Path, path: str | None) -> tuple[str, int] | None:
    """(agency, year) of a draft path of the folder."""
    if path is None:
        return None
    return next(key for key, p in draft_paths(folder).items() if str(p) == path)


# The planted faults of tests/fixtures/batch.py FAULTS, and nothing else.
HISTORY = {
    (("示例市教育局", 2024), "history.carry_over", "s3", "T3", "r2", "natural"),
    (("示例市教育局", 2024), "history.carry_over", "s3", "T3", "r2", "total"),
    (("示例市民政局", 2024), "history.repeat", "s5", None, None, None),
    (("示例市财政局", 2024), "history.stated_change", "s1", "T3", "r1", "total"),
    (("示例市市场监督管理局", 2024), "history.t2_stock", "s2", "T2", "normative", "in_force"),
}


def test_history_findings_of_the_folder_are_exactly_the_planted_ones(folder, checked):
    found = {(who(folder, r.file), f.rule, f.section, f.table, f.row, f.col)
             for r in checked.results for f in r.findings if f.rule.startswith("history.")}
    assert found == HISTORY
    messages = [f.message for r in checked.results for f in r.findings if f.rule.startswith("history.")]
    assert all("2024 年" in m and "2023 年报告" in m for m in messages)


def test_each_draft_is_paired_with_its_agencys_report_of_the_year_before(folder, checked):
    pairs = {who(folder, r.file): who(folder, r.previous) for r in checked.results}
    assert len(pairs) == 30
    expected = {}
    for (agency, year) in draft_paths(folder):
        last = (agency, year - 1)
        expected[(agency, year)] = last if last in draft_paths(folder) else None
    expected[("示例市卫生健康委员会", 2023)] = None  # its 2022 file cannot be read
    assert pairs == expected
    assert pairs[("示例市临河区人民政府", 2024)] == ("示例市临河区人民政府", 2023)  # titled 临河区人民政府 in 2023
    assert pairs[("示例市自然资源和规划局", 2024)] is None  # 2022 → 2024 is not consecutive


def test_the_unreadable_draft_is_reported_and_every_other_one_checked(folder, checked):
    unreadable = [who(folder, r.file) for r in checked.results if r.status == "unreadable"]
    assert unreadable == [("示例市卫生健康委员会", 2022)]
    failing = {who(folder, r.file) for r in checked.results if r.counts["error"]}
    assert failing == {("示例市交通运输局", 2023)}


def test_cli_json_of_the_folder_is_the_batch_result_and_keeps_the_contract(folder, checked):
    done = run_app("check", str(folder), "--format", "json")
    assert done.returncode == 2  # one file could not be read
    doc = json.loads(done.stdout)
    assert contract_problems(doc) == []
    assert doc == json.loads(json.dumps(to_json(checked.results), ensure_ascii=False))
    previous = {r["file"]: r["previous"] for r in doc["reports"]}
    assert sum(p is not None for p in previous.values()) == 18
    assert all(p is None or p in previous for p in previous.values())  # the path as found in the run


def test_worker_processes_and_one_process_give_the_same_answer(folder, checked):
    paths = expand_paths([str(folder)])
    with Checker(workers=1) as alone:
        sequential = run_batch(paths, checker=alone)
    assert to_json(sequential.results) == to_json(checked.results)


def test_progress_is_reported_for_every_draft(folder):
    seen = []
    with Checker(workers=2) as pool:
        run_batch(expand_paths([str(folder)]), checker=pool, progress=lambda done, total, r: seen.append((done, total)))
    assert seen == [(i, 30) for i in range(1, 31)]


def test_cancel_stops_the_batch_and_returns_what_was_checked(folder):
    cancel = threading.Event()

    def progress(done, total, result):
        if done == 3:
            cancel.set()
    with Checker(workers=2) as pool:
        outcome = run_batch(expand_paths([str(folder)]), checker=pool, progress=progress, cancel=cancel)
        assert outcome.cancelled and 3 <= len(outcome.results) < 30
        assert all(r.previous is None for r in outcome.results)  # no history for a partial batch
        again = run_batch(expand_paths([str(folder)])[:6], checker=pool)  # the same workers serve the next batch
    assert not again.cancelled and len(again.results) == 6


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork to plant the crash")
def test_a_worker_that_dies_marks_its_drafts_and_the_next_batch_starts_afresh(folder, monkeypatch):
    paths = expand_paths([str(folder)])[:8]
    real = batch.check_file

    def crash_on_fourth(path):
        if path == paths[3]:
            os._exit(3)
        return real(path)
    monkeypatch.setattr(batch, "check_file", crash_on_fourth)  # inherited by the forked workers
    with Checker(workers=2, context="fork") as pool:
        outcome = run_batch(paths, checker=pool)
        broken = [r for r in outcome.results if r.error == BROKEN_WORKER]
        assert paths[3] in {r.file for r in broken} and len(outcome.results) == 8
        monkeypatch.setattr(batch, "check_file", real)
        assert all(r.error != BROKEN_WORKER for r in run_batch(paths, checker=pool).results)


def test_processes_are_used_only_when_they_pay_off():
    assert not Checker(workers=2, context="fork").pays_off(3)
    assert Checker(workers=2, context="fork").pays_off(4)
    assert not Checker(workers=2, context="spawn").pays_off(47)
    assert Checker(workers=2, context="spawn", min_files=8).pays_off(8)
    assert not Checker(workers=1, context="fork").pays_off(100)
    assert [chunk_size(n, 2) for n in (1, 8, 9, 30, 100)] == [1, 1, 2, 4, 4]


# ---------------------------------------------------------------- check --previous FILE

@pytest.fixture
def two_years(tmp_path):
    this = build("docx_plain", sample_2021(2024), tmp_path, "本年")
    last = build("xlsx_per_table_values", sample_2021(2023), tmp_path, "上年")
    other = build("docx_plain", sample_2021(2023), tmp_path, "他机关")
    return this, last, other


def test_previous_given_on_the_command_line_is_used_and_named(two_years):
    this, last, _ = two_years
    done = run_app("check", str(this), "--previous", str(last), "--format", "json")
    doc = json.loads(done.stdout)
    assert contract_problems(doc) == []
    [report] = doc["reports"]
    assert report["previous"] == str(last)
    assert {f["rule"] for f in report["findings"] if f["rule"].startswith("history.")} == \
        {"history.repeat", "history.t2_stock"}
    text = run_app("check", str(this), "--previous", str(last)).stdout
    assert "与 2023 年报告的同一部分相同" in text


def test_previous_of_another_agency_is_refused_with_the_reason(two_years, tmp_path):
    this, _, other = two_years
    from docx import Document
    doc = Document(str(other))
    doc.paragraphs[0].runs[0].text = "示例市文化和旅游局2023年政府信息公开工作年度报告"
    doc.save(str(other))
    done = run_app("check", str(this), "--previous", str(other), "--format", "json")
    assert json.loads(done.stdout)["reports"][0]["previous"] is None
    assert "示例市文化和旅游局 2023 年的报告" in done.stderr and "不是同一机关的相邻年度" in done.stderr
    assert done.returncode == 0  # a clean draft: the refused report changes nothing else


def test_unreadable_previous_fails_with_exit_2(two_years, tmp_path):
    this, _, _ = two_years
    done = run_app("check", str(this), "--previous", str(tmp_path / "没有这个文件.docx"))
    assert done.returncode == 2
    assert "上年报告“没有这个文件.docx”无法读取" in done.stderr
