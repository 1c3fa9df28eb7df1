"""What keeps a key's answer to one frame: the order panes update in, and the caches.

The timings themselves live in ``benchmarks/`` (ratios, not timed tests); these
tests pin the behaviour the timings rest on, so a refactor cannot quietly undo it.
"""

from __future__ import annotations

import gc
import time
import weakref

import pytest
from rich.console import Console
from rich.padding import Padding
from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable, Static

from tui.core.loader import load_path
from tui.ui.app import SeasonApp
from tui.ui.text import Cell, cell
from tui.ui.widgets.classification import VIEWS_KEPT, Classification

from .helpers import BUNDLED, cursor_row, loaded, make_app

WIDE = (160, 48)


def detail_text(app) -> str:
    return str(app.screen.query_one("#driver-body", Static).render())


async def test_driver_detail_changes_with_the_cursor_before_any_frame() -> None:
    """A watcher on the cursor, not the RowHighlighted message (which arrives after
    a frame of its own): the detail is current the moment the cursor moves."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        app.screen.round_number = 6
        await pilot.pause()
        table = app.screen.query_one("#classification-table", DataTable)
        before = detail_text(app)
        table.action_cursor_down()  # no await: no message has been handled since
        drivers = cursor_row(table)[4].split(" / ")
        assert detail_text(app) != before
        assert drivers[0] in detail_text(app)


async def test_round_switch_fills_the_table_at_once_and_the_driver_after_a_frame() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        screen = app.screen
        before = detail_text(app)
        screen.action_step_round(5)  # Sebring -> Mosport
        assert screen.query_one(Classification).table.row_count == 24
        assert detail_text(app) == before  # deferred to the frame after the table's
        await pilot.pause()
        drivers = cursor_row(screen.query_one(Classification).table)[4].split(" / ")
        assert drivers[0] in detail_text(app)


async def test_a_driver_chosen_before_the_deferred_update_is_kept() -> None:
    """Search jumps to a round and picks a co-driver in one go: the deferred update
    from the round switch must not put the first driver back."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        screen = app.screen
        mosport = screen.dataset.round(6)
        row = next(r for r in mosport.results if len(r.drivers) > 1 and r.position == 1)
        key = f"{row.car_class}#{row.number}"
        screen.jump_to(6, key, row.drivers[1])
        await pilot.pause()
        second = screen.dataset.driver(row.drivers[1])
        assert second.name in detail_text(app)


async def test_going_back_to_a_round_and_filter_reuses_the_built_view() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        screen = app.screen
        classification = screen.query_one(Classification)
        round_ = screen.dataset.round(6)
        first = classification._view(screen.dataset, round_, "GT")
        assert classification._view(screen.dataset, round_, "GT") is first
        assert classification._view(screen.dataset, round_, None) is not first
        # A new version of the season never gets a view of the old one, and the old
        # version's views go (they would keep it alive).
        reloaded = load_path(BUNDLED).dataset
        old_view = weakref.ref(first)
        del first
        gc.disable()  # the old views go by reference counting: no collector pass needed
        try:
            assert classification._view(reloaded, reloaded.round(6), "GT") is not None
            assert old_view() is None
        finally:
            gc.enable()
        views = classification._views
        assert all(view.dataset is reloaded for view in views.values())
        assert len(views) == 1


async def test_the_views_kept_are_the_most_recently_used() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        screen = app.screen
        classification = screen.query_one(Classification)
        dataset = screen.dataset
        rounds = dataset.rounds
        kept = [(r, f) for r in rounds for f in (None, "GT", "LMP1")][: VIEWS_KEPT + 1]
        first = classification._view(dataset, *kept[0])
        for round_, class_filter in kept[1:VIEWS_KEPT]:
            classification._view(dataset, round_, class_filter)
        assert classification._view(dataset, *kept[0]) is first  # used again: now the newest
        second = classification._view(dataset, *kept[1])
        classification._view(dataset, *kept[VIEWS_KEPT])  # one too many: the oldest goes
        assert len(classification._views) == VIEWS_KEPT
        assert classification._view(dataset, *kept[0]) is first
        assert classification._view(dataset, *kept[1]) is second  # used after the first


def _lines(renderable, width: int) -> list:
    console = Console(width=80, color_system="truecolor", force_terminal=True)
    return console.render_lines(Padding(renderable, (0, 1)), console.options.update_dimensions(width, 1))


def test_a_cell_draws_exactly_like_the_text_it_replaces() -> None:
    samples = [
        Content("Finished"),
        Content(" LMP1 ").stylize("bold #000000 on #E69F00"),
        Content.assemble(("DNF", "bold"), ": ", "Suspension"),
        Content("Ménard / 佐藤 / 🏁"),  # double-width characters
        Content(""),
        Content("[/] [@click=app.quit]x[/]"),  # data, not markup
        Content("a cell far too long for the width it is given"),
    ]
    for content in samples:
        made = cell(content)
        plain = Text(made.plain, no_wrap=True, overflow="ellipsis", spans=list(made.spans))
        for width in (4, 12, 60):
            expected = _lines(plain, width)
            assert _lines(made, width) == expected, (content, width)
            assert _lines(made, width) == expected, (content, width)  # from the kept segments


