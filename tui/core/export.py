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
              "reason": str | null,
              "uncertain": bool                # the place rests on an inference; see the data's note
            }
          ]
        }
      ],
      "standings": {
        "LMP1": {
          "drivers": [{"rank": 1, "id": str, "name": str, "points": int, "provisional": bool,
                       "uncertain_points": int}],   # of the points, those from an uncertain place
          "teams": [ ...same shape... ],
          "provisional": bool,                 # a counted round lacks full coverage
          "partial_rounds": [int],             # which ones
          "results_without_team": int,         # classified rows left out of the team table
          "official": false,                   # derived tables, never the official totals
          "caveat": str,                       # the sentence that says so
          "recorded_champions": [              # titles the sources name a champion for
            {"title": "drivers" | "teams", "drivers": [str], "driver_ids": [str],
             "team": str | null, "team_id": str | null, "clinched_round": int | null,
             "sources": [{"id": str, "citation": str}],
             "derived_leaders": [str], "derived_leader_matches_record": bool,
             "differs_because": [str]}
          ]
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

``as_of`` (a round number) exports the season as it stood after that round
(:mod:`tui.core.as_of`): rounds after it are listed without results, standings
count only the rounds up to it. JSON then carries ``"as_of": N`` and
``"hidden_rounds"``; CSV adds an ``as_of`` column; Markdown says it under the
heading.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Literal

from .as_of import AsOfError, calendar_as_of, check_round, hidden_label, known_season
from .citation import SourceList, citation
from .classification import Row, classify
from .models import Dataset, Round, Status
from .points import Standings, driver_standings, team_standings
from .prose import UNCERTAIN_MARK, sentences
from .records import DERIVED_CAVEAT, recorded_champion
from .safe_text import printable_lines

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
    "uncertain",
)
CSV_FIELDS = ("round", "round_name", *RESULT_FIELDS)
#: CSV columns whose text comes from the data file as written: a spreadsheet must
#: not run it as a formula. The others are numbers, booleans, ids (which start
#: with a letter or digit), statuses, or gaps that the schema holds to
#: ``+N lap(s)`` / ``+S.sss s`` (or that we derive): written as they are.
CSV_TEXT_FIELDS = frozenset({"round_name", "team", "drivers", "chassis", "engine", "reason"})
#: What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export(
    dataset: Dataset,
    fmt: Format,
    round_number: int | None = None,
    car_class: str | None = None,
    as_of: int | None = None,
) -> str:
    """The season (or one round and/or class) as JSON, CSV or Markdown text.

    Raises ``ValueError`` for an unknown format, round or class, or a round
    hidden by ``as_of``.
    """
    data = export_data(dataset, round_number, car_class, as_of)
    if fmt == "json":
        return _json_escape_unprintable(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "csv":
        return _csv(data)
    if fmt == "md":
        return _markdown(data, dataset)
    raise ValueError(f"unknown export format {fmt!r}: use json, csv or md")


def export_data(
    dataset: Dataset,
    round_number: int | None = None,
    car_class: str | None = None,
    as_of: int | None = None,
) -> dict[str, Any]:
    """The JSON structure as Python data (see the module docstring)."""
    if round_number is not None and dataset.round(round_number) is None:
        raise ValueError(f"no round {round_number} in the data")
    if as_of is not None:
        return _export_as_of(dataset, round_number, car_class, as_of)
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


def _export_as_of(
    dataset: Dataset, round_number: int | None, car_class: str | None, as_of: int
) -> dict[str, Any]:
    """The season as it stood after round ``as_of``: the known rounds, then the
    later ones by date and circuit only."""
    check_round(dataset, as_of)
    if round_number is not None and round_number > as_of:
        raise AsOfError(f"round {round_number} is {hidden_label(as_of)}")
    data = export_data(known_season(dataset, as_of), round_number, car_class)
    data["as_of"] = as_of
    data["hidden_rounds"] = [
        {"number": r.number, "name": r.name, "circuit": r.circuit, "date": r.date.isoformat()}
        for r in calendar_as_of(dataset, as_of)
        if r.number > as_of and round_number is None
    ]
    return data


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
        "uncertain": result.uncertain,
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
        "official": False,
        "caveat": DERIVED_CAVEAT,
        "recorded_champions": [
            record for table in (drivers, teams) if (record := _record(dataset, table)) is not None
        ],
    }


