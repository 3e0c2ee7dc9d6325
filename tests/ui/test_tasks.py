"""The task runner: work on a pool thread, the callback on the main thread, stale results dropped."""
from __future__ import annotations

import threading
import time

from ui.tasks import SyncTaskRunner, TaskRunner


def test_callback_runs_on_the_main_thread(qtbot):
    runner = TaskRunner()
    seen = {}

    def work():
        seen["worker"] = threading.current_thread()
        return 42

    with qtbot.waitCallback() as done:
        runner.run(work, done)
    assert done.args == [42]
    assert seen["worker"] is not threading.main_thread()
    runner.wait()


def test_a_newer_task_makes_the_older_result_stale(qtbot):
    runner = TaskRunner()
    results = []
    runner.run(lambda: (time.sleep(0.3), "old")[1], results.append)
    runner.run(lambda: "new", results.append)
    qtbot.waitUntil(lambda: not runner.busy(), timeout=5000)
    runner.wait()
    qtbot.wait(50)
    assert results == ["new"]


def test_errors_reach_on_error_on_the_main_thread(qtbot):
    runner = TaskRunner()
    with qtbot.waitCallback() as failed:
        runner.run(lambda: 1 / 0, lambda _r: None, failed)
    assert isinstance(failed.args[0], ZeroDivisionError)
    runner.wait()


def test_sync_runner_calls_back_at_once():
    out = []
    SyncTaskRunner().run(lambda: "x", out.append)
    SyncTaskRunner().run(lambda: 1 / 0, out.append, lambda exc: out.append(type(exc).__name__))
    assert out == ["x", "ZeroDivisionError"]