def test_a_cell_that_does_not_fit_or_has_lines_falls_back_to_text() -> None:
    made = Cell("two\nlines", no_wrap=True, overflow="ellipsis")
    plain = Text("two\nlines", no_wrap=True, overflow="ellipsis")
    assert _lines(made, 10) == _lines(plain, 10)


def _frozen(obj: object) -> bool:
    """Whether ``obj`` is in the permanent generation (``gc.get_objects`` leaves it out)."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


async def test_the_command_freezes_the_start_up_season_and_never_a_reloaded_one() -> None:
    """A reloaded season frozen with whatever the UI holds at that moment leaked
    those objects' cycles for good (0.7 MB a reload): only start-up is frozen."""
    app = SeasonApp(BUNDLED, config_path=None, freeze_heap=True)
    gc.disable()  # as the command does before its imports
    gc.unfreeze()
    try:
        async with app.run_test(size=WIDE) as pilot:
            await loaded(pilot)
            await pilot.pause()
            assert gc.isenabled()
            first = app.dataset
            assert _frozen(first) and _frozen(first.rounds[0])
            frozen_at_start = gc.get_freeze_count()
            app.action_reload()
            await loaded(pilot)
            assert app.dataset is not first
            assert not _frozen(app.dataset) and not _frozen(app.dataset.rounds[0])
            assert gc.get_freeze_count() <= frozen_at_start
    finally:
        gc.enable()
        gc.unfreeze()  # this test process starts many apps: let their cycles be collected


def test_the_dashboard_command_pauses_collection_and_asks_for_the_freeze(monkeypatch) -> None:
    from tui import cli

    seen = {}

    def run(self, *args, **kwargs):
        seen["collecting"] = gc.isenabled()
        seen["freeze_heap"] = self.freeze_heap
        # The first load started as the app was made: let it end here, not in
        # another test (its hold on full passes would be that test's).
        if self._first_load is not None:
            assert self._first_load.finished.wait(30)

    monkeypatch.setattr(SeasonApp, "run", run)
    try:
        assert cli.main(["--no-watch"]) == 0
    finally:
        gc.enable()
    assert seen == {"collecting": False, "freeze_heap": True}


@pytest.fixture
def no_holds() -> None:
    """The collector tests count passes process-wide: no hold left by a load thread of
    an earlier test may still be on (bounded wait: such a thread ends within a load)."""
    from tui import gc_policy

    deadline = time.monotonic() + 30
    while gc_policy.holds() and time.monotonic() < deadline:
        time.sleep(0.01)  # bounded: no hook tells when another test's thread ends
    assert gc_policy.holds() == 0, "a hold on full passes outlived the test that took it"


@pytest.mark.usefixtures("no_holds")
def test_a_season_is_built_with_young_passes_only_and_not_frozen() -> None:
    """Paused collection left a whole season (110,000 objects at 10,000 results) to
    the first passes after it: 50-140 ms each, on the UI thread too. Young passes
    go on while it is built (each walks a few thousand new objects); full ones wait."""
    from tui.gc_policy import NEVER, building_long_lived

    passes: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            passes.append(info["generation"])

    threshold = gc.get_threshold()
    try:
        gc.unfreeze()
        gc.enable()
        gc.callbacks.append(count)
        with building_long_lived():
            assert gc.isenabled()
            assert gc.get_threshold()[2] == NEVER
            built = [{"result": [i]} for i in range(20_000)]
            # While it is built: leaving may run the full pass that came due meanwhile.
            gc.callbacks.remove(count)
        assert 0 in passes and 2 not in passes
        assert gc.get_threshold() == threshold
        assert gc.get_freeze_count() == 0
        assert not _frozen(built[0])
        gc.disable()  # start-up: collection stays paused until the first screen
        with building_long_lived():
            assert not gc.isenabled()
        assert not gc.isenabled()
        gc.enable()
        with building_long_lived(active=False):  # tests and library use: untouched
            assert gc.get_threshold() == threshold
        assert gc.get_freeze_count() == 0
    finally:
        if count in gc.callbacks:
            gc.callbacks.remove(count)
        gc.set_threshold(*threshold)
        gc.enable()
        gc.unfreeze()


@pytest.mark.usefixtures("no_holds")
def test_holds_on_full_passes_nest_and_release_once() -> None:
    from tui.gc_policy import NEVER, hold_full_collections

    threshold = gc.get_threshold()
    try:
        first = hold_full_collections()
        second = hold_full_collections()  # the loading thread's, inside the app's
        assert gc.get_threshold()[2] == NEVER
        first()
        first()  # a second call does not end the other hold
        assert gc.get_threshold()[2] == NEVER
        second()
        assert gc.get_threshold() == threshold
    finally:
        gc.set_threshold(*threshold)


