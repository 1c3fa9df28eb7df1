"""The dashboard process's garbage-collector policy.

Python's cyclic collector runs a full pass now and then, and a full pass walks every
tracked object. Once the dashboard is up that is Textual itself, pydantic's
validators and the whole season: objects that live as long as the process. A full
pass over them took 25-35 ms, landed inside a random frame and doubled the time of
a class-filter switch (measured with ``benchmarks/probe.py``). Start-up, for its
part, allocates almost nothing but long-lived objects, so collecting during it
frees nothing and cost about 45 ms of a 370 ms start.

So the dashboard command pauses collection while it starts, and once the first
screen is up moves everything alive into the permanent generation (``gc.freeze``),
where later passes do not look. Objects there are still freed by reference
counting; only a frozen object that later joins an unreachable cycle is never
collected. At start-up that is a bounded, one-off cost.

A season version is built (on a reload) with collection paused too: building a
few hundred thousand long-lived objects set off full passes over themselves,
60-220 ms each. It is *not* frozen afterwards. Freezing after each load leaked
about 0.7 MB per reload (200 reloads: 61 -> 191 MB): ``gc.freeze()`` freezes
everything alive at that moment, the UI's too (the old version's table rows,
the "reloaded" toast, screens' widgets), all of it cyclic, and once those die
their cycles are never collected. No freeze moment is free of such objects, so
a reloaded season stays with the collector: its passes cost a little time, but
memory stays flat however many times the file is saved
(``tests/test_reload_soak.py``).

Only the command does any of this: a test process starts an app per test.
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
    passes while it is built. Never frozen (see the module's docstring).
    Collection comes back on only if it was on: during start-up it stays paused
    until the first screen."""
    if not active:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
