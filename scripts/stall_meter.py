"""The longest event-loop stall while it runs: a 10 ms QTimer's longest gap between two ticks, less the 10 ms.

    meter = StallMeter(); meter.start(); ...; meter.stop(); meter.longest_ms
"""
from __future__ import annotations

import time

TICK_MS = 10


class StallMeter:
    """A QTimer ticking every TICK_MS; the gaps between its ticks tell how long the event loop was blocked."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self._gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self._gaps.append(now - self._last)
        self._last = now

    def start(self) -> float:
        """Start ticking; returns the start time (time.perf_counter)."""
        self._timer.start(TICK_MS)
        self._last = time.perf_counter()
        return self._last

    def stop(self) -> None:
        self._timer.stop()

    @property
    def longest_ms(self) -> float:
        return max(0.0, max(self._gaps) * 1000 - TICK_MS) if self._gaps else 0.0
