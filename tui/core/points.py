"""Championship points and standings, derived from results under the data's rules.

Nothing here is stored: every point comes from a result, the round's points scale
and the :class:`~tui.core.models.PointsRules` in the dataset, and every award
carries a sentence saying how it was reached, so the UI can show *why*.

The rules as implemented:

- A classified car with class position *p* scores ``scale.points[p-1]`` of its
  round's scale (0 beyond the scale). Class positions come from
  :func:`tui.core.classification.classify` (derived from the overall order, or
  stated by a source).
- Distance rule: a car that covered fewer than ``min_distance_fraction`` of the
  reference laps (the class winner's or the overall winner's, per
  ``distance_reference``) scores 0. The reference car itself always qualifies.
  Laps not stored are read from a printed lap gap where the leader's laps are
  known (``+3 laps`` behind a 169-lap winner is 166 laps); when the car's or the
  reference's laps stay unknown, the car scores iff ``unknown_laps_score``.
- Unclassified cars (DNF, DNS, DSQ, NC) score nothing; they still get a
  zero-point :class:`Award` so the UI can say so.
- Drivers: the sum of their awards in one class (a driver who raced in two
  classes stands in both). Teams: per round, only the team's best-placed car in
  the class counts (``team_scoring = "best_car"``); results without a team id
  are left out and counted.
- Ties share a rank (1, 1, 3); the data gives no tie-break rule, so tied entries
  are listed by name only for a stable order.
- A table is provisional when a round it counts does not have full coverage; an
  entry is provisional when such a round may hide points of its own (see
  :attr:`Standing.open_rounds`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal

from .classification import Row, classify
from .memo import per_dataset
from .models import Dataset, PointsRules, PointsScale, Round

Kind = Literal["drivers", "teams"]


@dataclass(frozen=True, slots=True)
class Award:
    """What one car's result in one round earned its crew and team, and why."""

    round_number: int
    car_class: str
    class_position: int | None  #: ``None`` when unclassified or not known
    points: int
    scale_id: str
    rule_text: str  #: e.g. "2nd in LMP1 under the 2 h 45 min scale (20-16-13-...): 16 pts"
    result_index: int  #: index of the result in ``round.results``
    number: int | None
    drivers: tuple[str, ...]
    team: str | None
    classified: bool
    #: The place it scores for is an inference or unclearly worded (``Result.uncertain``).
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class Standing:
    """One driver or team in a class table."""

    rank: int  #: shared by entries with equal points
    id: str
    name: str
    points: int
    awards: tuple[Award, ...]  #: the awards counted, in round order
    not_counted: tuple[Award, ...]  #: teams: the team's other cars in a round
    #: Rounds without full coverage that may hide points of this entry: it has no
    #: known result there, or (teams) a car above its best one is unknown.
    open_rounds: tuple[int, ...]

    @property
    def provisional(self) -> bool:
        return bool(self.open_rounds)

    @property
    def uncertain_points(self) -> int:
        """Points of the total that rest on a place the sources leave uncertain."""
        return sum(a.points for a in self.awards if a.uncertain)

    @property
    def uncertain_rounds(self) -> tuple[int, ...]:
        """Rounds whose counted points rest on an uncertain place."""
        return tuple(sorted({a.round_number for a in self.awards if a.uncertain and a.points}))


@dataclass(frozen=True, slots=True)
class Standings:
    """A class table of drivers or teams."""

    car_class: str
    kind: Kind
    entries: tuple[Standing, ...]
    rounds: tuple[int, ...]  #: the rounds counted
    partial_rounds: tuple[int, ...]  #: counted rounds whose coverage is not "full"
    #: Classified results in this class without a team id (teams only; 0 for drivers).
    skipped_without_team: int

    @property
    def provisional(self) -> bool:
        return bool(self.partial_rounds)


# --- awards ------------------------------------------------------------------


def awards(dataset: Dataset) -> tuple[Award, ...]:
    """Every result's award, in round order then classification order."""

    def compute() -> tuple[Award, ...]:
        rounds = _by_number(dataset.rounds)
        return tuple(a for round_ in rounds for a in _round_awards(dataset, round_))

    return per_dataset(dataset, ("awards",), compute)


def award_for(dataset: Dataset, round_number: int, result_index: int) -> Award | None:
    """The award of ``round.results[result_index]`` (for a result's detail view)."""
    index = per_dataset(
        dataset,
        ("award_index",),
        lambda: {(a.round_number, a.result_index): a for a in awards(dataset)},
    )
    return index.get((round_number, result_index))


def driver_awards(dataset: Dataset, driver_id: str) -> tuple[Award, ...]:
    """One driver's awards in every round and class, in round order."""
    return tuple(a for a in awards(dataset) if driver_id in a.drivers)


def _by_number(rounds: Iterable[Round]) -> list[Round]:
    return sorted(rounds, key=lambda r: r.number)


