"""A driver's season gathered from every round: cars, teams, co-drivers, notes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .classification import Row, classify
from .memo import per_dataset
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
    return per_dataset(dataset, ("driver_season", driver_id), lambda: _gather(dataset, driver_id))


def prepare(dataset: Dataset) -> None:
    """Build the season's driver index now, off the UI thread.

    The first driver shown after a reload otherwise classifies every round on the
    UI thread (60 ms for 10,000 results, a visible freeze); the app's loading
    thread calls this before handing the season over.
    """
    _rows_by_driver(dataset)


def _rows_by_driver(dataset: Dataset) -> dict[tuple[int, str], Row]:
    """(round number, driver id) -> that driver's row: classify each round once per season."""

    def build() -> dict[tuple[int, str], Row]:
        index: dict[tuple[int, str], Row] = {}
        for round_ in dataset.rounds:
            for row in classify(round_):
                for driver_id in row.result.drivers:
                    index.setdefault((round_.number, driver_id), row)
        return index

    return per_dataset(dataset, ("rows_by_driver",), build)


def _gather(dataset: Dataset, driver_id: str) -> DriverSeason:
    rows = _rows_by_driver(dataset)
    outings = []
    partners: Counter[str] = Counter()
    notes: list[tuple[Round | None, Note]] = [
        (None, note) for note in dataset.season.notes if driver_id in note.drivers
    ]
    for round_ in dataset.rounds:
        row = rows.get((round_.number, driver_id))
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
