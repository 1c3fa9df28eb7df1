"""Semantic rules that span records: references, uniqueness, order, consistency.

The models check each record on its own; these rules need the whole dataset
(does this driver id exist? is position 2 given twice in a round?). They run
only on a dataset that passed the schema, and every problem names the field
path it concerns so the loader's source map can place it in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, get_args

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .classification import classify
from .models import Champion, ClassCounts, Dataset, Note, Pole, Result, Round, Text
from .problems import MAX_PROBLEMS, Problem, location_name, not_listed
from .source_map import Loc, Locator, render_path
from .suggest import Suggester


def check(
    dataset: Dataset, locator: Locator, filename: str, *, controls_possible: bool = True
) -> list[Problem]:
    """Every semantic problem in ``dataset``, located through ``locator``.

    Rules: ids unique per kind; every id a record refers to exists (classes,
    drivers, teams, sources, points scales, a champion's clinching round); no
    driver listed twice in a pole, note or champion; one recorded champion per
    class and title;
    no control characters in any string (free text may hold tabs and line breaks); rounds numbered uniquely, listed in
    order and dated in order; within a round, overall positions, car numbers
    and class positions unique, no classified car with more laps than the
    winner, no stored class position the overall order already gives, and
    every round note's car in the results.

    ``controls_possible=False``: the caller knows that no string can hold a control
    character (see :func:`tui.core.loader.load_text`); that rule is then skipped.
    """
    report = _Report(locator, filename, dataset)
    known = _Known(dataset, report)
    for loc, record in _records(dataset):
        _check_references(loc, record, known, report)
        if controls_possible:
            _check_control_characters(loc, record, report)
    _check_round_order(dataset, report)
    _check_champions(dataset, report)
    for index, round_ in enumerate(dataset.rounds):
        _check_round(("rounds", index), round_, report)
    return report.problems + list(not_listed(filename, report.not_listed))


class _Report:
    """Problems found so far, each located when added."""

    def __init__(self, locator: Locator, filename: str, dataset: Dataset) -> None:
        self.locator = locator
        self.filename = filename
        self.dataset = dataset
        self.problems: list[Problem] = []
        self.suggester = Suggester()
        #: Problems found past MAX_PROBLEMS: counted, not located.
        self.not_listed = 0

    def add(self, loc: Loc, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.not_listed += 1
            return
        line, col = self.locator.locate(loc) or (None, None)
        name = location_name(self.dataset, loc)
        self.problems.append(Problem(self.filename, message, line, col, render_path(loc), name))


class _Known:
    """The ids each kind of record defines, in file order; reports duplicates on the way."""

    def __init__(self, dataset: Dataset, report: _Report) -> None:
        self.sources = _unique_ids(("sources",), dataset.sources, "source", report)
        self.classes = _unique_ids(("classes",), dataset.classes, "class", report)
        self.drivers = _unique_ids(("drivers",), dataset.drivers, "driver", report)
        self.teams = _unique_ids(("teams",), dataset.teams, "team", report)
        self.scales = _unique_ids(
            ("points", "scales"), dataset.points.scales, "points scale", report
        )
        # Round numbers as strings, like the other ids; duplicates are reported
        # by the round-order rule.
        self.rounds = {str(r.number): i for i, r in enumerate(dataset.rounds)}


def _unique_ids(loc: Loc, records: Iterable[Any], noun: str, report: _Report) -> dict[str, int]:
    """Index of each id's first record; a later record with the same id is a problem."""
    first: dict[str, int] = {}
    for index, record in enumerate(records):
        if record.id in first:
            other = render_path((*loc, first[record.id]))
            report.add((*loc, index, "id"), f"duplicate {noun} id '{record.id}' (also {other})")
        else:
            first[record.id] = index
    return first


def _records(model: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """Every record nested in ``model`` (not ``model`` itself), with its path.

    Paths use the names the file uses (``class``, not ``car_class``).
    """
    for name, key in _nested(type(model)):
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield (*loc, key), value
            yield from _records(value, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield (*loc, key, index), item
                    yield from _records(item, (*loc, key, index))


def _check_references(loc: Loc, record: BaseModel, known: _Known, report: _Report) -> None:
    """Ids that ``record`` refers to and that no record defines."""
    # Every record's ``sources`` is a list of source ids (the dataset's own
    # ``sources`` list of records is not visited: _records skips the root).
    # ``not in`` before the call: most ids are known, and a call per id was a fifth
    # of the checks' time at 10,000 results.
    for index, source in enumerate(getattr(record, "sources", ())):
        if source not in known.sources:
            _known_id(report, (*loc, "sources", index), source, known.sources, "source")
    if isinstance(record, Result | Pole | Champion):
        _known_id(report, (*loc, "class"), record.car_class, known.classes, "class")
        if record.team is not None:
            _known_id(report, (*loc, "team"), record.team, known.teams, "team")
    if isinstance(record, Champion) and record.clinched_round is not None:
        _known_id(
            report, (*loc, "clinched_round"), str(record.clinched_round), known.rounds, "round"
        )
    if isinstance(record, Result | Pole | Note | Champion):
        # A result's repeated driver is refused by the model; a pole's or note's here.
        first: dict[str, int] = {}
        for index, driver in enumerate(record.drivers):
            if driver not in known.drivers:
                _known_id(report, (*loc, "drivers", index), driver, known.drivers, "driver")
            if driver in first:
                other = render_path(("drivers", first[driver]))
                report.add((*loc, "drivers", index), f"driver '{driver}' is listed twice (also {other})")
            else:
                first[driver] = index
    if isinstance(record, ClassCounts):
        for class_id in record.by_class:
            _known_id(report, (*loc, "by_class", class_id), class_id, known.classes, "class")
    if isinstance(record, Round):
        _known_id(report, (*loc, "points_scale"), record.points_scale, known.scales, "points scale")


# C0 controls, DEL and C1 controls: a terminal acts on them (ESC starts colour
# codes, window titles, hyperlinks...). Names and labels may hold none; free
# text (notes, reasons, titles: the ``Text`` type) may hold tabs and line breaks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
_TEXT_METADATA = get_args(Text)[1].metadata
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "bell", 0x08: "backspace", 0x09: "tab", 0x0A: "line feed",
    0x0D: "carriage return", 0x1B: "escape", 0x7F: "delete", 0x9B: "CSI",
}


_FIELDS: dict[type[BaseModel], tuple[tuple[str, str, bool], ...]] = {}


def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """A record type's fields, as (attribute, the file's key, holds free text), found
    once per type: asking pydantic's field info for every record of a season was a
    third of the checks' time."""
    fields = _FIELDS.get(model)
    if fields is None:
        fields = _FIELDS[model] = tuple(
            (name, field.alias or name, _is_free_text(field)) for name, field in model.model_fields.items()
        )
    return fields


_NESTED: dict[type[BaseModel], tuple[tuple[str, str], ...]] = {}


def _nested(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """The fields of a record type that can hold records, as (attribute, the file's
    key), found once per type: the walk then skips the scalar fields (most of them)."""
    nested = _NESTED.get(model)
    if nested is None:
        nested = _NESTED[model] = tuple(
            (name, field.alias or name)
            for name, field in model.model_fields.items()
            if _holds_records(field.annotation)
        )
    return nested


def _holds_records(annotation: Any) -> bool:
    """Whether a record type appears anywhere in ``annotation`` (``list[Note]``, ``X | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_records(arg) for arg in get_args(annotation))


def _check_control_characters(loc: Loc, record: BaseModel, report: _Report) -> None:
    """The first control character of each string field of ``record``, if any."""
    for name, key, free_text in _fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, str):
            if not (_CONTROL_IN_TEXT if free_text else _CONTROL).search(value):
                continue  # the usual case: nothing to report
            strings = [((*loc, key), value)]
        elif isinstance(value, list | tuple):
            strings = [((*loc, key, i), item) for i, item in enumerate(value) if isinstance(item, str)]
        else:
            continue
        pattern = _CONTROL_IN_TEXT if free_text else _CONTROL
        for where, text in strings:
            if found := pattern.search(text):
                code = ord(found[0])
                label = f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else ""
                if free_text:
                    message = (f"control character U+{code:04X}{label} in text: remove it "
                               "(text may hold tabs and line breaks, no other control characters)")
                else:
                    message = f"control character U+{code:04X}{label} in a name: remove it"
                report.add(where, message)


def _is_free_text(field: FieldInfo) -> bool:
    """Whether a field is of the ``Text`` type (``Text`` or ``Text | None``)."""
    return field.metadata == _TEXT_METADATA or Text in get_args(field.annotation)


def _known_id(report: _Report, loc: Loc, value: str, known: Mapping[str, int], noun: str) -> None:
    if value not in known:
        close = report.suggester.closest(value, known)
        hint = f" (did you mean '{close}'?)" if close else ""
        report.add(loc, f"unknown {noun} '{value}'{hint}")


def _check_round_order(dataset: Dataset, report: _Report) -> None:
    """Round numbers unique, rounds listed by number, dates not going back."""
    first: dict[int, int] = {}
    for index, round_ in enumerate(dataset.rounds):
        loc = ("rounds", index, "number")
        if round_.number in first:
            other = render_path(("rounds", first[round_.number]))
            report.add(loc, f"round number {round_.number} is also used by {other}")
            continue
        first[round_.number] = index
        previous = dataset.rounds[index - 1] if index else None
        if previous is not None and round_.number < previous.number:
            report.add(loc, f"round {round_.number} is listed after round {previous.number}")
    by_number = sorted(first.items())
    for (_, earlier), (number, later) in zip(by_number, by_number[1:]):
        before, after = dataset.rounds[earlier], dataset.rounds[later]
        if after.date < before.date:
            report.add(
                ("rounds", later, "date"),
                f"round {number} is dated {after.date}, before round {before.number} "
                f"({before.date})",
            )


def _check_champions(dataset: Dataset, report: _Report) -> None:
    """One recorded champion per class and title."""
    first: dict[tuple[str, str], int] = {}
    for index, champion in enumerate(dataset.season.champions):
        key = (champion.car_class, champion.title)
        if key in first:
            other = render_path(("season", "champions", first[key]))
            report.add(
                ("season", "champions", index, "title"),
                f"{champion.car_class} {champion.title}' champion is also given by {other}",
            )
        else:
            first[key] = index


def _check_round(loc: Loc, round_: Round, report: _Report) -> None:
    """The rules within one round's results and notes."""
    positions: dict[int, int] = {}
    numbers: dict[int, int] = {}
    for index, result in enumerate(round_.results):
        at = (*loc, "results", index)
        if result.position is not None:
            if result.position in positions:
                holder = _car(round_, positions[result.position])
                message = f"position {result.position} is also held by {holder}"
                report.add((*at, "position"), message)
            else:
                positions[result.position] = index
        if result.number is not None:
            if result.number in numbers:
                other = render_path(("results", numbers[result.number]))
                report.add((*at, "number"), f"car #{result.number} appears twice (also {other})")
            else:
                numbers[result.number] = index

    winner = round_.winner
    if winner is not None and winner.laps is not None:
        for index, result in enumerate(round_.results):
            if result.classified and result.laps is not None and result.laps > winner.laps:
                report.add(
                    (*loc, "results", index, "laps"),
                    f"{result.laps} laps, more than the overall winner's {winner.laps}",
                )

    _check_class_positions(loc, round_, report)

    for index, note in enumerate(round_.notes):
        if note.car is not None and note.car not in numbers:
            report.add((*loc, "notes", index, "car"), f"no car #{note.car} in this round's results")


def _check_class_positions(loc: Loc, round_: Round, report: _Report) -> None:
    """Stored class positions: not derivable from the overall order, never given twice."""
    held: dict[tuple[str, int], int] = {}
    for row in classify(round_):
        result = row.result
        at = (*loc, "results", row.index)
        stored = result.class_position
        if row.class_position_derived and stored is not None:
            if stored == row.class_position:
                message = "class_position is derived from the overall order here; remove it"
            else:
                message = (
                    f"class_position {stored} contradicts the overall order, which makes this "
                    f"car {row.class_position} in {result.car_class}; remove it"
                )
            report.add((*at, "class_position"), message)
        if row.class_position is None:
            continue
        key = (result.car_class, row.class_position)
        if key in held:
            field = "position" if row.class_position_derived else "class_position"
            report.add(
                (*at, field),
                f"class position {row.class_position} in {result.car_class} is also held by "
                f"{_car(round_, held[key])}",
            )
        else:
            held[key] = row.index


def _car(round_: Round, index: int) -> str:
    """A result as messages name it: ``car #4 (results[2])``."""
    number = round_.results[index].number
    path = render_path(("results", index))
    return f"car #{number} ({path})" if number is not None else path
