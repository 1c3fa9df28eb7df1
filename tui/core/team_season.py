"""A team's season, and a car number's: which cars, which crews, what each earned, per round.

Both are the same question asked of the classification with a different filter:
every row of a team, or every row carrying a number. Rounds where no known row
matches are kept (with no entries), so a reader sees the whole calendar and
whether the round's data is complete enough for that absence to mean anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from .classification import Row, absence_is_known, classify
from .memo import per_dataset
from .models import Dataset, Result, Round
from .points import Award, Standing, award_for, team_standings


@dataclass(frozen=True, slots=True)
class Entry:
    """One car in one round, with the points its crew earned there."""

    round: Round
    row: Row
    award: Award | None


@dataclass(frozen=True, slots=True)
class RoundEntries:
    """A round and the matching cars in it (none when no known result matches)."""

    round: Round
    entries: tuple[Entry, ...]
    #: No matching car means none raced: the classification is full and every row in
    #: it gives the fact matched on (a row with no number could be the car looked for).
    absence_is_known: bool


@dataclass(frozen=True, slots=True)
class TeamSeason:
    team_id: str
    name: str
    rounds: tuple[RoundEntries, ...]
    standings: tuple[Standing, ...]  #: the team's line in each class table it stands in

    @property
    def numbers(self) -> list[int]:
        """Car numbers the team raced, in the order first seen."""
        return _first_seen(self.rounds, lambda entry: entry.row.result.number)


@dataclass(frozen=True, slots=True)
class CarHistory:
    number: int
    rounds: tuple[RoundEntries, ...]

    @property
    def teams(self) -> list[str]:
        """Team ids that raced the number, in the order first seen."""
        return _first_seen(self.rounds, lambda entry: entry.row.result.team)


T = TypeVar("T")


def _first_seen(rounds: tuple[RoundEntries, ...], fact: Callable[[Entry], T | None]) -> list[T]:
    """The known values of ``fact`` over every entry, once each, in season order."""
    seen: dict[T, None] = {}
    for round_entries in rounds:
        for entry in round_entries.entries:
            value = fact(entry)
            if value is not None:
                seen.setdefault(value, None)
    return list(seen)


def _classified_rounds(dataset: Dataset) -> tuple[tuple[Round, tuple[Row, ...]], ...]:
    """Each round with its classification, in calendar order, once per dataset."""
    return per_dataset(
        dataset,
        ("classified_rounds",),
        lambda: tuple(
            (r, tuple(classify(r))) for r in sorted(dataset.rounds, key=lambda r: r.number)
        ),
    )


def _gather(
    dataset: Dataset, matches: Callable[[Row], bool], tells: Callable[[Result], bool]
) -> tuple[RoundEntries, ...]:
    """Per round, the rows that ``matches``; absence is known where every row ``tells``."""
    return tuple(
        RoundEntries(
            round_,
            tuple(
                Entry(round_, row, award_for(dataset, round_.number, row.index))
                for row in rows
                if matches(row)
            ),
            absence_is_known(round_, tells),
        )
        for round_, rows in _classified_rounds(dataset)
    )


def team_season(dataset: Dataset, team_id: str) -> TeamSeason:
    """Every car the team ran, per round, and its standing in each class."""

    def build() -> TeamSeason:
        rounds = _gather(
            dataset, lambda row: row.result.team == team_id, lambda result: result.team is not None
        )
        classes: dict[str, None] = {}
        for round_entries in rounds:
            for entry in round_entries.entries:
                classes.setdefault(entry.row.result.car_class, None)
        standings = tuple(
            standing
            for class_id in classes
            for standing in team_standings(dataset, class_id).entries
            if standing.id == team_id
        )
        team = dataset.team(team_id)
        return TeamSeason(team_id, team.name if team else team_id, rounds, standings)

    return per_dataset(dataset, ("team_season", team_id), build)


def car_history(dataset: Dataset, number: int) -> CarHistory:
    """Which crews and teams raced car ``number``, per round."""
    return per_dataset(
        dataset,
        ("car_history", number),
        lambda: CarHistory(
            number,
            _gather(
                dataset,
                lambda row: row.result.number == number,
                lambda result: result.number is not None,
            ),
        ),
    )


def car_numbers(dataset: Dataset) -> list[int]:
    """Every car number in the known results, in numeric order."""

    def build() -> list[int]:
        found = {
            row.result.number
            for _, rows in _classified_rounds(dataset)
            for row in rows
            if row.result.number is not None
        }
        return sorted(found)

    return per_dataset(dataset, ("car_numbers",), build)
