"""Shared test set-up: deterministic rendering, snapshot files as .svg, data paths."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_textual_snapshot

# pytest-textual-snapshot 1.0.0 with syrupy >= 5 would save snapshots as *.raw.
pytest_textual_snapshot.SVGImageExtension.file_extension = "svg"

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED = ROOT / "data" / "alms-2004.toml"


@pytest.fixture(autouse=True)
def _deterministic_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # NO_COLOR changes rendering; a real config dir would leak the developer's settings.
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("ALMS_TUI_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def bundled_path() -> Path:
    return BUNDLED
