"""What validating a season costs before the first screen: no work it does not need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_validating_a_season_does_not_look_for_pydantic_plugins() -> None:
    """pydantic's plugin discovery imports importlib.metadata and scans every installed
    package (25-30 ms of a ~200 ms start-up); alms-tui uses no plugin, so it is skipped."""
    script = (
        "import json, sys\n"
        "from tui.core.loader import load_path\n"
        "from tui.core.paths import bundled_dataset\n"
        "ok = load_path(bundled_dataset()).ok\n"
        "print(json.dumps([ok, 'importlib.metadata' in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.splitlines()[-1]) == [True, False]
