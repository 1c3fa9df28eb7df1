"""Find and the command palette under bursts of keys (key repeat, a slow link):
a second Enter, or an Escape and an Enter, arriving before the palette has closed.

The main screen must stay, live and drawn: a stale selection is ignored, and no
key can pop the dashboard's last screen.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandList

from tui.ui.screens.main import MainScreen

from .helpers import loaded, make_app, wait_until

#: (typed at a human pace, then a burst, the round the dashboard shows after)
BURSTS = [
    pytest.param(["slash", *"mosport"], ["enter", "enter"], 6, id="find, enter, enter"),
    pytest.param(["slash", *"mosport"], ["enter"] * 4, 6, id="find, four enters"),
    pytest.param(["slash", *"mosport"], ["escape", "enter"], 1, id="find, escape, enter"),
    pytest.param(["slash", *"mosport"], ["enter", "escape"], None, id="find, enter, escape"),
    pytest.param(["slash"], ["enter", "enter"], 1, id="find nothing, enter, enter"),
    pytest.param(["slash"], ["escape", "escape", "escape"], 1, id="find, escapes"),
    pytest.param(["ctrl+p", *"mosport"], ["enter", "enter"], 6, id="palette, enter, enter"),
    pytest.param(["ctrl+p"], ["enter", "enter"], None, id="palette first command, enter, enter"),
    pytest.param([], ["slash", *"mosport", "enter", "enter"], 1, id="all in one burst"),
]


CHARACTERS = {"slash": "/", "enter": "\r", "escape": "\x1b", "ctrl+p": "\x10"}


def burst(app, keys: list[str]) -> None:
    """Keys as a terminal delivers a burst: all queued before the app handles any.
    (``pilot.press`` waits for the app to go idle after each key.)"""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key)))


@pytest.mark.parametrize(("typed", "keys", "round_number"), BURSTS)
async def test_a_burst_of_keys_in_the_palette_leaves_the_dashboard_live(
    typed: list[str], keys: list[str], round_number: int | None
) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*typed)
        if typed[1:] or typed == ["ctrl+p"]:  # hits are searched for in a task of their own
            assert await wait_until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
            # Every provider has answered: the top hit is the one a user sees before Enter.
            await app.screen.workers.wait_for_complete()
            await pilot.pause()
        burst(app, keys)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app._exception is None
        main = app.main_screen
        assert main is not None and main in app.screen_stack
        # Whatever the burst opened on top (help, a theme picker...), the dashboard is below it.
        while app.screen is not main:
            await pilot.press("escape")
            await pilot.pause()
            assert app.main_screen is main
        if round_number is not None:
            assert main.round_number == round_number
        await pilot.press("right_square_bracket")  # still answering keys
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        if round_number is not None:
            assert main.round_number == round_number + 1


async def test_nothing_pops_the_dashboard_itself() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        main = app.screen
        app.pop_screen()
        app.screen.dismiss()
        await pilot.pause()
        assert app.screen is main and app.is_running
        await pilot.press("question_mark")  # a view on top still closes as before
        assert app.screen is not main
        await pilot.press("escape")
        assert app.screen is main
