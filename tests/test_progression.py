"""Progression: cumulative points and places per round, from the hand-worked fixture season."""

from __future__ import annotations

import pytest
from points_fixtures import load

from tui.core.models import Dataset
from tui.core.progression import bar, change_mark, level, progression


@pytest.fixture(scope="module")
def season() -> Dataset:
    return load("season.toml")


def steps(season: Dataset, entry_id: str, kind: str = "drivers") -> list[tuple]:
    line = next(line for line in progression(season, "LMP1", kind).lines if line.id == entry_id)  # type: ignore[arg-type]
    return [(s.points, s.gained, s.rank, s.change) for s in line.steps]


def test_cumulative_points_and_places(season: Dataset) -> None:
    # Ann: 26, 16, 23 (see tests/test_points.py for each award).
    assert steps(season, "ann") == [(26, 26, 1, None), (42, 16, 1, 0), (65, 23, 1, 0)]


def test_a_round_whose_result_is_unknown_has_no_value_not_zero(season: Dataset) -> None:
    # Cid has no known result in round 3, whose coverage is partial.
    assert steps(season, "cid") == [(22, 22, 3, None), (42, 20, 1, 2), (None, None, 3, -2)]


def test_absent_from_a_full_round_is_a_known_zero(season: Dataset) -> None:
    # Guest One first raced in round 2; round 1's classification is full, so his
    # round 1 is a known 0, and he has no place before his first result.
    line = next(line for line in progression(season, "GT", "drivers").lines if line.id == "g1")
    assert [(s.points, s.rank) for s in line.steps] == [(0, None), (13, 5), (None, 5)]


def test_the_scale_is_shared_by_every_line(season: Dataset) -> None:
    shown = progression(season, "LMP1", "drivers")
    assert shown.most_points == max(line.final_points for line in shown.lines) == 65


def test_marks_bars_and_levels() -> None:
    assert [change_mark(c) for c in (2, -1, 0, None)] == ["▲+2", "▼-1", "=", ""]
    assert bar(65, 65, 4) == "████" and bar(0, 65, 4) == "" and bar(1, 1000, 4) == "▏"
    assert [level(p, 64) for p in (None, 0, 1, 64)] == ["·", "_", "▁", "█"]
