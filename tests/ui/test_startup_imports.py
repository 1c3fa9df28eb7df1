"""Start-up imports only what the first screen needs.

Every other screen, the palette, saving settings, comparing reloads, the
error screen and the loading screen load on first use. The list below is exact, so a module that joins
the start-up path does so on purpose (and the benchmark's start-up figure says
what it costs).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Starts the app as the command does (following the file), exits on the first
#: frame that shows the MainScreen, prints the modules imported by then. The
#: first-screen wait is lengthened: on a loaded machine (the full suite) the load
#: can miss the usual 0.15 s, and the loading screen comes first (and is imported).
SCRIPT = """
import json, sys
from pathlib import Path
import tui.ui.app
from tui.core.paths import bundled_dataset
from tui.ui.app import SeasonApp
from tui.ui.screens.main import MainScreen

tui.ui.app.FIRST_SCREEN_WAIT = 60.0

class FirstScreen(SeasonApp):
    CSS_PATH = str(Path(sys.modules["tui.ui.app"].__file__).parent / "app.tcss")

    def post_display_hook(self) -> None:
        if isinstance(self.screen, MainScreen):
            self.exit(sorted(sys.modules))

modules = FirstScreen(bundled_dataset(), config_path=None, follow="auto").run(headless=True, size=(160, 48))
print(json.dumps(modules))
"""

FIRST_SCREEN = {
    "tui", "tui.gc_policy",
    "tui.core", "tui.core.checks", "tui.core.citation", "tui.core.classification",
    "tui.core.driver_season", "tui.core.follow", "tui.core.loader", "tui.core.memo",
    "tui.core.models", "tui.core.notes", "tui.core.paths", "tui.core.points",
    "tui.core.prescan", "tui.core.problems", "tui.core.prose", "tui.core.safe_text",
    "tui.core.settings", "tui.core.source_map", "tui.core.suggest",
    "tui.ui", "tui.ui.app", "tui.ui.classes", "tui.ui.hanging", "tui.ui.input_guard",
    "tui.ui.names", "tui.ui.notes", "tui.ui.text",
    "tui.ui.screens", "tui.ui.screens.frames", "tui.ui.screens.lean", "tui.ui.screens.main", "tui.ui.screens.resize", "tui.ui.screens.styled",
    "tui.ui.widgets", "tui.ui.widgets.calendar", "tui.ui.widgets.cell_table", "tui.ui.widgets.chip_strip",
    "tui.ui.widgets.classification",
    "tui.ui.widgets.driver_detail", "tui.ui.widgets.filter_bar", "tui.ui.widgets.footer",
    "tui.ui.widgets.header", "tui.ui.widgets.live_bar",
    "tui.ui.widgets.one_pass",
    # The first screen already stands at the remembered round (as of RN), marks
    # favourites, and records the place a jump leaves: small modules, no screens.
    "tui.core.as_of", "tui.core.favourites", "tui.ui.history",
}


def test_start_up_imports_only_the_first_screens_modules(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "ALMS_TUI_CONFIG_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set(json.loads(done.stdout.splitlines()[-1]))
    assert {m for m in modules if m == "tui" or m.startswith("tui.")} == FIRST_SCREEN
    # Saving settings (tomli_w, atomic writes), the palette and the error screen: on first use.
    assert "tomli_w" not in modules
    assert "tui.ui.search" not in modules
    assert "tui.ui.screens.error" not in modules
    # The loading screen is for a season not loaded in time: this one is.
    assert "tui.ui.screens.loading" not in modules
