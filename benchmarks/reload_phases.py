"""Where a reload's time goes: figure 4's saves, with each phase timestamped.

    python benchmarks/reload_phases.py [DATA] [--saves N] [--kinds inplace,atomic,...]

Not part of the test run or of ``run.py``'s table: a diagnostic for issue 15. The
app, the saves and "shown" are figure 4's (``probe.py reload``: SeasonApp following
a copy of DATA, the command's GC policy, a team renamed, the first frame whose
table shows the new name). Each phase is timed from just before the write:

    detect   the follower's report reaching the app (FileChanged handled)
    load     load_path in the loading thread
    compare  what changed, in the loading thread
    applied  the new version put on the screens (Loaded handled)
    shown    the first frame that shows it

and every collector pass is recorded (generation, length, thread), inside the
save-to-screen windows and between them. Prints medians per phase and the
longest passes; ``--json FILE`` keeps every sample. Run it twice with
``PYTHONPATH`` pointing at two checkouts to compare them.
"""

# ruff: noqa: E402  (the collector is paused before any import, as the command does)
from __future__ import annotations

import gc

gc.disable()  # as the command does before its imports (tui.gc_policy)

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import probe
from probe import now

EVENTS: list[tuple[float, str]] = []
PASSES: list[tuple[float, int, float, str]] = []  # start, generation, ms, thread


def timed(owner: object, name: str, label: str) -> None:
    """Record when ``owner.name`` starts (``label+``) and ends (``label-``)."""
    real = getattr(owner, name)

    def wrapper(*args, **kwargs):
        EVENTS.append((now(), label + "+"))
        try:
            return real(*args, **kwargs)
        finally:
            EVENTS.append((now(), label + "-"))

    setattr(owner, name, wrapper)


def instrument() -> None:
    import tui.core.changes as changes
    import tui.ui.app as app

    timed(app.SeasonApp, "on_season_app_file_changed", "detect")
    timed(app, "load_path", "load")
    timed(changes, "compare", "compare")
    timed(app.SeasonApp, "on_season_app_loaded", "applied")
    started: dict[int, float] = {}

    def on_pass(phase: str, info: dict) -> None:
        thread = threading.get_ident()
        if phase == "start":
            started[thread] = now()
            return
        begun = started.pop(thread, now())
        where = "ui" if thread == threading.main_thread().ident else "thread"
        PASSES.append((begun, info["generation"], (now() - begun) * 1000, where))

    gc.callbacks.append(on_pass)


async def run(data: Path, saves: int, kinds: tuple[str, ...]) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="alms-phases-"))
    path = folder / "season.toml"
    original = data.read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    cls = probe.season_app_class()

    class App(cls):
        def on_mount(self) -> None:
            self.set_interval(0.005, self.bench_tick)

    app = App(path, config_path=None, freeze_heap=True, follow="auto")
    app._bench_setup()
    samples: list[dict] = []
    windows: list[tuple[float, float]] = []

    writers = probe.save_writers(path, folder)
    async with app.run_test(headless=True, size=probe.SIZE) as pilot:
        await probe.wait_for_table(pilot, app)
        screen = app.screen
        team_id, name = probe.visible_team_edit(original, screen.dataset, screen.round_number)
        text, shown_name = original, name
        for i in range(saves):
            for kind in kinds:
                new_name = f"Bench Team {kind} {i:04d}"
                new_text = probe.renamed(text, team_id, shown_name, new_name)
                seen = asyncio.get_running_loop().create_future()

                def on_display(stamp, new_name=new_name, seen=seen):
                    if not seen.done() and probe.table_shows(app, new_name):
                        seen.set_result(stamp)

                app.bench_on_display = on_display
                await asyncio.sleep(0.05)
                app.bench_reset_gap()
                EVENTS.clear()
                t0 = now()
                await asyncio.to_thread(writers[kind], new_text)
                shown = await asyncio.wait_for(seen, timeout=30)
                first: dict[str, float] = {}
                for stamp, label in EVENTS:
                    first.setdefault(label, (stamp - t0) * 1000)
                samples.append({
                    "kind": kind, "shown": (shown - t0) * 1000, "stall": app.bench_gap() * 1000,
                    "detect": first.get("detect+"),
                    "load": _span(first, "load"), "compare": _span(first, "compare"),
                    "applied": first.get("applied-"),
                })
                windows.append((t0, shown))
                text, shown_name = new_text, new_name
        app.bench_on_display = None

    def inside(stamp: float) -> bool:
        return any(start <= stamp <= end for start, end in windows)

    after_first = [p for p in PASSES if p[0] >= windows[0][0]]
    return {
        "samples": samples,
        "passes_inside": [(round(ms, 1), gen, where) for stamp, gen, ms, where in after_first if inside(stamp)],
        "passes_between": [(round(ms, 1), gen, where) for stamp, gen, ms, where in after_first if not inside(stamp)],
    }


def _span(first: dict[str, float], label: str) -> float | None:
    if label + "+" in first and label + "-" in first:
        return first[label + "-"] - first[label + "+"]
    return None


def report(result: dict) -> None:
    samples = result["samples"]
    print(f"{len(samples)} saves; load average {os.getloadavg()[0]:.2f}")
    for phase in ("detect", "load", "compare", "applied", "shown", "stall"):
        values = [s[phase] for s in samples if s[phase] is not None]
        print(f"  {phase:8s} median {statistics.median(values):7.1f} ms   max {max(values):7.1f} ms")
    for where in ("inside", "between"):
        passes = sorted(result[f"passes_{where}"], reverse=True)
        full = [p for p in passes if p[1] == 2]
        print(f"  collector passes {where} save-to-screen windows: {len(passes)}, "
              f"{len(full)} full; longest: {passes[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", default=str(probe.ROOT / "data" / "alms-2004.toml"))
    parser.add_argument("--saves", type=int, default=10)
    parser.add_argument("--kinds", default=",".join(probe.SAVE_KINDS))
    parser.add_argument("--json")
    args = parser.parse_args()
    instrument()
    result = asyncio.run(run(Path(args.data), args.saves, tuple(args.kinds.split(","))))
    report(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
