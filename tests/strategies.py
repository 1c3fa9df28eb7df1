"""Hypothesis strategies for datasets, shared by the writer, loader and UI tests.

``datasets()`` gives any dataset the *models* accept: ids may refer to nothing,
positions may repeat, names may hold control characters. ``valid_datasets()``
repairs one of those until it also passes every rule of :mod:`tui.core.checks`,
so it loads without problems and the app opens it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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


# --- datasets that also pass the semantic checks -------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@st.composite
def valid_datasets(draw: st.DrawFn) -> Dataset:
    """A random dataset repaired to pass every check: it loads with no problems."""
    data = draw(datasets()).model_dump(mode="python", by_alias=True, exclude_none=True)
    data = _without_controls(data)
    _define_references(data)
    dates = sorted(r["date"] for r in data["rounds"])
    for round_, date in zip(data["rounds"], dates):
        round_["date"] = date
        _repair_round(round_)
    return Dataset.model_validate(data)


def _without_controls(value: Any) -> Any:
    """Control characters are refused at load: drop them (an emptied text becomes "x")."""
    if isinstance(value, str):
        return (_CONTROL.sub("", value) or "x") if _CONTROL.search(value) else value
    if isinstance(value, dict):
        return {key: _without_controls(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_without_controls(item) for item in value)
    return value


def _define_references(data: dict[str, Any]) -> None:
    """Every driver and team id referred to gets a record; ids are made unique."""
    drivers: list[str] = []
    teams: list[str] = []

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("drivers"), list) and all(isinstance(d, str) for d in value["drivers"]):
                value["drivers"] = list(dict.fromkeys(value["drivers"]))  # no driver twice
                drivers.extend(value["drivers"])
            if isinstance(value.get("team"), str):
                teams.append(value["team"])
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit({k: v for k, v in data.items() if k not in ("drivers", "teams")})
    visit(data.get("teams", []))  # team notes may name drivers
    for key, needed, make in (
        ("drivers", drivers, lambda i: {"id": i, "name": f"Driver {i}"}),
        ("teams", teams, lambda i: {"id": i, "name": f"Team {i}"}),
    ):
        records: dict[str, dict[str, Any]] = {}
        for record in data.get(key, []):
            records.setdefault(record["id"], record)  # the first of each id wins
        for missing in dict.fromkeys(needed):
            records.setdefault(missing, make(missing))
        data[key] = list(records.values())


def _repair_round(round_: dict[str, Any]) -> None:
    results = round_.get("results", [])
    seen_positions: set[int] = set()
    seen_numbers: set[int] = set()
    for result in results:
        for key, seen in (("position", seen_positions), ("number", seen_numbers)):
            if key in result:
                if result[key] in seen:
                    del result[key]
                else:
                    seen.add(result[key])
    winner = next((r for r in results if r.get("position") == 1), None)
    if winner is not None and "laps" in winner:
        for result in results:
            if result.get("status", "finished") == "finished" and result.get("laps", 0) > winner["laps"]:
                result["laps"] = winner["laps"]
    # Class positions: never where the overall order gives one, never twice in a class.
    top = 0
    while top + 1 in seen_positions:
        top += 1
    derived: dict[str, int] = {}
    for result in results:
        if result.get("position") is not None and result["position"] <= top:
            derived[result["class"]] = derived.get(result["class"], 0) + 1
    held: set[tuple[str, int]] = set()
    for result in results:
        stated = result.get("class_position")
        if stated is None:
            continue
        key = (result["class"], stated)
        if (result.get("position") is not None and result["position"] <= top) or (
            stated <= derived.get(result["class"], 0) or key in held
        ):
            del result["class_position"]
        else:
            held.add(key)
    numbers = {r["number"] for r in results if "number" in r}
    for note in round_.get("notes", []):
        if note.get("car") is not None and note["car"] not in numbers:
            del note["car"]
