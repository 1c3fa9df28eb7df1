"""Canonical TOML for a dataset, written atomically.

Canonical means: keys in the models' field order (tomli-w puts plain values
before sub-tables), no ``null`` (TOML has none: absent means unknown), and
defaults left out (empty lists, ``status = "finished"``...) except the schema
version and the points rules, which a reader of the file should see spelled out.
Dates are TOML dates. Comments of a hand-written file are not kept. For every
valid dataset ``Dataset.model_validate(tomllib.loads(dump_text(d))) == d``.

Writing goes through :func:`tui.core.atomic.atomic_write_text`, the one place
that knows how to replace a file safely.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tomli_w

from .atomic import atomic_write_text
from .models import Dataset

#: Rules written even when they equal the model's default: the file is where a
#: reader looks for how points are derived.
_RULES_ALWAYS_WRITTEN = frozenset(
    {"basis", "min_distance_fraction", "distance_reference", "unknown_laps_score", "team_scoring"}
)


def _document(dataset: Dataset) -> dict[str, Any]:
    """The TOML document as Python data."""
    # mode="python" keeps dates as dates (TOML has a date type); enums are str.
    dump: dict[str, Any] = dataset.model_dump(
        mode="python", by_alias=True, exclude_none=True, exclude_defaults=True
    )
    rules_full = dataset.points.model_dump(mode="python", by_alias=True, exclude_none=True)
    rules = dump["points"]
    # Trimmed values where present: their nested defaults are left out too.
    dump["points"] = {
        key: rules.get(key, value)
        for key, value in rules_full.items()
        if key in rules or key in _RULES_ALWAYS_WRITTEN
    }
    return {"schema_version": dataset.schema_version, **dump}


def dump_text(dataset: Dataset) -> str:
    """The dataset as canonical TOML text."""
    return tomli_w.dumps(_document(dataset))


def write_dataset(dataset: Dataset, path: str | os.PathLike[str]) -> None:
    """Write the dataset to ``path`` as canonical TOML, atomically.

    Readers see the old file or the new one, never a mix; on any error the old
    file is left as it was and ``OSError`` propagates (see :mod:`tui.core.atomic`).
    """
    text = dump_text(dataset)  # serialise first: a failure here touches no file
    atomic_write_text(Path(path), text)
