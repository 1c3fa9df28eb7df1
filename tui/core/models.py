"""The season's data model: what a TOML dataset may say, checked field by field.

Everything here is a *fact as stored*. Values a reader can compute from other
facts (class positions, gaps to the class leader, points, standings) are not
stored; they live in :mod:`tui.core.classification` and :mod:`tui.core.points`.
Optional facts are ``None`` when no source gives them: nothing is guessed.

The models are frozen so a loaded season can be shared between threads and
compared with ``==`` (the round-trip property relies on it).
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import types
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, field_validator, model_validator


def _skip_plugin_discovery() -> None:
    """Build our validators without looking for pydantic plugins.

    pydantic asks ``pydantic.plugin._loader`` for plugins as it builds the first
    validator; that module imports ``importlib.metadata`` (and ``email`` with it) and
    scans the entry points of every installed distribution: 25-30 ms of CPU, a
    seventh of a bare Textual app's whole start-up, for plugins (tracing, logging)
    that alms-tui never uses. A stand-in that finds none is put in its place, unless
    the real one is already loaded (another user of pydantic in this process).
    """
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    stand_in = types.ModuleType(name, "alms-tui: no pydantic plugins (see tui.core.models).")
    stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]

    def anything_else(attribute: str) -> object:
        # A later pydantic asking this module for another name gets the real module's
        # (PEP 562), so an upgrade costs the 25 ms again instead of breaking the loader.
        # Dunder look-ups (the import system asks for __path__) are not such names.
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    setattr(stand_in, "__getattr__", anything_else)  # noqa: B010  (a module's PEP 562 hook)
    sys.modules[name] = stand_in


_skip_plugin_discovery()

SCHEMA_VERSION: Literal[1] = 1

# TOML has real integers, floats, booleans and dates: a quoted "90" where a
# number belongs is a mistake to report, not a value to coerce.
Int = Annotated[int, Strict()]
Float = Annotated[float, Strict()]  # strict floats still accept TOML integers
Bool = Annotated[bool, Strict()]

#: Ids are short, stable and safe in paths and URLs: ``jj-lehto``, ``GH1``.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Id = Annotated[str, Field(min_length=1, max_length=64, pattern=ID_PATTERN)]
#: Free text from a source, written in our own words.
Text = Annotated[str, Field(min_length=1, max_length=4000)]
#: Short names (teams, cars, events).
Name = Annotated[str, Field(min_length=1, max_length=200)]
# Bounds on list lengths: far above any season, and low enough that a small file
# cannot make validation and the checks run for seconds (each bound is a located
# "allows at most N entries" problem).
#: Drivers of one car or one pole.
MAX_CREW = 16
#: Ids a record refers to, notes on one record, alternative names...
MAX_LISTED = 1000
#: Results or poles in one round; rounds in a season (numbers and positions stop at 999).
MAX_PER_ROUND = 999
#: Drivers, teams or sources in a dataset.
MAX_RECORDS = 10_000

SourceIds = Annotated[list[Id], Field(default_factory=list, max_length=MAX_LISTED)]

_GAP_PATTERN = r"^\+(?:\d+ laps?|\d+(?:\.\d+)? s)$"
Gap = Annotated[str, Field(pattern=_GAP_PATTERN, description="'+N lap(s)' or '+S.sss s'")]


class Model(BaseModel):
    """Base for every stored record: unknown keys are errors, values are immutable."""

    # inf and nan parse from TOML but mean nothing here and have no JSON form.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Status(StrEnum):
    """How a car's race ended."""

    FINISHED = "finished"
    DNF = "dnf"  #: retired
    DNS = "dns"  #: did not start
    DSQ = "dsq"  #: disqualified
    NC = "nc"  #: running at the end but not classified

    @property
    def label(self) -> str:
        return "Finished" if self is Status.FINISHED else self.value.upper()


class NoteKind(StrEnum):
    FACT = "fact"
    CONFLICT = "conflict"  #: sources disagree; the text names both values and sources
    MISSING = "missing"  #: something the sources do not tell


class Source(Model):
    """Where facts come from (the ids used in every ``sources`` list).

    The id is a key for the data file only; a reader sees the citation built
    from the other fields (see :mod:`tui.core.citation`).
    """

    id: Id
    title: Text = Field(description="what the source is, as a reader would name it")
    publisher: Name | None = Field(default=None, description="who published it")
    date: Name | None = Field(default=None, description="publication date, as precise as known")
    url: Annotated[str, Field(max_length=2000, pattern=r"^https?://\S+$")] | None = None
    locator: Text | None = Field(
        default=None, description="where to find it when a URL is not enough (or there is none)"
    )


