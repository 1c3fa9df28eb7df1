import time; T0 = time.perf_counter()
"""One measurement, run in a fresh interpreter by ``benchmarks/run.py``; prints one JSON line.

    python benchmarks/probe.py startup  {bare|bare-validated|alms|alms-follow} [DATA]
    python benchmarks/probe.py imports  {core|pydantic}
    python benchmarks/probe.py textual-free
    python benchmarks/probe.py load     DATA
    python benchmarks/probe.py interact {bare|alms} [DATA] --iterations N [--max-seconds S]
    python benchmarks/probe.py views    {bare|alms} [DATA] --iterations N
    python benchmarks/probe.py reload   DATA --saves N --mode {native,poll}

Not a test and not imported by the package. Everything measured is described next
to the code that measures it; ``run.py`` collects and tabulates.

How "the screen was updated" is detected
----------------------------------------
Both apps (alms-tui and the bare baseline) are subclassed with :class:`Instrumented`:

* ``post_display_hook`` (Textual's public hook, called right after every
  compositor refresh is handed to the driver) appends ``perf_counter()`` to a
  list: a display timestamp is the moment the new frame exists;
* ``_display`` also encodes the frame to terminal escape sequences
  (``CompositorUpdate.render_segments``) although the headless driver would drop
  it: a real terminal pays that cost, so both apps pay it here too;
* a 5 ms ``set_interval`` ticker records its largest gap: the longest time the
  event loop was blocked (a frozen screen) during a measured window.
"""

import sys

if sys.argv[1:2] in (["startup"], ["interact"], ["views"], ["reload"]):
    # Every app measured here, the bare baselines too, runs under the `alms-tui`
    # command's garbage-collector policy (tui/gc_policy.py): collection paused from
    # before the heavy imports until the first screen, then everything alive frozen.
    # A baseline with the default policy would pay collector passes the app does not.
    import gc

    gc.disable()

import argparse
import asyncio
import contextlib
import io
import json
import os
import resource
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (160, 48)
COLUMNS = ["Pos", "Cls", "Class", "No.", "Drivers", "Laps", "Gap", "Status", "Team", "Car"]


def emit(**values) -> None:
    values["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps(values), flush=True)


def now() -> float:
    return time.perf_counter()


# --- app instrumentation -----------------------------------------------------------------


#: Layout passes made by any screen of this process (see count_layout_passes).
LAYOUT_PASSES = [0]


def count_layout_passes() -> None:
    """Count ``Screen._refresh_layout`` calls: a deterministic measure of the work a key
    costs (each pass lays out the screen's widgets, and is followed by a frame)."""
    from textual.screen import Screen

    if getattr(Screen._refresh_layout, "bench_counted", False):
        return
    original = Screen._refresh_layout

    def counted(self, size=None, scroll=False):
        LAYOUT_PASSES[0] += 1
        return original(self, size, scroll)

    counted.bench_counted = True
    Screen._refresh_layout = counted


def instrumented(base):
    """``base`` (an App class) with display timestamps, frame encoding and a stall ticker."""
    from textual._compositor import CompositorUpdate

    count_layout_passes()

    class Instrumented(base):
        def _bench_setup(self) -> None:
            self.bench_displays: list[float] = []
            self.bench_cpu: list[float] = []  # process_time() at each display
            self.bench_ready: float | None = None
            self.bench_ready_check = None  # callable: True once the full screen is there
            self.bench_on_display = None  # callable(timestamp) run after each display
            self.bench_last_tick = now()
            self.bench_max_gap = 0.0
            self.bench_painted: set[str] = set()  # watched widgets painted since the last display
            self.bench_paints: list[frozenset[str]] = []  # per display, parallel to bench_displays

        def bench_watch(self, name: str, widget) -> None:
            """Note when ``widget`` is painted: the compositor asks it for its lines only
            when its region is being redrawn, so a display after a paint shows it anew."""
            render_lines = widget.render_lines

            def watched(crop, _render_lines=render_lines):
                self.bench_painted.add(name)
                return _render_lines(crop)

            widget.render_lines = watched

        def _display(self, screen, renderable) -> None:
            if renderable is not None and isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)  # what a real terminal would be sent
            super()._display(screen, renderable)

        def post_display_hook(self) -> None:
            stamp = now()
            self.bench_displays.append(stamp)
            self.bench_cpu.append(time.process_time())
            self.bench_paints.append(frozenset(self.bench_painted))
            self.bench_painted.clear()
            if self.bench_ready is None and self.bench_ready_check is not None and self.bench_ready_check():
                self.bench_ready = stamp
            if self.bench_on_display is not None:
                self.bench_on_display(stamp)

        def bench_tick(self) -> None:
            stamp = now()
            self.bench_max_gap = max(self.bench_max_gap, stamp - self.bench_last_tick)
            self.bench_last_tick = stamp

        def bench_reset_gap(self) -> None:
            self.bench_last_tick = now()
            self.bench_max_gap = 0.0

        def bench_gap(self) -> float:
            """Largest tick gap so far, including the one still open."""
            return max(self.bench_max_gap, now() - self.bench_last_tick)

    # CSS_PATH is relative to the module that defines the class: keep it pointing there.
    css = getattr(base, "CSS_PATH", None)
    if isinstance(css, (str, Path)) and not Path(css).is_absolute():
        import inspect

        Instrumented.CSS_PATH = str(Path(inspect.getfile(base)).parent / css)
    return Instrumented


