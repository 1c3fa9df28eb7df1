"""Shared test set-up: deterministic rendering, snapshot files as .svg, data paths."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import pytest_textual_snapshot

from tui.ui.app import SeasonApp
from tui.ui.drawn_lines import forget_closed_widgets_lines

# pytest-textual-snapshot 1.0.0 with syrupy >= 5 would save snapshots as *.raw.
pytest_textual_snapshot.SVGImageExtension.file_extension = "svg"

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED = ROOT / "data" / "alms-2004.toml"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep what the imports and the collection made (Textual, pydantic, test
    items: alive until the end) out of every later full collector pass, as the
    command does for its start-up (tui.gc_policy.freeze_startup_heap)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _deterministic_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # NO_COLOR changes rendering; a real config dir would leak the developer's settings.
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("ALMS_TUI_CONFIG_DIR", str(tmp_path / "config"))
    # Toasts stay for the whole test: on a busy machine (parallel workers, other
    # jobs) a test can take longer than Textual's 5 s before it reads them, and a
    # toast that expires mid-``pilot.pause`` is removed before it answers the
    # pause, which then hangs for 30 s (WaitForScreenTimeout).
    monkeypatch.setattr(SeasonApp, "NOTIFICATION_TIMEOUT", 600.0)


@pytest.fixture(autouse=True)
def _forget_the_last_apps_styles() -> Iterator[None]:
    """Let each test's widgets go when it ends.

    Textual 8.2.8 memoises ``StylesCache.get_inner_outer`` with ``lru_cache(1024)``
    on a method, so the cache keys hold the ``StylesCache`` of the last 1,024
    widgets drawn, each with every line it rendered (Strips, Segments and their
    caches). In a process that starts an app per test that kept ~40,000 objects
    per test alive until the cache filled, and made the test process grow past
    2 GB with the rest of what those lines reach; every collector pass walked it all,
    so tests late in the run were several times slower than alone. The memo is
    keyed by colours: clearing it between apps changes nothing they draw.
    """
    yield
    forget_closed_widgets_lines()
    if gc.get_freeze_count() == 0:
        # A test of the collector policy (tests/ui/test_responsiveness.py) unfroze
        # everything: freeze what is alive again (see pytest_collection_finish).
        gc.collect()
        gc.freeze()


@pytest.fixture
def bundled_path() -> Path:
    return BUNDLED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line on the hostile corpus (tests/test_hostile_corpus.py): files tried, outcomes.

    Each corpus test records ``("hostile_corpus", (file, outcome))``; a file counts as
    answered only when every test of it passed.
    """
    files: dict[str, set[str]] = {}
    failed: set[str] = set()
    for status, reports in terminalreporter.stats.items():
        for report in reports:
            for name, value in getattr(report, "user_properties", ()):
                if name != "hostile_corpus" or getattr(report, "when", "call") != "call":
                    continue
                file, outcome = value
                files.setdefault(file, set()).add(outcome)
                if status != "passed":
                    failed.add(file)
    if not files:
        return
    ok = {f: o for f, o in files.items() if f not in failed}
    located = sum("located" in o and "error screen" in o for o in ok.values())
    literal = sum("rendered literally" in o for o in ok.values())
    saved_over = sum("saved over a good file" in o for o in ok.values())
    line = (f"hostile corpus: {len(files)} files, {located} located errors (CLI and error screen), "
            f"{saved_over} saved over a running app's good file (data kept, error bar), "
            f"{literal} valid-hostile rendered literally, {len(failed)} failed")
    terminalreporter.write_line(line)
    if failed:
        terminalreporter.write_line("  failed: " + ", ".join(sorted(failed)))
