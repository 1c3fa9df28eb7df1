"""Layout passes per key: a count, not a time, so it can be pinned in a test.

Each layout pass lays the whole screen out again and is followed by a frame: the
passes after the first are most of a key's "settled" time (benchmarks/run.py).
Widgets whose size changes (the driver's text, the crew and filter chips) used to
cost a second pass each time; tui/ui/widgets/one_pass.py takes their first place
as final. What is left: one pass for the table or the detail, and one for the
driver detail a frame after the table on a round switch (it is deferred so the
table shows first).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable

from tui.ui.app import SeasonApp
from tui.ui.screens.main import MainScreen

from .helpers import loaded, make_app

WIDE = (160, 48)


@contextmanager
def counting_layout_passes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    passes = [0]
    original = Screen._refresh_layout

    def counted(self: Screen, size: object = None, scroll: bool = False) -> None:
        if not scroll:  # a scroll-only reflow is not a layout pass
            passes[0] += 1
        original(self, size, scroll)  # type: ignore[arg-type]

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    yield passes


async def settled(pilot: Pilot[None]) -> None:
    """Until nothing is left to lay out or draw: each pause handles what the last one
    queued (a pass that asks for another is handled by the next pause)."""
    for _ in range(6):
        await pilot.pause()


async def passes_for(pilot: Pilot[None], passes: list[int], key: Callable[[], object]) -> int:
    await settled(pilot)
    before = passes[0]
    key()
    await settled(pilot)
    return passes[0] - before


async def run_keys(monkeypatch: pytest.MonkeyPatch,
                   check: Callable[[SeasonApp, MainScreen, Pilot[None], list[int]], Awaitable[None]]) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        with counting_layout_passes(monkeypatch) as passes:
            await check(app, screen, pilot, passes)


async def test_a_driver_change_costs_one_layout_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    async def check(app: SeasonApp, screen: MainScreen, pilot: Pilot[None], passes: list[int]) -> None:
        screen.round_number = 6  # Mosport: every car has a crew, of different lengths
        table = screen.query_one("#classification-table", DataTable)
        counts = [await passes_for(pilot, passes, table.action_cursor_down) for _ in range(8)]
        # One pass; a second only when the detail's scrollbar appears or goes.
        assert max(counts) <= 2, counts
        assert counts.count(1) >= 6, counts

    await run_keys(monkeypatch, check)


async def test_a_round_switch_costs_two_layout_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    async def check(app: SeasonApp, screen: MainScreen, pilot: Pilot[None], passes: list[int]) -> None:
        counts = [await passes_for(pilot, passes, lambda: screen.action_step_round(1)) for _ in range(8)]
        # The table's pass, then the driver detail's (with the header's title) a frame
        # later; the detail's scrollbar appearing or going costs passes of its own.
        assert counts.count(2) >= 6, counts
        assert max(counts) <= 4, counts

    await run_keys(monkeypatch, check)


async def test_a_class_filter_costs_at_most_two_layout_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    async def check(app: SeasonApp, screen: MainScreen, pilot: Pilot[None], passes: list[int]) -> None:
        screen.round_number = 6
        counts = [await passes_for(pilot, passes, lambda n=n: screen.action_filter(n)) for n in (3, 4, 0, 1, 2)]
        assert max(counts) <= 2, counts

    await run_keys(monkeypatch, check)


async def test_a_layout_pass_that_leaves_the_table_alone_does_not_repaint_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each layout pass handed the table a virtual size not its own, so Textual took
    it as resized and repainted its scrollbar: one more frame after every key."""
    async def check(app: SeasonApp, screen: MainScreen, pilot: Pilot[None], passes: list[int]) -> None:
        screen.round_number = 6
        table = screen.query_one("#classification-table", DataTable)
        await settled(pilot)
        # At 160 columns the table is wider than its pane: a horizontal scrollbar.
        assert table.show_horizontal_scrollbar
        scrollbars = (table.horizontal_scrollbar, table.vertical_scrollbar)
        repaints = [0]
        original = type(scrollbars[0]).refresh

        def counted(self: object, *args: object, **kwargs: object) -> object:
            if any(self is scrollbar for scrollbar in scrollbars):
                repaints[0] += 1
            return original(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(type(scrollbars[0]), "refresh", counted)
        moves = [await passes_for(pilot, passes, table.action_cursor_down) for _ in range(3)]
        assert sum(moves) >= 3  # the driver detail was laid out again each time
        assert repaints == [0]

    await run_keys(monkeypatch, check)


async def test_a_view_opens_with_two_layout_passes_and_closes_with_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual lays an opened screen out again for the Resize its first layout sends
    it, and the dashboard under it too; with Textual's footer recomposing, a view
    cost 6 passes to open and 3 to close (tui/ui/screens/resize.py)."""
    async def check(app: SeasonApp, screen: MainScreen, pilot: Pilot[None], passes: list[int]) -> None:
        for open_view in (app.action_standings, app.action_progression):
            assert await passes_for(pilot, passes, open_view) <= 2
            assert app.screen is not screen
            assert await passes_for(pilot, passes, app.pop_screen) <= 1
            assert app.screen is screen

    await run_keys(monkeypatch, check)


async def test_a_view_still_follows_a_resize_of_the_terminal() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        app.action_standings()
        await settled(pilot)
        await pilot.resize_terminal(100, 30)
        await settled(pilot)
        assert app.screen.size == (100, 30)
        assert app.screen.query_one("#driver-standings").region.right <= 100
        app.pop_screen()
        await settled(pilot)
        assert app.screen.size == (100, 30) and app.screen.has_class("-tabs")


async def test_the_first_screen_is_laid_out_four_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Was five: the Resize its first layout sends it laid the dashboard out again.
    (The app's own two Resizes at start-up, of the same size, go Textual's way:
    they cannot be told from a terminal's resize.)"""
    with counting_layout_passes(monkeypatch) as passes:
        app = make_app()
        async with app.run_test(size=WIDE) as pilot:
            await loaded(pilot)
            await settled(pilot)
            assert passes[0] <= 4
