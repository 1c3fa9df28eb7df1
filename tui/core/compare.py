"""Two to five drivers or crews side by side: results per round, points, gaps, head-to-head.

A contender is a driver, or a crew (drivers who shared a car): a crew's result in
a round is the row naming all of them. Where a contender has no known row, the
round is "not entered" if its classification is full and every row names its
crew in full, else unknown. An unknown round has no gap (``None``); gaps after
one are between known points and marked provisional.

Head-to-head counts the rounds where both raced in the same class and the order
between them is known: both placed (class positions), or one classified and the
other not. Rounds where they met but the order is not known are counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .classification import Row, absence_is_known, classify, names_whole_crew
from .memo import per_dataset
from .models import Dataset, Round
from .points import Award, award_for

#: How many contenders fit side by side.
MOST = 5
LEAST = 2

Outcome = Literal["raced", "absent", "unknown"]


@dataclass(frozen=True, slots=True)
class Contender:
    """A driver (one id) or a crew (several)."""

    drivers: tuple[str, ...]

    @property
    def key(self) -> str:
        return "+".join(self.drivers)

    @classmethod
    def parse(cls, key: str) -> Contender:
        return cls(tuple(part for part in key.split("+") if part))


@dataclass(frozen=True, slots=True)
class Outing:
    """A contender in one round."""

    round: Round
    outcome: Outcome
    row: Row | None
    award: Award | None
    total: int  #: points so far (known ones)
    #: Known points behind the best known total among the contenders after this
    #: round; None in a round whose result is unknown for this contender.
    gap: int | None
    #: Some contender's result so far is unknown: the gap may change with more data.
    provisional: bool


@dataclass(frozen=True, slots=True)
class HeadToHead:
    first: Contender
    second: Contender
    first_ahead: int
    second_ahead: int
    order_unknown: int  #: met (same round, same class) but the order is not known
    same_car: int  #: rounds they shared a car (crew-mates do not race each other)

    @property
    def met(self) -> int:
        return self.first_ahead + self.second_ahead + self.order_unknown


@dataclass(frozen=True, slots=True)
class Comparison:
    contenders: tuple[Contender, ...]
    outings: tuple[tuple[Outing, ...], ...]  #: per contender, per round
    head_to_head: tuple[HeadToHead, ...]  #: every pair, in contender order


class CompareError(ValueError):
    """Too few or too many contenders, or one the season does not know."""


def _row_of(rows: list[Row], contender: Contender) -> Row | None:
    return next((r for r in rows if set(contender.drivers) <= set(r.result.drivers)), None)


def _classified(dataset: Dataset) -> tuple[tuple[Round, list[Row]], ...]:
    return per_dataset(
        dataset,
        ("compare_rounds",),
        lambda: tuple((r, classify(r)) for r in sorted(dataset.rounds, key=lambda r: r.number)),
    )


def compare(dataset: Dataset, contenders: list[Contender]) -> Comparison:
    """The contenders' seasons side by side (raises :class:`CompareError`)."""
    if not LEAST <= len(contenders) <= MOST:
        raise CompareError(f"compare {LEAST} to {MOST} drivers or crews, not {len(contenders)}")
    for contender in contenders:
        unknown = [d for d in contender.drivers if dataset.driver(d) is None]
        if not contender.drivers or unknown:
            raise CompareError(f"no driver {', '.join(unknown) or '(none)'} in the season")
    rounds = _classified(dataset)
    rows: list[list[Row | None]] = [[_row_of(r, c) for _, r in rounds] for c in contenders]
    totals = [0] * len(contenders)
    unknown_so_far = [False] * len(contenders)
    per_contender: list[list[Outing]] = [[] for _ in contenders]
    for index, (round_, _round_rows) in enumerate(rounds):
        complete = absence_is_known(round_, names_whole_crew)
        outcomes: list[tuple[Outcome, Row | None, Award | None]] = []
        for c, _ in enumerate(contenders):
            row = rows[c][index]
            if row is None:
                outcomes.append(("absent" if complete else "unknown", None, None))
                unknown_so_far[c] |= not complete
                continue
            award = award_for(dataset, round_.number, row.index)
            totals[c] += award.points if award else 0
            outcomes.append(("raced", row, award))
        best = max(totals)
        provisional = any(unknown_so_far)
        for c, (outcome, row, award) in enumerate(outcomes):
            gap = None if outcome == "unknown" else best - totals[c]
            per_contender[c].append(
                Outing(round_, outcome, row, award, totals[c], gap, provisional)
            )
    pairs = tuple(
        _head_to_head(contenders[a], contenders[b], rows[a], rows[b])
        for a in range(len(contenders))
        for b in range(a + 1, len(contenders))
    )
    return Comparison(tuple(contenders), tuple(tuple(o) for o in per_contender), pairs)


def _head_to_head(
    first: Contender, second: Contender, first_rows: list[Row | None], second_rows: list[Row | None]
) -> HeadToHead:
    ahead = [0, 0]
    unknown = same_car = 0
    for a, b in zip(first_rows, second_rows):
        if a is None or b is None:
            continue  # did not meet
        if a.index == b.index:
            same_car += 1
            continue
        if a.result.car_class != b.result.car_class:
            continue
        order = _order(a, b)
        if order is None:
            unknown += 1
        else:
            ahead[order] += 1
    return HeadToHead(first, second, ahead[0], ahead[1], unknown, same_car)


def _order(a: Row, b: Row) -> int | None:
    """0 when ``a`` finished ahead, 1 when ``b`` did, None when the sources do not tell."""
    a_in, b_in = a.result.classified, b.result.classified
    if a_in != b_in:
        return 0 if a_in else 1
    if not a_in:
        return None  # both out: who lasted longer is not a finishing order
    if a.class_position is not None and b.class_position is not None:
        return 0 if a.class_position < b.class_position else 1
    return None


def crews(dataset: Dataset, car_class: str | None = None) -> list[Contender]:
    """Every crew of two or more that shared a car, in the order first seen."""
    seen: dict[tuple[str, ...], None] = {}
    for _, rows in _classified(dataset):
        for row in rows:
            if len(row.result.drivers) > 1 and car_class in (None, row.result.car_class):
                seen.setdefault(tuple(row.result.drivers), None)
    return [Contender(drivers) for drivers in seen]
