"""How a class's championship unfolded: cumulative points and places after each round.

Built from the final table's awards (:mod:`tui.core.points`), so a team counts its
best car per round here as there. A round where an entry's result is unknown
(a round without full coverage with no known result of theirs:
:attr:`~tui.core.points.Standing.open_rounds`) has no value: ``None``, never 0.
Places after a round rank every entry that has a result by then, ties sharing a
place as in the tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from .memo import per_dataset
from .models import Dataset
from .points import Kind, Standing, driver_standings, team_standings


@dataclass(frozen=True, slots=True)
class Step:
    """One entry after one round."""

    round_number: int
    #: Points so far; None when this round's result is unknown for the entry.
    points: int | None
    #: Points scored in this round; None when unknown.
    gained: int | None
    #: Place in the table after this round; None before the entry's first result.
    rank: int | None
    #: Places gained since the previous round (positive: up); None when not ranked before.
    change: int | None

    @property
    def unknown(self) -> bool:
        return self.points is None


@dataclass(frozen=True, slots=True)
class Line:
    id: str
    name: str
    final_points: int
    final_rank: int
    steps: tuple[Step, ...]


@dataclass(frozen=True, slots=True)
class Progression:
    car_class: str
    kind: Kind
    rounds: tuple[int, ...]
    lines: tuple[Line, ...]

    @property
    def most_points(self) -> int:
        """The top of the scale the bars share."""
        return max((line.final_points for line in self.lines), default=0)


def progression(dataset: Dataset, car_class: str, kind: Kind) -> Progression:
    """The class table of ``kind`` round by round."""

    def build() -> Progression:
        standings = (driver_standings if kind == "drivers" else team_standings)(dataset, car_class)
        rounds = tuple(sorted(r.number for r in dataset.rounds))
        full = {r.number for r in dataset.rounds if r.coverage.level == "full"}
        ranks = _ranks_per_round(standings.entries, rounds)
        lines = []
        for entry in standings.entries:
            steps = []
            total = 0
            previous_rank: int | None = None
            for number in rounds:
                awards = [a for a in entry.awards if a.round_number == number]
                rank = ranks[number].get(entry.id)
                unknown = not awards and number not in full and number in entry.open_rounds
                gained = None if unknown else sum(a.points for a in awards)
                total += gained or 0
                change = None if rank is None or previous_rank is None else previous_rank - rank
                steps.append(Step(number, None if unknown else total, gained, rank, change))
                previous_rank = rank if rank is not None else previous_rank
            lines.append(Line(entry.id, entry.name, entry.points, entry.rank, tuple(steps)))
        return Progression(car_class, kind, rounds, tuple(lines))

    return per_dataset(dataset, ("progression", car_class, kind), build)


def _ranks_per_round(entries: tuple[Standing, ...], rounds: tuple[int, ...]) -> dict[int, dict[str, int]]:
    """Round -> entry id -> place after that round, among entries with a result by then."""
    first_round = {e.id: min((a.round_number for a in e.awards), default=None) for e in entries}
    out: dict[int, dict[str, int]] = {}
    for number in rounds:
        totals = [
            (sum(a.points for a in e.awards if a.round_number <= number), e.id)
            for e in entries
            if (first := first_round[e.id]) is not None and first <= number
        ]
        totals.sort(key=lambda t: -t[0])
        ranked: dict[str, int] = {}
        for index, (points, entry_id) in enumerate(totals):
            tied = index and totals[index - 1][0] == points
            ranked[entry_id] = ranked[totals[index - 1][1]] if tied else index + 1
        out[number] = ranked
    return out


def change_mark(change: int | None) -> str:
    """``▲+2``, ``▼-1``, ``=``; empty when there is nothing to compare with.

    The sign says it without the arrow (a screen reader, a font without it).
    """
    if change is None:
        return ""
    if change > 0:
        return f"▲+{change}"
    if change < 0:
        return f"▼{change}"
    return "="


#: Eighths of a cell, for bars on a shared scale.
_EIGHTHS = " ▏▎▍▌▋▊▉"
_LEVELS = "▁▂▃▄▅▆▇█"


def bar(points: int, most: int, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``most`` points (eighth-cell steps)."""
    if most <= 0 or points <= 0:
        return ""
    eighths = round(points / most * width * 8)
    full, part = divmod(max(eighths, 1), 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def level(points: int | None, most: int) -> str:
    """One cell for a round on the shared scale: ``·`` unknown, ``_`` none yet, else a block."""
    if points is None:
        return "·"
    if points <= 0 or most <= 0:
        return "_"
    return _LEVELS[min(7, max(0, -(-points * 8 // most) - 1))]
