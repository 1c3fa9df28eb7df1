"""What the README says about the benchmarks holds, in a few seconds.

No timing is asserted here (performance belongs in ``benchmarks/``): these tests
check the claims the README cites (``validate`` and ``export`` import no
Textual; ``--check`` exits 1 when a budget is broken; the budgets it names are
the ones ``benchmarks/run.py`` checks) and that a saved run prints its tables.
The full measurement is ``python benchmarks/run.py`` (``--quick`` for a short one).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"


def bench_module() -> ModuleType:
    """benchmarks/run.py, imported without running anything."""
    if "bench_run" in sys.modules:
        return sys.modules["bench_run"]
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", BENCHMARKS / "run.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_run"] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "ALMS_TUI_CONFIG_DIR": str(tmp_path / "config")},
    )


def test_validate_and_export_import_no_textual(tmp_path: Path) -> None:
    done = run(str(BENCHMARKS / "probe.py"), "textual-free", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["validate"] == {"code": 0, "textual": False}
    assert result["export"] == {"code": 0, "textual": False}


def saved_run(tmp_path: Path, settled_median: float) -> Path:
    """A run as ``--json`` saves it: one start-up row that holds and one key row."""
    bench = bench_module()
    rows = [
        bench.Row("1", "start-up to full screen (bundled) vs bare app", "ms", [0.30, 0.31, 0.32],
                  [0.25, 0.25, 0.26], "<= 1.6x", ("ratio", bench.STARTUP_RATIO)),
        bench.Row("3", "round switch `]`, revisited, settled", "ms", [settled_median] * 3,
                  [0.02] * 3, "<= 100 ms median", ("median", bench.SETTLED_BUDGET)),
    ]
    path = tmp_path / "run.json"
    path.write_text(json.dumps({
        "python": "3.11", "textual": "8.2.8", "cpus": 2, "repeat": 3, "sizes": [10],
        "quick": True, "seconds": 1.0, "rows": [row.to_json() for row in rows], "raw": {},
    }))
    return path


def test_check_exits_1_when_a_budget_is_missed_and_0_otherwise(tmp_path: Path) -> None:
    missed = saved_run(tmp_path, settled_median=0.150)
    checked = run(str(BENCHMARKS / "run.py"), "--report", str(missed), "--check", tmp_path=tmp_path)
    assert checked.returncode == 1, checked.stderr[-2000:]
    assert "| 3 | round switch `]`, revisited, settled" in checked.stdout
    assert "MISSED" in checked.stdout
    assert "budgets: 1 held, 1 missed" in checked.stdout
    # Without --check a miss is reported, not an exit status.
    assert run(str(BENCHMARKS / "run.py"), "--report", str(missed), tmp_path=tmp_path).returncode == 0

    held = saved_run(tmp_path, settled_median=0.050)
    checked = run(str(BENCHMARKS / "run.py"), "--report", str(held), "--check", tmp_path=tmp_path)
    assert checked.returncode == 0, checked.stdout[-2000:]
    assert "budgets: 2 held, 0 missed" in checked.stdout


def test_budgets_and_ratios_are_the_ones_the_issue_sets() -> None:
    bench = bench_module()
    assert bench.STARTUP_RATIO == 1.6
    assert bench.ABOVE_FLOOR_RATIO == 0.15
    assert bench.SHOWN_BUDGET == 0.030
    assert bench.SETTLED_BUDGET == 0.100
    # A key row is judged on its own median, and shows its ratio to the bare refill.
    row = bench.Row("3", "class filter `0`, first visit", "ms", [0.02, 0.04, 0.06], [0.02, 0.02, 0.02],
                    "<= 30 ms median", ("median", bench.SHOWN_BUDGET))
    assert row.ok is False
    assert row.cells()[5] == "2.00x"
    # Start-up is judged on the ratio to the bare app of the same run.
    start = bench.Row("1", "start-up", "ms", [0.40], [0.25], "<= 1.6x", ("ratio", bench.STARTUP_RATIO))
    assert start.ok is True
    assert bench.Row("1", "start-up", "ms", [0.41], [0.25], "", ("ratio", 1.6)).ok is False


def test_every_key_is_measured_shown_and_settled_with_first_visits_apart() -> None:
    bench = bench_module()
    sample = {"shown": 0.01, "latency": 0.05, "handler": 0.001, "frames": 2, "layouts": 1}
    keys = [key for key, _title, _base in bench.KEYS]
    assert {"round-miss", "round", "filter3-miss", "filter3", "filter0-miss", "filter0", "driver"} == set(keys)
    alms = {"samples": {key: [sample] * 3 for key in keys}}
    bare = {"samples": {key: [sample] * 3 for key in ("round", "filter", "driver")}}
    rows = bench.interaction_rows("3", alms, bare)
    names = [row.name for row in rows]
    assert "round switch `]`, first visit, settled" in names
    assert "class filter `3`, revisited" in names
    assert all(row.ok is True for row in rows)
    settled = next(row for row in rows if row.name == "driver selection (cursor down), settled")
    assert settled.note.startswith("(2 frames, 1 layout passes")
    assert settled.ratio == 1.0


def test_every_view_is_measured_opened_first_and_again_and_its_keys_have_the_key_budgets() -> None:
    bench = bench_module()
    sample = {"shown": 0.05, "latency": 0.2, "handler": 0.001, "frames": 6, "layouts": 6}
    keys = [key for key, _title, _base, _kind in bench.VIEW_KEYS]
    for view in ("standings", "team", "car", "driver-page", "progression", "compare"):
        assert {view, f"{view}-first"} <= set(keys)
    assert {"progression-t", "progression-m", "as-of", "as-of-step", "as-of-full"} <= set(keys)
    assert bench.OPEN_SHOWN_BUDGET == 0.100
    assert bench.OPEN_SETTLED_BUDGET == 0.250
    alms = {"samples": {key: [sample] * 3 for key in keys}}
    bare_views = {"samples": {key: [sample] * 3 for key in ("open", "open-first")}}
    bare_keys = {"samples": {"filter": [dict(sample, shown=0.025, latency=0.025)] * 3}}
    rows = {row.name: row for row in bench.view_rows("3", alms, bare_views, bare_keys)}
    assert len(rows) == 2 * len(keys)
    # Opening a view: its own budgets, next to the bare app's screen push.
    opened = rows["open standings `s`, first visit"]
    assert opened.budget == "<= 100 ms median" and opened.ok is True and opened.ratio == 1.0
    assert rows["open standings `s`, revisited, settled"].ok is True
    # A key inside a view: the key budgets, next to the bare refill.
    key = rows["progression `t` (drivers / teams)"]
    assert key.budget == "<= 30 ms median" and key.ok is False and key.ratio == 2.0
    assert rows["as of R5 -> R6 (a round on), settled"].note.startswith("(6 frames, 6 layout passes")
