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

A reloaded season is *not* frozen. Freezing after each load leaked about 0.7 MB
per reload (200 reloads: 61 -> 191 MB): ``gc.freeze()`` freezes everything alive
at that moment, the UI's too (the old version's table rows, the "reloaded" toast,
screens' widgets), all of it cyclic, and once those die their cycles are never
collected. No freeze moment is free of such objects, so a reloaded season stays
with the collector, and memory stays flat however many times the file is saved
(``tests/test_reload_soak.py``).

What a reload must not meet is a *big* pass. Two kinds were measured inside the
reload (save to screen) at 10,000 results:

- building a season with collection paused left its objects (about 110,000
  tracked at 10,000 results) all in the youngest generation: the first passes
  after it walked them all at once, 50-125 ms in the loading thread and
  45-140 ms on the UI thread (the GIL is held throughout a pass);
- full passes, which walk every unfrozen object: the seasons the per-dataset
  cache kept (up to four), 200 ms and more. Nothing keeps a replaced season now
  (the cache holds datasets weakly; no cycle holds one: ``tests/ui/test_live.py``),
  so reference counting frees it at the swap and a full pass walks one season.

So while a season version is built, and on to the first frame that shows it,
full passes are held off (:func:`hold_full_collections`: the oldest generation's
threshold is raised) and the young passes go on: each walks only the few
thousand objects made since the last one, so the new season ages into the old
generation in slices of a millisecond or two instead of in one stall. Full
passes come back once the new version is on screen: one that came due meanwhile
runs then, right after that frame (at 10,000 results that pass is the stall the
reload no longer has; at the bundled season's size, a few milliseconds).
Start-up is different: collection is paused there (the first season is frozen
with the rest of the start-up heap).

Only the command does any of this: a test process starts an app per test.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def pause_collection() -> None:
    """Before the heavy imports: start-up makes no garbage worth a collector pass."""
    gc.disable()


def freeze_startup_heap() -> None:
    """Once the first screen is shown: keep later passes off the start-up objects."""
    gc.freeze()
    gc.enable()


#: The oldest generation's threshold while full passes are held: never reached.
NEVER = 2**31 - 1

#: Saves that come faster than loads overlap their holds: after this long held,
#: the next hold starts with a full pass, so garbage cannot pile up for good.
MAX_HOLD = 2.0

_holds = 0
_held_threshold = 10
_held_since = 0.0
_holds_lock = threading.Lock()


def holds() -> int:
    """How many holds are taken now (tests wait for none before measuring passes)."""
    with _holds_lock:
        return _holds


def hold_full_collections() -> Callable[[], None]:
    """No full collector pass until the returned ``release`` is called (young passes
    go on). Holds nest, from any thread; ``release`` is idempotent. The threshold
    the collector had comes back when the last hold is released. A hold taken
    while full passes have been held for ``MAX_HOLD`` seconds runs one first."""
    global _holds, _held_threshold, _held_since
    overdue = False
    with _holds_lock:
        if _holds == 0:
            young, middle, _held_threshold = gc.get_threshold()
            gc.set_threshold(young, middle, NEVER)
            _held_since = time.monotonic()
        elif time.monotonic() - _held_since >= MAX_HOLD:
            overdue, _held_since = True, time.monotonic()
        _holds += 1
    if overdue and gc.isenabled():
        gc.collect()
    released = False

    def release() -> None:
        global _holds
        nonlocal released
        due = False
        with _holds_lock:
            if released:
                return
            released = True
            _holds -= 1
            if _holds == 0:
                young, middle, _oldest = gc.get_threshold()
                gc.set_threshold(young, middle, _held_threshold)
                due = gc.get_count()[2] > _held_threshold
        if due and gc.isenabled():
            # The pass the collector would have made meanwhile, now: garbage held
            # back for a whole reload raised the process's peak memory (the soak
            # test's resident size grew 12 MB from the 50th reload to the 200th).
            gc.collect()

    return release


@contextmanager
def building_long_lived(active: bool = True) -> Iterator[None]:
    """Around building a season version (in the loading thread): no full collector
    pass while it is built; young passes go on, so the new objects age in small
    slices (see the module's docstring). Never frozen. Collection stays paused if
    it was (start-up, until the first screen)."""
    if not active:
        yield
        return
    release = hold_full_collections()
    try:
        yield
    finally:
        release()
