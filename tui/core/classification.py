"""Values derived from a round's results: class positions, gaps, coverage.

Class position is derived from the overall order wherever the sources give every
overall position above a car (a contiguous top N). Elsewhere a result may state
its class position explicitly, because a report said "2nd in GTS" without the
rows in between. The two never disagree: :mod:`tui.core.checks` rejects a stored
class position that could have been derived.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Result, Round, Status


@dataclass(frozen=True, slots=True)
class Row:
    """A result with what the classification derives for it."""

    index: int  #: position of the result in ``round.results`` (a stable key within a round)
    result: Result
    class_position: int | None
    class_position_derived: bool  #: from the overall order, not stated by a source
    class_gap: str | None  #: behind the class leader; ``None`` when it cannot be told

    @property
    def key(self) -> str:
        """A key that survives rows above being inserted or removed.

        Car number where known, else the first driver, else the row index.
        """
        r = self.result
        if r.number is not None:
            return f"{r.car_class}#{r.number}"
        if r.drivers:
            return f"{r.car_class}:{r.drivers[0]}"
        return f"{r.car_class}@{self.index}"


def derivable_positions(round_: Round) -> int:
    """How many overall positions, counting from 1, the round knows without a hole."""
    known = {r.position for r in round_.results if r.position is not None}
    top = 0
    while top + 1 in known:
        top += 1
    return top


def classify(round_: Round, car_class: str | None = None) -> list[Row]:
    """The round's rows in classification order, optionally one class only.

    Order: overall position; then cars known only by class position; then
    unclassified cars by laps covered (most first), keeping file order on ties.
    """
    top = derivable_positions(round_)
    per_class_count: dict[str, int] = {}
    rows: list[Row] = []
    for index, result in sorted(enumerate(round_.results), key=lambda p: _order(p[1], p[0])):
        derived = None
        if result.position is not None and result.position <= top:
            per_class_count[result.car_class] = per_class_count.get(result.car_class, 0) + 1
            derived = per_class_count[result.car_class]
        position = derived if derived is not None else result.class_position
        rows.append(Row(index, result, position, derived is not None, None))
    leaders = {row.result.car_class: row for row in rows if row.class_position == 1}
    rows = [
        Row(r.index, r.result, r.class_position, r.class_position_derived,
            class_gap(r, leaders.get(r.result.car_class)))
        for r in rows
    ]
    if car_class is not None:
        rows = [r for r in rows if r.result.car_class == car_class]
        # With a class selected, cars known only by their class position sort in.
        rows.sort(key=lambda r: (r.class_position is None, r.class_position or 0, r.index)
                  if r.result.classified else (True, 10**6, -(r.result.laps or -1), r.index))
    return rows


def _order(result: Result, index: int) -> tuple[int, ...]:
    if result.position is not None:
        return (0, result.position, index)
    if result.status is Status.FINISHED:
        return (1, result.class_position or 10**6, index)
    return (2, -(result.laps if result.laps is not None else -1), index)


_LAPS = re.compile(r"^\+(\d+) laps?$")
_SECONDS = re.compile(r"^\+(\d+(?:\.\d+)?) s$")


def _gap_parts(gap: str | None) -> tuple[int | None, float | None]:
    if not gap:
        return None, None
    if m := _LAPS.match(gap):
        return int(m.group(1)), None
    if m := _SECONDS.match(gap):
        return 0, float(m.group(1))
    return None, None


def format_laps(laps: int) -> str:
    return f"+{laps} lap" if laps == 1 else f"+{laps} laps"


def class_gap(row: Row, leader: Row | None) -> str | None:
    """The gap to the class leader, from the facts the sources give.

    A gap printed by a source relative to the class winner wins; otherwise laps
    covered are compared; otherwise the two gaps to the overall winner are.
    """
    result = row.result
    # Retired and non-starting cars have no gap: their laps say what there is to say.
    if leader is None or leader.index == row.index or not result.classified:
        return None
    if result.class_gap:
        return result.class_gap
    lead = leader.result
    if result.laps is not None and lead.laps is not None:
        if lead.laps > result.laps:
            return format_laps(lead.laps - result.laps)
        if lead.laps == result.laps and result.classified:
            return "same lap"
        return None
    mine, theirs = _gap_parts(result.gap), _gap_parts(lead.gap)
    if lead.position == 1 and lead.gap is None:
        theirs = (0, 0.0)  # the overall winner is its own reference
    if mine[0] is None or theirs[0] is None:
        return None
    if mine[0] > theirs[0]:
        return format_laps(mine[0] - theirs[0])
    if mine[0] == theirs[0] and mine[1] is not None and theirs[1] is not None:
        return f"+{mine[1] - theirs[1]:.3f} s"
    return None


def coverage_line(round_: Round) -> str:
    """What the sources tell of this round's order, e.g. ``positions 1-12 of 25 known``."""
    positions = sorted({r.position for r in round_.results if r.position is not None})
    entries = round_.stats.entries.total if round_.stats and round_.stats.entries else None
    if round_.coverage.level == "full":
        known = f"full classification, {len(round_.results)} cars"
        if entries is not None and entries != len(round_.results):
            known += f" ({entries} entered)"
        return known
    ranges = ", ".join(_ranges(positions)) or "no overall positions"
    of = f" of {entries}" if entries is not None else ""
    noun = "position" if len(positions) == 1 else "positions"
    line = f"{noun} {ranges}{of} known" if positions else f"no overall positions known{of and ' (' + str(entries) + ' entered)'}"
    others = sum(1 for r in round_.results if r.position is None)
    if others:
        line += f"; {others} more car{'s' if others != 1 else ''} known by class or status"
    return line


def _ranges(numbers: list[int]) -> list[str]:
    out: list[str] = []
    start: int | None = None
    prev = 0
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
    return out
