"""The season as it stood after round N: core, export and the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from points_fixtures import load

from tui.cli import main
from tui.core import points
from tui.core.as_of import AsOfError, calendar_as_of, known_season
from tui.core.driver_season import driver_season
from tui.core.export import export
from tui.core.loader import load_path
from tui.core.models import Dataset
from tui.core.paths import bundled_dataset


@pytest.fixture(scope="module")
def season() -> Dataset:
    return load("season.toml")


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    loaded = load_path(bundled_dataset())
    assert loaded.ok
    return loaded.dataset


def test_standings_after_round_one_count_round_one_only(season: Dataset) -> None:
    known = known_season(season, 1)
    assert [r.number for r in known.rounds] == [1]
    as_of = points.driver_standings(known, "LMP1")
    only_round_one = points.driver_standings(season, "LMP1", 1)
    assert [(e.id, e.points) for e in as_of.entries] == [
        (e.id, e.points) for e in only_round_one.entries
    ]
    assert as_of.rounds == (1,)


def test_the_known_season_is_the_same_object_each_time(season: Dataset) -> None:
    # Views are cached per dataset object: a new copy per call would rebuild them all.
    assert known_season(season, 2) is known_season(season, 2)
    assert known_season(season, None) is season


def test_the_known_season_has_fresh_lookups(season: Dataset) -> None:
    season.round(3)  # fills the full season's cached lookup first
    known = known_season(season, 1)
    assert known.round(3) is None
    assert known.round(1) is season.round(1)


def test_driver_season_as_of_has_only_the_known_rounds(bundled: Dataset) -> None:
    known = known_season(bundled, 5)
    outings = driver_season(known, "timo-bernhard").outings
    assert [o.round.number for o in outings] == [1, 2, 3, 4, 5]


def test_spoiling_notes_are_dropped(bundled: Dataset) -> None:
    assert any("champion" in n.text for n in bundled.season.notes)
    known = known_season(bundled, 5)
    assert known.season.notes == []
    assert all(t.notes == [] for t in known.teams)


def test_calendar_keeps_later_rounds_without_results(bundled: Dataset) -> None:
    calendar = calendar_as_of(bundled, 5)
    assert [r.number for r in calendar] == list(range(1, 10))
    mosport = calendar[5]
    assert (mosport.name, mosport.circuit, mosport.date.isoformat()) == (
        "Toronto Grand Prix of Mosport", "Mosport International Raceway", "2004-08-08")
    assert mosport.results == [] and mosport.poles == [] and mosport.stats is None
    assert mosport.notes == [] and mosport.coverage.note is None
    assert mosport.winner is None
    assert calendar[4] is bundled.round(5)


@pytest.mark.parametrize("through", [0, 10, -1])
def test_a_round_outside_the_season_is_an_error(season: Dataset, through: int) -> None:
    with pytest.raises(AsOfError, match="no round"):
        known_season(season, through)


# --- export -----------------------------------------------------------------------


def test_json_as_of_differs_from_the_full_season_and_says_so(bundled: Dataset) -> None:
    full = json.loads(export(bundled, "json"))
    as_of = json.loads(export(bundled, "json", as_of=5))
    assert "as_of" not in full
    assert as_of["as_of"] == 5
    assert [r["number"] for r in as_of["rounds"]] == [1, 2, 3, 4, 5]
    assert [r["number"] for r in as_of["hidden_rounds"]] == [6, 7, 8, 9]
    assert as_of["hidden_rounds"][0] == {
        "number": 6, "name": "Toronto Grand Prix of Mosport",
        "circuit": "Mosport International Raceway", "date": "2004-08-08"}
    full_points = {e["id"]: e["points"] for e in full["standings"]["LMP1"]["drivers"]}
    as_of_points = {e["id"]: e["points"] for e in as_of["standings"]["LMP1"]["drivers"]}
    assert as_of_points["jj-lehto"] < full_points["jj-lehto"]
    assert set(as_of["standings"]["LMP1"]["partial_rounds"]) <= {1, 2, 3, 4, 5}


def test_csv_and_markdown_say_as_of(bundled: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(export(bundled, "csv", as_of=5))))
    assert rows and {row["as_of"] for row in rows} == {"5"}
    assert {row["round"] for row in rows} == {"1", "2", "3", "4", "5"}
    markdown = export(bundled, "md", as_of=5)
    assert "As of round 5" in markdown
    assert "Round 6: Toronto Grand Prix of Mosport, Mosport International Raceway, 2004-08-08" in markdown
    assert "## Round 6" not in markdown


def test_export_of_a_hidden_round_is_an_error(bundled: Dataset) -> None:
    with pytest.raises(AsOfError, match="hidden as of R3"):
        export(bundled, "json", round_number=5, as_of=3)


def test_cli_as_of_five(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--as-of", "5"]) == 0
    as_of = json.loads(capsys.readouterr().out)
    assert main(["export"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert as_of != full
    assert as_of["as_of"] == 5


@pytest.mark.parametrize("args", [["--as-of", "0"], ["--as-of", "10"],
                                  ["--as-of", "3", "--round", "5"]])
def test_cli_as_of_outside_the_season_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert main(["export", *args]) == 2
    err = capsys.readouterr().err
    assert "alms-tui export:" in err and "Traceback" not in err
