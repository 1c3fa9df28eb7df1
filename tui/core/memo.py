"""Values derived from a dataset, computed once per dataset.

Datasets are frozen, so whatever is derived from one stays valid for its life,
and no longer: the cache holds each dataset *weakly*, and an entry goes as its
dataset dies. A reloaded season is left to the garbage collector (never frozen,
see :mod:`tui.gc_policy`) and every full collector pass walks all of it; a cache
that kept replaced seasons alive (it held up to four, as-of seasons included)
made that pass walk four seasons instead of one: 200 ms and more at 10,000
results, a visible stall right after a reload. Now a replaced season is freed by
reference counting the moment the screens let go of it.

So a cached value must not refer to its own dataset (it would keep it alive, and
the entry with it); values derived from it (standings, an as-of season, indexes
of its records) are fine. ``tests/test_memo.py`` checks the views the app caches.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

from .models import Dataset

_Entry = tuple["weakref.ref[Dataset]", dict[tuple[object, ...], object]]
_cache: dict[int, _Entry] = {}
_cache_lock = threading.Lock()

T = TypeVar("T")


def per_dataset(dataset: Dataset, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()`` the first time ``key`` is asked of this dataset; the same value after."""
    with _cache_lock:
        entry = _cache.get(id(dataset))
        if entry is None or entry[0]() is not dataset:
            entry = (weakref.ref(dataset, _forgetter(id(dataset))), {})
            _cache[id(dataset)] = entry
        values = entry[1]
    if key not in values:
        # Computed outside the lock: a race only computes the same value twice.
        values[key] = compute()
    return values[key]  # type: ignore[return-value]


def cached_datasets() -> int:
    """How many datasets have cached values now (for tests)."""
    return len(_cache)


def _forgetter(ident: int, cache: dict[int, _Entry] = _cache) -> Callable[[weakref.ref[Dataset]], None]:
    # ``cache`` is bound now: a dataset alive until the interpreter shuts down dies
    # after the module's globals are gone, and ``_cache`` read then was None
    # ("Exception ignored in ... forget" on stderr as a probe or the CLI exited).
    def forget(ref: weakref.ref[Dataset]) -> None:
        # Called as the dataset dies, in whichever thread drops it, maybe one that
        # holds the lock (a derived as-of season dies with its parent's values):
        # so no lock here. The address cannot be reused before this returns, so
        # the entry under ``ident`` is this ref's unless a newer one replaced it.
        entry = cache.get(ident)
        if entry is not None and entry[0] is ref:
            cache.pop(ident, None)

    return forget
