"""The dashboard as a user drives it: every key and path, asserting what is shown."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import DataTable, Static

from tui.ui.screens.classes import ClassesScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.main import MainScreen, PaneTabs
from tui.ui.screens.round_info import RoundInfoScreen
from tui.ui.screens.standings import StandingsScreen
from tui.ui.widgets.calendar import SeasonCalendar
from tui.ui.widgets.driver_detail import CrewRow, DriverDetail
from tui.ui.widgets.filter_bar import FilterBar

from .helpers import BUNDLED, chip_labels, click_chip, cursor_row, loaded, make_app, table_rows, visible_text

WIDE = (160, 48)


def shown_rows(app) -> list[list[str]]:
    return table_rows(app.screen.query_one("#classification-table", DataTable))


def detail_text(app) -> str:
    return str(app.screen.query_one("#driver-body", Static).render())


def coverage(app) -> str:
    return str(app.screen.query_one("#coverage", Static).render())


async def test_opens_on_sebring_with_its_known_rows_and_coverage() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.sub_title == "R1 Mobil 1 12 Hours of Sebring"
        rows = shown_rows(app)
        assert rows[0][:5] == ["1", "1", " LMP1 ", "#28", "McNish / Biela / Kaffer"]
        assert "positions 1-6, 15-16, 21 of 44 known" in coverage(app)  # 5-6: the addendum
        # A car no source numbers shows a '?' rather than a guess.
        sullivan = next(r for r in rows if r[4].startswith("Sullivan"))
        assert sullivan[3] == "?"
        assert app.screen.focused.id == "classification-table"


async def test_brackets_step_through_rounds_and_stop_at_the_ends() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("left_square_bracket")
        assert app.screen.round_number == 1
        await pilot.press(*["right_square_bracket"] * 5)
        assert app.screen.sub_title == "R6 Toronto Grand Prix of Mosport"
        assert len(shown_rows(app)) == 24
        assert app.screen.query_one(SeasonCalendar).highlighted == 5
        await pilot.press(*["right_square_bracket"] * 5)
        assert app.screen.round_number == 9
        await pilot.press("left_square_bracket")
        assert app.screen.sub_title == "R8 Chevy presents Petit Le Mans"


async def test_class_keys_filter_and_put_class_position_first() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "3")
        rows = shown_rows(app)
        assert {r[2].strip() for r in rows} == {"GTS"}
        assert [r[0] for r in rows[:3]] == ["1", "2", "3"]  # class positions lead
        assert [r[1] for r in rows[:3]] == ["4", "5", "7"]  # then overall
        assert rows[0][4] == "Gavin / Beretta"
        assert coverage(app).startswith("6 GTS cars known of 6 entered")
        await pilot.press("4")
        assert {r[2].strip() for r in shown_rows(app)} == {"GT"}
        await pilot.press("1")
        assert [r[4] for r in shown_rows(app)][:2] == ["Weaver / Leitzinger", "Lehto / Werner"]
        await pilot.press("2")
        assert {r[2].strip() for r in shown_rows(app)} == {"LMP2"}
        await pilot.press("0")
        assert len(shown_rows(app)) == 24


async def test_filter_chips_are_clickable_and_show_counts() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5)
        bar = app.screen.query_one(FilterBar)
        assert chip_labels(bar) == ["0 All 24", "1 LMP1 4", "2 LMP2 3", "3 GTS 6", "4 GT 11"]
        await click_chip(pilot, bar, 4)
        assert app.screen.class_filter == "GT"
        assert bar.active == 4
        assert visible_text(bar).split()[-3:] == ["4", "GT", "11"]
        await click_chip(pilot, bar, 0)
        assert app.screen.class_filter is None
        assert bar.active == 0


async def test_moving_the_cursor_shows_that_cars_driver() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "4")
        assert detail_text(app).startswith("Timo Bernhard")
        await pilot.press("j")
        assert cursor_row(app.screen.query_one("#classification-table", DataTable))[4] == (
            "Murry / Stanton / Petersen"
        )
        assert detail_text(app).startswith("David Murry")
        await pilot.press("k", "down")
        assert detail_text(app).startswith("David Murry")


async def test_d_and_clicks_choose_among_co_drivers() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "4")
        await pilot.press("d")
        assert detail_text(app).startswith("Jörg Bergmeister")
        await pilot.press("d")
        assert detail_text(app).startswith("Timo Bernhard")  # wraps around
        await pilot.press("D")
        assert detail_text(app).startswith("Jörg Bergmeister")
        crew = app.screen.query_one(CrewRow)
        assert chip_labels(crew) == ["Timo Bernhard", "Jörg Bergmeister"] and crew.active == 1
        await click_chip(pilot, crew, 0)
        assert detail_text(app).startswith("Timo Bernhard")
        assert crew.active == 0


async def test_driver_detail_tells_the_season_with_points_and_notes() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        # The cursor follows car #38 from round to round: it is Sebring's 2nd.
        await pilot.press("down", *["right_square_bracket"] * 5, "1")
        text = detail_text(app)
        assert text.startswith("JJ Lehto")
        assert "Nationality not in the sources" in text
        assert "R6 2nd LMP1" in text
        assert "Marco Werner" in text  # co-driver
        assert "2nd in LMP1" in text and "16 pts" in text  # Mosport, explained
        assert "turn" in text.lower()  # the note on his off at turn five


def test_the_result_strip_never_splits_a_round_from_its_result() -> None:
    """Every line of the strip fits the pane, so none wraps, for every driver of
    the season and for rounds numbered past 9 (a longer season)."""
    from dataclasses import replace

    from tui.core.driver_season import driver_season
    from tui.core.loader import load_path
    from tui.ui.widgets.driver_detail import STRIP_WIDTH, outing_strip

    dataset = load_path(BUNDLED).dataset
    for driver in dataset.drivers:
        season = driver_season(dataset, driver.id)
        long = replace(season, outings=tuple(
            replace(o, round=o.round.model_copy(update={"number": o.round.number + 10 * k}))
            for k in range(3) for o in season.outings
        ))
        for strip in (outing_strip(season), outing_strip(long)):
            lines = strip.split("\n")
            assert all(line.cell_length <= STRIP_WIDTH for line in lines), driver.id
            assert all(line.plain.startswith("R") for line in lines)


async def test_crew_chips_fall_back_to_surnames_rather_than_cut_a_name() -> None:
    app = make_app()
    async with app.run_test(size=(220, 50)) as pilot:  # three columns: the 42-column driver pane
        await loaded(pilot)

        def chips() -> list[str]:
            return chip_labels(app.screen.query_one(CrewRow))

        # Sebring's winners: three full names take 41 cells of 36.
        assert chips() == ["McNish", "Biela", "Kaffer"]
        assert detail_text(app).startswith("Allan McNish")
        await pilot.press(*["right_square_bracket"] * 5, "4")  # Mosport GT: two names fit
        assert chips() == ["Timo Bernhard", "Jörg Bergmeister"]
        await pilot.resize_terminal(160, 48)  # the stacked layout: a wide driver pane
        await pilot.pause()
        app.screen.jump_to(1, "LMP1#28")  # Sebring's winners
        await pilot.pause()
        assert chips() == ["Allan McNish", "Frank Biela", "Pierre Kaffer"]


async def test_the_driver_pane_is_as_wide_as_the_strip_assumes() -> None:
    from tui.ui.widgets.driver_detail import STRIP_WIDTH

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        assert app.screen.query_one("#driver-body", Static).size.width >= STRIP_WIDTH


async def test_the_highlighted_car_is_followed_from_round_to_round() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("down")  # Sebring: #38, 2nd
        await pilot.press("right_square_bracket")  # Mid-Ohio: #38 won
        table = app.screen.query_one("#classification-table", DataTable)
        assert cursor_row(table)[3] == "#38" and cursor_row(table)[0] == "1"
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert cursor_row(table)[3] == "#38"


async def test_enter_opens_round_then_driver_and_tab_cycles_panes() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("shift+tab")
        assert app.screen.focused.id == "calendar"
        await pilot.press("down", "down", "enter")
        assert app.screen.round_number == 3
        assert app.screen.focused.id == "classification-table"
        await pilot.press("enter")
        assert app.screen.focused.id == "driver-pane"
        await pilot.press("tab")
        assert app.screen.focused.id == "calendar"


async def test_standings_view_switches_class_and_marks_provisional() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, StandingsScreen)
        drivers = table_rows(app.screen.query_one("#driver-standings", DataTable))
        assert drivers[0][1] in ("JJ Lehto", "Marco Werner")
        title = str(app.screen.query_one("#standings-title", Static).render())
        assert "LMP1" in title and "provisional" in title
        await pilot.press("4")
        drivers = table_rows(app.screen.query_one("#driver-standings", DataTable))
        assert drivers[0][1] == "Timo Bernhard"
        teams = table_rows(app.screen.query_one("#team-standings", DataTable))
        assert teams[0][1] == "Alex Job Racing"
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_round_info_shows_event_facts_poles_and_sources() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "i")
        assert isinstance(app.screen, RoundInfoScreen)
        text = str(app.screen.query_one("#round-info-body", Static).render())
        assert "Mosport International Raceway" in text
        assert "Length        2.459 mi / 3.957 km" in text.splitlines()
        assert "Turns         10" in text.splitlines()
        assert "1:07.430" in text
        assert "America/Toronto" in text
        await pilot.press("right_square_bracket")
        text = str(app.screen.query_one("#round-info-body", Static).render())
        assert "Road America" in text
        await pilot.press("escape")
        assert app.screen.round_number == 7  # the dashboard followed


async def test_round_details_tell_the_app_which_round_not_the_dashboard() -> None:
    """Stepping rounds in the details is a message up to the app (which moves the
    dashboard along), not the details screen setting the dashboard's round."""
    posted: list[object] = []
    app = make_app()
    async with app.run_test(size=WIDE, message_hook=posted.append) as pilot:
        await loaded(pilot)
        await pilot.press("i", "right_square_bracket", "right_square_bracket")
        shown = {id(m): m for m in posted if isinstance(m, RoundInfoScreen.RoundShown)}  # once per hop
        assert [m.number for m in shown.values()] == [2, 3]
        assert app.screen_stack[-2].round_number == 3


