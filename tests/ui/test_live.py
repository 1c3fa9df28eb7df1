"""The dashboard follows its file: every way of saving shows up, the user's place is kept,
broken saves never reach the screen.

The app runs its real follower (native events); each wait is bounded and polls
what the screen shows, because the change arrives from another thread.
"""

from __future__ import annotations

import gc
import os
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tui.core.loader import load_text
from tui.core.writer import dump_text
from tui.ui.app import SeasonApp
from tui.ui.screens.error import LoadErrorScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.standings import StandingsScreen
from tui.ui.widgets.classification import CHANGED
from tui.ui.widgets.live_bar import LiveBar

from .helpers import BUNDLED, cursor_row, loaded, table_rows

ORIGINAL = BUNDLED.read_text(encoding="utf-8")
NEXT = "right_square_bracket"


def renamed_dyson(text: str = ORIGINAL) -> str:
    """The season with Dyson Racing renamed: visible in Mosport's team column."""
    assert 'name = "Dyson Racing"' in text
    return text.replace('name = "Dyson Racing"', 'name = "Dyson Racing (edited)"', 1)


def without_fellows() -> str:
    """Mosport without its 5th-placed car, positions below closed up (written by the writer)."""
    dataset = load_text(ORIGINAL).dataset
    mosport = dataset.round(6)
    results = []
    for result in mosport.results:
        if "ron-fellows" in result.drivers:
            continue
        if result.position and result.position > 5:
            result = result.model_copy(update={"position": result.position - 1})
        results.append(result)
    rounds = [r.model_copy(update={"results": results}) if r.number == 6 else r for r in dataset.rounds]
    return dump_text(dataset.model_copy(update={"rounds": rounds}))


def atomic_save(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


async def wait_until(pilot, condition: Callable[[], bool], timeout: float = 8.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.02)
        if condition():
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            return
    raise AssertionError("the screen did not change in time")


def teams_shown(app) -> set[str]:
    table = app.screen.query_one("#classification-table", DataTable)
    return {row[8] for row in table_rows(table)}


def bar(app) -> LiveBar:
    return app.screen.query_one(LiveBar)


@pytest.fixture
def season(tmp_path: Path) -> Path:
    path = tmp_path / "alms-2004.toml"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def following(path: Path) -> SeasonApp:
    app = SeasonApp(path, config_path=None, follow="auto")
    app.animation_level = "none"
    return app


def save_in_place(path: Path) -> None:
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(renamed_dyson())


def save_atomically_three_times(path: Path) -> None:
    for n in range(3):
        atomic_save(path, renamed_dyson() + f"\n# save {n}\n")


def truncate_and_rewrite(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.flush()
        handle.write(renamed_dyson())


def delete_and_recreate(path: Path) -> None:
    path.unlink()
    path.write_text(renamed_dyson(), encoding="utf-8")


def rename_away_and_back(path: Path) -> None:
    away = path.with_name("alms-2004.toml.moved")
    path.rename(away)
    away.write_text(renamed_dyson(), encoding="utf-8")
    away.rename(path)


def burst_of_saves(path: Path) -> None:
    for n in range(20):
        atomic_save(path, renamed_dyson() + "\n" + "#" * n)


SAVES = {
    "in-place": save_in_place,
    "atomic-rename-repeated": save_atomically_three_times,
    "truncate-and-rewrite": truncate_and_rewrite,
    "delete-and-recreate": delete_and_recreate,
    "rename-away-and-back": rename_away_and_back,
    "burst": burst_of_saves,
}


@pytest.mark.parametrize("save", SAVES)
async def test_every_way_of_saving_reaches_the_screen(season: Path, save: str) -> None:
    app = following(season)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5)
        assert "Dyson Racing" in teams_shown(app)
        SAVES[save](season)
        await wait_until(pilot, lambda: "Dyson Racing (edited)" in teams_shown(app))
        assert app.screen.round_number == 6
        assert bar(app).display is False  # nothing to warn about
        messages = [n.message for n in app._notifications]
        assert any("Teams changed" in m for m in messages), messages


async def test_a_symlinked_file_replaced_through_the_link(tmp_path: Path) -> None:
    first = tmp_path / "v1.toml"
    first.write_text(ORIGINAL, encoding="utf-8")
    second = tmp_path / "v2.toml"
    second.write_text(renamed_dyson(), encoding="utf-8")
    link = tmp_path / "season.toml"
    link.symlink_to(first)
    app = following(link)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5)
        new_link = tmp_path / "season.toml.new"
        new_link.symlink_to(second)
        os.replace(new_link, link)
        await wait_until(pilot, lambda: "Dyson Racing (edited)" in teams_shown(app))


