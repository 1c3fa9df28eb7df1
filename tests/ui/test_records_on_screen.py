"""The record beside the derived tables, and every note somewhere a user can reach it."""

from __future__ import annotations

import re

from textual.widgets import DataTable, Static

from tui.ui.screens.classes import ClassesScreen
from tui.ui.screens.round_info import RoundInfoScreen
from tui.ui.screens.standings import StandingsScreen

from .helpers import loaded, make_app, table_rows, visible_text

WIDE = (160, 48)


async def test_standings_show_the_recorded_champion_and_flag_a_differing_leader() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("s", "2")
        assert isinstance(app.screen, StandingsScreen)
        record = visible_text(app.screen.query_one("#standings-record", Static))
        assert "Recorded drivers' champion: Ian James" in record
        assert "ALMS, 18 October 2004" in record  # cited by publisher and date
        assert "ZR1_384" not in record  # never by its id
        assert "The derived table puts Clint Field / Robin Liddell first" in record
        assert "Ian James is 3rd on 98 pts, 31 behind" in record
        assert "bonus points not applied" in record
        notes = visible_text(app.screen.query_one("#standings-notes", Static))
        assert "not the official totals" in notes
        await pilot.press("1")
        record = visible_text(app.screen.query_one("#standings-record", Static))
        assert "Recorded drivers' champions: JJ Lehto / Marco Werner" in record
        assert "Recorded teams' champion: ADT Champion Racing" in record
        assert "derived table puts" not in record
        await pilot.press("3")
        record = visible_text(app.screen.query_one("#standings-record", Static))
        assert "teams' champion: not named in the sources" in record


def _note_fragments(dataset) -> dict[str, list[str]]:
    """Every note of the dataset, as the pieces of its text between source-id mentions.

    The screens show a source id mentioned in prose as its reference number, so a
    note is found when each piece between mentions is on screen.
    """
    ids = sorted((s.id for s in dataset.sources), key=len, reverse=True)
    mention = re.compile(r"(?<![\w.\-])(?:" + "|".join(map(re.escape, ids)) + r")(?![\w\-])")
    notes = [("season", n) for n in dataset.season.notes]
    notes += [(f"team {t.id}", n) for t in dataset.teams for n in t.notes]
    notes += [(f"class {c.id}", n) for c in dataset.classes for n in c.notes]
    for round_ in dataset.rounds:
        notes += [(f"R{round_.number}", n) for n in round_.notes]
        notes += [(f"R{round_.number} car", n) for r in round_.results for n in r.notes]
    return {
        f"{where}: {note.text[:60]}": [p.strip() for p in mention.split(note.text) if len(p.strip()) > 3]
        for where, note in notes
    }


async def test_every_note_of_the_bundled_season_is_on_some_screen() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        dataset = app.dataset
        seen: list[str] = []
        await pilot.press("i")
        assert isinstance(app.screen, RoundInfoScreen)
        for _ in dataset.rounds:
            seen.append(visible_text(app.screen.query_one("#round-info-body", Static)))
            await pilot.press("right_square_bracket")
        await pilot.press("escape", "c")
        assert isinstance(app.screen, ClassesScreen)
        seen.append(visible_text(app.screen.query_one("#classes-body", Static)))
    shown = "\n".join(seen)
    fragments = _note_fragments(dataset)
    assert len(fragments) >= 19 + 3 + 5  # season, team and class notes at least
    missing = [note for note, pieces in fragments.items() if not all(p in shown for p in pieces)]
    assert missing == []
    # Ids mentioned in prose are shown as reference numbers, never as ids.
    assert "ZR1_384" not in shown and "GH1" not in shown


async def test_an_uncertain_place_is_marked_in_the_classification() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")  # R3 Lime Rock
        await pilot.pause()
        rows = table_rows(app.screen.query_one("#classification-table", DataTable))
        third = next(r for r in rows if "Dyson" in " ".join(r) and "#20" in r)
        assert third[0] == "3≈" and third[1] == "3≈"
        second = next(r for r in rows if "#16" in r)
        assert second[0] == "2"  # a stated place carries no mark
        await pilot.press("question_mark")
        help_text = " ".join(visible_text(s) for s in app.screen.query(Static))
        assert "uncertain place" in help_text


def test_the_driver_season_strip_marks_an_uncertain_place() -> None:
    from tui.core.driver_season import driver_season
    from tui.core.loader import load_path
    from tui.ui.widgets.driver_detail import outing_strip

    from .helpers import BUNDLED

    dataset = load_path(BUNDLED).dataset
    strip = outing_strip(driver_season(dataset, "andy-wallace")).plain
    assert "R3 3rd≈" in strip  # Lime Rock: third by inference
    strip = outing_strip(driver_season(dataset, "james-weaver")).plain
    assert "R3 2nd " in strip  # stated: no mark


async def test_standings_mark_points_that_rest_on_an_uncertain_place() -> None:
    """Henzler's second in GT at Petit Le Mans is an inference: his R8 points and his
    total carry the same mark as the place does in the classification."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("s", "4")
        assert isinstance(app.screen, StandingsScreen)
        table = app.screen.query_one("#driver-standings", DataTable)
        rows = {row[1]: row for row in table_rows(table)}
        henzler = rows["Wolf Henzler"]
        columns = [str(c.label) for c in table.ordered_columns]
        assert henzler[columns.index("Pts")].endswith("≈")
        assert henzler[columns.index("R8")].endswith("≈")
        bernhard = rows["Timo Bernhard"]
        assert not any(cell.endswith("≈") for cell in bernhard)
        notes = visible_text(app.screen.query_one("#standings-notes", Static))
        assert "≈ points from a place the sources leave uncertain" in notes
