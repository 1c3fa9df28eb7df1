"""What a terminal shows is what the app means to show, in as few frames as it takes.

Every frame the app sends is replayed into a terminal emulator (pyte), as a real
terminal would receive it. After a key, the emulated screen must equal a full
redraw of the app's screen: a frame saved (``tui/ui/screens/frames.py``) must never
leave a stale cell, a scrollbar's above all.
"""

from __future__ import annotations

import io

import pyte
from rich.console import Console

from tui.ui.app import SeasonApp

from .helpers import loaded, make_app

SIZE = (160, 48)


class Terminal:
    """Replays the frames an app draws; ``frames`` counts those since ``reset``."""

    def __init__(self, app: SeasonApp) -> None:
        self.width, self.height = SIZE
        self.screen = pyte.Screen(self.width, self.height)
        self.stream = pyte.ByteStream(self.screen)
        self.frames = 0
        #: Frames that changed no cell of the terminal.
        self.empty_frames = 0
        real_display = app._display

        def display(screen, update) -> None:  # type: ignore[no-untyped-def]
            if update is not None:
                self.frames += 1
                before = self.cells()
                self.stream.feed(self.encode(update).encode())
                self.empty_frames += self.cells() == before
            real_display(screen, update)

        app._display = display  # type: ignore[method-assign]
        self.app = app

    def encode(self, update) -> str:  # type: ignore[no-untyped-def]
        console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                          width=self.width, height=self.height, legacy_windows=False)
        return update.render_segments(console)

    def cells(self, screen: pyte.Screen | None = None) -> list[list[tuple]]:
        screen = screen or self.screen
        return [[(c.data, c.fg, c.bg, c.bold, c.reverse, c.underscore) for c in
                 (screen.buffer[y][x] for x in range(self.width))] for y in range(self.height)]

    def redrawn(self) -> list[list[tuple]]:
        """The screen after a full redraw of the app's current screen."""
        fresh = pyte.Screen(self.width, self.height)
        full = self.app.screen._compositor.render_full_update()
        pyte.ByteStream(fresh).feed(self.encode(full).encode())
        return self.cells(fresh)

    def stale_cells(self) -> list[tuple[int, int]]:
        shown, meant = self.cells(), self.redrawn()
        return [(x, y) for y in range(self.height) for x in range(self.width) if shown[y][x] != meant[y][x]]


async def start_replay(pilot) -> Terminal:  # type: ignore[no-untyped-def]
    """The app's first screen loaded, then every frame from a whole one replayed."""
    await loaded(pilot)
    terminal = Terminal(pilot.app)
    pilot.app.screen.refresh()  # the replay starts from a whole frame
    await settle(pilot)
    return terminal


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    # Two pauses: the frame of a key, then whatever that frame's layout asked for.
    await pilot.pause()
    await pilot.pause(0.1)
    await pilot.pause()


async def test_keys_leave_no_stale_cell_and_draw_no_frame_that_changes_nothing() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        terminal = await start_replay(pilot)
        assert terminal.stale_cells() == []
        screen = app.screen
        table = screen.query_one("#classification-table")
        # key, frames it takes: the table and the driver pane a frame later (a round,
        # a filter: the driver pane's new season), or one frame (the driver alone).
        steps = [
            (lambda: screen.action_step_round(1), 2),
            (lambda: screen.action_step_round(4), 2),
            (lambda: screen.action_filter(3), 2),
            (lambda: screen.action_filter(0), None),
            (table.action_cursor_down, 1),
            (table.action_cursor_down, 1),
            (lambda: screen.query_one("#driver-pane").scroll_down(animate=False), None),
            (lambda: screen.action_step_round(-1), 2),
        ]
        for number, (key, frames) in enumerate(steps):
            terminal.frames = terminal.empty_frames = 0
            key()
            await settle(pilot)
            assert terminal.stale_cells() == [], f"step {number}: stale cells"
            assert terminal.empty_frames == 0, f"step {number}: {terminal.empty_frames} of {terminal.frames}"
            if frames is not None:
                assert terminal.frames == frames, f"step {number}: {terminal.frames} frames"


async def test_focus_moves_scrolling_and_filters_leave_no_stale_cell() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        terminal = await start_replay(pilot)
        for key in ("right_square_bracket", "tab", "j", "j", "tab", "4", "down"):
            await pilot.press(key)
            await settle(pilot)
            assert terminal.stale_cells() == [], f"after {key}"


async def test_the_replay_sees_stale_cells_when_a_frame_is_lost() -> None:
    """The check above can fail: a frame that never reaches the terminal is seen."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        terminal = await start_replay(pilot)
        feed = terminal.stream.feed
        terminal.stream.feed = lambda data: None  # type: ignore[method-assign]
        app.screen.action_step_round(1)
        await settle(pilot)
        terminal.stream.feed = feed  # type: ignore[method-assign]
        assert len(terminal.stale_cells()) > 100
