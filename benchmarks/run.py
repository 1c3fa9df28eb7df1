"""alms-tui benchmarks: one entry point, one table, every figure next to its baseline.

    python benchmarks/run.py                  # full run (several minutes on 2 cores)
    python benchmarks/run.py --quick          # fast pass: fewer repeats, sizes 10,1000
    python benchmarks/run.py --sizes 10,100,1000,10000 --repeat 10 --json out.json --check

Options
    --quick         fewer repetitions (repeat 3, fewer saves/iterations), sizes 10,1000
    --sizes LIST    synthetic season sizes in results for figure 5 (default 10,100,1000,10000)
    --repeat N      subprocess runs per start-up/import/load figure (default 10; quick 3);
                    in-process figures use 3*N interactions (capped by time) and
                    50 saves per kind for the bundled reload (quick: 3*N)
    --check         exit 1 when a budget is broken (no budget is checked otherwise)
    --json FILE     save every raw sample, the settings and the machine
    --skip LIST     figures to leave out, e.g. --skip 4,5
    --report FILE   print the tables of a run saved with --json again (measures nothing)

Not part of the test run (tests/test_benchmark_smoke.py checks what the README
cites and that the tables and --check work, in a few seconds). Nothing here
asserts an absolute time: budgets are reported as
held/missed and only --check turns a miss into an exit status.

What each figure measures (all headless, 160x48; see benchmarks/probe.py)
1. Start-up to first full screen, in a fresh interpreter per run: from the probe
   script's first line (time zero, before any import) to the first frame in which
   the MainScreen is current and its classification table has rows (the app
   loads in a thread worker, then pushes MainScreen); the app exits at once.
   Baseline: a bare Textual app (Header, a 24-row 10-column DataTable, Footer),
   same method, runs interleaved. Measured without following the file
   (SeasonApp's default) and with it (follow="auto", what ``alms-tui`` does).
   Peak RSS (ru_maxrss) of both processes. Every process, the baselines too, runs
   under the command's garbage-collector policy (tui/gc_policy.py).
   Budgets: ratio <= 1.6 (STARTUP_RATIO); alms-tui's share above the floor (below:
   start-up minus the floor, paired runs) <= 0.15x the bare app (ABOVE_FLOOR_RATIO).
2. Import of tui.core (models, loader, points, classification, export) in a fresh
   interpreter, perf_counter around the import; baseline: ``import pydantic`` +
   touching ``pydantic.BaseModel`` (pydantic 2 imports lazily, so the bare
   statement alone costs ~nothing). And: do the CLI's validate and export paths
   leave Textual unimported? (must be "no", checked by --check).
   Floor (no budget): the bare app that first imports tui.core.loader and
   validates the bundled season (pydantic's import, building the models'
   validators, load_path), then starts: what any app that shows validated data
   pays at least. Its ratio is the lowest the start-up figure can reach with
   the fixed stack.
3. Key to updated screen on the bundled season, in one ``run_test`` app: the
   action behind the key is called directly in the app's event loop
   (``screen.action_step_round(1)`` for ``]``, ``screen.action_filter(3)`` /
   ``(0)``, ``table.action_cursor_down()``), so Pilot's ~60 ms press overhead is
   not counted. Two figures per key, each with its own budget:
   "shown", from just before the call to the first frame that repaints the pane
   the key is about (the table for a round or filter, the driver detail for a
   driver): the moment the answer is on screen; budget median <= 30 ms.
   "settled", to the last frame drawn before the app went quiet (all queued
   messages handled, no frame for 60 ms): Textual lays out again, a frame or two
   later, widgets whose size changed; budget median <= 100 ms. With it, the
   frames drawn and layout passes made per key (counts: they do not depend on
   how busy the machine is). Rounds and filters are measured both as a first
   visit (the table's cache of views emptied just before) and as a revisit (the
   view cached), reported apart. Frames are encoded to terminal sequences as a
   real terminal would need. Baseline (ratio column): the same measurement on
   the bare app (clear + refill 24 rows for round and filter; cursor down for
   driver), under the same garbage-collector policy. Filter and cursor use the
   round with the most results.
   The views (``probe.py views``), same method, from the dashboard at that round
   with its leader under the cursor: opening standings (``app.action_standings``,
   key ``s``), the team page (``t``), the car page (``n``), the first car's first
   driver's page, progression (``g``) and compare with the first two cars' first
   drivers (the screen the compare picker opens); "shown" is the first frame that
   repaints the view's main widget (its table; the driver page's text). A first
   visit (the screen module imported, its CSS met for the first time) happens once
   per process, so the views run in several processes (interleaved with the bare
   app's); revisits (closed, then opened again) are reported apart. Keys inside a
   view that recompute it: progression ``t`` (drivers / teams) and ``m`` (points /
   places); the season as of a round on the dashboard (``app.action_set_as_of``,
   what ``a`` and a choice in its list do) from the full season to R5, R5 -> R6,
   and back to the full season, "shown" being the calendar's repaint.
   Baselines: for opening, the bare app pushing a screen with a header, a 24-row
   table with the classification's columns and a footer (first push and later
   pushes); for keys, the bare refill. Budgets: keys inside a view have the key
   budgets above. Opening a view is a new screen: Textual composes, styles, mounts,
   lays out and paints all of it (the bare push alone draws 6 frames with 6 layout
   passes and does not fit the 30 ms key budget), and a first visit also imports
   the screen's module: shown <= 100 ms median (the screen is on the next frames
   after a key, well under the 0.1 s a reader takes as instant), settled <= 250 ms
   median (OPEN_SHOWN_BUDGET, OPEN_SETTLED_BUDGET).
4. Reload latency, save to screen: SeasonApp following a copy of the data file;
   a team name shown in the table is changed by an in-place write or an atomic
   rename (temp + os.replace); from just before the write to the first frame whose
   table shows the new name. 50 saves per kind. Budget: median <= 100 ms with native
   events, <= 600 ms polling. Skipped ("not available") if SeasonApp has no
   follow/poll parameter. Stall: longest gap of a 5 ms ticker during the reload.
5. Scale, synthetic seasons (benchmarks/synthetic.py) of each --sizes: load_path
   (fresh interpreter, first call), start-up to full screen, round switch, filter,
   driver selection (to shown, and settled), reload (native, atomic saves) and
   its stall, peak RSS.
   Baseline column: the same figure at the smallest size. Growth: slope of
   log(median) against log(size) between the two largest sizes (fixed costs hide
   growth at small sizes; the fit over all sizes is shown too): 1 = linear,
   > 1.2 = worse than linear.
   Budgets at 10,000 results: load <= 1 s, each interaction <= 100 ms median,
   longest stall during a reload <= 100 ms.

Spread: p95 when there are at least 10 samples, else min-max.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROBE = HERE / "probe.py"
BUNDLED = ROOT / "data" / "alms-2004.toml"
sys.path.insert(0, str(HERE))

import synthetic

#: Start-up budgets, against the bare app measured in the same run: the whole first
#: screen, and alms-tui's share above the floor (validating the season first).
STARTUP_RATIO = 1.6
ABOVE_FLOOR_RATIO = 0.15

HEADER = ("#", "measurement", "median", "spread", "baseline", "ratio", "budget", "status")


class ProbeError(RuntimeError):
    pass


def probe(*args: str, timeout: float = 900) -> dict:
    """Run benchmarks/probe.py in a fresh interpreter; its last JSON line."""
    env = dict(os.environ)
    env["ALMS_TUI_CONFIG_DIR"] = env.get("ALMS_BENCH_CONFIG_DIR") or tempfile.gettempdir()
    env.pop("NO_COLOR", None)
    # Measure alms-tui as installed: pip writes the package's bytecode when it installs
    # it (as it did Textual's and pydantic's). An editable checkout has none, and with
    # PYTHONDONTWRITEBYTECODE set every probe compiled all of tui/ from source again
    # (~60 ms at start-up) while the baselines' libraries loaded theirs. The warm-up
    # probes write it, as they are meant to.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, str(PROBE), *args], capture_output=True, text=True, cwd=ROOT,
        env=env, timeout=timeout,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-8:]
        raise ProbeError(f"probe {' '.join(args)} failed ({done.returncode}): " + " | ".join(tail))
    return json.loads(lines[-1])


# --- statistics ------------------------------------------------------------------


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) on log(x)."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


# --- rows ------------------------------------------------------------------------


@dataclass
class Row:
    figure: str
    name: str
    unit: str  # "ms", "MiB", "yes/no", "slope"
    samples: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    budget: str = ""
    #: (kind, limit): "ratio" (median/baseline median), "median" or "max" of samples.
    limit: tuple[str, float] | None = None
    note: str = ""  # shown instead of numbers (not available, error, yes/no)
    ok_override: bool | None = None

    @property
    def value(self) -> float | None:
        return median(self.samples)

    @property
    def ratio(self) -> float | None:
        base = median(self.baseline)
        return self.value / base if self.value is not None and base else None

    @property
    def ok(self) -> bool | None:
        if self.ok_override is not None:
            return self.ok_override
        if self.limit is None or not self.samples:
            return None
        kind, limit = self.limit
        value = {"ratio": self.ratio, "median": self.value, "max": max(self.samples)}[kind]
        return None if value is None else value <= limit

    def cells(self) -> tuple[str, ...]:
        status = {True: "held", False: "MISSED", None: ""}[self.ok]
        if self.note and not self.samples:
            return (self.figure, self.name, self.note, "", "", "", self.budget, status or "n/a")
        spread = ""
        if len(self.samples) >= 10:
            spread = f"p95 {fmt(p95(self.samples), self.unit)}"
        elif len(self.samples) > 1:
            spread = f"{fmt(min(self.samples), self.unit)}-{fmt(max(self.samples), self.unit)}"
        baseline = fmt(median(self.baseline), self.unit) if self.baseline else ""
        ratio = f"{self.ratio:.2f}x" if self.ratio is not None else ""
        value = fmt(self.value, self.unit)
        if self.note:
            value = f"{value} {self.note}"
        return (self.figure, self.name, value, spread, baseline, ratio, self.budget, status)

    def to_json(self) -> dict:
        return {
            "figure": self.figure, "name": self.name, "unit": self.unit,
            "samples": self.samples, "baseline": self.baseline, "median": self.value,
            "baseline_median": median(self.baseline), "ratio": self.ratio,
            "budget": self.budget, "ok": self.ok, "note": self.note,
        }


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "ms":
        return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if unit == "slope":
        return f"{value:.2f}"
    return f"{value:g}"


def print_table(rows: list[Row]) -> None:
    """Figures 1-4 row by row, then figure 5 as a size-by-size table."""
    scale = [row for row in rows if row.figure == "5"]
    rows = [row for row in rows if row.figure != "5"]
    cells = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER))]
    line = lambda c: "| " + " | ".join(v.ljust(w) for v, w in zip(c, widths)) + " |"
    print(line(HEADER))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for c in cells[1:]:
        print(line(c))
    print_scale_table(scale)
    sys.stdout.flush()


def print_scale_table(rows: list[Row]) -> None:
    """Figure 5 as one line per figure: the median (and p95 or max) at each size."""
    sizes: list[int] = []
    table: dict[str, dict] = {}
    for row in rows:
        if row.figure != "5":
            continue
        if row.unit == "slope":
            title = row.name.split(": growth")[0]
            table.setdefault(title, {})["slope"] = f"{row.value:.2f} {row.note.split(' (')[0]}"
            continue
        title, _, at = row.name.rpartition(" @")
        size = int(at.replace(",", ""))
        if size not in sizes:
            sizes.append(size)
        entry = table.setdefault(title, {})
        if row.samples:
            spread = p95(row.samples) if len(row.samples) >= 10 else max(row.samples)
            word = "p95" if len(row.samples) >= 10 else "max"
            entry[size] = f"{fmt(row.value, row.unit)} ({word} {fmt(spread, row.unit)})"
        else:
            entry[size] = row.note or "-"
        if row.budget:
            entry["budget"] = row.budget
            entry["status"] = {True: "held", False: "MISSED", None: ""}[row.ok]
    if not table:
        return
    header = ("5: synthetic season", *(f"@{s:,} results" for s in sizes), "growth (slope)",
              "budget @10,000", "status")
    cells = [header] + [
        (title, *(e.get(s, "") for s in sizes), e.get("slope", ""), e.get("budget", ""),
         e.get("status", ""))
        for title, e in table.items()
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    line = lambda c: "| " + " | ".join(v.ljust(w) for v, w in zip(c, widths)) + " |"
    print()
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for c in cells[1:]:
        print(line(c))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- figures -----------------------------------------------------------------------


def fig_startup(repeat: int) -> list[Row]:
    log(f"1: start-up, {repeat} x (bare, alms-tui, alms-tui following its file) interleaved")
    probe("startup", "bare"), probe("startup", "alms")  # warm-up: bytecode caches written
    bare, alms, follow, floor = [], [], [], []
    for _ in range(repeat):
        bare.append(probe("startup", "bare"))
        alms.append(probe("startup", "alms"))
        follow.append(probe("startup", "alms-follow"))
        floor.append(probe("startup", "bare-validated"))
    bare_ready = [r["ready"] for r in bare]
    # alms-tui's own share: what it takes beyond the floor (paired runs, interleaved),
    # relative to the bare app.
    above_floor = [a["ready"] - f["ready"] for a, f in zip(alms, floor)]
    return [
        Row("1", "floor: bare app + validating the season first", "ms",
            [r["ready"] for r in floor], bare_ready, "(no budget)",
            note="(pydantic import, model build, load_path)"),
        Row("1", "start-up to full screen (bundled) vs bare app", "ms",
            [r["ready"] for r in alms], bare_ready, f"<= {STARTUP_RATIO}x", ("ratio", STARTUP_RATIO)),
        Row("1", "same, following the file (`alms-tui` default)", "ms",
            [r["ready"] for r in follow], bare_ready, f"<= {STARTUP_RATIO}x", ("ratio", STARTUP_RATIO)),
        Row("1", "alms-tui's share above the floor", "ms", above_floor, bare_ready,
            f"<= {ABOVE_FLOOR_RATIO}x", ("ratio", ABOVE_FLOOR_RATIO)),
        Row("1", "peak RSS (bundled) vs bare app", "MiB",
            [r["rss_kib"] / 1024 for r in alms], [r["rss_kib"] / 1024 for r in bare]),
    ]


def fig_imports(repeat: int) -> list[Row]:
    log(f"2: imports, {repeat} x (pydantic, tui.core) interleaved; textual-free CLI paths")
    probe("imports", "core")
    core, pyd = [], []
    for _ in range(repeat):
        pyd.append(probe("imports", "pydantic")["seconds"])
        core.append(probe("imports", "core")["seconds"])
    free = probe("textual-free")
    rows = [Row("2", "import tui.core.* vs import pydantic(.BaseModel)", "ms", core, pyd)]
    for name in ("validate", "export"):
        imported = free[name]["textual"]
        rows.append(Row("2", f"`alms-tui {name}` imports textual", "yes/no",
                        note="yes" if imported else "no", budget="no", ok_override=not imported))
    return rows


#: Figure 3's keys: (sample key, title, the bare app's sample key for the baseline).
KEYS = (
    ("round-miss", "round switch `]`, first visit", "round"),
    ("round", "round switch `]`, revisited", "round"),
    ("filter3-miss", "class filter `3`, first visit", "filter"),
    ("filter3", "class filter `3`, revisited", "filter"),
    ("filter0-miss", "class filter `0`, first visit", "filter"),
    ("filter0", "class filter `0`, revisited", "filter"),
    ("driver", "driver selection (cursor down)", "driver"),
)
SHOWN_BUDGET = 0.030
SETTLED_BUDGET = 0.100


def counts_note(samples: list[dict]) -> str:
    """Frames drawn and layout passes made per key (median): counts, not times, so
    they do not depend on how busy the machine is."""
    frames = median([s["frames"] for s in samples])
    layouts = median([s.get("layouts", 0) for s in samples])
    handler = median([s["handler"] for s in samples])
    return f"({frames:g} frames, {layouts:g} layout passes, handler {fmt(handler, 'ms')})"


def shown_and_settled(figure: str, title: str, samples: list[dict], base: list[dict],
                      shown_limit: float, settled_limit: float) -> list[Row]:
    """A key's (or a view's) two rows, each next to its baseline: "shown", the first
    frame with the answer, and "settled", the last frame before the app went quiet."""
    shown = Row(figure, title, "ms", [s["shown"] for s in samples], [s["shown"] for s in base],
                f"<= {shown_limit * 1000:.0f} ms median", ("median", shown_limit))
    settled = Row(figure, f"{title}, settled", "ms", [s["latency"] for s in samples],
                  [s["latency"] for s in base], f"<= {settled_limit * 1000:.0f} ms median",
                  ("median", settled_limit))
    if samples:
        settled.note = counts_note(samples)
    return [shown, settled]


def interaction_rows(figure: str, alms: dict, bare: dict | None) -> list[Row]:
    """Two rows per key: "shown" (first frame with the answer) and "settled" (last frame
    before the app goes quiet), each next to the bare app's refill (or cursor move)."""
    rows = []
    for key, title, base_key in KEYS:
        samples = alms["samples"].get(key, [])
        base = bare["samples"].get(base_key, []) if bare else []
        rows += shown_and_settled(figure, title, samples, base, SHOWN_BUDGET, SETTLED_BUDGET)
    return rows


