"""The per-dataset cache never keeps a season alive: a replaced season is freed by
reference counting, so the collector's full passes walk only the season on screen
(tui.core.memo, tui.gc_policy)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from tui.core import memo
from tui.core.as_of import calendar_as_of, known_season
from tui.core.citation import _id_pattern
from tui.core.compare import compare, crews
from tui.core.driver_season import driver_season, prepare
from tui.core.loader import load_path
from tui.core.models import Dataset
from tui.core.paths import bundled_dataset
from tui.core.points import award_for, awards, driver_awards, driver_standings, team_standings
from tui.core.progression import progression
from tui.core.team_season import car_history, car_numbers, team_season
from tui.ui.search import targets


@contextmanager
def collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def every_cached_view(dataset: Dataset) -> None:
    """Ask the dataset for every value the app caches per dataset, as-of seasons included."""
    prepare(dataset)
    awards(dataset)
    first = dataset.rounds[0]
    award_for(dataset, first.number, 0)
    for car_class in dataset.classes:
        driver_standings(dataset, car_class.id)
        driver_standings(dataset, car_class.id, round_number=first.number)
        team_standings(dataset, car_class.id)
        progression(dataset, car_class.id, "drivers")
        progression(dataset, car_class.id, "teams")
        compare(dataset, crews(dataset, car_class.id)[:2])
    driver = dataset.drivers[0].id
    driver_season(dataset, driver)
    driver_awards(dataset, driver)
    team_season(dataset, dataset.teams[0].id)
    car_history(dataset, car_numbers(dataset)[0])
    _id_pattern(dataset)
    targets(dataset)
    calendar_as_of(dataset, first.number)
    known = known_season(dataset, first.number)
    driver_standings(known, dataset.classes[0].id)
    targets(known)


def test_a_dropped_season_dies_by_reference_counting_with_its_cached_views() -> None:
    result = load_path(bundled_dataset())
    assert result.ok
    dataset = result.dataset
    before = memo.cached_datasets()
    every_cached_view(dataset)
    assert memo.cached_datasets() == before + 2  # the season and its as-of season
    season = weakref.ref(dataset)
    with collector_paused():  # no collector pass may be needed to free it
        del dataset, result
        assert season() is None
        assert memo.cached_datasets() == before


def test_views_are_computed_once_per_living_dataset() -> None:
    dataset = load_path(bundled_dataset()).dataset
    assert dataset is not None
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert memo.per_dataset(dataset, ("test",), compute) == 1
    assert memo.per_dataset(dataset, ("test",), compute) == 1
    other = load_path(bundled_dataset()).dataset
    assert other is not None
    assert memo.per_dataset(other, ("test",), compute) == 2  # equal, but another version
