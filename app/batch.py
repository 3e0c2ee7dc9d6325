"""Check many drafts at once: worker processes, progress and cancel; then each paired with last year's report.

The command line and the window share this API: `run_batch(paths, previous=…, progress=…, cancel=…)`.
"""
from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from . import logsetup
from .engine import check_file, link_history
from .result import FileResult

Progress = Callable[[int, int, FileResult], None]  # (files done, files in all, the result just finished)

# Below these many drafts, checking in this process is faster than starting worker processes. Measured on
# 2 cores: a draft costs ~23 ms to check and ~5 ms to send back; a forked pool starts in ~30 ms (pays from 4
# drafts), a spawned worker first imports the engine for ~0.55 s (pays from ~50 drafts, for one batch).
MIN_FILES_FOR_PROCESSES = {"fork": 4, "forkserver": 48, "spawn": 48}
_POLL_S = 0.1  # how often a running batch looks at its cancel flag
BACKGROUND_NICENESS = 5
MAX_CHUNK = 4  # drafts per task: a task's results are unpickled in one go, holding the GIL (~1 ms a draft)
BROKEN_WORKER = "检查这份草稿的工作进程意外退出，未能检查；请单独打开这份草稿再检查一次"


@dataclass
class BatchResult:
    """What a batch run returns: the results in the order of the paths, and how the run ended."""

    results: list[FileResult]  # when cancelled, only the drafts checked before 取消
    cancelled: bool = False
    previous: FileResult | None = None  # the report given as last year's (--previous / 对照上年报告…), as checked
    unmatched_previous: list[str] = field(default_factory=list)  # why the given report was not used, per reason


def _check_chunk(paths: Sequence[str]) -> list[FileResult]:
    """Worker-process entry: check a few drafts."""
    return [check_file(p) for p in paths]


def _warm_up() -> int:
    """Worker-process entry that only makes the worker import the engine."""
    return os.getpid()


def _lower_priority() -> None:
    """Worker-process initializer for the window: the checks yield the CPU to the window's event loop."""
    if sys.platform == "win32":
        import ctypes
        below_normal = 0x4000  # BELOW_NORMAL_PRIORITY_CLASS
        ctypes.windll.kernel32.SetPriorityClass(ctypes.windll.kernel32.GetCurrentProcess(), below_normal)
    else:
        os.setpriority(os.PRIO_PROCESS, 0, max(BACKGROUND_NICENESS, os.getpriority(os.PRIO_PROCESS, 0)))


def _init_worker(background: bool) -> None:
    """Worker-process initializer: our log file (warnings and defects go there, never to a terminal), and for the
    window a lower priority."""
    logsetup.configure()
    if background:
        _lower_priority()


def _lower_this_thread() -> None:
    """On Linux, where the nice value is a thread's own: lower this (batch) thread, so that the workers it
    starts are born low and their start-up imports do not compete with the event loop either."""
    if sys.platform.startswith("linux") and threading.current_thread() is not threading.main_thread():
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, max(BACKGROUND_NICENESS, os.getpriority(os.PRIO_PROCESS, tid)))