def fig_interactions(repeat: int) -> tuple[list[Row], dict]:
    iterations = 3 * repeat
    log(f"3: interactions on the bundled season, {iterations} each (+2 warm-up)")
    bare = probe("interact", "bare", "--iterations", str(iterations))
    alms = probe("interact", "alms", "--iterations", str(iterations))
    rows = interaction_rows("3", alms, bare)
    if alms.get("idle_frames") or bare.get("idle_frames"):
        log(f"warning: frames drawn while idle (alms {alms['idle_frames']}, bare {bare['idle_frames']})")
    view_rows, views = fig_views(repeat, bare)
    return rows + view_rows, {"alms": alms, "bare": bare, "views": views}


#: Figure 3's views: (sample key, title, the bare sample key for the baseline, kind).
#: "open": a screen opened from the dashboard (baseline: the bare app pushing a screen
#: with a header, a 24-row table and a footer); "key": a key inside a view that
#: recomputes it (baseline: the bare app's refill of its 24 rows, as for a filter).
VIEW_KEYS = (
    ("standings-first", "open standings `s`, first visit", "open-first", "open"),
    ("standings", "open standings `s`, revisited", "open", "open"),
    ("team-first", "open team page `t`, first visit", "open-first", "open"),
    ("team", "open team page `t`, revisited", "open", "open"),
    ("car-first", "open car page `n`, first visit", "open-first", "open"),
    ("car", "open car page `n`, revisited", "open", "open"),
    ("driver-page-first", "open driver page, first visit", "open-first", "open"),
    ("driver-page", "open driver page, revisited", "open", "open"),
    ("progression-first", "open progression `g`, first visit", "open-first", "open"),
    ("progression", "open progression `g`, revisited", "open", "open"),
    ("compare-first", "open compare (two drivers), first visit", "open-first", "open"),
    ("compare", "open compare (two drivers), revisited", "open", "open"),
    ("progression-t", "progression `t` (drivers / teams)", "filter", "key"),
    ("progression-m", "progression `m` (points / places)", "filter", "key"),
    ("as-of", "as of R5 (`a`, from the full season)", "filter", "key"),
    ("as-of-step", "as of R5 -> R6 (a round on)", "filter", "key"),
    ("as-of-full", "as of R6 -> the full season", "filter", "key"),
)
#: Opening a view is a new screen: Textual composes, styles and mounts it, lays it
#: out and paints all of it (6 frames and 6 layout passes in the bare app too), so it
#: has budgets of its own (see the module docstring).
OPEN_SHOWN_BUDGET = 0.100
OPEN_SETTLED_BUDGET = 0.250