async def test_classes_view_lists_the_rules() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, ClassesScreen)
        text = str(app.screen.query_one("#classes-body", Static).render())
        assert "6.0 L normally aspirated or 4.0 L turbocharged" in text
        assert "750-800 hp" in text
        assert "1,100 kg" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_help_lists_every_key() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-body Static", Static).render())
        listed = {
            key
            for line in text.splitlines()
            if line.startswith("  ")
            for key in line[2:18].strip().split(" / ")
        }
        wanted = {"[", "]", "0", "1", "2", "3", "4", "d", "D", "s", "i", "c", "/", "q", "?",
                  "f1", "tab", "shift+tab", "ctrl+p", "enter", "j", "k"}
        assert wanted <= listed, wanted - listed
        await pilot.press("escape")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_search_jumps_to_a_driver() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Kelleners")
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        # Every appearance is a hit, in season order; the first starts highlighted.
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.round_number == 1  # his first known race: Sebring
        assert detail_text(app).startswith("Ralf Kelleners")


async def test_search_finds_rounds_and_teams() -> None:
    from tui.ui.search import targets

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        found = {(t.kind, t.label) for t in targets(app.screen.dataset)}
        assert ("team", "Krohn-Barbour Racing") in found
        assert ("round", "R6 Toronto Grand Prix of Mosport · Mosport International Raceway") in found
        team = next(t for t in targets(app.screen.dataset) if t.label == "Krohn-Barbour Racing")
        app.screen.jump_to(team.round_number, team.car_key)
        await pilot.pause()
        assert app.screen.round_number == 6
        assert "Brabham" in cursor_row(app.screen.query_one("#classification-table", DataTable))[4]