class Note(Model):
    """A narrative fact, conflict or gap, attached to whatever it concerns."""

    text: Text
    kind: NoteKind = NoteKind.FACT
    sources: SourceIds
    drivers: list[Id] = Field(
        default_factory=list, max_length=MAX_LISTED, description="driver ids this note concerns"
    )
    car: Int | None = Field(default=None, ge=0, le=999, description="car number it concerns")


class CarClass(Model):
    """A class of car with the rules the sources give for it."""

    id: Id
    name: Name
    engine: Text | None = None
    power_hp: tuple[Int, Int] | None = Field(default=None, description="range, low to high")
    min_weight_kg: Int | None = Field(default=None, gt=0, le=5000)
    min_weight_lb: Int | None = Field(default=None, gt=0, le=11000)
    top_speed: Text | None = None
    typical_cars: list[Name] = Field(default_factory=list, max_length=MAX_LISTED)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_LISTED)
    sources: SourceIds

    @field_validator("power_hp")
    @classmethod
    def _ordered_range(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and not (0 < value[0] <= value[1] <= 5000):
            raise ValueError("power range must be two positive numbers, low then high")
        return value


class Driver(Model):
    id: Id
    name: Name = Field(description="as the sources give it")
    given_name_known: Bool = Field(
        default=True, description="false when the sources give only a surname"
    )
    nationality: Name | None = None
    sources: SourceIds


class Team(Model):
    id: Id
    name: Name
    also_known_as: list[Name] = Field(default_factory=list, max_length=MAX_LISTED)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_LISTED)


class PointsScale(Model):
    """Points for class positions 1..N under one rule."""

    id: Id
    name: Name
    points: list[Annotated[int, Strict(), Field(ge=0, le=1000)]] = Field(min_length=1, max_length=100)
    sources: SourceIds

    @field_validator("points")
    @classmethod
    def _not_increasing(cls, value: list[int]) -> list[int]:
        if any(later > earlier for earlier, later in zip(value, value[1:])):
            raise ValueError("points must not increase with position")
        return value


ReadingRule = Literal[
    "class_basis", "distance", "unknown_laps", "classified_only", "teams", "bonus", "scales"
]


class Reading(Model):
    """An interpretation we chose where the rules are ambiguous, shown to users."""

    rule: ReadingRule | None = Field(
        default=None, description="which rule this reading explains (lets the points cite it)"
    )
    topic: Name
    text: Text
    sources: SourceIds


class PointsRules(Model):
    """How championship points are derived; data, not code."""

    basis: Literal["class_position"] = "class_position"
    min_distance_fraction: Float = Field(
        default=0.7, ge=0, le=1, description="share of the class winner's laps needed to score"
    )
    distance_reference: Literal["overall_winner", "class_winner"] = "class_winner"
    unknown_laps_score: Bool = Field(
        default=True,
        description="whether a classified car whose laps no source gives may score",
    )
    team_scoring: Literal["best_car"] = "best_car"
    scales: list[PointsScale] = Field(min_length=1, max_length=MAX_LISTED)
    readings: list[Reading] = Field(default_factory=list, max_length=MAX_LISTED)
    sources: SourceIds


TitleKind = Literal["drivers", "teams"]


class Champion(Model):
    """A champion the sources name: the record a derived table is compared with.

    Stored as structured data, not read from note prose, so a derived leader that
    differs can be flagged. ``team`` is the title holder for a teams' title and
    the drivers' team (for context) for a drivers' title.
    """

    car_class: Id = Field(alias="class")
    title: TitleKind
    drivers: list[Id] = Field(default_factory=list, description="the title holders (drivers)")
    team: Id | None = None
    clinched_round: Int | None = Field(
        default=None, ge=1, le=999, description="round where the title was settled"
    )
    sources: Annotated[list[Id], Field(min_length=1)]

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _holder_for_title(self) -> Champion:
        if self.title == "drivers" and not self.drivers:
            raise ValueError("a drivers' title needs its champions in drivers")
        if self.title == "teams" and self.team is None:
            raise ValueError("a teams' title needs its champion in team")
        return self


class Season(Model):
    series: Name
    year: Int = Field(ge=1900, le=2200)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_LISTED)
    champions: list[Champion] = Field(
        default_factory=list, max_length=MAX_LISTED,
        description="titles the sources name a champion for",
    )
    sources: SourceIds


