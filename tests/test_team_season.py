"""A team's season and a car number's history, from the bundled 2004 data."""

from __future__ import annotations

import pytest

from tui.core.loader import load_path
from tui.core.models import Dataset
from tui.core.paths import bundled_dataset
from tui.core.team_season import car_history, car_numbers, team_season


@pytest.fixture(scope="module")
def season() -> Dataset:
    loaded = load_path(bundled_dataset())
    assert loaded.ok
    return loaded.dataset


def test_corvette_raced_three_numbers_and_won_gts_at_every_round(season: Dataset) -> None:
    corvette = team_season(season, "corvette")
    assert corvette.name == "Corvette Racing"
    assert corvette.numbers == [3, 4, 8]
    assert [len(r.entries) for r in corvette.rounds] == [1, 1, 1, 2, 2, 2, 2, 2, 2]
    best = [min(e.row.class_position or 99 for e in r.entries) for r in corvette.rounds]
    assert best == [1] * 9
    (gts,) = corvette.standings
    assert gts.rank == 1
    # Sonoma: the #8 did not start and earned nothing; the #3 won.
    sonoma = corvette.rounds[3]
    assert [(e.row.result.number, e.award.points if e.award else None) for e in sonoma.entries] == [
        (3, 20), (8, 0)]


def test_car_three_history_lists_each_round_and_its_crew(season: Dataset) -> None:
    history = car_history(season, 3)
    assert history.teams == ["corvette"]
    crews = {r.round.number: [e.row.result.drivers for e in r.entries] for r in history.rounds}
    assert crews[2] == [["ron-fellows", "johnny-o-connell"]]
    # Lime Rock and Mosport: no known row carries #3 (Mosport's numbers are partly unknown).
    assert crews[3] == [] and crews[6] == []
    assert not history.rounds[2].absence_is_known  # winners-only coverage: unknown
    # Mosport's classification is full, but Fellows / O'Connell's row has no number:
    # the #3 may well have raced there, so its absence is not known.
    assert not history.rounds[5].absence_is_known
    assert history.rounds[5].round.coverage.level == "full"


def test_absence_is_known_only_where_every_row_says_it(season: Dataset) -> None:
    # Mosport: every row's team is not known either, so no team is known absent...
    assert not team_season(season, "bucknum").rounds[5].absence_is_known
    # ...and a number no Mosport row could hide (all rows known) would be: none here.
    assert all(not r.absence_is_known for r in car_history(season, 999).rounds)


def test_car_numbers_are_every_known_number_in_order(season: Dataset) -> None:
    numbers = car_numbers(season)
    assert numbers == sorted(set(numbers))
    assert {3, 4, 23, 38} <= set(numbers)


def test_a_team_with_no_results_has_empty_rounds(season: Dataset) -> None:
    nobody = team_season(season, "no-such-team")
    assert nobody.name == "no-such-team"
    assert all(not r.entries for r in nobody.rounds) and nobody.standings == ()


def test_a_driver_missing_from_a_full_round_with_an_unnamed_crew_is_unknown(season: Dataset) -> None:
    """Full coverage is not enough: a row whose crew is incomplete may hold the driver.

    The same rule as the team and car pages (every row must give the fact); the
    driver strip said "—" (absent) there.
    """
    from tui.core.driver_season import driver_season
    from tui.ui.widgets.driver_detail import outing_strip

    mosport = season.round(6)
    assert mosport is not None and mosport.coverage.level == "full"
    results = list(mosport.results)
    results[0] = results[0].model_copy(update={"crew_complete": False})
    rounds = [r.model_copy(update={"results": results}) if r.number == 6 else r for r in season.rounds]
    changed = season.model_copy(update={"rounds": rounds})
    changed.__dict__.pop("_rounds_by_number", None)  # the copy carries the old lookup
    # Allan McNish (Veloqx Audi) did not race Mosport: no Mosport row names him.
    unchanged = outing_strip(driver_season(season, "allan-mcnish")).plain
    assert "R6 —" in unchanged
    strip = outing_strip(driver_season(changed, "allan-mcnish")).plain
    assert "R6 —" not in strip and "R6 ?" in strip
