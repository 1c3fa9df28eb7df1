"""What a new user reads must be right: gaps, margins, search jumps, names, titles.

Each test here was written against a wrong answer the dashboard gave (issue 10).
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable, Static

from tui.ui.screens.main import MainScreen
from tui.ui.screens.round_info import RoundInfoScreen
from tui.ui.search import targets
from tui.ui.widgets.chip_strip import ChipStrip
from tui.ui.widgets.classification import Classification

from .helpers import BUNDLED, loaded, make_app, table_rows

WIDE = (160, 48)
MOSPORT = ["right_square_bracket"] * 5


def shown_rows(app) -> list[list[str]]:
    return table_rows(app.screen.query_one("#classification-table", DataTable))


async def test_mosport_lmp1_runner_up_shows_its_time_not_same_lap() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*MOSPORT, "1")
        await pilot.pause()
        table = app.screen.query_one("#classification-table", DataTable)
        # The column says whose gap it is: the class leader's, not the overall winner's.
        labels = [str(column.label) for column in table.ordered_columns]
        assert labels[6] == "Cls gap"
        lehto = next(row for row in shown_rows(app) if row[3] == "#38")
        assert lehto[6] == "+16.319 s"


async def test_round_details_give_each_class_winning_margin() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*MOSPORT, "i")
        assert isinstance(app.screen, RoundInfoScreen)
        text = str(app.screen.query_one("#round-info-body", Static).render())
        margins = text.split("Class winners and margins\n", 1)[1].split("\n\n", 1)[0]
        assert [" ".join(line.split()) for line in margins.splitlines()] == [
            "LMP1 Weaver / Leitzinger by +16.319 s over Lehto / Werner",
            "LMP2 C. Field / Liddell by +16 laps over James / Macaluso / Gue",
            "GTS Gavin / Beretta by +0.240 s over Fellows / O'Connell",
            "GT Bernhard / Bergmeister by +17.014 s over Murry / Stanton / Petersen",
        ]
        await pilot.press("left_square_bracket", "left_square_bracket")  # round 4, Sonoma
        text = str(app.screen.query_one("#round-info-body", Static).render())
        margins = text.split("Class winners and margins\n", 1)[1].split("\n\n", 1)[0]
        # A partial round says what it lacks; "same lap" is no margin and says so.
        assert "GTS Fellows / O'Connell second in class not in the sources" in " ".join(margins.split())
        assert "ahead of Dyson / Wallace on the same lap, time not in the sources" in margins


# --- search lands on the car it names, whatever the class filter --------------------


async def _find(pilot, text: str) -> None:
    await pilot.press("slash")
    await pilot.press(*text)
    await pilot.app.screen.workers.wait_for_complete()
    await pilot.pause()
    # Every appearance is a hit, in season order; the first starts highlighted.
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("filter_key, shown_filter", [
    ("0", None), ("1", "GTS"), ("2", "GTS"), ("3", "GTS"),
    # GT: the key "GTS#3" starts with "GT", so the filter stayed and the cursor
    # landed on a GT car: the bug this test was written for.
    ("4", "GTS"),
])
async def test_finding_fellows_lands_on_his_car_from_every_class_filter(
    filter_key: str, shown_filter: str | None
) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(filter_key)
        before = app.screen.class_filter
        await _find(pilot, "Fellows")
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.round_number == 1  # his first known race: Sebring
        assert main.class_filter == shown_filter
        row = main.query_one(Classification).highlighted_row()
        assert row is not None and "ron-fellows" in row.result.drivers
        body = str(main.query_one("#driver-body", Static).render())
        assert body.startswith("Ron Fellows")
        switched = [n.message for n in app._notifications if "filter" in n.message.lower()]
        if before not in (None, "GTS"):
            assert switched == [f"Class filter {before} → GTS: Ron Fellows drove a GTS car in R1."]
        else:
            assert switched == []


async def test_a_switched_filter_notification_is_not_markup() -> None:
    # Class ids and names from data reach the notification as literal text.
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        main = app.screen
        target = next(t for t in targets(main.dataset) if t.driver_id == "ron-fellows")
        main.jump_to(target.round_number, target.car_key, target.driver_id)
        await pilot.pause()
        (note,) = [n for n in app._notifications if "filter" in n.message.lower()]
        assert note.markup is False


# --- drivers who share a surname get initials ----------------------------------------


@pytest.mark.parametrize("steps", [3, 4])  # Sonoma and Portland: Jon and Clint Field in one car
async def test_a_crew_of_two_fields_names_each_by_initial(steps: int) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * steps, "2")
        await pilot.pause()
        crews = [row[4] for row in shown_rows(app)]
        assert "J. Field / C. Field / Liddell" in crews
        assert not any("Field / Field" in crew for crew in crews)
        # The chip row of that car: full names fit, or initials; never "Field" twice.
        table = app.screen.query_one("#classification-table", DataTable)
        table.move_cursor(row=crews.index("J. Field / C. Field / Liddell"))
        await pilot.pause()
        chips = [chip.label.plain for chip in app.screen.query_one("#crew", ChipStrip).chips]
        assert chips in (["Jon Field", "Clint Field", "Robin Liddell"], ["J. Field", "C. Field", "Liddell"])


async def test_two_fields_in_one_table_are_told_apart_across_cars() -> None:
    # Mosport: Clint Field in the LMP2 #30, Jon Field in the retired LMP1 car.
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*MOSPORT)
        await pilot.pause()
        crews = [row[4] for row in shown_rows(app)]
        assert "C. Field / Liddell" in crews and "J. Field / Jonsson" in crews


def test_the_name_helper_falls_back_to_full_names_when_initials_collide() -> None:
    from tui.core.models import Dataset
    from tui.ui.names import view_names

    dataset = Dataset.model_validate({
        "season": {"series": "S", "year": 2004, "sources": []},
        "sources": [{"id": "s", "title": "t", "locator": "l"}],
        "classes": [{"id": "GT", "name": "GT", "sources": []}],
        "points": {"scales": [{"id": "s", "name": "s", "points": [1], "sources": []}], "sources": []},
        "drivers": [
            {"id": "a", "name": "Jon Field", "sources": []},
            {"id": "b", "name": "Jan Field", "sources": []},
            {"id": "c", "name": "Clint Field", "sources": []},
            {"id": "d", "name": "Robin Liddell", "sources": []},
            {"id": "e", "name": "Johannes van Overbeek", "sources": []},
        ],
        "rounds": [{"number": 1, "name": "R", "circuit": "C", "city": "X", "country": "Y",
                    "date": dt.date(2004, 1, 1), "timezone": "America/New_York",
                    "points_scale": "s", "format": {"kind": "timed", "duration_minutes": 60, "sources": []},
                    "coverage": {"level": "full"}, "sources": []}],
    })
    assert view_names(dataset, ["c", "d", "e"]) == {"c": "Field", "d": "Liddell", "e": "van Overbeek"}
    assert view_names(dataset, ["a", "c"]) == {"a": "J. Field", "c": "C. Field"}
    # J. Field twice would tell nothing: the full names, for those two only.
    assert view_names(dataset, ["a", "b", "c"]) == {"a": "Jon Field", "b": "Jan Field", "c": "C. Field"}


# --- one team name on screen and in the export ---------------------------------------


def test_every_bundled_row_names_its_team_alike_on_screen_and_in_export() -> None:
    from tui.core.classification import classify
    from tui.core.export import export_data
    from tui.core.loader import load_path
    from tui.ui.widgets.classification import COLUMNS, row_cells

    dataset = load_path(BUNDLED).dataset
    assert dataset is not None
    exported = {r["number"]: r["results"] for r in export_data(dataset)["rounds"]}
    team_column = COLUMNS.index("Team")
    compared = 0
    for round_ in dataset.rounds:
        rows = classify(round_)
        assert len(rows) == len(exported[round_.number])
        for row, written in zip(rows, exported[round_.number], strict=True):
            shown = row_cells(dataset, row, class_first=False)[team_column].plain
            assert shown == (written["team"] or "?"), (round_.number, row.key)
            compared += 1
    assert compared == sum(len(r.results) for r in dataset.rounds)


def test_the_driver_detail_names_the_team_and_what_the_source_printed() -> None:
    from tui.core.loader import load_path
    from tui.ui.widgets.driver_detail import render_driver

    dataset = load_path(BUNDLED).dataset
    assert dataset is not None
    text = render_driver(dataset, "jj-lehto").plain
    assert "R1  #38 ADT Champion Racing (entered as Champion Racing) · Audi R8" in text


# --- each screen owns its header ------------------------------------------------------


def header_text(app) -> str:
    """The title as drawn, past the icon's cell."""
    from tui.ui.widgets.header import ICON_WIDTH, TitleBar

    return str(app.screen.query_one(TitleBar).render())[ICON_WIDTH:].strip()


