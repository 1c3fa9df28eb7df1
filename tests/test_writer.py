"""Canonical TOML output and atomic writes."""

from __future__ import annotations

import datetime as dt
import os
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.models import (
    AltName,
    CarClass,
    ClassCounts,
    Coverage,
    Dataset,
    Driver,
    Note,
    NoteKind,
    PointsRules,
    PointsScale,
    Pole,
    RaceFormat,
    RaceStats,
    Reading,
    Result,
    Round,
    Season,
    Source,
    Status,
    Team,
)
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


@pytest.mark.skipif(
    not BUNDLED.is_file() or not BUNDLED.read_bytes().strip(),
    reason=f"{BUNDLED} is still empty: the 2004 dataset is being written",
)
def test_bundled_season_round_trips() -> None:
    dataset = load(BUNDLED)
    assert load_text(dump_text(dataset)) == dataset


# --- random datasets ---------------------------------------------------------------

AWKWARD = ["[bold]x", "Foo [/] bar", "[red]", 'say "hi"', "back\\slash", "two\nlines", "tab\there",
           "Jörg Bergmeister", "ユーザー", "🏁", " padded ", "a = b # not a comment", "'''",
           "crlf\r\nline", "nul\x00del\x7f"]
texts = st.one_of(st.sampled_from(AWKWARD), st.text(min_size=1, max_size=30))
ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,10}\Z")
small = {"max_size": 3}
TIMEZONES = ["America/New_York", "America/Toronto", "Europe/Paris", "Etc/GMT+5"]


def maybe(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.none() | strategy


def floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, exclude_min=True, allow_nan=False, allow_infinity=False)