def _record(dataset: Dataset, standings: Standings) -> dict[str, Any] | None:
    """The champion the sources name for this table, and whether the derived leader agrees."""
    check = recorded_champion(dataset, standings)
    if check is None:
        return None
    champion = check.champion
    team = dataset.team(champion.team) if champion.team else None
    return {
        "title": champion.title,
        "drivers": [dataset.driver_name(d) for d in champion.drivers],
        "driver_ids": list(champion.drivers),
        "team": team.name if team else champion.team,
        "team_id": champion.team,
        "clinched_round": champion.clinched_round,
        "sources": [
            {"id": source.id, "citation": citation(source)}
            for source in (dataset.source(i) for i in champion.sources)
            if source is not None
        ],
        "derived_leaders": [e.id for e in check.leaders],
        "derived_leader_matches_record": check.matches,
        "differs_because": list(check.reasons),
    }


def _entries(standings: Standings) -> list[dict[str, Any]]:
    return [
        {
            "rank": e.rank,
            "id": e.id,
            "name": e.name,
            "points": e.points,
            "provisional": e.provisional,
            "uncertain_points": e.uncertain_points,
        }
        for e in standings.entries
    ]


# --- JSON ----------------------------------------------------------------------

# Outside ASCII, and the ASCII controls json.dumps leaves raw (DEL).
_NOT_PLAIN_ASCII = re.compile(r"[^\x20-\x7e\n]")


def _json_escape_unprintable(text: str) -> str:
    """Controls, bidi and other format characters in JSON text as ``\\uXXXX`` escapes.

    ``json.dumps(ensure_ascii=False)`` escapes only C0 controls; C1 controls and
    bidi overrides would reach a terminal that shows the file. The JSON structure
    is ASCII, so such characters occur only inside strings, where the escape
    decodes to the same text: nothing is lost. Letters of every script stay as
    they are.
    """
    def escape(found: re.Match[str]) -> str:
        char = found[0]
        if char.isprintable():
            return char
        code = ord(char)
        if code <= 0xFFFF:
            return f"\\u{code:04x}"
        high, low = divmod(code - 0x10000, 0x400)  # a UTF-16 surrogate pair, as JSON spells it
        return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"

    return _NOT_PLAIN_ASCII.sub(escape, text)


# --- CSV -----------------------------------------------------------------------


def _csv(data: dict[str, Any]) -> str:
    out = io.StringIO()
    # "\n" rather than the RFC's "\r\n": the text is usually written to a file in
    # text mode, where "\r\n" would become "\r\r\n" on Windows.
    writer = csv.writer(out, lineterminator="\n")
    # A column rather than a comment line: CSV readers do not agree on comments.
    fields = (*CSV_FIELDS, "as_of") if "as_of" in data else CSV_FIELDS
    writer.writerow(fields)
    for round_ in data["rounds"]:
        for result in round_["results"]:
            row = {"round": round_["number"], "round_name": round_["name"], **result}
            row["as_of"] = data.get("as_of")
            writer.writerow(
                _csv_text(row[field]) if field in CSV_TEXT_FIELDS else _csv_cell(row[field])
                for field in fields
            )
    return out.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return str(value)


def _csv_text(value: Any) -> str:
    """A data text cell: controls escaped, and a leading formula character made inert.

    A ``'`` before ``=``, ``+``, ``-`` or ``@`` is what spreadsheets themselves
    write to keep a cell text, and what OWASP recommends against CSV injection.
    """
    text = printable_lines(_csv_cell(value))
    return f"'{text}" if text.startswith(_FORMULA_START) else text


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


def _markdown(data: dict[str, Any], dataset: Dataset) -> str:
    season = data["season"]
    lines = [f"# {_md_text(season['series'])} {season['year']}", ""]
    # Source ids in the data's prose are keys, not citations: they become [n],
    # and a Sources section at the end says what each number is.
    cited = SourceList(dataset)
    if "as_of" in data:
        lines += _md_as_of(data)
    for round_ in data["rounds"]:
        lines += _md_round(round_, cited)
    if data["standings"]:
        # The same caveat for every class (the screen shows it under each table).
        caveat = next(iter(data["standings"].values()))["caveat"]
        lines += ["## Standings", "", _md_text(caveat), ""]
    for car_class, table in data["standings"].items():
        lines += _md_standings(car_class, table, "drivers")
        lines += _md_standings(car_class, table, "teams")
    if entries := cited.entries():
        lines += ["## Sources", ""]
        lines += [f"{number}. {_md_text(text)}" for number, text in entries] + [""]
    return "\n".join(lines)


