"""The hand-made seasons under tests/fixtures/points/, shared by the points and export tests."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tui.core.models import Dataset

FOLDER = Path(__file__).parent / "fixtures" / "points"


def load(name: str) -> Dataset:
    """One fixture season, validated by the models (every expected number is worked out in it)."""
    return Dataset.model_validate(tomllib.loads((FOLDER / name).read_text(encoding="utf-8")))