def view_rows(figure: str, alms: dict, bare_views: dict | None, bare_keys: dict | None) -> list[Row]:
    """Two rows per view or key (shown, settled) next to the bare app's screen push or refill."""
    rows = []
    for key, title, base_key, kind in VIEW_KEYS:
        samples = alms["samples"].get(key, [])
        source = bare_views if kind == "open" else bare_keys
        base = source["samples"].get(base_key, []) if source else []
        shown_limit, settled_limit = ((OPEN_SHOWN_BUDGET, OPEN_SETTLED_BUDGET) if kind == "open"
                                      else (SHOWN_BUDGET, SETTLED_BUDGET))
        rows += shown_and_settled(figure, title, samples, base, shown_limit, settled_limit)
    return rows


def fig_views(repeat: int, bare_keys: dict | None) -> tuple[list[Row], dict]:
    """A first visit is one sample per process: ``repeat // 2`` (at least 3) processes of
    each app, interleaved, each with 3 revisits per view and 3 of each key in a view."""
    processes = max(3, repeat // 2)
    log(f"3: views on the bundled season, {processes} processes of each app (first visits), "
        "3 revisits and keys each")
    alms: dict = {"samples": {}}
    bare: dict = {"samples": {}}
    for _ in range(processes):
        for merged, kind in ((bare, "bare"), (alms, "alms")):
            for key, values in probe("views", kind, "--iterations", "3")["samples"].items():
                merged["samples"].setdefault(key, []).extend(values)
    return view_rows("3", alms, bare, bare_keys), {"alms": alms, "bare": bare}


def fig_reload(saves: int) -> tuple[list[Row], dict]:
    log(f"4: reload latency, {saves} saves per kind, native then polling")
    rows, raw = [], {}
    for mode, limit in (("native", 0.100), ("poll", 0.600)):
        try:
            result = probe("reload", str(BUNDLED), "--saves", str(saves), "--mode", mode)
        except ProbeError as error:
            result = {"available": False, "reason": str(error)[:200]}
        raw[mode] = result
        if not result.get("available"):
            rows.append(Row("4", f"reload, {mode}", "ms", note="not available",
                            budget=f"<= {limit * 1000:.0f} ms median"))
            log(f"4: reload {mode} not available: {result.get('reason')}")
            continue
        stalls = []
        for kind, title in (("inplace", "truncate + rewrite"), ("atomic", "atomic rename"),
                            ("recreate", "delete + recreate"), ("rename-back", "rename away + back"),
                            ("same-inode", "in place, same inode")):
            samples = result["samples"][kind]
            values = [s["latency"] for s in samples if s["latency"] is not None]
            missed = len(samples) - len(values)
            stalls += [s["stall"] for s in samples]
            row = Row("4", f"reload {title}, {mode}", "ms", values,
                      budget=f"<= {limit * 1000:.0f} ms median", limit=("median", limit))
            if missed:
                row.note = f"({missed} saves never shown)"
                row.ok_override = False
            rows.append(row)
        rows.append(Row("4", f"longest stall during reload, {mode}", "ms", stalls))
    return rows, raw


def fig_scale(sizes: list[int], repeat: int, quick: bool, skip_reload: bool) -> tuple[list[Row], dict]:
    folder = Path(tempfile.mkdtemp(prefix="alms-bench-sizes-"))
    per_size: dict[int, dict[str, list[float]]] = {}
    raw: dict = {}
    iterations = 3 * repeat
    saves = repeat if quick else 10
    for size in sizes:
        path = folder / f"season-{size}.toml"
        synthetic.write(size, path)
        log(f"5: size {size} ({path.stat().st_size:,} bytes, {len(synthetic.layout(size))} rounds)")
        figures: dict[str, list[float]] = {}
        figures["load"] = [probe("load", str(path))["seconds"] for _ in range(repeat)]
        starts = [probe("startup", "alms", str(path)) for _ in range(repeat)]
        figures["startup"] = [s["ready"] for s in starts]
        figures["rss"] = [s["rss_kib"] / 1024 for s in starts]
        inter = probe("interact", "alms", str(path), "--iterations", str(iterations),
                      "--max-seconds", "8" if quick else "20")
        for key in ("round", "round-miss", "filter3", "filter0", "filter0-miss", "driver"):
            figures[key] = [s["shown"] for s in inter["samples"].get(key, [])]
            figures[f"{key}-settled"] = [s["latency"] for s in inter["samples"].get(key, [])]
            figures[f"{key}-stall"] = [s["stall"] for s in inter["samples"].get(key, [])]
        if not skip_reload:
            try:
                rel = probe("reload", str(path), "--saves", str(saves), "--mode", "native",
                            "--kinds", "atomic")
            except ProbeError as error:
                rel = {"available": False, "reason": str(error)[:200]}
            if rel.get("available"):
                samples = rel["samples"]["atomic"]
                figures["reload"] = [s["latency"] for s in samples if s["latency"] is not None]
                figures["reload-stall"] = [s["stall"] for s in samples]
            raw[f"reload-{size}"] = rel
        per_size[size] = figures
        raw[f"interact-{size}"] = inter
    base = sizes[0]
    specs = [
        ("load", "load+validate (load_path)", "ms", ("median", 1.0), "<= 1 s"),
        ("startup", "start-up to full screen", "ms", None, ""),
        ("round", "round switch", "ms", ("median", 0.1), "<= 100 ms median"),
        ("round-miss", "round switch, first visit", "ms", ("median", 0.1), "<= 100 ms median"),
        ("filter3", "class filter `3`", "ms", ("median", 0.1), "<= 100 ms median"),
        ("filter0", "class filter `0`", "ms", ("median", 0.1), "<= 100 ms median"),
        ("filter0-miss", "class filter `0`, first visit", "ms", ("median", 0.1), "<= 100 ms median"),
        ("driver", "driver selection", "ms", ("median", 0.1), "<= 100 ms median"),
        ("round-settled", "round switch, settled", "ms", None, ""),
        ("filter0-settled", "class filter `0`, settled", "ms", None, ""),
        ("driver-settled", "driver selection, settled", "ms", None, ""),
        ("reload", "reload (native, atomic rename)", "ms", None, ""),
        ("reload-stall", "longest stall during reload", "ms", ("max", 0.1), "<= 100 ms max"),
        ("rss", "peak RSS", "MiB", None, ""),
    ]
    rows = []
    for key, title, unit, limit, budget in specs:
        for size in sizes:
            samples = per_size[size].get(key)
            if samples is None:
                if key.startswith("reload"):
                    rows.append(Row("5", f"{title} @{size:,}", unit, note="not available"))
                continue
            at_budget = size == 10_000
            rows.append(Row("5", f"{title} @{size:,}", unit, samples,
                            per_size[base].get(key, []) if size != base else [],
                            budget if at_budget else "", limit if at_budget else None))
        points = [(s, v) for s in sizes if (v := median(per_size[s].get(key) or []))]
        overall = slope(points)
        if overall is not None:
            # Fixed costs dominate small sizes: the slope between the two largest sizes
            # is the growth that matters (1 = linear, > 1.2 worse than linear).
            top = slope(points[-2:])
            verdict = "sublinear" if top < 0.8 else "~linear" if top <= 1.2 else "WORSE than linear"
            rows.append(Row("5", f"{title}: growth, log-log slope", "slope", [top],
                            note=f"{verdict} ({points[-2][0]:,}->{points[-1][0]:,}; all sizes {overall:.2f})"))
    raw["per_size"] = {str(k): v for k, v in per_size.items()}
    return rows, raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="alms-tui benchmarks (see the module docstring)")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sizes", default=None)
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--json", type=Path, dest="json_file")
    parser.add_argument("--skip", default="", help="figures to skip, e.g. 4,5")
    parser.add_argument("--report", type=Path, metavar="JSON",
                        help="print the tables of a run saved with --json (measures nothing)")
    args = parser.parse_args(argv)
    if args.report:
        return report(args.report, args.check)
    repeat = args.repeat or (3 if args.quick else 10)
    sizes = [int(s.replace("_", "")) for s in (args.sizes or ("10,1000" if args.quick else
                                                                "10,100,1000,10000")).split(",") if s]
    skip = set(args.skip.split(",")) - {""}
    saves = 3 * repeat if args.quick else 50
    started = time.perf_counter()
    rows: list[Row] = []
    raw: dict = {}
    try:
        if "1" not in skip:
            rows += fig_startup(repeat)
        if "2" not in skip:
            rows += fig_imports(repeat)
        if "3" not in skip:
            more, raw["interactions"] = fig_interactions(repeat)
            rows += more
        reload_available = True
        if "4" not in skip:
            more, raw["reload"] = fig_reload(saves)
            rows += more
            reload_available = any(r.get("available") for r in raw["reload"].values())
        if "5" not in skip:
            more, raw["scale"] = fig_scale(sizes, repeat, args.quick, not reload_available)
            rows += more
    except ProbeError as error:
        log(str(error))
        print_table(rows)
        return 2
    elapsed = time.perf_counter() - started
    import textual

    print(f"alms-tui benchmarks: Python {platform.python_version()}, Textual {textual.__version__}, "
          f"{os.cpu_count()} CPUs, repeat {repeat}, sizes {','.join(map(str, sizes))}, "
          f"{'quick' if args.quick else 'full'} run, {elapsed:.0f} s")
    print_table(rows)
    missed = [r for r in rows if r.ok is False]
    held = [r for r in rows if r.ok is True]
    print(f"\nbudgets: {len(held)} held, {len(missed)} missed"
          + (": " + "; ".join(f"{r.figure} {r.name}" for r in missed) if missed else ""))
    if args.json_file:
        args.json_file.write_text(json.dumps({
            "python": platform.python_version(), "textual": textual.__version__,
            "cpus": os.cpu_count(), "repeat": repeat, "sizes": sizes, "quick": args.quick,
            "seconds": elapsed, "rows": [r.to_json() for r in rows], "raw": raw,
        }, indent=1))
    return 1 if args.check and missed else 0


def report(path: Path, check: bool) -> int:
    saved = json.loads(path.read_text())
    rows = []
    for r in saved["rows"]:
        row = Row(r["figure"], r["name"], r["unit"], r["samples"], r["baseline"], r["budget"],
                  note=r["note"])
        if r["ok"] is not None:
            row.ok_override = r["ok"]
        rows.append(row)
    print(f"alms-tui benchmarks (saved run): Python {saved['python']}, Textual {saved['textual']}, "
          f"{saved['cpus']} CPUs, repeat {saved['repeat']}, sizes {','.join(map(str, saved['sizes']))}, "
          f"{'quick' if saved['quick'] else 'full'} run, {saved['seconds']:.0f} s")
    print_table(rows)
    missed = [r for r in rows if r.ok is False]
    print(f"\nbudgets: {sum(r.ok is True for r in rows)} held, {len(missed)} missed"
          + (": " + "; ".join(f"{r.figure} {r.name}" for r in missed) if missed else ""))
    return 1 if check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