@pytest.mark.parametrize("key, title", [
    ("s", "LMP1 standings"), ("i", "R6 details"), ("c", "classes"),
])
async def test_leaving_a_view_gives_the_header_back_to_the_round(key: str, title: str) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*MOSPORT)
        await pilot.pause()
        assert header_text(app) == f"{app.title} — R6 Toronto Grand Prix of Mosport"
        await pilot.press(key)
        await pilot.pause()
        assert header_text(app) == f"{app.title} — {title}"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert header_text(app) == f"{app.title} — R6 Toronto Grand Prix of Mosport"


async def test_stepping_rounds_in_details_then_leaving_shows_the_new_round() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*MOSPORT, "i", "right_square_bracket")
        await pilot.pause()
        assert header_text(app) == f"{app.title} — R7 details"
        await pilot.press("escape")
        await pilot.pause()
        assert header_text(app) == f"{app.title} — R7 Road America 500"


def test_the_printed_team_name_in_the_driver_detail_is_literal_text() -> None:
    # The hostile corpus's entered name (markup) left the table with the one-name
    # rule; it is still shown, literally, where the detail names the entry.
    from tui.core.loader import load_path
    from tui.ui.widgets.driver_detail import render_driver

    dataset = load_path(BUNDLED.parents[1] / "tests" / "fixtures" / "hostile" / "valid_markup_everywhere.toml").dataset
    assert dataset is not None
    assert "Acura [DPi] $team (entered as [green]Bravo[/] entered)" in render_driver(dataset, "cal-carter").plain
