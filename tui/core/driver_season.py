"""A driver's season gathered from every round: cars, teams, co-drivers, notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .classification import Row, classify
from .models import Dataset, Note, Round


@dataclass(frozen=True, slots=True)
class Outing:
    """One round as a driver saw it; ``row`` is None when no known result names them."""

    round: Round
    row: Row | None


@dataclass(frozen=True, slots=True)
class DriverSeason:
    driver_id: str
    outings: tuple[Outing, ...]  #: one per round, in calendar order
    co_drivers: tuple[tuple[str, int], ...]  #: (driver id, shared rounds), most shared first
    notes: tuple[tuple[Round | None, Note], ...]  #: (round or None for season-wide, note)

    @property
    def classes(self) -> list[str]:
        """Classes raced, in the order first raced."""
        seen: dict[str, None] = {}
        for outing in self.outings:
            if outing.row:
                seen.setdefault(outing.row.result.car_class, None)
        return list(seen)


def driver_season(dataset: Dataset, driver_id: str) -> DriverSeason:
    """Everything the data says about one driver, in calendar order."""
    outings = []
    partners: Counter[str] = Counter()
    notes: list[tuple[Round | None, Note]] = [
        (None, note) for note in dataset.season.notes if driver_id in note.drivers
    ]
    for round_ in dataset.rounds:
        row = next((r for r in classify(round_) if driver_id in r.result.drivers), None)
        outings.append(Outing(round_, row))
        if row is not None:
            partners.update(d for d in row.result.drivers if d != driver_id)
            notes.extend((round_, note) for note in row.result.notes)
        numbers = {row.result.number} if row and row.result.number is not None else set()
        for note in round_.notes:
            if driver_id in note.drivers or (note.car is not None and note.car in numbers):
                notes.append((round_, note))
    ordered = sorted(partners.items(), key=lambda item: (-item[1], item[0]))
    return DriverSeason(driver_id, tuple(outings), tuple(ordered), tuple(notes))