async def test_an_invalid_save_keeps_the_data_and_shows_a_located_error_until_fixed(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5)
        before = table_rows(app.screen.query_one("#classification-table", DataTable))
        broken = ORIGINAL.replace("laps = 137", 'laps = "137"', 1)
        atomic_save(season, broken)
        await wait_until(pilot, lambda: bar(app).has_class("-error"))
        text = str(bar(app).render())
        line = broken[: broken.index('laps = "137"')].count("\n") + 1
        # The round and car by name, then the path: Mosport is rounds[5].
        assert (f"alms-2004.toml:{line}:1: round 6, car #16 (rounds[5].results[0].laps): "
                "expected an integer") in text
        assert table_rows(app.screen.query_one("#classification-table", DataTable)) == before
        atomic_save(season, renamed_dyson())
        await wait_until(pilot, lambda: "Dyson Racing (edited)" in teams_shown(app))
        assert not bar(app).has_class("-error")
        assert bar(app).display is False


async def test_the_error_bar_shows_on_other_views_too(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, StandingsScreen)
        atomic_save(season, ORIGINAL.replace("[[rounds]]", "[[rounds]\n", 1))
        await wait_until(pilot, lambda: app.screen.query_one(LiveBar).has_class("-error"))
        assert isinstance(app.screen, StandingsScreen)  # the open view stays open


async def test_a_deleted_file_is_shown_as_such_with_the_data_kept(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        season.unlink()
        await wait_until(pilot, lambda: bar(app).has_class("-warning"))
        assert "is gone" in str(bar(app).render())
        kept = len(app.dataset.rounds[0].results)  # Sebring's known rows, still shown
        assert kept and len(table_rows(app.screen.query_one("#classification-table", DataTable))) == kept
        season.write_text(ORIGINAL, encoding="utf-8")
        await wait_until(pilot, lambda: not bar(app).has_class("-warning"))


async def test_the_highlighted_car_stays_when_rows_above_it_change(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5)  # the cursor follows #38 here: 2nd
        await pilot.press(*["down"] * 6)
        table = app.screen.query_one("#classification-table", DataTable)
        assert cursor_row(table)[3] == "#23"
        assert table.cursor_row == 7
        # Fellows/O'Connell (5th) leave the results: every row below moves up one.
        atomic_save(season, without_fellows())
        await wait_until(pilot, lambda: len(table_rows(table)) == 23)
        assert cursor_row(table)[3] == "#23"
        assert table.cursor_row == 6
        assert str(app.screen.query_one("#driver-body", Static).render()).startswith("Timo Bernhard")
        messages = [n.message for n in app._notifications]
        assert any("Round 6: 15 results changed, 1 result removed" in m for m in messages), messages
        # Put it back: the row returns above, the cursor follows its car down.
        atomic_save(season, ORIGINAL)
        await wait_until(pilot, lambda: len(table_rows(table)) == 24)
        assert cursor_row(table)[3] == "#23" and table.cursor_row == 7
        assert table_rows(table)[4][4] == "Fellows / O'Connell"  # in its place, not appended


async def test_changed_cells_are_marked_for_a_moment(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5)
        table = app.screen.query_one("#classification-table", DataTable)
        atomic_save(season, renamed_dyson())
        await wait_until(pilot, lambda: "Dyson Racing (edited)" in teams_shown(app))
        marked = table.get_cell("LMP1#16", "Team")
        assert any(str(span.style) == CHANGED for span in marked.spans)
        assert not any(str(span.style) == CHANGED for span in table.get_cell("LMP1#16", "Drivers").spans)
        await wait_until(
            pilot,
            lambda: not any(str(s.style) == CHANGED for s in table.get_cell("LMP1#16", "Team").spans),
        )


async def test_pause_counts_waiting_changes_and_applies_them(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5, "p")
        assert "Following paused · no changes waiting" in str(bar(app).render())
        atomic_save(season, renamed_dyson())
        await wait_until(pilot, lambda: "1 change waiting" in str(bar(app).render()))
        assert "Dyson Racing (edited)" not in teams_shown(app)
        await pilot.press("p")
        await wait_until(pilot, lambda: "Dyson Racing (edited)" in teams_shown(app))
        assert bar(app).display is False


async def test_r_reloads_now_even_without_following(season: Path) -> None:
    app = SeasonApp(season, config_path=None, follow="off")
    async with app.run_test(size=(200, 50)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5)
        atomic_save(season, renamed_dyson())
        await pilot.press("r")
        await loaded(pilot)
        assert "Dyson Racing (edited)" in teams_shown(app)


async def test_the_user_place_survives_a_reload(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        await pilot.press(*[NEXT] * 5, "4", "down", "d")
        detail = str(app.screen.query_one("#driver-body", Static).render())
        assert detail.startswith("Craig Stanton")
        atomic_save(season, renamed_dyson())
        await wait_until(pilot, lambda: any("Teams changed" in n.message for n in app._notifications))
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert (screen.round_number, screen.class_filter) == (6, "GT")
        assert str(screen.query_one("#driver-body", Static).render()).startswith("Craig Stanton")


async def test_starting_on_a_broken_file_recovers_when_a_valid_save_follows(season: Path) -> None:
    season.write_text("this is not toml [", encoding="utf-8")
    app = following(season)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, LoadErrorScreen)
        atomic_save(season, "still = [broken")
        await wait_until(
            pilot, lambda: "alms-2004.toml:1:10" in str(app.screen.query_one("#problems-list").render())
        )
        atomic_save(season, ORIGINAL)
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))