class Checker:
    """Checks drafts in worker processes on every core; one instance may serve many batches (the window keeps one).

    context: a multiprocessing start method ("fork", "spawn", "forkserver") or None for the platform's default.
    The window passes "spawn" (a process with Qt's threads must not fork), background=True (the workers run
    at a lower priority, so that the event loop gets the CPU at once when it needs it) and a lower min_files
    (it keeps its workers for every later batch, so their start is paid once).
    """

    def __init__(self, workers: int | None = None, context: str | None = None, background: bool = False,
                 min_files: int | None = None):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.context = context or multiprocessing.get_start_method()
        self.background = background
        self.min_files = min_files or MIN_FILES_FOR_PROCESSES.get(self.context, 48)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def pays_off(self, files: int) -> bool:
        """Whether worker processes beat checking `files` drafts in this process."""
        warm = self._pool is not None
        return self.workers > 1 and (warm or files >= self.min_files)

    def warm(self) -> None:
        """Start the worker processes now, so that the first batch does not wait for them."""
        pool = self._executor()
        for f in [pool.submit(_warm_up) for _ in range(self.workers)]:
            f.result()

    def close(self, wait: bool = False) -> None:
        """Stop the worker processes; wait: until they have exited (a command line about to end: leaving them to the
        interpreter's exit can print an ignored EBADF traceback from the pool's wake-up pipe under load)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _executor(self) -> ProcessPoolExecutor:
        if self.background:
            _lower_this_thread()  # the workers are spawned from the thread that submits the first tasks
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(self.context),
                                                 initializer=_init_worker, initargs=(self.background,))
            return self._pool

    def check(self, paths: Sequence[str], progress: Progress | None = None,
              cancel: threading.Event | None = None) -> tuple[list[FileResult | None], bool]:
        """Check every path; (results in path order, None where not checked; whether cancel stopped it)."""
        results: list[FileResult | None] = [None] * len(paths)
        if not self.pays_off(len(paths)):
            for i, path in enumerate(paths):
                if cancel is not None and cancel.is_set():
                    return results, True
                results[i] = check_file(path)
                _report(progress, i + 1, len(paths), results[i])
            return results, False
        return self._check_in_pool(paths, results, progress, cancel)

    def _check_in_pool(self, paths, results, progress, cancel) -> tuple[list[FileResult | None], bool]:
        size = chunk_size(len(paths), self.workers)
        pool = self._executor()
        pending: dict[Future, range] = {}
        for start in range(0, len(paths), size):
            span = range(start, min(start + size, len(paths)))
            pending[pool.submit(_check_chunk, [paths[i] for i in span])] = span
        done_count = 0
        while pending:
            if cancel is not None and cancel.is_set():
                for future in pending:
                    future.cancel()
                return results, True
            finished, _ = wait(pending, timeout=_POLL_S, return_when=FIRST_COMPLETED)
            for future in finished:
                span = pending.pop(future)
                try:
                    chunk = future.result()
                except BrokenProcessPool:
                    self.close()  # the next batch starts fresh workers
                    chunk = [FileResult(paths[i], error=BROKEN_WORKER) for i in span]
                for i, result in zip(span, chunk):
                    results[i] = result
                    done_count += 1
                    _report(progress, done_count, len(paths), result)
        return results, False


def chunk_size(files: int, workers: int) -> int:
    """Drafts per task: about four tasks per worker (even load, a live progress bar), at most MAX_CHUNK drafts."""
    return max(1, min(MAX_CHUNK, math.ceil(files / (workers * 4))))


def _report(progress: Progress | None, done: int, total: int, result: FileResult) -> None:
    if progress is not None:
        progress(done, total, result)


def run_batch(paths: Sequence[str], *, previous: str | None = None, progress: Progress | None = None,
              cancel: threading.Event | None = None, checker: Checker | None = None) -> BatchResult:
    """Check `paths` (files, already expanded) and compare each with last year's report where there is one.

    previous: last year's report given by the user; it is used for the drafts of its agency and the year after it.
    Other drafts are paired within the run (same agency, consecutive years). A cancelled run returns the drafts
    checked so far, without history findings.
    """
    own = checker is None
    checker = checker or Checker()
    todo = list(paths)
    if previous is not None and previous not in todo:
        todo.append(previous)
    try:
        checked, cancelled = checker.check(todo, progress, cancel)
    finally:
        if own:
            checker.close(wait=True)
    by_path = {p: r for p, r in zip(todo, checked) if r is not None}
    given = by_path.get(previous) if previous is not None else None
    results = [by_path[p] for p in paths if p in by_path]
    batch = BatchResult(results, cancelled, given)
    if not cancelled:
        batch.unmatched_previous = link_history(results, given)
    return batch
