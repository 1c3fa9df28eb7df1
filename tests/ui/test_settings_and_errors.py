"""Remembering the view across runs, and what the user sees when data is bad."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Static

from tui.ui.screens.error import LoadErrorScreen
from tui.ui.screens.main import MainScreen

from .helpers import BUNDLED, loaded, make_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


async def test_the_last_view_is_remembered_across_runs(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    app = make_app(config=settings)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "4", "shift+tab")
        app.theme = "nord"
        await pilot.press("q")
    saved = tomllib.loads(settings.read_text())
    assert saved == {"round": 6, "class_filter": "GT", "focused_pane": "calendar-pane", "theme": "nord"}

    again = make_app(config=settings)
    async with again.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = again.screen
        assert isinstance(screen, MainScreen)
        assert (screen.round_number, screen.class_filter) == (6, "GT")
        assert screen.focused.id == "calendar"
        assert again.theme == "nord"


async def test_a_corrupt_settings_file_is_reported_and_replaced_by_defaults(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('round = "six\n[[[')
    app = make_app(config=settings)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        assert app.screen.round_number == 1
        messages = [n.message for n in app._notifications]
        assert any("damaged" in m and "Using defaults" in m for m in messages), messages
        await pilot.press("q")
    assert tomllib.loads(settings.read_text())["round"] == 1  # replaced by a good file


async def test_settings_naming_a_missing_round_or_class_fall_back(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('round = 42\nclass_filter = "[bold]x"\nfocused_pane = "nowhere"\n')
    app = make_app(config=settings)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        assert (app.screen.round_number, app.screen.class_filter) == (1, None)
        assert app.screen.focused.id == "classification-table"


async def test_an_unwritable_config_dir_does_not_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the config folder should be")
    app = make_app(config=blocker / "settings.toml")
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_an_invalid_dataset_opens_the_error_screen_and_retry_recovers(tmp_path: Path) -> None:
    data = tmp_path / "season.toml"
    data.write_bytes((FIXTURES / "bad" / "unknown_key.toml").read_bytes())
    app = make_app(path=data)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, LoadErrorScreen)
        listed = str(app.screen.query_one("#problems-list", Static).render())
        assert ("season.toml:132:1: round 1, car #3 (rounds[0].results[1].lpas): "
                "unknown key 'lpas' (did you mean 'laps'?)") in listed
        data.write_bytes(BUNDLED.read_bytes())
        await pilot.press("r")
        await loaded(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_missing_dataset_is_a_located_problem_not_a_traceback(tmp_path: Path) -> None:
    app = make_app(path=tmp_path / "nowhere.toml")
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, LoadErrorScreen)
        assert "nowhere.toml" in str(app.screen.query_one("#problems-list", Static).render())
        await pilot.press("q")
    assert app.return_code == 0


async def test_thousands_of_problems_list_the_first_ones_and_a_count(tmp_path: Path) -> None:
    data = tmp_path / "season.toml"
    good = (FIXTURES / "good" / "minimal.toml").read_text()
    typos = "".join(f"lpas{n} = 1\n" for n in range(450))
    data.write_text(good.replace('series = "Test Sports Car Series"\n',
                                 'series = "Test Sports Car Series"\n' + typos, 1))
    app = make_app(path=data)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, LoadErrorScreen)
        listed = str(app.screen.query_one("#problems-list", Static).render()).splitlines()
        assert len(listed) == 201
        # The command names the file (tmp_path needs no shell quoting).
        assert listed[-1] == f"… and 250 more: run alms-tui validate {data} to list them all"
        assert "450 problems" in str(app.screen.query_one("#problems-heading", Static).render())
