"""Recorded champions set against the derived standings.

The standings are computed from the results the data holds; where the sources
name a champion (``season.champions``), the two are compared, and a derived
leader that differs is explained from what the data says about itself: which
rounds lack results for the champion, and which readings of the rules the
totals rest on.
"""

from __future__ import annotations

from dataclasses import dataclass

from .citation import short_citation
from .models import Champion, Dataset
from .points import Standing, Standings, ordinal

#: Readings of the rules that can change a total, so that a derived leader may differ.
_TOTAL_CHANGING_READINGS = ("bonus", "unknown_laps", "distance")

#: What derived standings are, said the same way on the screen and in every export.
DERIVED_CAVEAT = (
    "Derived from the known results under the data's points rules; "
    "not the official totals, which the sources do not give."
)


@dataclass(frozen=True, slots=True)
class RecordCheck:
    """One recorded champion, the derived leaders beside it, and why they may differ."""

    champion: Champion
    holder_ids: tuple[str, ...]  #: driver ids, or the team id for a teams' title
    holder_names: tuple[str, ...]
    source_labels: tuple[str, ...]  #: short citations (publisher, date), never ids
    leaders: tuple[Standing, ...]  #: the derived rank-1 entries
    matches: bool  #: every recorded holder is among the derived leaders
    #: Why the derived table may not show the recorded result; computed from the data.
    reasons: tuple[str, ...]


def recorded_champion(dataset: Dataset, standings: Standings) -> RecordCheck | None:
    """The recorded champion of the table's class and kind, checked; ``None`` if none is recorded."""
    champion = next(
        (
            c
            for c in dataset.season.champions
            if c.car_class == standings.car_class and c.title == standings.kind
        ),
        None,
    )
    if champion is None:
        return None
    if champion.title == "drivers":
        holders = tuple(champion.drivers)
        names = tuple(dataset.driver_name(d) for d in holders)
    else:
        holders = (champion.team,) if champion.team else ()
        team = dataset.team(champion.team) if champion.team else None
        names = (team.name if team else champion.team or "",)
    leaders = tuple(e for e in standings.entries if e.rank == 1)
    leader_ids = {e.id for e in leaders}
    matches = bool(holders) and all(h in leader_ids for h in holders)
    sources = tuple(
        short_citation(s) for s in (dataset.source(i) for i in champion.sources) if s is not None
    )
    return RecordCheck(
        champion=champion,
        holder_ids=holders,
        holder_names=names,
        source_labels=sources,
        leaders=leaders,
        matches=matches,
        reasons=() if matches else _reasons(dataset, standings, holders, names),
    )


def _reasons(
    dataset: Dataset, standings: Standings, holders: tuple[str, ...], names: tuple[str, ...]
) -> tuple[str, ...]:
    by_id = {e.id: e for e in standings.entries}
    reasons: list[str] = []
    if standings.partial_rounds:
        counted = len(standings.rounds)
        shown = ", ".join(f"R{n}" for n in standings.partial_rounds)
        reasons.append(
            f"{len(standings.partial_rounds)} of {counted} rounds have incomplete results ({shown})"
        )
    for holder, name in zip(holders, names):
        entry = by_id.get(holder)
        if entry is None:
            reasons.append(f"{name} has no known result in {standings.car_class}")
            continue
        leader_points = max((e.points for e in standings.entries), default=0)
        behind = leader_points - entry.points
        place = f"{name} is {ordinal(entry.rank)} on {entry.points} pts, {behind} behind"
        if entry.open_rounds:
            open_rounds = ", ".join(f"R{n}" for n in entry.open_rounds)
            place += f"; results that may hold points of theirs are missing in {open_rounds}"
        reasons.append(place)
    # A leader, or anyone ranked with or above a holder, whose total rests partly on
    # a place the sources leave uncertain: the order itself may be wrong.
    # (Without a holder in the table: the leaders.)
    down_to = min((by_id[h].rank for h in holders if h in by_id), default=1)
    for entry in standings.entries:
        if entry.rank <= down_to and entry.uncertain_points:
            rounds = ", ".join(f"R{n}" for n in entry.uncertain_rounds)
            reasons.append(
                f"{entry.name}'s {entry.points} pts include {entry.uncertain_points} "
                f"from a place the sources leave uncertain ({rounds})"
            )
    readings = [
        r.topic.lower() for r in dataset.points.readings if r.rule in _TOTAL_CHANGING_READINGS
    ]
    if readings:
        reasons.append(f"the totals rest on readings of the rules: {'; '.join(readings)}")
    return tuple(reasons)