class RaceFormat(Model):
    """Timed (``duration_minutes``), or distance with a time limit, whichever comes first."""

    kind: Literal["timed", "distance"]
    duration_minutes: Int | None = Field(default=None, gt=0, le=24 * 60 * 2)
    distance_miles: Float | None = Field(default=None, gt=0)
    distance_laps: Int | None = Field(default=None, gt=0)
    sources: SourceIds

    @model_validator(mode="after")
    def _fields_for_kind(self) -> RaceFormat:
        if self.kind == "timed" and self.duration_minutes is None:
            raise ValueError("a timed race needs duration_minutes")
        if self.kind == "distance" and self.distance_miles is None and self.distance_laps is None:
            raise ValueError("a distance race needs distance_miles or distance_laps")
        return self

    @property
    def label(self) -> str:
        """Compact form for tables: ``2 h 45 min``, ``12 h``, ``1,000 mi or 10 h``."""
        time = _duration_label(self.duration_minutes) if self.duration_minutes else ""
        if self.kind == "timed":
            return time
        distance = (
            f"{self.distance_miles:,.0f} mi" if self.distance_miles else f"{self.distance_laps} laps"
        )
        return f"{distance} or {time}" if time else distance


def _duration_label(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


class ClassCounts(Model):
    """Cars per class (entries or finishers) as a source counts them."""

    total: Int = Field(ge=0, le=1000)
    by_class: dict[Id, Annotated[int, Strict(), Field(ge=0, le=1000)]] = Field(
        default_factory=dict, max_length=MAX_LISTED
    )
    sources: SourceIds


class RaceStats(Model):
    winner_time: Annotated[str, Field(pattern=r"^\d{1,3}:\d{2}:\d{2}(?:\.\d{1,3})?$")] | None = None
    distance_km: Float | None = Field(default=None, gt=0)
    entries: ClassCounts | None = None
    finishers: ClassCounts | None = None
    sources: SourceIds


class Coverage(Model):
    """How much of the classification the sources give."""

    level: Literal["full", "partial", "winners"]
    note: Text | None = None


class Pole(Model):
    car_class: Id = Field(alias="class")
    number: Int | None = Field(default=None, ge=0, le=999)
    team: Id | None = None
    drivers: list[Id] = Field(default_factory=list, max_length=MAX_CREW)
    time: Annotated[str, Field(pattern=r"^(?:\d+:)?\d{1,2}\.\d{3}$")] | None = None
    overall: Bool = False
    note: Text | None = None
    sources: SourceIds

    model_config = ConfigDict(populate_by_name=True)


class AltName(Model):
    name: Name
    sources: SourceIds


class Result(Model):
    """One car's race: a row of the classification as the sources give it."""

    position: Int | None = Field(
        default=None, ge=1, le=999, description="overall finishing position; none if unknown"
    )
    class_position: Int | None = Field(
        default=None,
        ge=1,
        le=999,
        description="only where it cannot be derived from a complete overall order above it",
    )
    car_class: Id = Field(alias="class")
    number: Int | None = Field(default=None, ge=0, le=999)
    team: Id | None = None
    team_as_entered: Name | None = Field(
        default=None, description="the team name this source prints, when it differs"
    )
    drivers: list[Id] = Field(default_factory=list, max_length=MAX_CREW)
    crew_complete: Bool = Field(default=True, description="false when sources name only some")
    chassis: Name | None = None
    engine: Name | None = None
    laps: Int | None = Field(default=None, ge=0, le=100_000)
    gap: Gap | None = Field(default=None, description="behind the overall winner, as printed")
    class_gap: Gap | None = Field(default=None, description="behind the class winner, as printed")
    status: Status = Status.FINISHED
    reason: Text | None = None
    uncertain: Bool = Field(
        default=False,
        description="true when the row's place rests on an inference or on a source "
        "whose wording is unclear; a note on the row says why",
    )
    notes: list[Note] = Field(default_factory=list, max_length=MAX_LISTED)
    sources: SourceIds

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _uncertainty_is_explained(self) -> Result:
        if self.uncertain and not self.notes:
            raise ValueError("an uncertain result needs a note saying what is uncertain")
        return self

    @field_validator("drivers")
    @classmethod
    def _no_repeated_driver(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        repeated: set[str] = set()
        for driver in value:  # a set, not value.count() per driver: linear
            (repeated if driver in seen else seen).add(driver)
        if repeated:
            raise ValueError(f"driver listed twice in one car: {', '.join(sorted(repeated))}")
        return value

    @model_validator(mode="after")
    def _position_needs_finish(self) -> Result:
        if self.status is not Status.FINISHED and (self.position or self.class_position):
            raise ValueError(f"a {self.status.label} car has no finishing position")
        return self

    @property
    def classified(self) -> bool:
        return self.status is Status.FINISHED

    @property
    def car_label(self) -> str | None:
        if self.chassis and self.engine:
            return f"{self.chassis} ({self.engine})"
        return self.chassis or self.engine


class Round(Model):
    number: Int = Field(ge=1, le=999)
    name: Name
    also_known_as: list[AltName] = Field(default_factory=list, max_length=MAX_LISTED)
    circuit: Name
    city: Name
    region: Name | None = None
    country: Name
    date: Annotated[dt.date, Strict()]
    timezone: Annotated[str, Field(pattern=r"^[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+$")]
    length_km: Float | None = Field(default=None, gt=0, le=100)
    length_mi: Float | None = Field(default=None, gt=0, le=100)
    turns: Int | None = Field(default=None, gt=0, le=200)
    format: RaceFormat
    points_scale: Id
    coverage: Coverage
    stats: RaceStats | None = None
    poles: list[Pole] = Field(default_factory=list, max_length=MAX_PER_ROUND)
    results: list[Result] = Field(default_factory=list, max_length=MAX_PER_ROUND)
    notes: list[Note] = Field(default_factory=list, max_length=MAX_LISTED)
    sources: SourceIds

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA time zone {value!r}") from None
        return value

    @property
    def winner(self) -> Result | None:
        return next((r for r in self.results if r.position == 1), None)


class Dataset(Model):
    """A whole dataset file: one season with everything it refers to."""

    schema_version: Literal[1] = SCHEMA_VERSION
    season: Season
    sources: list[Source] = Field(min_length=1, max_length=MAX_RECORDS)
    classes: list[CarClass] = Field(min_length=1, max_length=MAX_LISTED)
    points: PointsRules
    teams: list[Team] = Field(default_factory=list, max_length=MAX_RECORDS)
    drivers: list[Driver] = Field(default_factory=list, max_length=MAX_RECORDS)
    rounds: list[Round] = Field(min_length=1, max_length=MAX_PER_ROUND)

    # Lookups by id. Frozen models cannot hold caches as fields; cached_property
    # writes to the instance dict and pydantic leaves it out of ==.
    @cached_property
    def _drivers_by_id(self) -> dict[str, Driver]:
        return {d.id: d for d in self.drivers}

    @cached_property
    def _teams_by_id(self) -> dict[str, Team]:
        return {t.id: t for t in self.teams}

    @cached_property
    def _classes_by_id(self) -> dict[str, CarClass]:
        return {c.id: c for c in self.classes}

    @cached_property
    def _rounds_by_number(self) -> dict[int, Round]:
        return {r.number: r for r in self.rounds}

    def driver(self, driver_id: str) -> Driver | None:
        return self._drivers_by_id.get(driver_id)

    def team(self, team_id: str) -> Team | None:
        return self._teams_by_id.get(team_id)

    def car_class(self, class_id: str) -> CarClass | None:
        return self._classes_by_id.get(class_id)

    def round(self, number: int) -> Round | None:
        return self._rounds_by_number.get(number)

    @cached_property
    def _scales_by_id(self) -> dict[str, PointsScale]:
        return {s.id: s for s in reversed(self.points.scales)}  # the first of a repeated id

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in reversed(self.sources)}

    def scale(self, scale_id: str) -> PointsScale | None:
        return self._scales_by_id.get(scale_id)

    def source(self, source_id: str) -> Source | None:
        return self._sources_by_id.get(source_id)

    def driver_name(self, driver_id: str) -> str:
        """The name to show; the id itself if the driver is not in the dataset."""
        driver = self.driver(driver_id)
        return driver.name if driver else driver_id

    def team_name(self, result: Result) -> str | None:
        """The one name a result's team goes by, on screen and in every export.

        The team record's name wherever the result names a known team, so a team
        reads the same in every round, in the standings and in search (the name a
        source printed for that round stays in ``team_as_entered``). Without a
        known team record, the printed name, else the stored id; ``None`` when no
        source names the team.
        """
        team = self.team(result.team) if result.team else None
        if team is not None:
            return team.name
        return result.team_as_entered or result.team

