"""JSON, CSV and Markdown exports of classifications and standings."""

from __future__ import annotations

import csv
import io
import json

import pytest
from points_fixtures import load

from tui.core.export import CSV_FIELDS, RESULT_FIELDS, export
from tui.core.models import Dataset


@pytest.fixture(scope="module")
def season() -> Dataset:
    return load("season.toml")


@pytest.fixture(scope="module")
def awkward() -> Dataset:
    return load("awkward.toml")


def as_json(dataset: Dataset, **filters: object) -> dict:
    return json.loads(export(dataset, "json", **filters))


def as_csv(dataset: Dataset, **filters: object) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(export(dataset, "csv", **filters), newline="")))
    assert tuple(rows[0]) == CSV_FIELDS
    return [dict(zip(CSV_FIELDS, row, strict=True)) for row in rows[1:]]


# --- JSON ------------------------------------------------------------------------


def test_json_carries_the_season_rounds_and_results(season: Dataset) -> None:
    data = as_json(season)
    assert data["format_version"] == 1
    assert data["season"] == {"series": "Test Sports Car Series", "year": 2004}
    assert [r["number"] for r in data["rounds"]] == [1, 2, 3]
    first = data["rounds"][0]
    assert {k: first[k] for k in ("name", "circuit", "date", "coverage")} == {
        "name": "Alpha 12 Hours",
        "circuit": "Alpha Raceway",
        "date": "2004-03-20",
        "coverage": {"level": "full", "note": None},
    }
    assert first["results"][1] == {
        "position": 2,
        "class": "LMP1",
        "class_position": 2,
        "class_position_derived": True,
        "number": 2,
        "team": "Alpha Racing",
        "drivers": ["Cid Cole", "Dan Drake"],
        "chassis": None,
        "engine": None,
        "laps": 298,
        "gap": None,
        "class_gap": "+2 laps",  # derived from 300 and 298 laps
        "status": "finished",
        "reason": None,
        "uncertain": False,
    }
    assert list(first["results"][1]) == list(RESULT_FIELDS)


def test_json_marks_stated_class_positions_and_unknowns(season: Dataset) -> None:
    finale = as_json(season)["rounds"][2]
    assert finale["coverage"] == {"level": "partial", "note": "overall top 4 and two LMP2 cars"}
    lmp2_winner = next(r for r in finale["results"] if r["class"] == "LMP2")
    assert lmp2_winner["position"] is None and lmp2_winner["laps"] is None
    assert (lmp2_winner["class_position"], lmp2_winner["class_position_derived"]) == (1, False)


def test_json_standings(season: Dataset) -> None:
    standings = as_json(season)["standings"]
    assert list(standings) == ["LMP1", "LMP2", "GT"]
    lmp1 = standings["LMP1"]
    assert lmp1["drivers"][0] == {
        "rank": 1, "id": "ann", "name": "Ann Archer", "points": 65, "provisional": False,
        "uncertain_points": 0,
    }
    assert [(e["id"], e["points"], e["provisional"]) for e in lmp1["teams"]] == [
        ("team-a", 69, False), ("team-d", 19, False), ("team-e", 0, True)
    ]
    assert (lmp1["provisional"], lmp1["partial_rounds"]) == (True, [3])
    assert standings["GT"]["results_without_team"] == 8


def test_filters_restrict_rounds_results_and_standings(season: Dataset) -> None:
    one_round = as_json(season, round_number=2)
    assert [r["number"] for r in one_round["rounds"]] == [2]
    # Standings count that round only, which has full coverage.
    lmp1 = one_round["standings"]["LMP1"]
    assert [(e["id"], e["points"]) for e in lmp1["drivers"]] == [
        ("cid", 20), ("dan", 20), ("ann", 16), ("bob", 16)
    ]
    assert lmp1["provisional"] is False

    gt = as_json(season, car_class="GT")
    assert len(gt["rounds"]) == 3 and list(gt["standings"]) == ["GT"]
    assert {r["class"] for rnd in gt["rounds"] for r in rnd["results"]} == {"GT"}
    # With a class selected, class positions still come from the whole field.
    assert gt["rounds"][1]["results"][0]["position"] == 3
    assert gt["rounds"][1]["results"][0]["class_position"] == 1

    both = as_json(season, round_number=3, car_class="LMP2")
    assert [r["drivers"] for r in both["rounds"][0]["results"]] == [["Eve Ellis", "Fay Ford"], ["Joe Jones"]]
    assert [(e["id"], e["points"]) for e in both["standings"]["LMP2"]["drivers"]] == [
        ("eve", 23), ("fay", 23), ("joe", 19)
    ]


