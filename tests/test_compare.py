"""Comparing drivers and crews: results, points, gaps and head-to-head, from the 2004 data."""

from __future__ import annotations

import pytest

from tui.core.compare import CompareError, Contender, compare, crews
from tui.core.loader import load_path
from tui.core.models import Dataset
from tui.core.paths import bundled_dataset

BERNHARD = Contender(("timo-bernhard",))
BERGMEISTER = Contender(("jorg-bergmeister",))
LIZARDS = Contender(("johannes-van-overbeek", "darren-law"))


@pytest.fixture(scope="module")
def season() -> Dataset:
    loaded = load_path(bundled_dataset())
    assert loaded.ok
    return loaded.dataset


def test_results_points_and_gaps_per_round(season: Dataset) -> None:
    shown = compare(season, [BERNHARD, LIZARDS])
    bernhard, lizards = shown.outings
    assert [o.outcome for o in bernhard[:3]] == ["raced", "unknown", "unknown"]
    assert [o.total for o in bernhard][-1] == 141 and lizards[-1].total == 78
    # Mid-Ohio: the Flying Lizards won GT; Bernhard's result is not known, so no gap.
    assert (lizards[1].row.class_position, lizards[1].gap) == (1, 6)
    assert bernhard[1].gap is None
    assert lizards[1].provisional  # Bernhard's round is unknown: the gap may change
    assert bernhard[-1].gap == 0 and lizards[-1].gap == 63


def test_head_to_head_counts_known_orders_and_crew_mates_apart(season: Dataset) -> None:
    shown = compare(season, [BERNHARD, BERGMEISTER, LIZARDS])
    pairs = {(p.first.key, p.second.key): p for p in shown.head_to_head}
    mates = pairs[("timo-bernhard", "jorg-bergmeister")]
    assert (mates.met, mates.same_car) == (0, 6)
    versus = pairs[("timo-bernhard", "johannes-van-overbeek+darren-law")]
    assert (versus.first_ahead, versus.second_ahead, versus.order_unknown) == (3, 1, 0)


@pytest.mark.parametrize("contenders", [[BERNHARD], [BERNHARD] * 6, [BERNHARD, Contender(("nobody",))]])
def test_too_few_too_many_or_unknown_contenders_are_errors(season: Dataset, contenders: list) -> None:
    with pytest.raises(CompareError):
        compare(season, contenders)


def test_crews_are_the_cars_shared_by_two_or_more(season: Dataset) -> None:
    gt = crews(season, "GT")
    assert LIZARDS in gt or Contender(("darren-law", "johannes-van-overbeek")) in gt
    assert all(len(c.drivers) > 1 for c in gt)
    assert Contender.parse(LIZARDS.key) == LIZARDS
