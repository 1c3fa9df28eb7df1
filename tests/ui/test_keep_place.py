"""A version of the season that lacks the user's place (a half-written save, a round
cut out for a moment) must not lose it: the dashboard shows the nearest place, and
returns to the user's round, class filter and car when a version has them again."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tui.core.loader import load_path, load_text
from tui.core.models import Dataset
from tui.core.writer import dump_text
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.classification import Classification

from .helpers import BUNDLED, loaded, make_app

FULL = load_path(BUNDLED).dataset


def first_two_rounds() -> str:
    """What a save cut off halfway can look like: valid, rounds 3 to 9 missing (and
    what refers to them: the titles clinched in those rounds)."""
    season = FULL.season.model_copy(update={"champions": []})
    text = dump_text(FULL.model_copy(update={"rounds": FULL.rounds[:2], "season": season}))
    assert load_text(text).ok
    return text


def without_gt() -> Dataset:
    rounds = [r.model_copy(update={"results": [x for x in r.results if x.car_class != "GT"]}) for r in FULL.rounds]
    classes = [c for c in FULL.classes if c.id != "GT"]
    dataset = load_text(dump_text(FULL.model_copy(update={"rounds": rounds, "classes": classes}))).dataset
    assert dataset is not None and dataset.car_class("GT") is None
    return dataset


def reload_with(app, season: Path, text: str) -> None:
    season.write_text(text, encoding="utf-8")
    app.action_reload()


def detail(app) -> str:
    return str(app.screen.query_one("#driver-body", Static).render())


async def test_a_half_save_then_the_whole_file_brings_the_round_and_car_back(tmp_path: Path) -> None:
    season = tmp_path / "season.toml"
    season.write_bytes(BUNDLED.read_bytes())
    app = make_app(season)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "4", "down", "d")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert detail(app).startswith("Craig Stanton")
        car = screen.query_one(Classification).highlighted_row().key

        reload_with(app, season, first_two_rounds())
        await loaded(pilot)
        assert screen.round_number == 2  # the nearest round this version has
        assert screen.class_filter == "GT"

        reload_with(app, season, BUNDLED.read_text(encoding="utf-8"))  # the writer finishes its save
        await loaded(pilot)
        assert (screen.round_number, screen.class_filter) == (6, "GT")
        assert screen.query_one(Classification).highlighted_row().key == car


async def test_a_version_without_the_class_keeps_the_filter_for_when_it_returns() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "4")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.apply_dataset(without_gt())
        await pilot.pause()
        assert screen.class_filter is None  # nothing to filter by: every class shown
        screen.apply_dataset(load_path(BUNDLED).dataset)
        await pilot.pause()
        assert (screen.round_number, screen.class_filter) == (6, "GT")


async def test_moving_on_a_fallback_place_makes_it_the_user_s_place(tmp_path: Path) -> None:
    season = tmp_path / "season.toml"
    season.write_bytes(BUNDLED.read_bytes())
    app = make_app(season)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5)
        screen = app.screen
        reload_with(app, season, first_two_rounds())
        await loaded(pilot)
        await pilot.press("left_square_bracket")  # the user chose round 1 here
        reload_with(app, season, BUNDLED.read_text(encoding="utf-8"))
        await loaded(pilot)
        assert screen.round_number == 1


@pytest.mark.parametrize(
    ("version", "stand_in"),
    [("rounds", (2, "GT")), ("class", (6, None))],
    ids=["a version without the round", "a version without the class"],
)
async def test_quitting_while_a_half_save_is_shown_remembers_the_users_place(
    tmp_path: Path, version: str, stand_in: tuple[int, str | None]
) -> None:
    """The settings keep the round and filter the user chose, not the stand-ins a
    version lacking them showed for the moment."""
    from tui.core.settings import load_settings

    season = tmp_path / "season.toml"
    season.write_bytes(BUNDLED.read_bytes())
    config = tmp_path / "config" / "settings.toml"
    app = make_app(season, config=config)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*["right_square_bracket"] * 5, "4")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        if version == "rounds":
            reload_with(app, season, first_two_rounds())
            await loaded(pilot)
        else:
            screen.apply_dataset(without_gt())
            await pilot.pause()
        assert (screen.round_number, screen.class_filter) == stand_in  # what is on screen for now
        await pilot.press("q")
    remembered, warning = load_settings(config)
    assert warning is None
    assert (remembered.round, remembered.class_filter) == (6, "GT")
