"""Hundreds of reloads in the dashboard as the command runs it: memory stays flat.

The garbage-collector policy of the command (``freeze_heap``, :mod:`tui.gc_policy`)
is process-wide, so the app runs in a fresh interpreter
(``tests/soak/reload_memory.py``). Freezing the heap after each load leaked about
0.7 MB and 4,000 objects per reload; the bounds below are constants, far under
what 150 leaking reloads add (over 100 MB and 400,000 objects).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "alms-2004.toml"
RELOADS = 200


def test_memory_is_flat_from_the_fiftieth_reload_to_the_two_hundredth(tmp_path: Path) -> None:
    data = tmp_path / "season.toml"
    data.write_bytes(BUNDLED.read_bytes())
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "soak" / "reload_memory.py"), str(data), str(RELOADS)],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    samples = json.loads(done.stdout.strip().splitlines()[-1])
    warm, last = samples["50"], samples[str(RELOADS)]
    assert last["objects"] - warm["objects"] < 2_000, samples
    assert last["frozen"] <= warm["frozen"], samples  # nothing frozen after start-up
    assert last["rss_kib"] - warm["rss_kib"] < 12 * 1024, samples
