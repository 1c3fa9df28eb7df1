"""Every note of a dataset, gathered where a reader looks for it.

Notes hang off the season, teams, classes, rounds and single results. The round
details gather a round's own notes, its cars' notes and the notes of the teams
that raced there; the season's notes are shown with every round.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Dataset, Note, Round


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note with the thing it is about, as a short label (``""`` for the round itself)."""

    about: str
    note: Note


def round_notes(dataset: Dataset, round_: Round) -> list[PlacedNote]:
    """The round's notes, then its cars' notes (labelled by car), in classification order."""
    placed = [PlacedNote("", note) for note in round_.notes]
    for result in round_.results:
        if result.notes:
            number = f"#{result.number}" if result.number is not None else ""
            crew = ", ".join(dataset.driver_name(d) for d in result.drivers)
            about = " ".join(p for p in (number, crew) if p) or f"a {result.car_class} car"
            placed.extend(PlacedNote(about, note) for note in result.notes)
    return placed


def team_notes(dataset: Dataset, team_ids: list[str]) -> list[PlacedNote]:
    """Notes of the given teams, each team once, labelled by team name."""
    placed: list[PlacedNote] = []
    for team_id in dict.fromkeys(team_ids):
        team = dataset.team(team_id)
        if team is not None:
            placed.extend(PlacedNote(team.name, note) for note in team.notes)
    return placed


def round_teams(round_: Round) -> list[str]:
    """Team ids of the round's results, in classification order, each once."""
    return list(dict.fromkeys(r.team for r in round_.results if r.team is not None))
