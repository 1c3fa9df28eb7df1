"""Starting the app in tests and reading what the user would see."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tui.ui.app import SeasonApp
from tui.ui.widgets.chip_strip import ChipStrip

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "data" / "alms-2004.toml"


def make_app(path: Path = BUNDLED, config: Path | None = None) -> SeasonApp:
    app = SeasonApp(path, config_path=config)
    app.animation_level = "none"
    return app


async def loaded(pilot: Pilot) -> None:
    """Wait for the loading worker and the screen it pushes (no sleeps)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def table_rows(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def visible_text(widget: Static) -> str:
    return str(widget.render())


def chip_labels(strip: ChipStrip) -> list[str]:
    """The chips' labels as shown, blanks (a class tag's padding) as one space."""
    return [" ".join(chip.label.plain.split()) for chip in strip.chips]


async def click_chip(pilot: Pilot, strip: ChipStrip, index: int) -> None:
    """Click the middle of chip ``index`` of a strip, as the user would."""
    start, end = strip.chip_span(index)
    await pilot.click(strip, offset=((start + end) // 2, 0))
    await pilot.pause()


def cursor_row(table: DataTable) -> list[str]:
    return [str(cell) for cell in table.get_row_at(table.cursor_row)]


async def wait_until(pilot: Pilot, condition: Callable[[], bool], rounds: int = 300) -> bool:
    """Let the app run until ``condition()`` holds (bounded: for work done in another thread)."""
    for _ in range(rounds):
        if condition():
            return True
        await pilot.pause(0.02)
    return condition()


async def wait_for_exit(pilot: Pilot, timeout: float = 30.0) -> bool:
    """Let the app run until it has stopped (bounded), without ``pilot.pause``.

    A pause waits for every widget of the screen to process a callback; a widget
    that the ending app removes meanwhile never does, and the pause hangs for its
    30 s timeout (``WaitForScreenTimeout``) on a loaded machine.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while pilot.app.is_running and loop.time() < deadline:
        await asyncio.sleep(0.02)
    return not pilot.app.is_running