def _round_awards(dataset: Dataset, round_: Round) -> list[Award]:
    rows = classify(round_)
    overall_winner = next((r for r in rows if r.result.position == 1), None)
    class_winners = {r.result.car_class: r for r in rows if r.class_position == 1}
    scale = dataset.scale(round_.points_scale)
    out = []
    for row in rows:
        class_winner = class_winners.get(row.result.car_class)
        points, text = _score(row, round_, scale, dataset.points, overall_winner, class_winner)
        result = row.result
        out.append(
            Award(
                round_number=round_.number,
                car_class=result.car_class,
                class_position=row.class_position if result.classified else None,
                points=points,
                scale_id=round_.points_scale,
                rule_text=text,
                result_index=row.index,
                number=result.number,
                drivers=tuple(result.drivers),
                team=result.team,
                classified=result.classified,
                uncertain=result.uncertain,
            )
        )
    return out


def _score(
    row: Row,
    round_: Round,
    scale: PointsScale | None,
    rules: PointsRules,
    overall_winner: Row | None,
    class_winner: Row | None,
) -> tuple[int, str]:
    """Points for one row and the sentence that explains them."""
    result = row.result
    car_class = result.car_class
    if not result.classified:
        why = f" ({result.reason})" if result.reason else ""
        return 0, f"{result.status.label} in {car_class}{why}: not classified, 0 pts"
    position = row.class_position
    if position is None:
        return 0, f"classified in {car_class}, class position unknown: 0 pts"
    placed = f"{ordinal(position)} in {car_class}"
    if scale is None:
        missing_scale = f"the round's points scale {round_.points_scale!r} is not in the data"
        return 0, f"{placed} but {missing_scale}: 0 pts"
    label = _scale_label(scale)
    if position > len(scale.points):
        return 0, f"{placed}: 0 pts (the {label} scale pays the top {len(scale.points)})"
    earned = scale.points[position - 1]
    scored = f"{placed} under the {label} scale ({_scale_preview(scale)}): {_pts(earned)}"

    by_class = rules.distance_reference == "class_winner"
    reference = class_winner if by_class else overall_winner
    if reference is not None and reference.index == row.index:
        return earned, scored  # the reference car covers its own distance
    share = _percent(rules.min_distance_fraction)
    whose = "class winner's" if by_class else "overall winner's"
    laps, laps_how = known_laps(row, overall_winner, class_winner)
    ref_laps = known_laps(reference, overall_winner, class_winner)[0] if reference else None
    if laps is None or ref_laps is None:
        missing = "laps unknown" if laps is None else f"the {whose} laps unknown"
        reading = f"reading: {_unknown_laps_reading(rules)}"
        if rules.unknown_laps_score:
            return earned, f"{scored}; {missing}: presumed to meet the {share} rule ({reading})"
        not_met = f"not presumed to meet the {share} rule ({reading})"
        return 0, f"{placed} but {missing}: {not_met}: 0 pts"
    # Exact decimal arithmetic: 0.7 * 100 must mean 70, not 70.00000000000001.
    if Fraction(laps) < Fraction(str(rules.min_distance_fraction)) * ref_laps:
        how = f"; {laps} {laps_how}" if laps_how else ""
        return 0, f"{placed} but {laps} of {ref_laps} laps (< {share} of the {whose}{how}): 0 pts"
    return earned, scored


def known_laps(
    row: Row, overall_winner: Row | None, class_winner: Row | None
) -> tuple[int | None, str]:
    """Laps covered, as stored or read from a printed lap gap; and how they were read.

    A gap of ``+N laps`` to a leader whose laps are stored means ``leader - N`` laps;
    a gap in seconds means the leader's lap. Nothing else is inferred. The second
    value is empty for stored laps, else e.g. ``"from the gap +3 laps to the
    overall winner's 169"``.
    """
    result = row.result
    if result.laps is not None:
        return result.laps, ""
    for gap, leader, who in (
        (result.gap, overall_winner, "overall winner"),
        (result.class_gap, class_winner, "class winner"),
    ):
        if gap and leader is not None and leader.result.laps is not None:
            behind = _laps_behind(gap)
            if behind <= leader.result.laps:
                lead = leader.result.laps
                return lead - behind, f"from the gap {gap} to the {who}'s {lead}"
    return None, ""


def _laps_behind(gap: str) -> int:
    # Gap strings are validated by the model: "+N lap(s)" or "+S.sss s".
    number, unit = gap[1:].split(" ", 1)
    return int(number) if unit.startswith("lap") else 0


def _unknown_laps_reading(rules: PointsRules) -> str:
    """The dataset's own reading about unknown laps, else the setting itself."""
    for reading in rules.readings:
        if reading.rule == "unknown_laps":
            return reading.text
    return f"the data sets unknown_laps_score = {str(rules.unknown_laps_score).lower()}"


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _scale_label(scale: PointsScale) -> str:
    # Data may name a scale "2 h 45 min" or "2 h 45 min scale"; avoid "scale scale".
    name = scale.name
    return name[: -len(" scale")] if name.casefold().endswith(" scale") else name