def fill_bare_table(table, generation: int = 0) -> None:
    """The baseline's table: cleared, then 24 rows with the classification's columns."""
    table.clear(columns=True)
    for label in COLUMNS:
        table.add_column(label, key=label)
    for i in range(24):
        table.add_row(
            str(i + 1), str(i // 4 + 1), "GT", f"#{i + generation}",
            f"Driver {i} / Driver {i + 1}", str(137 - i), f"+{i} laps", "Finished",
            f"Team number {i}", "Porsche 911 GT3-RSR", key=f"r{i}",
        )


def bare_app_class():
    """The baseline: Header, a 24-row DataTable with the classification's columns, Footer."""
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header

    class Bare(App):
        def bench_first_screen(self) -> None:
            """The command's policy once its first screen is up (see the top of this file)."""
            from tui.gc_policy import freeze_startup_heap

            self.call_after_refresh(freeze_startup_heap)

        def compose(self):
            yield Header()
            yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
            yield Footer()

        def fill(self, generation: int = 0) -> None:
            """Clear and refill 24 rows (what a round switch does to the real table)."""
            fill_bare_table(self.query_one(DataTable), generation)

    return instrumented(Bare)


def season_app_class():
    from tui.ui.app import SeasonApp

    return instrumented(SeasonApp)



def save_writers(path: Path, folder: Path) -> dict[str, Callable[[str], None]]:
    """The five ways editors save ``path`` (figure 4's kinds), each writing ``text``."""

    def inplace(text: str) -> None:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)

    def atomic(text: str) -> None:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".season.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)

    def recreate(text: str) -> None:
        os.unlink(path)
        inplace(text)

    def rename_back(text: str) -> None:
        away = path.with_name(path.name + ".away")
        os.replace(path, away)
        with open(away, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(away, path)

    def same_inode(text: str) -> None:
        with open(path, "r+", encoding="utf-8") as handle:
            handle.write(text)
            handle.truncate()

    return {"inplace": inplace, "atomic": atomic, "recreate": recreate,
            "rename-back": rename_back, "same-inode": same_inode}

def bundled() -> Path:
    from tui.core.paths import bundled_dataset

    return bundled_dataset()


def season_app(data: Path, **extra):
    """An instrumented SeasonApp that remembers nothing (no user settings read or written),
    with the command's garbage-collector policy (``freeze_heap``)."""
    cls = season_app_class()
    app = cls(data, config_path=None, freeze_heap=True, **extra)
    app._bench_setup()
    return app


def main_table(app):
    """The MainScreen's classification table once it is on screen and filled, else None."""
    from tui.ui.screens.main import MainScreen

    screen = app.screen
    if not isinstance(screen, MainScreen):
        return None
    try:
        table = screen.query_one("#classification-table")
    except Exception:
        return None
    return table if table.row_count else None


# --- figure 1 / 5: start-up to first full screen -------------------------------------------


def startup(kind: str, data: str | None) -> None:
    """From this script's first line to the first frame showing the full screen.

    alms-tui: the MainScreen is the current screen and its classification table has
    rows (the app loads in a thread worker, then pushes MainScreen), and that state
    has been displayed. Bare: the 24 rows are in and displayed. Then exit at once.
    """
    if kind in ("bare", "bare-validated"):
        if kind == "bare-validated":  # the floor: what validating the season costs first
            from tui.core.loader import load_path
            from tui.core.paths import bundled_dataset

            if not load_path(bundled_dataset()).ok:
                raise SystemExit("the bundled season does not validate")
        cls = bare_app_class()

        class App(cls):
            def on_mount(self) -> None:
                self._bench_setup()
                self.fill()
                self.bench_first_screen()
                self.bench_ready_check = lambda: True
                self.bench_on_display = lambda _stamp: self.exit()

        app = App()
    else:
        from tui.core.paths import bundled_dataset

        cls = season_app_class()

        class App(cls):
            def on_mount(self) -> None:  # SeasonApp.on_mount runs too (Textual walks the MRO)
                self.bench_ready_check = lambda: main_table(self) is not None
                self.bench_on_display = lambda _stamp: self.bench_ready is not None and self.exit()

        # "alms-follow": follow the file as the `alms-tui` command does by default.
        extra = (follow_options("native") or {}) if kind == "alms-follow" else {}
        app = App(Path(data) if data else bundled_dataset(), config_path=None, freeze_heap=True,
                  **extra)
        app._bench_setup()
    app.run(headless=True, size=SIZE)
    if app.bench_ready is None:
        raise SystemExit("the full screen was never shown")
    emit(ready=app.bench_ready - T0, exit=now() - T0)


# --- figure 2: imports --------------------------------------------------------------------


def imports(which: str) -> None:
    """perf_counter around the import statement in this fresh interpreter."""
    start = now()
    if which == "core":
        import tui.core.classification
        import tui.core.export
        import tui.core.loader
        import tui.core.models
        import tui.core.points
    else:
        import pydantic

        pydantic.BaseModel  # noqa: B018  pydantic 2 imports lazily: touch what every user touches
    emit(seconds=now() - start, textual="textual" in sys.modules)


def textual_free() -> None:
    """Run the CLI's validate and export paths; report whether Textual got imported."""
    from tui.cli import main

    out = {}
    for name, argv in (("validate", ["validate"]), ("export", ["export", "--format", "csv"])):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(argv)
        out[name] = {"code": code, "textual": "textual" in sys.modules}
    emit(**out)


# --- figure 5: load + validate --------------------------------------------------------------


def load(data: str) -> None:
    """One ``load_path`` call after the imports (the first call, as the app makes it)."""
    from tui.core.loader import load_path

    start = now()
    result = load_path(data)
    seconds = now() - start
    if not result.ok:
        raise SystemExit(f"{data}: {result.problems[:3]}")
    emit(seconds=seconds)


# --- figure 3 / 5: interaction latency -------------------------------------------------------


async def settle(pilot, app, since: int, t0: float, timeout: float = 30.0) -> float:
    """Wait until the app has gone quiet; the last display after t0 (the updated screen).

    Quiet: no new frame for 60 ms (frames come every 1/60 s while anything is dirty),
    then every message queued on the screen's widgets processed (Pilot's
    ``_wait_for_screen``) without a new frame. ``_wait_for_screen`` posts a callback to
    every widget, so it is called only once the app looks quiet, never while the
    measured work is still running. Pilot's ``pause()`` is not used: it forces a
    refresh of its own at the end, which would stamp a late frame.
    """
    deadline = now() + timeout
    while now() < deadline:
        await asyncio.sleep(0.005)
        count = len(app.bench_displays)
        last = app.bench_displays[-1] if count > since else t0
        if now() - max(last, t0) < 0.06:
            continue
        await pilot._wait_for_screen()
        await asyncio.sleep(0.02)
        if len(app.bench_displays) == count:
            if count == since:
                raise RuntimeError("no frame was displayed after the action")
            return app.bench_displays[-1]
    raise TimeoutError("the app did not settle")


async def measure(pilot, app, action, pane: str) -> dict:
    """Latency of one action, from just before it runs to two frames:

    * shown: the first display that repaints ``pane`` (a widget given to
      ``bench_watch``: the table for a round or filter, the driver detail for a
      driver), the moment the user sees the answer to the key;
    * latency: the last display before the app goes quiet (every pane settled,
      including layout passes Textual makes after a widget changes size).

    The action is called directly in the app's event loop (no Pilot key press, whose own
    overhead is ~60 ms); handler = the synchronous part, up to the action's return.
    """
    await settle_idle(pilot, app)
    since = len(app.bench_displays)
    layouts = LAYOUT_PASSES[0]
    app.bench_reset_gap()
    cpu0 = time.process_time()
    t0 = now()
    action()
    handler = now() - t0
    shown = await settle(pilot, app, since, t0)
    frames = len(app.bench_displays) - since
    layouts = LAYOUT_PASSES[0] - layouts
    cpu = app.bench_cpu[-1] - cpu0  # CPU (all threads) spent until the last frame
    painted = [stamp for stamp, paints in zip(app.bench_displays[since:], app.bench_paints[since:])
               if pane in paints]
    if not painted:
        raise RuntimeError(f"the action never repainted {pane}")
    return {"latency": shown - t0, "shown": painted[0] - t0, "handler": handler,
            "stall": app.bench_max_gap, "frames": frames, "layouts": layouts, "cpu": cpu}


async def settle_idle(pilot, app) -> None:
    since = len(app.bench_displays)
    with contextlib.suppress(RuntimeError):
        await settle(pilot, app, since, now())


async def interact(kind: str, data: str | None, iterations: int, max_seconds: float) -> None:
    samples: dict[str, list[dict]] = {}

    def record(name: str, sample: dict) -> None:
        samples.setdefault(name, []).append(sample)

    def out_of_time(name: str, started: float) -> bool:
        return len(samples.get(name, [])) >= 3 and now() - started > max_seconds

    async def cursor_steps(pilot, app, table, steps: int, pane: str) -> None:
        """Driver selection: cursor down, wrapping to the top; the same for both apps."""
        started = now()
        for i in range(steps):
            if table.cursor_row >= table.row_count - 1:
                table.move_cursor(row=0, animate=False)
                await settle_idle(pilot, app)
            sample = await measure(pilot, app, table.action_cursor_down, pane)
            if i >= 2:  # two warm-up runs
                record("driver", sample)
            if out_of_time("driver", started):
                break

    if kind == "bare":
        cls = bare_app_class()

        class App(cls):
            def on_mount(self) -> None:
                self._bench_setup()
                self.fill()
                self.bench_first_screen()
                self.set_interval(0.005, self.bench_tick)

        app = App()
        async with app.run_test(headless=True, size=SIZE) as pilot:
            await settle_idle(pilot, app)
            table = app.query_one("DataTable")
            app.bench_watch("table", table)
            idle_frames = await count_idle_frames(pilot, app)
            for name in ("round", "filter"):
                started = now()
                for i in range(iterations + 2):
                    sample = await measure(pilot, app, lambda i=i: app.fill(i + 1), "table")
                    if i >= 2:  # two warm-up runs
                        record(name, sample)
                    if out_of_time(name, started):
                        break
            # The bare app's answer to a cursor move is the table's cursor line.
            await cursor_steps(pilot, app, table, iterations + 2, "table")
        emit(samples=samples, idle_frames=idle_frames)
        return

    from tui.core.paths import bundled_dataset
    from tui.ui.widgets.classification import Classification

    cls = season_app_class()

    class App(cls):
        def on_mount(self) -> None:
            self.set_interval(0.005, self.bench_tick)

    app = App(Path(data) if data else bundled_dataset(), config_path=None, freeze_heap=True)
    app._bench_setup()
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await wait_for_table(pilot, app)
        screen = app.screen
        app.bench_watch("table", main_table(app))
        app.bench_watch("driver", screen.query_one("#driver-body"))
        dataset = screen.dataset
        numbers = [r.number for r in dataset.rounds]
        # Filter and cursor on the round with the most results (Mosport in the bundled season).
        busiest = max(dataset.rounds, key=lambda r: len(r.results)).number
        idle_frames = await count_idle_frames(pilot, app)

        def step_round() -> None:
            # `]` is action_step_round(1); at the last round jump back to the first.
            at_end = screen.round_number == numbers[-1]
            screen.action_step_round(-len(numbers) if at_end else 1)

        def forget_views() -> None:
            """The next key is a first visit: the table builds its view (classify, cells)
            instead of taking it from the cache of views already seen."""
            screen.query_one(Classification)._views.clear()

        # Each key measured twice in turn: as a first visit of its view (the cache
        # emptied just before: the cost of a round or filter not seen yet) and as a
        # revisit (the view comes from the cache). Reported apart, never mixed.
        started = now()
        for i in range(iterations + 2):
            before = numbers[(i - 1) % len(numbers)]  # `]` from here shows numbers[i % n]
            for suffix in ("-miss", ""):
                screen.round_number = before
                await settle_idle(pilot, app)
                if suffix:
                    forget_views()
                sample = await measure(pilot, app, step_round, "table")
                if i >= 2:
                    record(f"round{suffix}", sample)
            if out_of_time("round", started):
                break

        screen.round_number = busiest
        await settle_idle(pilot, app)
        started = now()
        for i in range(iterations + 2):
            for name, number, away in (("filter3", 3, 4), ("filter0", 0, 1)):
                for suffix in ("-miss", ""):
                    screen.action_filter(away)
                    await settle_idle(pilot, app)
                    if suffix:
                        forget_views()
                    sample = await measure(pilot, app, lambda n=number: screen.action_filter(n), "table")
                    if i >= 2:
                        record(f"{name}{suffix}", sample)
            if out_of_time("filter0", started):
                break

        table = main_table(app)
        await cursor_steps(pilot, app, table, iterations + 2, "driver")
    emit(samples=samples, idle_frames=idle_frames, rounds=len(numbers),
         busiest_round_results=len(dataset.round(busiest).results))


# --- figure 3: the views (screens opened from the dashboard, keys inside them) ----------------


#: Widget id -> pane name: paints noted by id, for widgets of screens not opened yet.
PAINT_IDS: dict[str, str] = {}


def watch_ids(names: dict[str, str]) -> None:
    """Note when a widget with one of these ids is painted (see ``bench_watch``), whichever
    screen it is on, including screens that do not exist yet when this is called: a
    class-level wrapper of ``Widget.render_lines`` (DataTable's reaches it through super())."""
    from textual.widget import Widget

    PAINT_IDS.update(names)
    if getattr(Widget.render_lines, "bench_by_id", False):
        return
    original = Widget.render_lines

    def render_lines(self, crop):
        name = PAINT_IDS.get(self.id) if self.id else None
        if name is not None:
            self.app.bench_painted.add(name)
        return original(self, crop)

    render_lines.bench_by_id = True
    Widget.render_lines = render_lines


async def views(kind: str, data: str | None, iterations: int) -> None:
    """Opening each view from the dashboard, and the keys inside views that recompute.

    A view's first visit in this process (which imports its screen module and meets
    its CSS for the first time) is one sample per process (``run.py`` starts several);
    revisits (the screen closed, then opened again: a new screen object, the module
    imported) are ``iterations`` samples after one warm-up. "shown" is the first frame
    that repaints the view's main widget (its table, or the driver page's text).
    """
    samples: dict[str, list[dict]] = {}

    def record(name: str, sample: dict) -> None:
        samples.setdefault(name, []).append(sample)

    async def visits(pilot, app, name: str, open_view, pane: str) -> None:
        """The first visit, then revisits; the view is closed (pop) after each."""
        for i in range(iterations + 2):
            sample = await measure(pilot, app, open_view, pane)
            if i == 0:
                record(f"{name}-first", sample)
            elif i >= 2:  # one warm-up revisit
                record(name, sample)
            app.pop_screen()
            await settle_idle(pilot, app)

    if kind == "bare":
        from textual.screen import Screen
        from textual.widgets import DataTable, Footer, Header

        cls = bare_app_class()

        class View(Screen):
            """The bare view: Header, a 24-row table with the classification's columns, Footer."""

            def compose(self):
                yield Header()
                yield DataTable(id="bare-view-table", cursor_type="row", zebra_stripes=True)
                yield Footer()

            def on_mount(self) -> None:
                fill_bare_table(self.query_one(DataTable))

        class App(cls):
            def on_mount(self) -> None:
                self._bench_setup()
                self.fill()
                self.bench_first_screen()
                self.set_interval(0.005, self.bench_tick)

        app = App()
        async with app.run_test(headless=True, size=SIZE) as pilot:
            await settle_idle(pilot, app)
            watch_ids({"bare-view-table": "view"})
            await visits(pilot, app, "open", lambda: app.push_screen(View()), "view")
        emit(samples=samples)
        return

    from tui.core.paths import bundled_dataset

    cls = season_app_class()

    class App(cls):
        def on_mount(self) -> None:
            self.set_interval(0.005, self.bench_tick)

    app = App(Path(data) if data else bundled_dataset(), config_path=None, freeze_heap=True)
    app._bench_setup()
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await wait_for_table(pilot, app)
        main = app.screen
        dataset = main.dataset
        numbers = [r.number for r in dataset.rounds]
        # The views open from the round with the most results, the leader under the cursor.
        busiest = max(dataset.rounds, key=lambda r: len(r.results))
        main.round_number = busiest.number
        await settle_idle(pilot, app)
        drivers = [d for result in busiest.results for d in result.drivers[:1]]
        first, second = drivers[0], drivers[1]  # the first two cars' first drivers
        watch_ids({
            "driver-standings": "standings", "page-table": "page", "driver-page-body": "driver-page",
            "progression-table": "progression", "compare-table": "compare",
        })

        def open_compare() -> None:
            # What the compare picker does with two drivers chosen (its module imported there).
            from tui.ui.screens.compare import CompareScreen

            app.push_screen(CompareScreen(app.main_screen.dataset, [first, second]))

        for name, open_view, pane in (
            ("standings", app.action_standings, "standings"),
            ("team", app.action_highlighted_team, "page"),
            ("car", app.action_highlighted_car, "page"),
            ("driver-page", lambda: app.action_open_driver(first), "driver-page"),
            ("progression", app.action_progression, "progression"),
            ("compare", open_compare, "compare"),
        ):
            await visits(pilot, app, name, open_view, pane)

        # Keys inside the progression view: drivers/teams (t), points/places (m).
        app.action_progression()
        await settle_idle(pilot, app)
        progression = app.screen
        for i in range(iterations + 2):
            for name, action in (("progression-t", progression.action_toggle_kind),
                                 ("progression-m", progression.action_toggle_places)):
                sample = await measure(pilot, app, action, "progression")
                if i >= 2:
                    record(name, sample)
        app.pop_screen()
        await settle_idle(pilot, app)

        # As of a round, on the dashboard (the calendar marks the later rounds hidden):
        # from the full season to R5, a round on (R6), and back to the full season.
        main.round_number = numbers[0]  # a round shown in every state
        await settle_idle(pilot, app)
        app.bench_watch("calendar", main.query_one("#calendar"))
        for i in range(iterations + 2):
            for name, through in (("as-of", numbers[4]), ("as-of-step", numbers[5]), ("as-of-full", 0)):
                sample = await measure(pilot, app, lambda t=through: app.action_set_as_of(t), "calendar")
                if i >= 2:
                    record(name, sample)
    emit(samples=samples)


async def count_idle_frames(pilot, app) -> int:
    """Frames drawn in 0.3 s with nothing happening: should be 0 (no spurious frames)."""
    await settle_idle(pilot, app)
    before = len(app.bench_displays)
    await asyncio.sleep(0.3)
    return len(app.bench_displays) - before


async def wait_for_table(pilot, app, timeout: float = 120.0) -> None:
    deadline = now() + timeout
    while main_table(app) is None:
        if now() > deadline:
            raise TimeoutError("the MainScreen never showed a filled table")
        await asyncio.sleep(0.01)
    await settle_idle(pilot, app)


# --- figure 4 / 5: reload latency -----------------------------------------------------------


def follow_options(mode: str) -> dict | None:
    """Keyword arguments that make SeasonApp follow its file with ``mode``, or None.

    The lead's interface (tui/ui/app.py): ``SeasonApp(..., follow="auto"|"poll"|"off")``,
    "auto" being native events with a polling fallback. Other spellings that were
    expected before it existed (a bool ``follow``/``watch``/``live`` with a ``poll``
    flag) are still recognised.
    """
    import inspect

    from tui.ui.app import SeasonApp

    params = inspect.signature(SeasonApp.__init__).parameters
    name = next((n for n in ("follow", "watch", "live") if n in params), None)
    if name is not None and isinstance(params[name].default, str):
        return {name: "poll" if mode == "poll" else "auto"}
    if name is not None:
        if "poll" in params:
            return {name: True, "poll": mode == "poll"}
        return {name: True} if mode != "poll" else None
    if "poll" in params:
        return {"poll": mode == "poll"}
    return None


def visible_team_edit(text: str, dataset, round_number: int) -> tuple[str, str]:
    """A result shown in round ``round_number`` whose Team cell shows its team's name.

    Returns (team id, team name): renaming that team in [[teams]] changes a cell.
    """
    round_ = dataset.round(round_number)
    for result in round_.results:
        if result.team and not result.team_as_entered and dataset.team(result.team):
            return result.team, dataset.team(result.team).name
    raise SystemExit(f"round {round_number} shows no team name to edit")


def renamed(text: str, team_id: str, old_name: str, new_name: str) -> str:
    """``text`` with the [[teams]] entry ``team_id`` renamed (the first name line after its id)."""
    marker = f'id = "{team_id}"\nname = "{old_name}"'
    if marker not in text:
        raise SystemExit(f"cannot find team {team_id!r} in the file (not id+name lines?)")
    return text.replace(marker, f'id = "{team_id}"\nname = "{new_name}"', 1)


def table_shows(app, value: str) -> bool:
    table = main_table(app)
    if table is None:
        return False
    try:
        return any(getattr(cell, "plain", str(cell)) == value for cell in table.get_column("Team"))
    except Exception:
        return False


#: Every way of saving the live-data issue names (symlink swaps and bursts are
#: covered by tests; their latency is that of the atomic rename underneath).
SAVE_KINDS = ("inplace", "atomic", "recreate", "rename-back", "same-inode")


async def reload(data: str, saves: int, mode: str, kinds: tuple[str, ...]) -> None:
    """Save a modified copy, wait for the table to show the new value, for each kind of save.

    in-place: open(path, "w").write(text) (truncate and rewrite, like many editors);
    atomic: write a temporary file in the same folder, then os.replace (vim, helix...);
    recreate: delete, then write anew; rename-back: rename away, rewrite, rename back;
    same-inode: rewrite through the open file (r+), keeping the inode.
    Latency: from just before the write starts to the first frame whose classification
    table contains the new team name. Stall: the longest ticker gap in that window.
    The work copy lives in a temporary folder; the original file is never touched.
    """
    options = follow_options(mode)
    if options is None:
        emit(available=False, reason="SeasonApp has no follow/poll parameter (live reload not in tui.ui.app yet)")
        return
    folder = Path(tempfile.mkdtemp(prefix="alms-bench-"))
    path = folder / "season.toml"
    original = Path(data).read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")

    cls = season_app_class()

    class App(cls):
        def on_mount(self) -> None:
            self.set_interval(0.005, self.bench_tick)

    try:
        app = App(path, config_path=None, freeze_heap=True, **options)
    except TypeError as error:
        emit(available=False, reason=f"SeasonApp(..., **{options}) failed: {error}")
        return
    app._bench_setup()
    samples: dict[str, list[dict]] = {kind: [] for kind in kinds}
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await wait_for_table(pilot, app)
        screen = app.screen
        team_id, name = visible_team_edit(original, screen.dataset, screen.round_number)
        current_text, current_name = original, name


        for i in range(saves):
            writers = save_writers(path, folder)
            for kind in kinds:
                writer = writers[kind]
                new_name = f"Bench Team {kind} {i:04d}"
                new_text = renamed(current_text, team_id, current_name, new_name)
                seen = asyncio.get_running_loop().create_future()

                def on_display(stamp, new_name=new_name, seen=seen):
                    if not seen.done() and table_shows(app, new_name):
                        seen.set_result(stamp)

                app.bench_on_display = on_display
                await asyncio.sleep(0.05)  # no coalescing with the previous save
                app.bench_reset_gap()
                t0 = now()
                await asyncio.to_thread(writer, new_text)  # the loop keeps ticking meanwhile
                try:
                    shown = await asyncio.wait_for(seen, timeout=10.0)
                except TimeoutError:
                    if not any(samples.values()):
                        emit(available=False, reason=f"no reload seen within 10 s with {options}")
                        return
                    samples[kind].append({"latency": None, "stall": app.bench_gap()})
                    current_text, current_name = new_text, new_name
                    continue
                samples[kind].append({"latency": shown - t0, "stall": app.bench_gap()})
                current_text, current_name = new_text, new_name
        app.bench_on_display = None
    emit(available=True, options={k: v for k, v in options.items()}, samples=samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what")
    parser.add_argument("kind", nargs="?")
    parser.add_argument("data", nargs="?")
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--mode", default="native")
    parser.add_argument("--kinds", default=",".join(SAVE_KINDS))
    args = parser.parse_args()
    if args.what == "startup":
        startup(args.kind, args.data)
    elif args.what == "imports":
        imports(args.kind)
    elif args.what == "textual-free":
        textual_free()
    elif args.what == "load":
        load(args.kind)
    elif args.what == "interact":
        asyncio.run(interact(args.kind, args.data, args.iterations, args.max_seconds))
    elif args.what == "views":
        asyncio.run(views(args.kind, args.data, args.iterations))
    elif args.what == "reload":
        asyncio.run(reload(args.kind, args.saves, args.mode, tuple(args.kinds.split(","))))
    else:
        parser.error(f"unknown probe {args.what!r}")


if __name__ == "__main__":
    main()
