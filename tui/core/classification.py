"""Values derived from a round's results: class positions, gaps, coverage.

Class position is derived from the overall order wherever the sources give every
overall position above a car (a contiguous top N). Elsewhere a result may state
its class position explicitly, because a report said "2nd in GTS" without the
rows in between. The two never disagree: :mod:`tui.core.checks` rejects a stored
class position that could have been derived.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

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


def row_by_key(round_: Round, key: str) -> Row | None:
    """The round's row whose :attr:`Row.key` is ``key`` (compared whole, never by prefix)."""
    return next((row for row in classify(round_) if row.key == key), None)


def _order(result: Result, index: int) -> tuple[int, ...]:
    if result.position is not None:
        return (0, result.position, index)
    if result.status is Status.FINISHED:
        return (1, result.class_position or 10**6, index)
    return (2, -(result.laps if result.laps is not None else -1), index)


_LAPS = re.compile(r"^\+(\d+) laps?$")
_SECONDS = re.compile(r"^\+(\d+(?:\.\d+)?) s$")

#: A class gap on the leader's lap where no time is known: not a measure of margin.
SAME_LAP = "same lap"

#: A printed gap as (laps behind, seconds behind on that lap); either may be unknown.
GapParts = tuple[int | None, Decimal | None]


def _gap_parts(gap: str | None) -> GapParts:
    if not gap:
        return None, None
    if m := _LAPS.match(gap):
        return int(m.group(1)), None
    if m := _SECONDS.match(gap):
        # Decimal, not float: the difference of two printed times keeps the
        # precision the sources printed (16.319 - 0 is 16.319, not 16.319000001).
        return 0, Decimal(m.group(1))
    return None, None


def format_laps(laps: int) -> str:
    return f"+{laps} lap" if laps == 1 else f"+{laps} laps"


def class_gap(row: Row, leader: Row | None) -> str | None:
    """The gap to the class leader, from the facts the sources give.

    A gap printed by a source relative to the class winner wins. Otherwise laps
    covered are compared; on the same lap, the two printed gaps to the overall
    winner give the time between them where both are known (the overall winner
    being its own reference), and only when no time is known is it "same lap".
    Without laps, the two gaps to the overall winner are compared.
    """
    result = row.result
    # Retired and non-starting cars have no gap: their laps say what there is to say.
    if leader is None or leader.index == row.index or not result.classified:
        return None
    if result.class_gap:
        return result.class_gap
    lead = leader.result
    mine, theirs = _gap_parts(result.gap), _gap_parts(lead.gap)
    if lead.position == 1 and lead.gap is None:
        theirs = (0, Decimal(0))  # the overall winner is its own reference
    if result.laps is not None and lead.laps is not None:
        if lead.laps > result.laps:
            return format_laps(lead.laps - result.laps)
        if lead.laps == result.laps:
            return _time_between(mine, theirs) or SAME_LAP
        return None
    if mine[0] is None or theirs[0] is None:
        return None
    if mine[0] > theirs[0]:
        return format_laps(mine[0] - theirs[0])
    if mine[0] == theirs[0]:
        return _time_between(mine, theirs)
    return None


def _time_between(mine: GapParts, theirs: GapParts) -> str | None:
    """``+S s`` between two gaps to the overall winner on the same lap, if both are times."""
    if mine[0] is None or mine[0] != theirs[0] or mine[1] is None or theirs[1] is None:
        return None
    seconds = mine[1] - theirs[1]
    if seconds < 0:
        return None  # ahead of its class leader on time: the facts disagree; tell nothing
    return f"+{seconds:f} s"


@dataclass(frozen=True, slots=True)
class Margin:
    """How far a class winner finished ahead of the second in class."""

    car_class: str
    winner: Row | None
    runner_up: Row | None
    gap: str | None  #: the runner-up's gap to the winner, where the facts tell it

    @property
    def known(self) -> bool:
        return self.gap is not None

    @property
    def text(self) -> str:
        """The margin, or what the sources do not say."""
        if self.gap is not None:
            return self.gap
        if self.winner is None:
            return "class winner not in the sources"
        if self.runner_up is None:
            return "second in class not in the sources"
        return "second in class known, gap not in the sources"


def class_margins(round_: Round, class_ids: Iterable[str]) -> list[Margin]:
    """Each class's winning margin (class positions 1 and 2), in ``class_ids`` order.

    Nothing is estimated: the margin is the runner-up's derived class gap, so a
    stated class gap, laps or printed times; otherwise it is unknown and says why.
    """
    firsts: dict[str, Row] = {}
    seconds: dict[str, Row] = {}
    for row in classify(round_):
        place = {1: firsts, 2: seconds}.get(row.class_position or 0)
        if place is not None:
            place.setdefault(row.result.car_class, row)
    margins = []
    for class_id in class_ids:
        winner, runner_up = firsts.get(class_id), seconds.get(class_id)
        gap = runner_up.class_gap if winner is not None and runner_up is not None else None
        margins.append(Margin(class_id, winner, runner_up, gap))
    return margins


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


def absence_is_known(round_: Round, tells: Callable[[Result], bool]) -> bool:
    """Whether a thing missing from the round's rows was really not there.

    Only where the classification is full *and* every row ``tells`` the fact
    looked for (a row without a number could be car #3; a row whose crew is
    incomplete could hold the driver). Elsewhere an absence is unknown.
    """
    return round_.coverage.level == "full" and all(tells(result) for result in round_.results)


def names_whole_crew(result: Result) -> bool:
    """A row that names every driver of its car (a driver missing from it did not drive it)."""
    return bool(result.drivers) and result.crew_complete