@st.composite
def gaps(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        laps = draw(st.integers(0, 500))
        return f"+{laps} lap" if laps == 1 else f"+{laps} laps"
    return f"+{draw(st.integers(0, 9999))}.{draw(st.integers(0, 999)):03d} s"


@st.composite
def results(draw: st.DrawFn, classes: list[str], sources: st.SearchStrategy) -> Result:
    status = draw(st.sampled_from(Status))
    finished = status is Status.FINISHED
    return Result(
        position=draw(maybe(st.integers(1, 999))) if finished else None,
        class_position=draw(maybe(st.integers(1, 999))) if finished else None,
        car_class=draw(st.sampled_from(classes)),
        number=draw(maybe(st.integers(0, 999))),
        team=draw(maybe(ids)),
        team_as_entered=draw(maybe(texts)),
        drivers=draw(st.lists(ids, unique=True, **small)),
        crew_complete=draw(st.booleans()),
        chassis=draw(maybe(texts)),
        engine=draw(maybe(texts)),
        laps=draw(maybe(st.integers(0, 100_000))),
        gap=draw(maybe(gaps())),
        class_gap=draw(maybe(gaps())),
        status=status,
        reason=draw(maybe(texts)),
        notes=draw(st.lists(notes(sources), max_size=1)),
        sources=draw(sources),
    )


def notes(sources: st.SearchStrategy) -> st.SearchStrategy[Note]:
    return st.builds(
        Note,
        text=texts,
        kind=st.sampled_from(NoteKind),
        sources=sources,
        drivers=st.lists(ids, **small),
        car=maybe(st.integers(0, 999)),
    )


@st.composite
def race_formats(draw: st.DrawFn, sources: st.SearchStrategy) -> RaceFormat:
    minutes = maybe(st.integers(1, 2880))
    if draw(st.booleans()):
        return RaceFormat(
            kind="timed", duration_minutes=draw(st.integers(1, 2880)), sources=draw(sources)
        )
    miles = draw(maybe(floats(0, 5000)))
    laps = draw(st.integers(1, 1000) if miles is None else maybe(st.integers(1, 1000)))
    return RaceFormat(kind="distance", duration_minutes=draw(minutes), distance_miles=miles,
                      distance_laps=laps, sources=draw(sources))


@st.composite
def race_stats(draw: st.DrawFn, classes: list[str], sources: st.SearchStrategy) -> RaceStats:
    counts = st.builds(
        ClassCounts,
        total=st.integers(0, 1000),
        by_class=st.dictionaries(st.sampled_from(classes), st.integers(0, 1000)),
        sources=sources,
    )
    h, m, s = draw(st.integers(0, 999)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    time = f"{h}:{m:02d}:{s:02d}" + draw(st.sampled_from(["", ".5", ".123"]))
    return RaceStats(
        winner_time=draw(maybe(st.just(time))),
        distance_km=draw(maybe(floats(0, 10_000))),
        entries=draw(maybe(counts)),
        finishers=draw(maybe(counts)),
        sources=draw(sources),
    )


@st.composite
def poles(draw: st.DrawFn, classes: list[str], sources: st.SearchStrategy) -> Pole:
    seconds, millis = draw(st.integers(0, 59)), draw(st.integers(0, 999))
    minutes = draw(maybe(st.integers(0, 9)))
    time = f"{seconds}.{millis:03d}" if minutes is None else f"{minutes}:{seconds:02d}.{millis:03d}"
    return Pole(
        car_class=draw(st.sampled_from(classes)),
        number=draw(maybe(st.integers(0, 999))),
        team=draw(maybe(ids)),
        drivers=draw(st.lists(ids, **small)),
        time=draw(maybe(st.just(time))),
        overall=draw(st.booleans()),
        note=draw(maybe(texts)),
        sources=draw(sources),
    )


@st.composite
def rounds(draw: st.DrawFn, number: int, classes: list[str], scales: list[str],
           sources: st.SearchStrategy) -> Round:
    return Round(
        number=number,
        name=draw(texts),
        also_known_as=draw(st.lists(st.builds(AltName, name=texts, sources=sources), max_size=2)),
        circuit=draw(texts),
        city=draw(texts),
        region=draw(maybe(texts)),
        country=draw(texts),
        date=draw(st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31))),
        timezone=draw(st.sampled_from(TIMEZONES)),
        length_km=draw(maybe(floats(0, 100))),
        length_mi=draw(maybe(floats(0, 100))),
        turns=draw(maybe(st.integers(1, 200))),
        format=draw(race_formats(sources)),
        points_scale=draw(st.sampled_from(scales)),
        coverage=draw(st.builds(Coverage, level=st.sampled_from(["full", "partial", "winners"]),
                                note=maybe(texts))),
        stats=draw(maybe(race_stats(classes, sources))),
        poles=draw(st.lists(poles(classes, sources), max_size=2)),
        results=draw(st.lists(results(classes, sources), max_size=6)),
        notes=draw(st.lists(notes(sources), max_size=2)),
        sources=draw(sources),
    )


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    source_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    sources = st.lists(st.sampled_from(source_ids), max_size=2)
    class_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    scale_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    power = st.tuples(st.integers(1, 5000), st.integers(1, 5000)).map(sorted).map(tuple)
    round_count = draw(st.integers(1, 3))
    return Dataset(
        season=Season(series=draw(texts), year=draw(st.integers(1900, 2200)),
                      notes=draw(st.lists(notes(sources), max_size=2)), sources=draw(sources)),
        sources=[Source(id=i, title=draw(texts), locator=draw(texts)) for i in source_ids],
        classes=[
            CarClass(
                id=i,
                name=draw(texts),
                engine=draw(maybe(texts)),
                power_hp=draw(maybe(power)),
                min_weight_kg=draw(maybe(st.integers(1, 5000))),
                min_weight_lb=draw(maybe(st.integers(1, 11000))),
                top_speed=draw(maybe(texts)),
                typical_cars=draw(st.lists(texts, **small)),
                notes=draw(st.lists(notes(sources), max_size=1)),
                sources=draw(sources),
            )
            for i in class_ids
        ],
        points=PointsRules(
            min_distance_fraction=draw(st.floats(0, 1, allow_nan=False)),
            distance_reference=draw(st.sampled_from(["overall_winner", "class_winner"])),
            unknown_laps_score=draw(st.booleans()),
            scales=[
                PointsScale(
                    id=i,
                    name=draw(texts),
                    points=sorted(draw(st.lists(st.integers(0, 1000), min_size=1, max_size=12)),
                                  reverse=True),
                    sources=draw(sources),
                )
                for i in scale_ids
            ],
            readings=draw(st.lists(st.builds(Reading, topic=texts, text=texts, sources=sources),
                                   max_size=2)),
            sources=draw(sources),
        ),
        teams=draw(st.lists(st.builds(Team, id=ids, name=texts, also_known_as=st.lists(texts, **small),
                                      notes=st.lists(notes(sources), max_size=1)), **small)),
        drivers=draw(st.lists(st.builds(Driver, id=ids, name=texts, given_name_known=st.booleans(),
                                        nationality=maybe(texts), sources=sources), max_size=4)),
        rounds=[draw(rounds(n, class_ids, scale_ids, sources)) for n in range(1, round_count + 1)],
    )


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
