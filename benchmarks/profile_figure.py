"""Profile what a benchmark figure measures: cProfile over the same code path.

    python benchmarks/profile_figure.py interact round  [DATA] [-n 20]   # also: filter3 filter0 driver asof
    python benchmarks/profile_figure.py interact filter0 --miss           # first visits (views forgotten)
    python benchmarks/profile_figure.py reload          [DATA] [-n 10]
    python benchmarks/profile_figure.py startup         [DATA]
    python benchmarks/profile_figure.py load            [DATA]

Prints the top functions by cumulative time (``--sort tottime`` for own time),
restricted with ``--filter REGEX`` (default: tui code and the Textual hot spots).
The profiler runs only around the measured actions (plus the wait for the frame
that shows them), so set-up and idle time stay out; ``--out FILE`` keeps the
pstats file for snakeviz or ``python -m pstats``.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import probe  # noqa: E402

DEFAULT_FILTER = (
    r"tui/|datatable|_compositor.py.*(render|_get_renders|update)|screen.py.*(refresh|_on_timer)"
    r"|stylesheet.py.*(apply|update)|widget.py.*(_compose|mount|render_lines|_render)|strip.py"
    r"|content.py|rich/text.py.*(render|wrap|divide)|cell_len|loader|pydantic|tomllib"
)


async def interact(action: str, data: str | None, n: int, profiler: cProfile.Profile,
                   miss: bool = False) -> list[float]:
    app = probe.season_app(Path(data) if data else probe.bundled())
    latencies = []
    async with app.run_test(headless=True, size=probe.SIZE) as pilot:
        await probe.wait_for_table(pilot, app)
        screen = app.screen
        numbers = [r.number for r in screen.dataset.rounds]
        busiest = max(screen.dataset.rounds, key=lambda r: len(r.results)).number
        if action != "round":
            screen.round_number = busiest
            await probe.settle_idle(pilot, app)
        table = probe.main_table(app)
        app.bench_watch("table", table)
        app.bench_watch("driver", screen.query_one("#driver-body"))
        app.bench_watch("calendar", screen.query_one("#calendar"))
        as_of_steps = (5, 6, 0)  # as figure 3: full -> R5 -> R6 -> full

        def do(i: int):
            if action == "round":
                at_end = screen.round_number == numbers[-1]
                return lambda: screen.action_step_round(-len(numbers) if at_end else 1)
            if action == "asof":
                return lambda: app.action_set_as_of(as_of_steps[i % 3])
            if action in ("filter3", "filter0"):
                return lambda: screen.action_filter(3 if action == "filter3" else 0)
            return table.action_cursor_down

        # Where each filter key is measured from (as in probe.interact).
        away = {"filter3": 4, "filter0": 1}

        for i in range(n):
            if action == "driver" and table.cursor_row >= table.row_count - 1:
                table.move_cursor(row=0, animate=False)
                await probe.settle_idle(pilot, app)
            if action in away:
                screen.action_filter(away[action])
                await probe.settle_idle(pilot, app)
            if miss:  # a first visit: the table builds its view (see probe.interact)
                from tui.ui.widgets.classification import Classification

                screen.query_one(Classification)._views.clear()
            profiler.enable()
            watched = {"driver": "driver", "asof": "calendar"}.get(action, "table")
            sample = await probe.measure(pilot, app, do(i), watched)
            profiler.disable()
            latencies.append(sample["latency"])
    return latencies


async def reload(data: str | None, n: int, profiler: cProfile.Profile) -> list[float]:
    options = probe.follow_options("native")
    if options is None:
        raise SystemExit("SeasonApp cannot follow its file yet")
    folder = Path(tempfile.mkdtemp(prefix="alms-prof-"))
    path = folder / "season.toml"
    original = Path(data or probe.bundled()).read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    app = probe.season_app(path, **options)
    latencies = []
    async with app.run_test(headless=True, size=probe.SIZE) as pilot:
        await probe.wait_for_table(pilot, app)
        screen = app.screen
        team_id, name = probe.visible_team_edit(original, screen.dataset, screen.round_number)
        text = original
        for i in range(n):
            new = f"Profiled Team {i:03d}"
            text2 = probe.renamed(text, team_id, name, new)
            seen = asyncio.get_running_loop().create_future()
            app.bench_on_display = lambda stamp, new=new, seen=seen: (
                None if seen.done() or not probe.table_shows(app, new) else seen.set_result(stamp))
            await asyncio.sleep(0.1)
            t0 = probe.now()
            profiler.enable()
            await asyncio.to_thread(_atomic_write, path, text2)
            shown = await asyncio.wait_for(seen, 30)
            profiler.disable()
            latencies.append(shown - t0)
            text, name = text2, new
    return latencies


def _atomic_write(path: Path, text: str) -> None:
    fd, temporary = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("interact", "reload", "startup", "load"))
    parser.add_argument("args", nargs="*")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--filter", default=DEFAULT_FILTER)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out")
    parser.add_argument("--miss", action="store_true", help="interact: first visits (no cached views)")
    args = parser.parse_args()
    # CPU time, not wall time: the shares hold on a busy machine too.
    profiler = cProfile.Profile(time.process_time)
    latencies: list[float] = []
    if args.what == "interact":
        action, *rest = args.args or ["round"]
        latencies = asyncio.run(interact(action, rest[0] if rest else None, args.n, profiler, args.miss))
    elif args.what == "reload":
        latencies = asyncio.run(reload(args.args[0] if args.args else None, args.n, profiler))
    elif args.what == "load":
        from tui.core.loader import load_path

        data = args.args[0] if args.args else str(probe.bundled())
        profiler.enable()
        for _ in range(args.n):
            load_path(data)
        profiler.disable()
    else:
        profiler.enable()
        sys.argv = ["probe.py", "startup", "alms", *args.args]
        probe.startup("alms", args.args[0] if args.args else None)
        profiler.disable()
    if latencies:
        latencies.sort()
        print(f"{len(latencies)} samples under the profiler: median {latencies[len(latencies) // 2] * 1000:.1f} ms "
              "(slower than unprofiled)")
    stats = pstats.Stats(profiler)
    if args.out:
        stats.dump_stats(args.out)
    stats.sort_stats(args.sort).print_stats(args.filter, args.top)


if __name__ == "__main__":
    main()
