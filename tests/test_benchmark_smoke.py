"""The benchmark entry point still runs (tiny pass; no timing is asserted).

``benchmarks/run.py --quick --sizes 10 --repeat 1`` takes about 20-30 s on two
cores: it starts a dozen short-lived app processes. Set ALMS_SKIP_BENCH_SMOKE=1
to leave it out of a quick local test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    os.environ.get("ALMS_SKIP_BENCH_SMOKE") == "1", reason="ALMS_SKIP_BENCH_SMOKE=1"
)


def test_quick_benchmark_runs_and_prints_the_table(tmp_path: Path) -> None:
    raw = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"),
         "--quick", "--sizes", "10", "--repeat", "1", "--json", str(raw)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        env={**os.environ, "ALMS_BENCH_CONFIG_DIR": str(tmp_path / "config")},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| # | measurement" in done.stdout
    assert "budget" in done.stdout.splitlines()[1]
    assert raw.exists() and '"rows"' in raw.read_text()