def _md_as_of(data: dict[str, Any]) -> list[str]:
    as_of = data["as_of"]
    lines = [
        f"As of round {as_of}: the season as it stood after round {as_of}; "
        "later results are hidden and the standings count rounds up to it only.",
        "",
    ]
    for hidden in data["hidden_rounds"]:
        lines.append(
            f"- Round {hidden['number']}: {_md_text(hidden['name'])}, "
            f"{_md_text(hidden['circuit'])}, {hidden['date']}: result {hidden_label(as_of)}"
        )
    return lines + ([""] if data["hidden_rounds"] else [])


def _md_round(round_: dict[str, Any], cited: SourceList) -> list[str]:
    coverage = round_["coverage"]
    note = cited.cite_inline(coverage["note"]) if coverage["note"] else None
    covered = coverage["level"] + (f": {note}" if note else "")
    lines = [
        f"## Round {round_['number']}: {_md_text(round_['name'])}",
        "",
        sentences(f"{_md_text(round_['circuit'])}, {round_['date']}", f"Coverage: {_md_text(covered)}"),
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
    lines += _md_record(table, kind)
    if kind == "teams" and table["results_without_team"]:
        skipped = table["results_without_team"]
        lines += [f"Not counted: {skipped} classified result(s) without a team.", ""]
    header = ["Rank", "Driver" if kind == "drivers" else "Team", "Points"]
    rows = [
        [str(e["rank"]), _md_text(e["name"]) + (" (provisional)" if e["provisional"] else ""),
         str(e["points"]) + (UNCERTAIN_MARK if e["uncertain_points"] else "")]
        for e in table[kind]
    ]
    if any(e["uncertain_points"] for e in table[kind]):
        lines += [f"{UNCERTAIN_MARK}: some of the points rest on a place the sources leave uncertain.", ""]
    return lines + (_md_table(header, rows) if rows else ["No entries."]) + [""]


def _md_record(table: dict[str, Any], kind: str) -> list[str]:
    """The recorded champion line, and the derived leader when it differs."""
    label = f"Recorded {kind[:-1]}s' champion"
    record = next((r for r in table["recorded_champions"] if r["title"] == kind), None)
    if record is None:
        return [f"{label}: not named in the sources.", ""]
    holders = record["drivers"] if kind == "drivers" else [record["team"]]
    text = f"{label}{'s' if len(holders) > 1 else ''}: {', '.join(holders)}"
    if kind == "drivers" and record["team"]:
        text += f" ({record['team']})"
    if record["clinched_round"] is not None:
        text += f", settled in round {record['clinched_round']}"
    lines = [_md_text(sentences(text, "Sources:" if record["sources"] else None))]
    lines += [f"- {_md_text(s['citation'])}" for s in record["sources"]] + [""]
    if not record["derived_leader_matches_record"]:
        leaders = ", ".join(
            e["name"] for e in table[kind] if e["id"] in record["derived_leaders"]
        )
        why = "; ".join(record["differs_because"])
        lines += [_md_text(sentences(f"Derived leader differs from the record: {leaders}", why)), ""]
    return lines


def _md_result_cell(result: dict[str, Any], key: str) -> str:
    value = result[key]
    if key == "drivers":
        return _md_text(", ".join(value))
    if key == "status":
        return Status(value).label
    if key in ("position", "class_position") and value is not None and result["uncertain"]:
        return f"{value}{UNCERTAIN_MARK}"
    return "" if value is None else _md_text(str(value))


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _md_text(text: str) -> str:
    """Text safe in a table cell or heading: controls escaped (:func:`printable`),
    pipes escaped, line breaks as <br>."""
    lines = printable_lines(text).split("\n")
    return "<br>".join(line.replace("\\", "\\\\").replace("|", "\\|") for line in lines)
