"""What a new user reads must be right: gaps, margins, search jumps, names, titles.

Each test here was written against a wrong answer the dashboard gave (issue 10).
"""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tui.ui.screens.round_info import RoundInfoScreen

from .helpers import loaded, make_app, table_rows

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
        # Class first: Cls, Pos, Class, No., Drivers, Laps, Gap
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
            "LMP2 Field / Liddell by +16 laps over James / Macaluso / Gue",
            "GTS Gavin / Beretta by +0.240 s over Fellows / O'Connell",
            "GT Bernhard / Bergmeister by +17.014 s over Murry / Stanton / Petersen",
        ]
        await pilot.press("left_square_bracket", "left_square_bracket")  # round 4, Sonoma
        text = str(app.screen.query_one("#round-info-body", Static).render())
        margins = text.split("Class winners and margins\n", 1)[1].split("\n\n", 1)[0]
        # A partial round says what it lacks; "same lap" is no margin and says so.
        assert "GTS Fellows / O'Connell second in class not in the sources" in " ".join(margins.split())
        assert "ahead of Dyson / Wallace on the same lap, time not in the sources" in margins
