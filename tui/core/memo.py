"""Values derived from a dataset, computed once per dataset.

Datasets are frozen, so whatever is derived from one stays valid for its life.
Entries hold the dataset itself: the identity check cannot be fooled by a
recycled id(), and the bound keeps at most a few seasons alive (the current
one and the one a reload is replacing).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from .models import Dataset

_CACHE_SIZE = 4
_cache: OrderedDict[int, tuple[Dataset, dict[tuple[object, ...], object]]] = OrderedDict()
_cache_lock = threading.Lock()

T = TypeVar("T")


def per_dataset(dataset: Dataset, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()`` the first time ``key`` is asked of this dataset; the same value after."""
    with _cache_lock:
        entry = _cache.get(id(dataset))
        if entry is None or entry[0] is not dataset:
            entry = (dataset, {})
            _cache[id(dataset)] = entry
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        else:
            _cache.move_to_end(id(dataset))
        values = entry[1]
    if key not in values:
        # Computed outside the lock: a race only computes the same value twice.
        values[key] = compute()
    return values[key]  # type: ignore[return-value]
