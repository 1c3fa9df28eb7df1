"""While the season loads: the first frame says so, `q` quits at once, and a load
that fails or is overtaken never leaves a blank or older screen.

Loads are held with a gated loader (``tui.ui.app.load_path`` wrapped): each call
can wait on an Event the test releases, so nothing depends on timing.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from tui.core import loader
from tui.ui import app as app_module
from tui.ui.app import SeasonApp
from tui.ui.screens.error import LoadErrorScreen
from tui.ui.screens.loading import LoadingScreen
from tui.ui.screens.main import MainScreen

from .helpers import BUNDLED, loaded, make_app, wait_for_exit, wait_until

ROOT = Path(__file__).resolve().parents[2]


class GatedLoader:
    """``load_path`` whose calls can be held: call number N waits for ``release(N)``."""

    def __init__(self, held: set[int]) -> None:
        self.held = held
        self.calls = 0
        self.gates: dict[int, threading.Event] = {n: threading.Event() for n in held}
        self.entered: dict[int, threading.Event] = {n: threading.Event() for n in held}
        self.returned: dict[int, threading.Event] = {n: threading.Event() for n in held}

    def __call__(self, path: Path) -> loader.LoadResult:
        self.calls += 1
        call = self.calls
        if call in self.held:
            self.entered[call].set()
            self.gates[call].wait(30)
        result = loader.load_path(path)
        if call in self.held:
            self.returned[call].set()
        return result

    def release(self, call: int) -> None:
        self.gates[call].set()


@pytest.fixture
def season(tmp_path: Path) -> Path:
    folder = tmp_path / "[b]odd folder"
    folder.mkdir()
    path = folder / "[@click=app.quit]season\x1b[2J.toml"
    path.write_bytes(BUNDLED.read_bytes())
    return path


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
async def test_the_first_frame_says_what_is_loading_and_q_quits_mid_load(
    season: Path, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    gated = GatedLoader(held={1})
    monkeypatch.setattr(app_module, "load_path", gated)
    app = make_app(season)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            assert isinstance(app.screen, LoadingScreen)
            shown = str(app.screen.query_one("#loading", Static).render())
            assert "Loading [@click=app.quit]season\\x1b[2J.toml" in shown  # literal, escaped
            assert "[b]odd folder" in shown
            assert await wait_until(pilot, gated.entered[1].is_set)
            await pilot.press(key)
            assert await wait_for_exit(pilot)
        assert app.return_code == 0
        assert not gated.returned[1].is_set()  # quit while the load was still held
    finally:
        gated.release(1)


async def test_a_season_loaded_before_the_first_frame_is_the_first_screen() -> None:
    """The load starts as the app is made, while Textual starts: a season ready when
    the first screen is due is that screen (no loading screen, no second screen)."""
    app = make_app()
    first = app._first_load
    assert first is not None and first.finished.wait(30)
    async with app.run_test(size=(160, 48)) as pilot:
        assert isinstance(app.screen, MainScreen)
        assert app.screen_stack == [app.screen]
        assert app.screen.query_one("#classification-table").row_count > 0
        await loaded(pilot)
        assert app.screen_stack == [app.screen]  # the load was not shown a second time
        assert app._newest_loaded == 1


@pytest.mark.parametrize("in_time", [True, False], ids=["first-screen", "after-loading-screen"])
async def test_a_save_between_the_first_load_and_following_the_file_is_shown(
    tmp_path: Path, in_time: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first load reads the file as the app is made; the follower starts with the
    app, from the file as it is then. A save in between must not be missed."""
    if not in_time:
        monkeypatch.setattr(app_module, "FIRST_SCREEN_WAIT", 0)
    path = tmp_path / "season.toml"
    text = BUNDLED.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    app = SeasonApp(path, config_path=None, follow="auto")
    app.animation_level = "none"
    first = app._first_load
    assert first is not None and first.finished.wait(30)
    team = first.loaded.result.dataset.teams[0]
    path.write_text(text.replace(f'"{team.name}"', f'"{team.name} Renamed"'), encoding="utf-8")
    async with app.run_test(size=(160, 48)) as pilot:
        assert await wait_until(
            pilot, lambda: app.dataset is not None and app.dataset.team(team.id).name == f"{team.name} Renamed"
        )
        assert isinstance(app.screen, MainScreen)


def test_the_process_exits_while_a_load_never_returns(tmp_path: Path) -> None:
    """A Textual thread worker runs in asyncio's default executor, which the
    interpreter joins at exit: `q` mid-load ended the process only when the
    load did. Here the load never ends; the process must."""
    script = tmp_path / "never_loads.py"
    script.write_text(
        "import threading, sys\n"
        "from pathlib import Path\n"
        "from tui.ui import app as app_module\n"
        "forever = threading.Event()\n"
        "app_module.load_path = lambda path: forever.wait()\n"
        "app = app_module.SeasonApp(Path(sys.argv[1]), config_path=None)\n"
        "async def press_q(pilot):\n"
        "    await pilot.pause()\n"
        "    await pilot.press('q')\n"
        "app.run(headless=True, size=(80, 24), auto_pilot=press_q)\n"
        "print('exited', app.return_code)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script), str(BUNDLED)], cwd=ROOT,
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "exited 0"


async def test_a_loader_that_raises_shows_an_error_not_a_blank_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> loader.LoadResult:
        raise RuntimeError("schema walker bug [/] at \x1b[31m")

    monkeypatch.setattr(app_module, "load_path", broken)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, LoadErrorScreen)
        listed = str(app.screen.query_one("#problems-list", Static).render())
        assert "unexpected RuntimeError: schema walker bug [/] at \\x1b[31m" in listed
        assert app.is_running and app._exception is None


async def test_a_reload_that_raises_keeps_the_data_and_shows_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        shown = app.dataset

        def broken(path: Path) -> loader.LoadResult:
            raise MemoryError("no room")

        monkeypatch.setattr(app_module, "prepare_driver_seasons", broken)
        app.action_reload()
        await loaded(pilot)
        assert isinstance(app.screen, MainScreen) and app.dataset is shown
        assert any("unexpected MemoryError: no room" in p.message for p in app.live_state.problems)


async def test_an_overtaken_load_never_replaces_a_newer_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "season.toml"
    text = BUNDLED.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    gated = GatedLoader(held={2})
    monkeypatch.setattr(app_module, "load_path", gated)
    app = make_app(path)
    try:
        async with app.run_test(size=(160, 48)) as pilot:
            await loaded(pilot)
            app.action_reload()  # load 2: reads the old text, then waits
            assert await wait_until(pilot, gated.entered[2].is_set)
            path.write_text(text.replace('name = "Dyson Racing"', 'name = "Dyson Racing (newer)"', 1),
                            encoding="utf-8")
            app.action_reload()  # load 3: the newer text
            assert await wait_until(pilot, lambda: gated.calls >= 3)
            await app.workers.wait_for_complete()
            await pilot.pause()
            newer = app.dataset
            assert newer.team("dyson").name == "Dyson Racing (newer)"
            gated.release(2)
            assert await wait_until(pilot, gated.returned[2].is_set)
            await pilot.pause()
            await pilot.pause()
            assert app.dataset is newer
    finally:
        gated.release(2)


async def test_a_loaded_message_older_than_the_newest_applied_is_dropped() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        app.action_reload()
        await loaded(pilot)
        shown = app.dataset
        stale = loader.load_path(BUNDLED)
        app.post_message(SeasonApp.Loaded(stale, number=1))  # the start-up load, arriving late
        await pilot.pause()
        assert app.dataset is shown