@pytest.mark.parametrize(
    ("filters", "message"),
    [({"round_number": 9}, "no round 9"), ({"car_class": "GTS"}, "no class 'GTS'")],
)
def test_unknown_filters_are_errors(season: Dataset, filters: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        export(season, "json", **filters)


def test_unknown_format_is_an_error(season: Dataset) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'"):
        export(season, "xml")  # type: ignore[arg-type]


# --- CSV -------------------------------------------------------------------------


def test_csv_has_one_row_per_result(season: Dataset) -> None:
    rows = as_csv(season)
    assert len(rows) == sum(len(r.results) for r in season.rounds)
    assert rows[1] == {
        "round": "1", "round_name": "Alpha 12 Hours", "position": "2", "class": "LMP1",
        "class_position": "2", "class_position_derived": "true", "number": "2",
        "team": "Alpha Racing", "drivers": "Cid Cole; Dan Drake", "chassis": "", "engine": "",
        "laps": "298", "gap": "", "class_gap": "+2 laps", "status": "finished", "reason": "",
        "uncertain": "false",
    }


def test_csv_filters_and_unknowns(season: Dataset) -> None:
    rows = as_csv(season, round_number=3, car_class="LMP2")
    assert [(r["round"], r["number"]) for r in rows] == [("3", "10"), ("3", "11")]
    assert (rows[0]["position"], rows[0]["laps"], rows[0]["class_position_derived"]) == ("", "", "false")
    assert rows[1]["gap"] == "+50 laps"


# --- Markdown ----------------------------------------------------------------------


def test_markdown_has_a_table_per_round_and_standings(season: Dataset) -> None:
    text = export(season, "md")
    assert text.startswith("# Test Sports Car Series 2004\n")
    assert "## Round 2: Bravo Grand Prix\n" in text
    header = "| Pos | Class | Class pos | No. | Team | Drivers | Chassis | Engine | Laps | Gap | Class gap | Status | Reason |"
    assert text.count(header) == 3
    assert "| 3 | GT | 1 | 51 | Charlie Competition | Kim King, Lou Long |  |  | 90 |  |  | Finished |  |" in text
    assert "| 1 | LMP1 | 1 | 1 | Alpha Racing | Ann Archer, Bob Brown |  |  | 300 |  |  | Finished |  |" in text
    assert "|  | LMP1 |  | 4 | Echo Engineering | Max Moss |  |  | 50 |  |  | DNF | suspension |" in text
    assert "### LMP1 drivers\n\nProvisional: round(s) 3 lack a full classification." in text
    assert "| 1 | Ann Archer | 65 |" in text
    assert "| 3 | Cid Cole (provisional) | 42 |" in text
    assert "Not counted: 8 classified result(s) without a team." in text


def test_markdown_filtered_to_one_round(season: Dataset) -> None:
    text = export(season, "md", round_number=1, car_class="GT")
    assert "## Round 1:" in text and "## Round 2:" not in text
    assert "| LMP1 |" not in text and "### LMP1" not in text


# --- awkward text --------------------------------------------------------------------

TEAM = 'Pipe | Comma, "Quote" Racing'
REASON = 'broke, "badly" | twice\nthen stopped'


def test_awkward_text_survives_json_and_csv(awkward: Dataset) -> None:
    results = as_json(awkward)["rounds"][0]["results"]
    assert results[0]["team"] == TEAM
    assert results[0]["drivers"] == ["Line one\nLine two", "[bold]x"]
    assert results[1]["reason"] == REASON
    rows = as_csv(awkward)
    assert rows[0]["round_name"] == "Round, with | pipe"
    assert (rows[0]["team"], rows[0]["engine"]) == (TEAM, 'V8, "big"')
    assert rows[0]["drivers"] == "Line one\nLine two; [bold]x"
    assert rows[1]["reason"] == REASON


def test_awkward_text_is_escaped_in_markdown(awkward: Dataset) -> None:
    text = export(awkward, "md")
    assert "| Pipe \\| Comma, \"Quote\" Racing | Line one<br>Line two, [bold]x | Car \\| 1 |" in text
    assert '| DNF | broke, "badly" \\| twice<br>then stopped |' in text
    # Both result rows keep their 13 columns (14 unescaped pipes), each on one line.
    rows = [line for line in text.splitlines() if line.startswith(("| 1 | GT |", "|  | GT |"))]
    assert [row.replace("\\|", "").count("|") for row in rows] == [14, 14]


def test_unknowns_are_null_in_json_and_empty_in_csv(awkward: Dataset) -> None:
    unknown = as_json(awkward)["rounds"][0]["results"][1]
    assert all(unknown[k] is None for k in ("position", "class_position", "number", "team",
                                            "chassis", "engine", "laps", "gap", "class_gap"))
    assert unknown["drivers"] == []
    row = as_csv(awkward)[1]
    assert all(row[k] == "" for k in ("position", "number", "team", "drivers", "laps", "class_gap"))
