"""Gaps to the class leader and class winning margins: a stored time wins over "same lap".

A history dashboard that says "same lap" where the sources give +16.319 s gives a
wrong answer. These tests pin the rule on small rounds and on the bundled season,
and check that the export (and its documentation) carries the same value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.classification import class_margins, classify
from tui.core.export import export
from tui.core.loader import load_path
from tui.core.models import Dataset, Round

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    result = load_path(ROOT / "data" / "alms-2004.toml")
    assert result.dataset is not None
    return result.dataset


def _round(*results: dict, coverage: str = "full") -> Round:
    return Round.model_validate({
        "number": 1, "name": "Test", "circuit": "C", "city": "X", "country": "Y",
        "date": dt.date(2004, 1, 1), "timezone": "America/New_York", "points_scale": "s",
        "format": {"kind": "timed", "duration_minutes": 60, "sources": []},
        "coverage": {"level": coverage}, "sources": [],
        "results": [{"class": "GT", "sources": [], **r} for r in results],
    })


def _gaps(round_: Round) -> list[str | None]:
    return [row.class_gap for row in classify(round_)]


def test_a_time_behind_the_overall_winner_on_its_lap_is_the_class_gap() -> None:
    # Mosport's LMP1 in small: both on 137 laps, the second 16.319 s behind.
    round_ = _round({"position": 1, "laps": 137}, {"position": 2, "laps": 137, "gap": "+16.319 s"})
    assert _gaps(round_) == [None, "+16.319 s"]


def test_two_times_behind_the_overall_winner_give_their_difference_at_their_precision() -> None:
    round_ = _round(
        {"position": 1, "class": "LMP1", "laps": 100},
        {"position": 2, "laps": 100, "gap": "+10.5 s"},
        {"position": 3, "laps": 100, "gap": "+12.75 s"},
    )
    # 12.75 - 10.5 = 2.25, shown to the finer of the two precisions, never to
    # invented thousandths.
    assert _gaps(round_) == [None, None, "+2.25 s"]


def test_same_lap_stays_where_no_time_is_known() -> None:
    round_ = _round({"position": 1, "laps": 50}, {"position": 2, "laps": 50})
    assert _gaps(round_) == [None, "same lap"]


def test_a_lap_behind_stays_a_lap_even_with_a_time_known() -> None:
    round_ = _round({"position": 1, "laps": 50}, {"position": 2, "laps": 49, "gap": "+1 lap"})
    assert _gaps(round_) == [None, "+1 lap"]


def test_a_stated_class_gap_wins_over_everything_derived() -> None:
    round_ = _round({"position": 1, "laps": 50},
                    {"position": 2, "laps": 50, "gap": "+3.000 s", "class_gap": "+2.9 s"})
    assert _gaps(round_) == [None, "+2.9 s"]


def test_mosport_lmp1_runner_up_is_16_319_s_behind(bundled: Dataset) -> None:
    mosport = bundled.round(6)
    assert mosport is not None
    row = next(r for r in classify(mosport) if r.result.number == 38)
    assert row.class_gap == "+16.319 s"


def test_no_bundled_row_says_same_lap_where_the_sources_give_a_time(bundled: Dataset) -> None:
    # Every sibling of the Mosport bug: a classified row whose own stored gap is
    # a time, behind a class leader on its lap, must get a time, not "same lap".
    for round_ in bundled.rounds:
        for row in classify(round_):
            if row.class_gap == "same lap":
                assert not (row.result.gap or "").endswith(" s"), (round_.number, row.key)
                assert not row.result.class_gap, (round_.number, row.key)


def test_export_carries_the_class_gap_in_every_format(bundled: Dataset) -> None:
    data = json.loads(export(bundled, "json", round_number=6))
    lehto = next(r for r in data["rounds"][0]["results"] if r["number"] == 38)
    assert lehto["class_gap"] == "+16.319 s"
    rows = list(csv.DictReader(io.StringIO(export(bundled, "csv", round_number=6))))
    assert next(r for r in rows if r["number"] == "38")["class_gap"] == "+16.319 s"
    markdown = export(bundled, "md", round_number=6)
    line = next(line for line in markdown.splitlines() if "| 38 |" in line)
    assert "+16.319 s" in line and "same lap" not in line


def test_the_export_command_gives_38_its_class_gap(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--round", "6"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert next(r for r in rows if r["number"] == "38")["class_gap"] == "+16.319 s"


def test_the_documented_json_example_is_what_the_export_writes(bundled: Dataset) -> None:
    text = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))
    documented = example["rounds"][0]["results"][0]
    exported = json.loads(export(bundled, "json", round_number=6))
    row = next(r for r in exported["rounds"][0]["results"] if r["number"] == documented["number"])
    assert row == documented


# --- winning margins per class -------------------------------------------------------


def test_mosport_margins_per_class_come_from_stored_facts(bundled: Dataset) -> None:
    mosport = bundled.round(6)
    assert mosport is not None
    margins = {m.car_class: m.text for m in class_margins(mosport, [c.id for c in bundled.classes])}
    assert margins == {
        "LMP1": "+16.319 s",
        "LMP2": "+16 laps",  # Field / Liddell 127 laps, Miracle 111
        "GTS": "+0.240 s",  # as TM_2722 states it
        "GT": "+17.014 s",  # as the seed states it
    }


def test_a_margin_without_a_runner_up_says_what_is_missing() -> None:
    round_ = _round({"class_position": 1}, coverage="winners")
    (margin,) = class_margins(round_, ["GT"])
    assert margin.known is False
    assert "second" in margin.text


def test_a_runner_up_without_a_gap_says_the_margin_is_unknown() -> None:
    round_ = _round({"position": 1}, {"position": 2})
    (margin,) = class_margins(round_, ["GT"])
    assert margin.known is False
    assert "not in the sources" in margin.text
