"""The dashboard process's garbage-collector policy.

Python's cyclic collector runs a full pass now and then, and a full pass walks every
tracked object. Once the dashboard is up that is Textual itself, pydantic's
validators and the whole season: objects that live as long as the process. A full
pass over them took 25-35 ms, landed inside a random frame and doubled the time of
a class-filter switch (measured with ``benchmarks/probe.py``). Start-up, for its
part, allocates almost nothing but long-lived objects, so collecting during it
frees nothing and cost about 45 ms of a 370 ms start.

So the dashboard command pauses collection while it starts, and once the first
screen is shown moves everything alive into the permanent generation
(``gc.freeze``), where later passes do not look. Only the command does this, once
per process: a frozen object that later joins an unreachable cycle is never
collected, which is harmless for one process's start-up state and would pile up in
a test process that starts an app per test.
"""

from __future__ import annotations

import gc


def pause_collection() -> None:
    """Before the heavy imports: start-up makes no garbage worth a collector pass."""
    gc.disable()


def freeze_startup_heap() -> None:
    """Once the first screen is shown: keep later passes off the start-up objects."""
    gc.freeze()
    gc.enable()