# --- what the user is told ------------------------------------------------------------


def reload_toasts(app) -> list:
    return [n for n in app._notifications if "reloaded" in n.title]


async def test_r_with_nothing_changed_says_so(season: Path) -> None:
    app = SeasonApp(season, config_path=None, follow="off")
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: bool(reload_toasts(app)))
        assert "No changes" in reload_toasts(app)[0].message


async def test_the_header_says_live_or_paused(season: Path) -> None:
    from tui.ui.widgets.header import TitleBar

    app = following(season)
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        header = app.screen.query_one(TitleBar)
        await wait_until(pilot, lambda: "● live" in app.title)
        await pilot.pause()
        assert "● live" in header.screen_title
        await pilot.press("p")
        assert "⏸ paused" in app.title and "● live" not in app.title
        await pilot.press("p")
        assert "● live" in app.title
    off = SeasonApp(season, config_path=None, follow="off")
    async with off.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        assert "not following" in off.title


async def test_a_burst_of_reloads_is_one_toast(season: Path) -> None:
    app = following(season)
    async with app.run_test(size=(120, 35)) as pilot:
        await loaded(pilot)
        atomic_save(season, renamed_dyson())
        await wait_until(pilot, lambda: bool(reload_toasts(app)))
        atomic_save(season, ORIGINAL)
        await wait_until(pilot, lambda: "Dyson Racing (edited)" not in teams_shown(app))
        await pilot.press("r")
        await wait_until(pilot, lambda: "(3 times)" in "".join(n.title for n in reload_toasts(app)))
        assert len(reload_toasts(app)) == 1


async def test_a_replaced_season_is_freed_by_reference_counting(season: Path) -> None:
    """No cycle holds a season once it is replaced: a full collector pass would
    otherwise walk it as well as the new one, right after the reload (tui.gc_policy).
    The second version is watched: the first has had a start-up of its own."""
    app = SeasonApp(season, config_path=None, follow="off")
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        atomic_save(season, renamed_dyson())
        await pilot.press("r")
        await wait_until(pilot, lambda: "Dyson Racing (edited)" in teams_shown(app))
        replaced = weakref.ref(app.dataset)
        gc.collect()  # what the first reload left behind: not this test's subject
        gc.disable()
        try:
            atomic_save(season, ORIGINAL)
            await pilot.press("r")
            await wait_until(pilot, lambda: "Dyson Racing (edited)" not in teams_shown(app))
            assert replaced() is None
        finally:
            gc.enable()
