"""Time and memory of one stage: median of repeated runs, traced peak, time limit.

Time is wall-clock (``time.perf_counter``) with the garbage collector run
before each repetition. A stage that takes less than ``QUICK`` seconds is
repeated (up to ``repeat`` times within ``budget`` seconds) and its median is
reported; a slower one runs once.

Memory is the peak of Python-level allocations during one extra run, measured
with ``tracemalloc`` (numpy and pandas buffers included, since numpy reports its
allocations to tracemalloc; memory held by C libraries that do not is not).
It is measured in its own run because tracing slows the stage down. The
process's peak resident set (``resource.getrusage``) is reported per size by
the caller.

A stage that exceeds ``limit`` seconds is interrupted (``SIGALRM``) and
reported as taking more than the limit.
"""

from __future__ import annotations

import gc
import signal
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

QUICK = 1.0


class StageTimeout(Exception):
    """A stage ran longer than its limit."""


@dataclass
class Result:
    """What one stage measured; ``value`` is the stage's return value (last run)."""

    stage: str
    status: str = "ok"  # ok | timeout | n/a | error
    times: list[float] = field(default_factory=list)
    peak_mb: float | None = None
    note: str = ""
    limit: float | None = None
    ratio: float | None = None
    value: Any = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def row(self) -> dict:
        """The stage as a flat row for the results table (no return value)."""
        return {
            "stage": self.stage,
            "status": self.status,
            "runs": len(self.times),
            "median_s": _round(self.median),
            "min_s": _round(min(self.times) if self.times else None),
            "max_s": _round(max(self.times) if self.times else None),
            "peak_mb": None if self.peak_mb is None else round(self.peak_mb, 1),
            "ratio": None if self.ratio is None else round(self.ratio, 1),
            "note": self.note,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _raise_timeout(signum: int, frame: object) -> None:
    raise StageTimeout


def _run_limited(function: Callable[[], Any], limit: float | None) -> tuple[float, Any]:
    """Run once; return (seconds, value). Raises StageTimeout past ``limit``."""
    gc.collect()
    previous = signal.signal(signal.SIGALRM, _raise_timeout) if limit else None
    if limit:
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        start = time.perf_counter()
        value = function()
        return time.perf_counter() - start, value
    finally:
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def measure(
    stage: str,
    function: Callable[[], Any],
    *,
    repeat: int = 5,
    budget: float = 5.0,
    limit: float | None = None,
    memory: bool = True,
) -> Result:
    """Time ``function`` (median of repetitions) and trace its peak memory.

    Parameters
    ----------
    stage : str
        Name of the stage, as it appears in the results table.
    function : callable
        Runs the stage with no arguments; its return value is kept in
        ``Result.value`` for the next stages.
    repeat, budget : int, float
        At most ``repeat`` timed runs, and no new run once ``budget`` seconds
        have been spent; a run slower than ``QUICK`` seconds is not repeated.
    limit : float, optional
        Interrupt a run after this many seconds and report a timeout.
    memory : bool
        Also run once under ``tracemalloc`` for the peak allocation.

    Returns
    -------
    Result
        Times of every run, peak memory in MB (or None), status and value.
    """
    result = Result(stage, limit=limit)
    try:
        seconds, result.value = _run_limited(function, limit)
        result.times.append(seconds)
        while (
            seconds < QUICK and len(result.times) < repeat and sum(result.times) + seconds < budget
        ):
            seconds, result.value = _run_limited(function, limit)
            result.times.append(seconds)
    except StageTimeout:
        result.status = "timeout"
        result.note = f"more than {limit:g} s"
        return result
    except Exception as error:  # a failing stage is reported, not fatal to the run
        result.status = "error"
        result.note = f"{type(error).__name__}: {error}"[:200]
        return result
    if memory:
        result.peak_mb = traced_peak_mb(function, None if limit is None else 3 * limit)
    return result


def traced_peak_mb(function: Callable[[], Any], limit: float | None = None) -> float | None:
    """Peak MB allocated while ``function`` runs once (None if it exceeds ``limit``)."""
    gc.collect()
    tracemalloc.start()
    try:
        _run_limited(function, limit)
        return tracemalloc.get_traced_memory()[1] / 2**20
    except StageTimeout:
        return None
    finally:
        tracemalloc.stop()


def not_available(stage: str, why: str) -> Result:
    """A row for a stage that cannot run here (module missing, browser absent)."""
    return Result(stage, status="n/a", note=why)
