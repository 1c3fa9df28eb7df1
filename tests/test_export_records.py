"""Exported standings carry the screen's caveats and the recorded champions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tui.core.export import export
from tui.core.loader import load_path
from tui.core.models import Dataset
from tui.core.records import DERIVED_CAVEAT

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "alms-2004.toml"


@pytest.fixture(scope="module")
def season() -> Dataset:
    result = load_path(BUNDLED)
    assert result.dataset is not None and result.ok
    return result.dataset


def test_json_standings_say_they_are_not_official_and_carry_the_record(season: Dataset) -> None:
    standings = json.loads(export(season, "json"))["standings"]
    lmp2 = standings["LMP2"]
    assert lmp2["official"] is False
    assert lmp2["caveat"] == DERIVED_CAVEAT
    (drivers,) = [r for r in lmp2["recorded_champions"] if r["title"] == "drivers"]
    assert drivers["drivers"] == ["Ian James"]
    assert drivers["driver_ids"] == ["ian-james"]
    assert drivers["team"] == "Miracle Motorsports"
    assert drivers["clinched_round"] == 9
    assert drivers["derived_leaders"] == ["clint-field", "robin-liddell"]
    assert drivers["derived_leader_matches_record"] is False
    assert any("Ian James is 3rd on 98 pts" in r for r in drivers["differs_because"])
    # Sources as a reader cites them, and their ids apart.
    assert drivers["sources"][0]["id"] == "ZR1_384"
    assert "ZR1_384" not in drivers["sources"][0]["citation"]
    assert "ALMS, 18 October 2004" in drivers["sources"][0]["citation"]
    # LMP1: both records match; GTS teams: nothing recorded.
    lmp1 = standings["LMP1"]["recorded_champions"]
    assert [(r["title"], r["derived_leader_matches_record"]) for r in lmp1] == [
        ("drivers", True), ("teams", True)
    ]
    assert lmp1[0]["differs_because"] == []
    assert [r["title"] for r in standings["GTS"]["recorded_champions"]] == ["drivers"]


def test_markdown_standings_carry_the_caveat_and_the_record(season: Dataset) -> None:
    text = export(season, "md", car_class="LMP2")
    assert DERIVED_CAVEAT in text
    assert "Recorded drivers' champion: Ian James (Miracle Motorsports), settled in round 9" in text
    assert "Derived leader differs from the record: Clint Field, Robin Liddell." in text
    assert "Ian James is 3rd on 98 pts, 31 behind" in text
    assert "Recorded teams' champion: not named in the sources." in text
    standings = text[text.index("## Standings"):]
    assert "ZR1_384" not in standings  # sources cited as a reader cites them


def test_markdown_sentences_end_with_one_full_stop(season: Dataset) -> None:
    # Coverage notes end with their own full stop; the template used to add another.
    text = export(season, "md")
    doubled = [line for line in text.splitlines() if re.search(r"(?<!\.)\.\.(?!\.)", line)]
    assert doubled == []
    assert "Coverage: full: The zoompics report's classification lists all 24 cars" in text


def test_a_settings_read_error_ending_in_a_full_stop_is_not_doubled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A sibling of the Markdown coverage line: OS error text may end with its own stop.
    from tui.core import settings as settings_module

    path = tmp_path / "settings.toml"
    path.write_text("theme = 'x'\n")

    def unreadable(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied.")

    monkeypatch.setattr(Path, "read_text", unreadable)
    _, warning = settings_module.load_settings(path)
    assert warning is not None and warning.endswith("Permission denied. Using defaults.")


def test_uncertain_places_keep_their_mark_in_every_export(season: Dataset) -> None:
    md = export(season, "md", round_number=3)
    assert "| 3≈ | LMP1 | 3≈ | 20 | Dyson Racing | Chris Dyson, Andy Wallace |" in md
    assert "| 2 | LMP1 | 2 | 16 | Dyson Racing |" in md
    results = json.loads(export(season, "json", round_number=3))["rounds"][0]["results"]
    assert [r["number"] for r in results if r["uncertain"]] == [20]


def test_markdown_cites_sources_in_prose_by_number_with_a_list(season: Dataset) -> None:
    text = export(season, "md", round_number=1)
    assert "WP_SEB_DE" not in text and "DYSON_SEB" not in text
    assert "Overall places 1 to 6 are known ([1] to 5th, [2] for 6th;" in text
    sources = text[text.index("## Sources"):]
    assert "1. 12-Stunden-Rennen von Sebring 2004. German Wikipedia." in sources
    assert "2. 12 Hours of Sebring race release. Dyson Racing, 20 March 2004." in sources


def test_points_from_an_uncertain_place_are_marked_in_every_export(season: Dataset) -> None:
    """As on the screen: Henzler's R8 points rest on an inferred second place."""
    gt = json.loads(export(season, "json"))["standings"]["GT"]
    henzler = next(e for e in gt["drivers"] if e["id"] == "wolf-henzler")
    assert henzler["uncertain_points"] == henzler["points"] > 0
    assert all(e["uncertain_points"] == 0 for e in gt["drivers"] if e["id"] != "wolf-henzler")
    md = export(season, "md")
    assert re.search(r"\| Wolf Henzler[^|]*\| \d+≈ \|", md), "uncertain points keep their mark"
    assert "≈: some of the points rest on a place the sources leave uncertain." in md
