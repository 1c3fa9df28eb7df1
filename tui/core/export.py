"""Classifications and standings as JSON, CSV or Markdown.

:func:`export` renders a season, one round (``round_number``) and/or one class
(``car_class``). Unknown values are never guessed: JSON writes ``null``, CSV and
Markdown an empty cell. Derived values (class positions, gaps to the class
leader, points) come from :mod:`tui.core.classification` and :mod:`tui.core.points`.

JSON (``format_version`` 1; also described in ``docs/export-format.md``)::

    {
      "format_version": 1,
      "season": {"series": "American Le Mans Series", "year": 2004},
      "rounds": [                              # by round number
        {
          "number": 6, "name": "...", "circuit": "...", "date": "2004-08-08",
          "coverage": {"level": "full" | "partial" | "winners", "note": str | null},
          "results": [                         # in classification order
            {
              "position": int | null,          # overall
              "class": "LMP1",
              "class_position": int | null,
              "class_position_derived": bool,  # true: from the overall order; false: as stated
              "number": int | null,
              "team": str | null,              # the team's full name
              "drivers": [str],                # full names, as the sources give them
              "chassis": str | null, "engine": str | null,
              "laps": int | null,
              "gap": str | null,               # to the overall winner, as printed
              "class_gap": str | null,         # to the class leader: stated, else derived
              "status": "finished" | "dnf" | "dns" | "dsq" | "nc",
              "reason": str | null
            }
          ]
        }
      ],
      "standings": {
        "LMP1": {
          "drivers": [{"rank": 1, "id": str, "name": str, "points": int, "provisional": bool}],
          "teams": [ ...same shape... ],
          "provisional": bool,                 # a counted round lacks full coverage
          "partial_rounds": [int],             # which ones
          "results_without_team": int          # classified rows left out of the team table
        }
      }
    }

With a round filter the standings count that round only; with a class filter
only that class's results and table appear. Gaps read ``+N lap(s)``, ``+S.sss s``
or, for ``class_gap``, also ``same lap`` (only where no time is known; see
:func:`tui.core.classification.class_gap`).

CSV: one row per result, a header row, the result's columns prefixed by
``round`` and ``round_name``; drivers joined by ``"; "``; booleans ``true``/``false``.

Markdown: a heading and a table per round, then the standings per class.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Literal

from .classification import Row, classify
from .models import Dataset, Round, Status
from .points import Standings, driver_standings, team_standings

FORMAT_VERSION = 1
Format = Literal["json", "csv", "md"]

#: Result columns, in JSON key order and CSV column order.
RESULT_FIELDS = (
    "position",
    "class",
    "class_position",
    "class_position_derived",
    "number",
    "team",
    "drivers",
    "chassis",
    "engine",
    "laps",
    "gap",
    "class_gap",
    "status",
    "reason",
)
CSV_FIELDS = ("round", "round_name", *RESULT_FIELDS)


def export(
    dataset: Dataset,
    fmt: Format,
    round_number: int | None = None,
    car_class: str | None = None,
) -> str:
    """The season (or one round and/or class) as JSON, CSV or Markdown text.

    Raises ``ValueError`` for an unknown format, round or class.
    """
    data = export_data(dataset, round_number, car_class)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return _csv(data)
    if fmt == "md":
        return _markdown(data)
    raise ValueError(f"unknown export format {fmt!r}: use json, csv or md")


def export_data(
    dataset: Dataset, round_number: int | None = None, car_class: str | None = None
) -> dict[str, Any]:
    """The JSON structure as Python data (see the module docstring)."""
    if round_number is not None and dataset.round(round_number) is None:
        raise ValueError(f"no round {round_number} in the data")
    if car_class is not None and dataset.car_class(car_class) is None:
        raise ValueError(f"no class {car_class!r} in the data")
    rounds = sorted(
        (r for r in dataset.rounds if round_number in (None, r.number)), key=lambda r: r.number
    )
    classes = [c.id for c in dataset.classes if car_class in (None, c.id)]
    return {
        "format_version": FORMAT_VERSION,
        "season": {"series": dataset.season.series, "year": dataset.season.year},
        "rounds": [_round(dataset, r, car_class) for r in rounds],
        "standings": {c: _class_standings(dataset, c, round_number) for c in classes},
    }


def _round(dataset: Dataset, round_: Round, car_class: str | None) -> dict[str, Any]:
    return {
        "number": round_.number,
        "name": round_.name,
        "circuit": round_.circuit,
        "date": round_.date.isoformat(),
        "coverage": {"level": round_.coverage.level, "note": round_.coverage.note},
        "results": [_result(dataset, row) for row in classify(round_, car_class)],
    }


def _result(dataset: Dataset, row: Row) -> dict[str, Any]:
    result = row.result
    return {
        "position": result.position,
        "class": result.car_class,
        "class_position": row.class_position,
        "class_position_derived": row.class_position_derived,
        "number": result.number,
        "team": dataset.team_name(result),
        "drivers": [dataset.driver_name(d) for d in result.drivers],
        "chassis": result.chassis,
        "engine": result.engine,
        "laps": result.laps,
        "gap": result.gap,
        "class_gap": row.class_gap,
        "status": result.status.value,
        "reason": result.reason,
    }


def _class_standings(dataset: Dataset, car_class: str, round_number: int | None) -> dict[str, Any]:
    drivers = driver_standings(dataset, car_class, round_number)
    teams = team_standings(dataset, car_class, round_number)
    return {
        "drivers": _entries(drivers),
        "teams": _entries(teams),
        "provisional": drivers.provisional,
        "partial_rounds": list(drivers.partial_rounds),
        "results_without_team": teams.skipped_without_team,
    }


def _entries(standings: Standings) -> list[dict[str, Any]]:
    return [
        {
            "rank": e.rank,
            "id": e.id,
            "name": e.name,
            "points": e.points,
            "provisional": e.provisional,
        }
        for e in standings.entries
    ]


# --- CSV -----------------------------------------------------------------------


def _csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    # "\n" rather than the RFC's "\r\n": the text is usually written to a file in
    # text mode, where "\r\n" would become "\r\r\n" on Windows.
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for round_ in data["rounds"]:
        for result in round_["results"]:
            row = {"round": round_["number"], "round_name": round_["name"], **result}
            writer.writerow(_csv_cell(row[field]) for field in CSV_FIELDS)
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


# --- Markdown --------------------------------------------------------------------

_MD_RESULT_COLUMNS = (
    ("Pos", "position"),
    ("Class", "class"),
    ("Class pos", "class_position"),
    ("No.", "number"),
    ("Team", "team"),
    ("Drivers", "drivers"),
    ("Chassis", "chassis"),
    ("Engine", "engine"),
    ("Laps", "laps"),
    ("Gap", "gap"),
    ("Class gap", "class_gap"),
    ("Status", "status"),
    ("Reason", "reason"),
)


def _markdown(data: dict[str, Any]) -> str:
    season = data["season"]
    lines = [f"# {_md_text(season['series'])} {season['year']}", ""]
    for round_ in data["rounds"]:
        lines += _md_round(round_)
    if data["standings"]:
        lines += ["## Standings", ""]
    for car_class, table in data["standings"].items():
        lines += _md_standings(car_class, table, "drivers")
        lines += _md_standings(car_class, table, "teams")
    return "\n".join(lines)


def _md_round(round_: dict[str, Any]) -> list[str]:
    coverage = round_["coverage"]
    covered = coverage["level"] + (f": {coverage['note']}" if coverage["note"] else "")
    lines = [
        f"## Round {round_['number']}: {_md_text(round_['name'])}",
        "",
        f"{_md_text(round_['circuit'])}, {round_['date']}. Coverage: {_md_text(covered)}.",
        "",
    ]
    header = [title for title, _ in _MD_RESULT_COLUMNS]
    rows = [[_md_result_cell(r, key) for _, key in _MD_RESULT_COLUMNS] for r in round_["results"]]
    return lines + (_md_table(header, rows) if rows else ["No results in the data."]) + [""]


def _md_standings(car_class: str, table: dict[str, Any], kind: str) -> list[str]:
    lines = [f"### {_md_text(car_class)} {kind}", ""]
    if table["provisional"]:
        partial = ", ".join(str(n) for n in table["partial_rounds"])
        lines += [f"Provisional: round(s) {partial} lack a full classification.", ""]
    if kind == "teams" and table["results_without_team"]:
        skipped = table["results_without_team"]
        lines += [f"Not counted: {skipped} classified result(s) without a team.", ""]
    header = ["Rank", "Driver" if kind == "drivers" else "Team", "Points"]
    rows = [
        [str(e["rank"]), _md_text(e["name"]) + (" (provisional)" if e["provisional"] else ""),
         str(e["points"])]
        for e in table[kind]
    ]
    return lines + (_md_table(header, rows) if rows else ["No entries."]) + [""]


def _md_result_cell(result: dict[str, Any], key: str) -> str:
    value = result[key]
    if key == "drivers":
        return _md_text(", ".join(value))
    if key == "status":
        return Status(value).label
    return "" if value is None else _md_text(str(value))


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _md_text(text: str) -> str:
    """Text safe in a table cell or heading: pipes escaped, line breaks as <br>."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(escaped.splitlines())
