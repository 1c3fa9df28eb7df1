"""Recorded champions: stored as sourced data, checked, and set against the derived tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core import points
from tui.core.loader import load_path, load_text
from tui.core.records import recorded_champion

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "alms-2004.toml"
MINIMAL = Path(__file__).parent / "fixtures" / "good" / "minimal.toml"


@pytest.fixture(scope="module")
def season():
    result = load_path(BUNDLED)
    assert result.ok, result.problems
    return result.dataset


def test_the_bundled_season_records_the_champions_the_sources_name(season) -> None:
    recorded = {(c.car_class, c.title): c for c in season.season.champions}
    assert recorded[("LMP2", "drivers")].drivers == ["ian-james"]
    assert recorded[("LMP1", "drivers")].drivers == ["jj-lehto", "marco-werner"]
    assert recorded[("GTS", "drivers")].drivers == ["ron-fellows", "johnny-o-connell"]
    assert recorded[("GT", "drivers")].drivers == ["timo-bernhard"]
    assert recorded[("LMP1", "teams")].team == "champion"
    assert recorded[("GT", "teams")].team == "alex-job"
    # No source names the LMP2 or GTS teams' champions: nothing is recorded.
    assert ("LMP2", "teams") not in recorded and ("GTS", "teams") not in recorded
    assert all(c.sources for c in recorded.values())


def test_lmp2_derived_leader_differs_from_the_record_and_says_why(season) -> None:
    check = recorded_champion(season, points.driver_standings(season, "LMP2"))
    assert check is not None
    assert check.holder_names == ("Ian James",)
    assert not check.matches
    assert {e.name for e in check.leaders} == {"Clint Field", "Robin Liddell"}
    reasons = " | ".join(check.reasons)
    # Computed from the data: the partial rounds, James's place and the rounds
    # that may hide his points, and the readings the totals rest on.
    assert "8 of 9 rounds have incomplete results" in reasons
    assert "Ian James is 3rd on 98 pts, 31 behind" in reasons
    assert "R2, R4, R5" in reasons
    assert "bonus points not applied" in reasons
    # Cited by publisher and date, never by a source id.
    assert check.source_labels and not any("ZR1" in s for s in check.source_labels)


@pytest.mark.parametrize(
    ("car_class", "kind"),
    [("LMP1", "drivers"), ("LMP1", "teams"), ("GTS", "drivers"), ("GT", "drivers"), ("GT", "teams")],
)
def test_matching_records_carry_no_reasons(season, car_class: str, kind: str) -> None:
    table = (points.driver_standings if kind == "drivers" else points.team_standings)(
        season, car_class
    )
    check = recorded_champion(season, table)
    assert check is not None and check.matches and check.reasons == ()


def test_no_record_no_check(season) -> None:
    assert recorded_champion(season, points.team_standings(season, "GTS")) is None


CHAMPION = """
[[season.champions]]
class = "{car_class}"
title = "{title}"
{holder}
sources = ["hand"]
"""


def _with_champion(car_class: str = "LMP1", title: str = "drivers", holder: str = "") -> str:
    holder = holder or 'drivers = ["ann-archer"]'
    return MINIMAL.read_text() + CHAMPION.format(car_class=car_class, title=title, holder=holder)


def test_a_recorded_champion_loads() -> None:
    result = load_text(_with_champion())
    assert result.ok, result.problems
    assert result.dataset.season.champions[0].drivers == ["ann-archer"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_with_champion(car_class="LMP3"), "season.champions[0].class: unknown class 'LMP3'"),
        (
            _with_champion(holder='drivers = ["ann-archr"]'),
            "season.champions[0].drivers[0]: unknown driver 'ann-archr'",
        ),
        (
            _with_champion(title="teams", holder='team = "zulu"'),
            "season.champions[0].team: unknown team 'zulu'",
        ),
        (
            _with_champion(holder='drivers = ["ann-archer"]\nclinched_round = 7'),
            "season.champions[0].clinched_round: unknown round '7'",
        ),
        (
            _with_champion() + CHAMPION.format(
                car_class="LMP1", title="drivers", holder='drivers = ["ben-baker"]'
            ),
            "season.champions[1].title: LMP1 drivers' champion is also given by season.champions[0]",
        ),
        (
            _with_champion(title="teams", holder='drivers = ["ann-archer"]'),
            "season.champions[0]: a teams' title needs its champion in team",
        ),
        (
            _with_champion(title="overall"),
            "season.champions[0].title: expected 'drivers' or 'teams'",
        ),
    ],
)
def test_a_broken_champion_is_a_located_problem(text: str, message: str) -> None:
    result = load_text(text, "c.toml")
    assert not result.ok
    shown = " | ".join(str(p) for p in result.problems)
    assert message in shown, shown


def test_an_uncertain_result_must_say_why() -> None:
    text = MINIMAL.read_text().replace("laps = 40", "laps = 40\nuncertain = true", 1)
    result = load_text(text, "u.toml")
    assert not result.ok
    assert any("an uncertain result needs a note" in str(p) for p in result.problems)


# --- points that rest on an uncertain place -------------------------------------------

UNCERTAIN_CARTER = MINIMAL.read_text().replace(
    'drivers = ["cal-carter"]\nlaps = 84\ngap = "+6 laps"\nsources = ["hand"]\n',
    'drivers = ["cal-carter"]\nlaps = 84\ngap = "+6 laps"\nuncertain = true\nsources = ["hand"]\n\n'
    '[[rounds.results.notes]]\ntext = "Second overall is read off a photo."\nkind = "missing"\n'
    'sources = ["hand"]\n',
    1,
)


def test_an_award_from_an_uncertain_place_says_so(season) -> None:
    """Henzler's second in GT at Petit Le Mans is an inference: the points it earns are marked."""
    gt = points.driver_standings(season, "GT")
    henzler = next(e for e in gt.entries if e.id == "wolf-henzler")
    r8 = next(a for a in henzler.awards if a.round_number == 8)
    assert r8.uncertain and r8.points > 0
    assert henzler.uncertain_points == r8.points
    assert henzler.uncertain_rounds == (8,)
    bernhard = next(e for e in gt.entries if e.id == "timo-bernhard")
    assert bernhard.uncertain_points == 0 and not any(a.uncertain for a in bernhard.awards)


def test_a_differing_leader_on_uncertain_points_is_named_in_the_reasons() -> None:
    assert "uncertain = true" in UNCERTAIN_CARTER
    text = UNCERTAIN_CARTER + CHAMPION.format(
        car_class="GTS", title="drivers", holder='drivers = ["dee-dunn"]'
    )
    result = load_text(text, "u.toml")
    assert result.ok, result.problems
    check = recorded_champion(result.dataset, points.driver_standings(result.dataset, "GTS"))
    assert check is not None and not check.matches
    assert "Cal Carter's 20 pts include 20 from a place the sources leave uncertain (R1)" in check.reasons
