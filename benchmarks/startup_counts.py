"""Figure 1 in instruction counts: ``probe.py startup`` under callgrind, split in phases.

    python benchmarks/startup_counts.py [bare bare-validated alms alms-follow] [--jobs 2]

Wall-clock start-up on a shared 2-core machine moves by tens of milliseconds
between runs; the instructions executed do not (a few million in 2,000 between
runs of alms-tui, from how its two threads interleave). Each kind runs once under
``valgrind --tool=callgrind`` (about 40 s each) and the table gives the
instructions (millions) spent in each phase up to the first full frame, and the
total. The share that budgets count is ``alms - bare-validated`` (the floor).

Phases are cut with ``os.sched_yield()`` calls (``--dump-before=sched_yield``
writes a profile part at each): importing Textual, the kind's own imports, the
app's construction (alms-tui: settings, the first load's thread starting), Textual
starting to the first screen (alms-tui: the wait for the load thread, whose
instructions count where they run), then to the frame. Each part is a full
callgrind profile, kept with ``--keep DIR`` for callgrind_annotate.

The first load normally ends within ``FIRST_SCREEN_WAIT`` (the season is the first
screen); under callgrind everything runs ~50 times slower and it would not, so the
wait is lengthened here to keep the path the command takes.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "benchmarks" / "probe.py"

#: Runs in the measured interpreter: marks phases, then runs the probe as run.py does.
#: gc is paused first, as probe.py's own first lines do (the command's policy).
RUNNER = r"""
import gc
gc.disable()
import os, runpy, sys
kind = sys.argv[1]
names = []
def mark(name):
    names.append(name)
    os.sched_yield()
def around(cls, attribute, before, after=None):
    original = getattr(cls, attribute)
    def marked(self, *args, **kwargs):
        mark(before)
        result = original(self, *args, **kwargs)
        if after:
            mark(after)
        return result
    setattr(cls, attribute, marked)
import textual.app
mark("import textual.app")
if kind.startswith("bare"):
    from textual.widgets import DataTable, Footer, Header
    mark("import the bare app's widgets")
    if kind == "bare-validated":
        import tui.core.loader
        mark("import tui.core.loader (pydantic)")
else:
    import tui.ui.app
    mark("import tui.ui.app")
    tui.ui.app.FIRST_SCREEN_WAIT = 600.0
around(textual.app.App, "run", "probe set-up; the floor's load; the app made")
app = tui.ui.app.SeasonApp if kind.startswith("alms") else textual.app.App
around(app, "get_default_screen", "Textual starts", "the first screen made (alms: its load waited for)")
around(textual.app.App, "exit", "the first screen to its first full frame")
sys.argv = [sys.argv[2], "startup", kind]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    with open(os.environ["STARTUP_COUNTS_NAMES"], "w") as out:
        out.write("\n".join(names))
"""


def count(kind: str, folder: Path) -> list[tuple[str, int]]:
    """(phase, instructions) for one run of ``kind``, in order."""
    prefix = folder / kind
    names = folder / f"{kind}.names"
    env = dict(os.environ, STARTUP_COUNTS_NAMES=str(names))
    env["ALMS_TUI_CONFIG_DIR"] = str(folder / "config")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measured as installed (see run.probe)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "-q", "--dump-before=sched_yield",
         f"--callgrind-out-file={prefix}.%p", sys.executable, "-c", RUNNER, kind, str(PROBE)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind}: {done.stderr.strip()[-2000:]}")
    parts = sorted(folder.glob(f"{kind}.*.*"), key=lambda p: int(p.suffix[1:]))
    labels = names.read_text().splitlines()
    counts = []
    for label, part in zip(labels, parts):
        totals = re.search(r"^totals: (\d+)", part.read_text(), re.M)
        counts.append((label, int(totals.group(1)) if totals else 0))
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kinds", nargs="*", default=["bare", "bare-validated", "alms"])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the callgrind profiles in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(args.jobs) as pool:
            results = dict(zip(args.kinds, pool.map(lambda k: count(k, folder), args.kinds)))
    totals = {kind: sum(n for _, n in phases) for kind, phases in results.items()}
    for kind, phases in results.items():
        print(f"{kind}: {totals[kind] / 1e6:8.1f} M instructions to the first full frame")
        for label, n in phases:
            print(f"    {n / 1e6:8.1f}  {label}")
    bare, floor = totals.get("bare"), totals.get("bare-validated")
    for kind, total in totals.items():
        if bare and kind != "bare":
            line = f"{kind}: {total / bare:.2f}x the bare app"
            if floor and kind.startswith("alms"):
                line += f", share above the floor {(total - floor) / 1e6:.1f} M = {(total - floor) / bare:.2f}x"
            print(line)


if __name__ == "__main__":
    main()
