"""Canonical TOML output and atomic writes."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from strategies import datasets

from tui.core.models import Dataset
from tui.core.paths import bundled_dataset
from tui.core.writer import dump_text, write_dataset

FIXTURES = Path(__file__).parent / "fixtures" / "points"
FIXTURE_FILES = sorted(FIXTURES.glob("*.toml"))


def load_text(text: str) -> Dataset:
    return Dataset.model_validate(tomllib.loads(text))


def load(path: Path) -> Dataset:
    return load_text(path.read_text(encoding="utf-8"))


# --- round trips -----------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_round_trips_and_the_text_is_stable(path: Path) -> None:
    dataset = load(path)
    text = dump_text(dataset)
    assert load_text(text) == dataset
    assert dump_text(load_text(text)) == text


def test_the_file_is_clean(path: Path = FIXTURES / "season.toml") -> None:
    text = dump_text(load(path))
    assert text.startswith("schema_version = 1\n")
    # Defaults are left out ...
    assert 'status = "finished"' not in text and "notes = []" not in text
    # ... but the rules are spelled out, and dates are TOML dates.
    for rule in ("min_distance_fraction = 0.7", 'distance_reference = "class_winner"',
                 "unknown_laps_score = true", 'team_scoring = "best_car"'):
        assert rule in text
    assert "date = 2004-03-20\n" in text


BUNDLED = bundled_dataset()


def test_bundled_season_round_trips() -> None:
    dataset = load(BUNDLED)
    assert load_text(dump_text(dataset)) == dataset


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_valid_dataset_survives_the_round_trip(dataset: Dataset) -> None:
    assert load_text(dump_text(dataset)) == dataset


# --- atomic writes -----------------------------------------------------------------


@pytest.fixture
def season() -> Dataset:
    return load(FIXTURES / "season.toml")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_creates_the_file(tmp_path: Path, season: Dataset) -> None:
    target = tmp_path / "season.toml"
    write_dataset(season, target)
    assert target.read_text(encoding="utf-8") == dump_text(season)
    assert load(target) == season
    assert leftovers(tmp_path) == []


def test_write_replaces_and_keeps_permission_bits(tmp_path: Path, season: Dataset) -> None:
    target = tmp_path / "season.toml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_dataset(season, target)
    assert load(target) == season
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, season: Dataset, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "season.toml"
    target.write_text("old contents\n", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        write_dataset(season, target)
    assert target.read_text(encoding="utf-8") == "old contents\n"
    assert leftovers(tmp_path) == []