async def test_narrow_terminal_shows_one_pane_at_a_time() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert screen.has_class("-tabs")
        assert screen.query_one("#classification-pane").display
        assert not screen.query_one("#calendar-pane").display
        await pilot.press("tab")
        assert screen.query_one("#driver-pane").display
        assert not screen.query_one("#classification-pane").display
        tabs = screen.query_one(PaneTabs)
        assert chip_labels(tabs) == ["Calendar", "Classification", "Driver"] and tabs.active == 2
        await click_chip(pilot, tabs, 0)
        assert tabs.active == 0
        assert screen.focused.id == "calendar"
        assert screen.query_one("#calendar-pane").display


async def test_too_small_terminal_shows_a_notice_and_recovers() -> None:
    app = make_app()
    async with app.run_test(size=(50, 14)) as pilot:
        await loaded(pilot)
        notice = app.screen.query_one("#too-small", Static)
        assert notice.display
        assert "Terminal too small: 50x14" in str(notice.render())
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not notice.display
        assert app.screen.query_one("#classification-pane").display


async def test_quit_key_exits() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_driver_pane_key_scrolls() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        detail = app.screen.query_one(DriverDetail)
        assert app.screen.focused is detail
        await pilot.press("j", "j", "j")
        assert detail.scroll_y > 0
