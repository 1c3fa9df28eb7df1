"""The dashboard process's garbage-collector policy.

Python's cyclic collector runs a full pass now and then, and a full pass walks every
tracked object. Once the dashboard is up that is Textual itself, pydantic's
validators and the whole season: objects that live as long as the process. A full
pass over them took 25-35 ms, landed inside a random frame and doubled the time of
a class-filter switch (measured with ``benchmarks/probe.py``). Start-up, for its
part, allocates almost nothing but long-lived objects, so collecting during it
frees nothing and cost about 45 ms of a 370 ms start.

A reload is the same story at a smaller scale: a new season version is a few
hundred thousand objects (10,000 results) that live until the next save, and
building them set off full passes over themselves, 60-220 ms each, freezing the
screen during the reload.

So the dashboard command pauses collection while it starts and while a season
version is built, and then moves everything alive into the permanent generation
(``gc.freeze``), where later passes do not look. Objects there are still freed by
reference counting (a season is acyclic: the replaced one goes when its last
reference does); only a frozen object that later joins an unreachable cycle is
never collected. That costs little in the one process the command runs (what the
UI made in cycles during a load) and would pile up in a test process that starts
an app per test, so only the command does it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause_collection() -> None:
    """Before the heavy imports: start-up makes no garbage worth a collector pass."""
    gc.disable()


def freeze_startup_heap() -> None:
    """Once the first screen is shown: keep later passes off the start-up objects."""
    gc.freeze()
    gc.enable()


@contextmanager
def building_long_lived(active: bool = True) -> Iterator[None]:
    """Around building a season version (in the loading thread): no collector
    passes while it is built, and frozen once built. Collection comes back on only
    if it was on: during start-up it stays paused until the first screen."""
    if not active:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