@pytest.mark.usefixtures("no_holds")
def test_a_full_pass_that_came_due_during_a_hold_runs_when_it_ends() -> None:
    """Held back for a whole reload and left to the collector's own rule, garbage
    raised the soak test's resident size by 12 MB over 150 reloads."""
    from tui.gc_policy import hold_full_collections

    passes: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            passes.append(info["generation"])

    threshold = gc.get_threshold()
    gc.callbacks.append(count)
    try:
        release = hold_full_collections()
        for _ in range(threshold[2] + 1):
            gc.collect(1)  # each middle pass brings the full one nearer, as in a reload
        assert 2 not in passes
        release()
        assert passes[-1] == 2
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)


@pytest.mark.usefixtures("no_holds")
def test_saves_faster_than_loads_still_get_a_full_pass(monkeypatch) -> None:
    """Each load cancels the one before and takes its own hold: the holds overlap
    for as long as the saves keep coming, so a hold long overdue runs a full pass."""
    from tui import gc_policy

    passes: list[int] = []

    def count(phase: str, info: dict) -> None:
        if phase == "start":
            passes.append(info["generation"])

    threshold = gc.get_threshold()
    gc.callbacks.append(count)
    try:
        first = gc_policy.hold_full_collections()
        passes.clear()
        second = gc_policy.hold_full_collections()  # within MAX_HOLD: no pass
        assert 2 not in passes
        monkeypatch.setattr(gc_policy, "MAX_HOLD", 0.0)
        first()  # the older load, cancelled
        third = gc_policy.hold_full_collections()  # the next save's load: overdue
        assert 2 in passes
        second()
        third()
        assert gc.get_threshold() == threshold
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*threshold)


@pytest.mark.usefixtures("no_holds")
async def test_no_full_pass_from_a_reload_starting_to_the_frame_that_shows_it(monkeypatch) -> None:
    """The command's policy: a full pass walks every season the caches keep (200 ms
    and more at 10,000 results); it waits until the new version is drawn."""
    from tui import gc_policy
    from tui.gc_policy import NEVER
    from tui.ui.screens.main import MainScreen

    # Before the app is made: making it starts the first load, which holds full passes.
    threshold = gc.get_threshold()
    app = SeasonApp(BUNDLED, config_path=None, freeze_heap=True)
    seen: dict[str, int] = {}
    real_load, real_apply = SeasonApp._load, MainScreen.apply_dataset

    def load(self, *args):
        seen.setdefault("building", gc.get_threshold()[2])
        return real_load(self, *args)

    def apply(self, dataset):
        seen["applying"] = gc.get_threshold()[2]
        return real_apply(self, dataset)

    gc.disable()  # as the command does before its imports
    gc.unfreeze()
    try:
        async with app.run_test(size=WIDE) as pilot:
            await loaded(pilot)
            await pilot.pause()
            assert gc.get_threshold() == threshold
            monkeypatch.setattr(SeasonApp, "_load", load)
            monkeypatch.setattr(MainScreen, "apply_dataset", apply)
            app.action_reload()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.pause()
            assert seen == {"building": NEVER, "applying": NEVER}
            assert gc.get_threshold() == threshold  # back once the new version is drawn
        assert gc_policy.holds() == 0  # every hold ended
    finally:
        gc.set_threshold(*threshold)
        gc.enable()
        gc.unfreeze()


async def test_round_keys_faster_than_frames_draw_the_driver_detail_once(monkeypatch) -> None:
    from tui.ui.widgets.driver_detail import DriverDetail

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        shown = []
        original = DriverDetail.show
        monkeypatch.setattr(DriverDetail, "show", lambda self, *a, **k: (shown.append(a[1]), original(self, *a, **k)))
        for _ in range(4):  # held `]`: no frame between the keys
            app.screen.action_step_round(1)
        await pilot.pause()
        assert app.screen.round_number == 5
        assert len(shown) == 1  # the detail of the round the keys ended on, once
        table = app.screen.query_one(Classification).table
        assert cursor_row(table)[4].split(" / ")[0] in detail_text(app)


async def test_a_cursor_move_reaches_the_driver_detail_by_one_path(monkeypatch) -> None:
    """The cursor watcher updates the detail; the table's RowHighlighted message, a
    frame later, used to ask for the same driver a second time (skipped only by
    the detail's "same crew" check)."""
    from tui.ui.screens.main import MainScreen

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(pilot)
        app.screen.round_number = 6
        await pilot.pause()
        asked = []
        original = MainScreen._show_driver
        monkeypatch.setattr(MainScreen, "_show_driver",
                            lambda self, row, *a: (asked.append(row.key if row else None), original(self, row, *a)))
        table = app.screen.query_one(Classification).table
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        assert len(asked) == 3
        assert asked[-1] == app.screen.query_one(Classification).cursor_key
        assert cursor_row(table)[4].split(" / ")[0] in detail_text(app)