def _scale_preview(scale: PointsScale) -> str:
    shown = "-".join(str(p) for p in scale.points[:3])
    return shown + "-..." if len(scale.points) > 3 else shown


def _pts(points: int) -> str:
    return "1 pt" if points == 1 else f"{points} pts"


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.4g} %"


# --- standings -----------------------------------------------------------------


def driver_standings(
    dataset: Dataset, car_class: str, round_number: int | None = None
) -> Standings:
    """Drivers' table for one class; only ``round_number`` when given."""
    return per_dataset(
        dataset,
        ("drivers", car_class, round_number),
        lambda: _standings(dataset, car_class, "drivers", round_number),
    )


def team_standings(
    dataset: Dataset, car_class: str, round_number: int | None = None
) -> Standings:
    """Teams' table for one class (best car per round); only ``round_number`` when given."""
    return per_dataset(
        dataset,
        ("teams", car_class, round_number),
        lambda: _standings(dataset, car_class, "teams", round_number),
    )


def _standings(
    dataset: Dataset, car_class: str, kind: Kind, round_number: int | None
) -> Standings:
    rounds = [r for r in _by_number(dataset.rounds) if round_number in (None, r.number)]
    counted = tuple(r.number for r in rounds)
    partial = tuple(r.number for r in rounds if r.coverage.level != "full")
    in_class = [
        a for a in awards(dataset) if a.car_class == car_class and a.round_number in counted
    ]
    if kind == "drivers":
        groups, skipped = _driver_groups(in_class), 0
    else:
        groups, skipped = _team_groups(in_class)
    known_positions = {
        (a.round_number, a.class_position) for a in in_class if a.class_position is not None
    }
    unranked = []
    for entry_id, (scoring, others) in groups.items():
        exact = _exact_rounds(kind, scoring, known_positions)
        if kind == "drivers":
            name = dataset.driver_name(entry_id)
        else:
            name = _team_name(dataset, entry_id)
        unranked.append(
            Standing(
                rank=0,  # set below, once the order is known
                id=entry_id,
                name=name,
                points=sum(a.points for a in scoring),
                awards=tuple(sorted(scoring, key=_in_season)),
                not_counted=tuple(sorted(others, key=_in_season)),
                open_rounds=tuple(r for r in partial if r not in exact),
            )
        )
    unranked.sort(key=lambda e: (-e.points, e.name.casefold(), e.id))
    entries: list[Standing] = []
    for i, entry in enumerate(unranked):
        tied = entries and entries[-1].points == entry.points
        entries.append(replace(entry, rank=entries[-1].rank if tied else i + 1))
    return Standings(car_class, kind, tuple(entries), counted, partial, skipped)


# entry id -> (awards counted, awards not counted)
_Groups = dict[str, tuple[list[Award], list[Award]]]


def _driver_groups(in_class: list[Award]) -> _Groups:
    groups: _Groups = {}
    for award in in_class:
        for driver in award.drivers:
            groups.setdefault(driver, ([], []))[0].append(award)
    return groups


def _team_groups(in_class: list[Award]) -> tuple[_Groups, int]:
    """Each team's best car per round counts; also how many classified rows had no team."""
    per_round: dict[tuple[str, int], list[Award]] = {}
    skipped = 0
    for award in in_class:
        if award.team is None:
            skipped += award.classified
            continue
        per_round.setdefault((award.team, award.round_number), []).append(award)
    groups: _Groups = {}
    for (team, _), cars in per_round.items():
        best, *others = sorted(cars, key=_placing)
        scoring, not_counted = groups.setdefault(team, ([], []))
        scoring.append(best)
        not_counted.extend(others)
    return groups, skipped


def _placing(award: Award) -> tuple[bool, int, int]:
    """Best-placed first: classified with a known class position, then the rest."""
    return (award.class_position is None, award.class_position or 0, award.result_index)


def _in_season(award: Award) -> tuple[int, int]:
    return (award.round_number, award.result_index)


def _exact_rounds(
    kind: Kind, counted: list[Award], known_positions: set[tuple[int, int]]
) -> set[int]:
    """Rounds where the entry's points cannot grow with more data.

    A driver's round is exact when each of their cars there has a known outcome
    (unclassified, or a class position). A team's round is exact when its best car
    has a class position and every class position above it is known too, so no
    unseen car of the team can have placed better.
    """
    by_round: dict[int, list[Award]] = {}
    for award in counted:
        by_round.setdefault(award.round_number, []).append(award)
    exact = set()
    for number, cars in by_round.items():
        if kind == "drivers":
            if all(a.class_position is not None or not a.classified for a in cars):
                exact.add(number)
        else:
            (best,) = cars
            p = best.class_position
            if p is not None and all((number, q) in known_positions for q in range(1, p)):
                exact.add(number)
    return exact


def _team_name(dataset: Dataset, team_id: str) -> str:
    team = dataset.team(team_id)
    return team.name if team else team_id

