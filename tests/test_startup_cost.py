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


def test_a_pydantic_that_asks_the_plugin_loader_for_more_still_works() -> None:
    """The stand-in answers any other name from the real module: a pydantic upgrade
    that imports something new from it pays the discovery again, never breaks."""
    script = (
        "import tui.core.models, importlib, sys\n"
        "stand_in = sys.modules['pydantic.plugin._loader']\n"
        "assert list(stand_in.get_plugins()) == []\n"
        "group = stand_in.PYDANTIC_ENTRY_POINT_GROUP\n"  # a name only the real module has
        "assert group == 'pydantic', group\n"
        "assert sys.modules['pydantic.plugin._loader'] is not stand_in\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
