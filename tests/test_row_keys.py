"""Row keys name a car within a round; they are compared whole, never by prefix."""

from __future__ import annotations

from pathlib import Path

from tui.core.classification import row_by_key
from tui.core.loader import load_path

DATA = Path(__file__).resolve().parents[1] / "data" / "alms-2004.toml"


def test_a_key_finds_its_own_row_and_no_other() -> None:
    dataset = load_path(DATA).dataset
    assert dataset is not None
    sebring = dataset.round(1)
    assert sebring is not None
    row = row_by_key(sebring, "GTS#3")
    assert row is not None and row.result.car_class == "GTS" and "ron-fellows" in row.result.drivers
    # "GTS#3" starts with "GT" and "GTS#3" contains "S#3": neither is a key of it.
    assert row_by_key(sebring, "GT") is None
    assert row_by_key(sebring, "GTS#") is None
    assert row_by_key(sebring, "S#3") is None
