"""Fuzzed drafts never break the engine: every mutant gets one report, unreadable ones a Chinese reason, no
traceback, no hang, and `fix` never touches its input (scripts/fuzz.py; `python scripts/fuzz.py` runs 2,000).

The everyday suite checks the fuzzer's mutations and judge; the fuzz run itself (LibreOffice prints a base to PDF,
each mutant goes through a worker process) is a step of `.ci/run` of its own: FUZZ_RUNS=240."""
from __future__ import annotations

import importlib.util
import io
import json
import os
import random
import sys
import zipfile

import pytest

from tests.conftest import ROOT
from tests.fixtures.command_line import run_app

FUZZ_RUNS = int(os.environ.get("FUZZ_RUNS", "0"))  # CI's fuzz step asks for 240; the script's default is 2,000


def _load_fuzz():
    spec = importlib.util.spec_from_file_location("fuzz", ROOT / "scripts" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz"] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()


@pytest.fixture(scope="module")
def bases(tmp_path_factory):
    return fuzz.base_drafts(tmp_path_factory.mktemp("fuzz_bases"))


@pytest.mark.skipif(FUZZ_RUNS == 0, reason="the fuzz run is a step of .ci/run of its own: FUZZ_RUNS=240 python -m "
                                          "pytest tests/test_fuzz.py")
def test_fuzzed_drafts_each_get_one_answer(tmp_path):
    stats = fuzz.run(FUZZ_RUNS, seed=8, timeout=90, keep=tmp_path / "failing", fix_every=4)
    assert stats.runs == FUZZ_RUNS
    assert (stats.crashes, stats.hangs) == (0, 0), "\n".join(stats.failures)


def test_the_same_seed_gives_the_same_mutants(bases):
    first = [(name, hash(data)) for name, data, _ in fuzz.cases(3, 12, bases)]
    again = [(name, hash(data)) for name, data, _ in fuzz.cases(3, 12, bases)]
    assert first == again and len({h for _, h in first}) == 12


@pytest.mark.parametrize("mutation", fuzz.MUTATIONS, ids=lambda m: m.__name__)
def test_every_mutation_changes_some_draft(bases, mutation):
    rng = random.Random(1)
    changed = 0
    packages = [p for p in bases if p.suffix in (".docx", ".xlsx")]
    for path in packages:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
            parts = {i.filename: z.read(i) for i in z.infolist()}
        before = dict(parts)
        mutation(rng, parts, path.suffix[1:])
        changed += parts != before
    assert changed >= len(packages) // 2


@pytest.mark.parametrize("mutation", fuzz.PUBLISHED_MUTATIONS, ids=lambda m: m.__name__)
def test_every_mutation_of_a_page_or_pdf_changes_it(bases, mutation):
    rng = random.Random(1)
    published = [p for p in bases if p.suffix in (".html", ".mhtml", ".pdf")]
    assert {p.suffix for p in published} >= {".html", ".mhtml"}
    assert all(mutation(rng, p.read_bytes()) != p.read_bytes() for p in published)


@pytest.mark.parametrize("answer,problem", [
    ({"code": 1, "stdout": '{"reports": [{"status": "findings", "findings": []}]}', "stderr": "", "traceback": None},
     None),
    ({"code": 2, "stdout": '{"reports": [{"status": "unreadable", "error": "文件已损坏", "findings": []}]}',
      "stderr": "", "traceback": None}, None),
    ({"code": None, "stdout": "", "stderr": "", "traceback": "Traceback ...\nKeyError: 'x'"}, "traceback"),
    ({"code": 2, "stdout": '{"reports": [{"status": "unreadable", "error": "文件已损坏（ValueError）", "findings": []}]}',
      "stderr": "", "traceback": None}, "reason"),
    ({"code": 1, "stdout": "not json", "stderr": "", "traceback": None}, "JSON"),
    ({"code": 0, "stdout": '{"reports": []}', "stderr": "", "traceback": None}, "0 reports"),
])
def test_the_judge_tells_a_crash_from_an_answer(answer, problem):
    found = fuzz.check_failure(answer)
    assert (found is None) == (problem is None) and (problem is None or problem in found)


@pytest.mark.parametrize("fmt,expected", [("json", {"schema": 1, "reports": []}), ("text", "共检查 0 份草稿")])
def test_a_folder_without_drafts_still_answers_in_the_asked_format(tmp_path, fmt, expected):
    (tmp_path / "说明.txt").write_text("不是草稿", encoding="utf-8")
    done = run_app("check", str(tmp_path), "--format", fmt, timeout=120)
    assert done.returncode == 2
    assert "没有找到要检查的 .docx 或 .xlsx 文件" in done.stderr
    if fmt == "json":
        doc = json.loads(done.stdout)
        assert (doc["schema"], doc["reports"]) == (1, [])
    else:
        assert expected in done.stdout
