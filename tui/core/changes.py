"""What changed between two versions of a dataset, in words a user reads at a glance.

Results are matched by car (the classification's row key), not by their place
in the file, so inserting a row above another is one addition, not a cascade.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import points
from .classification import classify
from .models import Dataset


@dataclass(frozen=True, slots=True)
class RoundChange:
    number: int
    added: int = 0
    removed: int = 0
    changed: int = 0
    facts_changed: bool = False  #: name, date, poles, notes, coverage...

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.facts_changed)

    def describe(self) -> str:
        parts = []
        for count, word in ((self.changed, "changed"), (self.added, "added"), (self.removed, "removed")):
            if count:
                parts.append(f"{count} result{'s' if count != 1 else ''} {word}")
        if self.facts_changed:
            parts.append("event details changed")
        return f"Round {self.number}: " + ", ".join(parts)


@dataclass(frozen=True, slots=True)
class DatasetChanges:
    rounds: tuple[RoundChange, ...]
    rounds_added: tuple[int, ...]
    rounds_removed: tuple[int, ...]
    standings_recomputed: tuple[str, ...]  #: classes whose standings differ
    other: tuple[str, ...]  #: drivers, teams, classes, sources, rules

    @property
    def any(self) -> bool:
        return bool(self.rounds or self.rounds_added or self.rounds_removed or self.other
                    or self.standings_recomputed)

    def summary(self) -> str:
        """One line per kind of change; ``No visible change`` when the data is equal."""
        lines = [r.describe() for r in self.rounds]
        if self.rounds_added:
            lines.append("Rounds added: " + ", ".join(map(str, self.rounds_added)))
        if self.rounds_removed:
            lines.append("Rounds removed: " + ", ".join(map(str, self.rounds_removed)))
        lines.extend(self.other)
        if self.standings_recomputed:
            lines.append(f"{', '.join(self.standings_recomputed)} standings recomputed")
        return "\n".join(lines) if lines else "No visible change"


def compare(old: Dataset, new: Dataset) -> DatasetChanges:
    old_rounds = {r.number: r for r in old.rounds}
    new_rounds = {r.number: r for r in new.rounds}
    round_changes = []
    for number in sorted(old_rounds.keys() & new_rounds.keys()):
        before, after = old_rounds[number], new_rounds[number]
        if before == after:
            continue
        old_rows = {row.key: row.result for row in classify(before)}
        new_rows = {row.key: row.result for row in classify(after)}
        change = RoundChange(
            number,
            added=len(new_rows.keys() - old_rows.keys()),
            removed=len(old_rows.keys() - new_rows.keys()),
            changed=sum(1 for k in old_rows.keys() & new_rows.keys() if old_rows[k] != new_rows[k]),
            facts_changed=before.model_copy(update={"results": []}) != after.model_copy(update={"results": []}),
        )
        if change.any:
            round_changes.append(change)
    other = []
    for label, attribute in (("Drivers", "drivers"), ("Teams", "teams"), ("Classes", "classes"),
                             ("Sources", "sources"), ("Points rules", "points"), ("Season", "season")):
        if getattr(old, attribute) != getattr(new, attribute):
            other.append(f"{label} changed")
    recomputed = tuple(
        c.id for c in new.classes
        if _table(old, c.id) != _table(new, c.id)
    )
    return DatasetChanges(
        tuple(round_changes),
        tuple(sorted(new_rounds.keys() - old_rounds.keys())),
        tuple(sorted(old_rounds.keys() - new_rounds.keys())),
        recomputed,
        tuple(other),
    )


def _table(dataset: Dataset, class_id: str) -> tuple[tuple[str, str, int, int, bool], ...]:
    """The parts of a class's standings a reader sees: who, rank, points."""
    if dataset.car_class(class_id) is None:
        return ()
    return tuple(
        (kind, s.id, s.rank, s.points, s.provisional)
        for kind, table in (("d", points.driver_standings(dataset, class_id)),
                            ("t", points.team_standings(dataset, class_id)))
        for s in table.entries
    )
