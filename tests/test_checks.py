"""Semantic rules: one broken copy of the minimal fixture per rule, located exactly."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tui.core.checks import check
from tui.core.loader import load_bytes, load_path, load_text
from tui.core.problems import Problem
from tui.core.source_map import Loc

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "good" / "minimal.toml"
BAD = FIXTURES / "bad"

# file in tests/fixtures/bad/ -> the one problem it must give, after "<file>:".
RULES = {
    # references
    "unknown_class": "147:1: round 1, car #7 (rounds[0].results[3].class): unknown class 'gt' (did you mean 'GT'?)",
    "unknown_pole_class": (
        "110:1: round 1 (rounds[0].poles[0].class): unknown class 'LMP3' (did you mean 'LMP1'?)"
    ),
    "unknown_class_in_counts": (
        "106:56: round 1 (rounds[0].stats.entries.by_class.GT3): unknown class 'GT3' (did you mean 'GT'?)"
    ),
    "unknown_driver": (
        "131:12: round 1, car #3 (rounds[0].results[1].drivers[0]): unknown driver 'cal-karter' "
        "(did you mean 'cal-carter'?)"
    ),
    "unknown_note_driver": (
        "17:12: season.notes[0].drivers[0]: unknown driver 'eve-evan' (did you mean 'eve-evans'?)"
    ),
    "unknown_team": (
        "130:1: round 1, car #3 (rounds[0].results[1].team): unknown team 'brav0' (did you mean 'bravo'?)"
    ),
    "unknown_source": "96:71: round 1 (rounds[0].format.sources[1]): unknown source 'imsa'",
    "unknown_points_scale": (
        "97:1: round 1 (rounds[0].points_scale): unknown points scale 'sdt' (did you mean 'std'?)"
    ),
    # uniqueness
    "duplicate_driver_id": "83:1: drivers[5].id: duplicate driver id 'eve-evans' (also drivers[4])",
    "duplicate_class_id": "41:1: classes[3].id: duplicate class id 'GT' (also classes[2])",
    "duplicate_position": (
        "137:1: round 1, car #4 (rounds[0].results[2].position): position 2 is also held by car #3 (results[1])"
    ),
    "duplicate_car_number": (
        "139:1: round 1, position 3 (rounds[0].results[2].number): car #3 appears twice (also results[1])"
    ),
    "duplicate_round_number": "168:1: rounds[1].number: round number 1 is also used by rounds[0]",
    # order
    "rounds_out_of_order": "168:1: rounds[1].number: round 2 is listed after round 3",
    "dates_out_of_order": (
        "173:1: round 2 (rounds[1].date): round 2 is dated 2004-03-01, before round 1 (2004-03-20)"
    ),
    # results
    "laps_above_winner": (
        "132:1: round 1, car #3 (rounds[0].results[1].laps): 91 laps, more than the overall winner's 90"
    ),
    "derivable_class_position": (
        "128:1: round 1, car #3 (rounds[0].results[1].class_position): "
        "class_position is derived from the overall order here; remove it"
    ),
    "contradicting_class_position": (
        "138:1: round 1, car #4 (rounds[0].results[2].class_position): class_position 1 contradicts the overall "
        "order, which makes this car 2 in GTS; remove it"
    ),
    "duplicate_class_position": (
        "146:1: round 1, car #7 (rounds[0].results[3].class_position): "
        "class position 1 in GTS is also held by car #3 (results[1])"
    ),
    "unknown_note_car": "164:1: round 1 (rounds[0].notes[0].car): no car #8 in this round's results",
}


@pytest.mark.parametrize("name", RULES)
def test_each_rule_reports_its_broken_fixture(name: str) -> None:
    path = BAD / f"{name}.toml"
    result = load_bytes(path.read_bytes(), path.name)
    assert [str(p) for p in result.problems] == [f"{name}.toml:{RULES[name]}"]
    # The schema passed, so the dataset is there to show, but the load is not ok.
    assert result.dataset is not None
    assert not result.ok


def test_every_rule_fixture_is_a_small_edit_of_the_minimal_file() -> None:
    good = MINIMAL.read_text().splitlines()[4:]  # after the header comment
    for name in RULES:
        bad = (BAD / f"{name}.toml").read_text().splitlines()[4:]
        changed = [d for d in difflib.ndiff(good, bad) if d.startswith(("+ ", "- "))]
        assert 1 <= len(changed) <= 6, (name, changed)


def test_the_minimal_fixture_passes_every_rule() -> None:
    dataset = load_path(MINIMAL).dataset
    assert dataset is not None
    assert check(dataset, NoPositions(), "minimal.toml") == []


class NoPositions:
    """A locator for text that is not at hand: problems keep their paths, lose lines."""

    def locate(self, loc: Loc) -> tuple[int, int] | None:
        return None


def test_problems_without_positions_still_name_their_path() -> None:
    text = (BAD / "unknown_team.toml").read_text()
    dataset = load_text(text.replace('team = "brav0"', 'team = "bravo"')).dataset
    assert dataset is not None
    broken = dataset.model_copy(
        update={"teams": [dataset.teams[0]]}  # drop "bravo": its reference is now unknown
    )
    assert check(broken, NoPositions(), "x.toml") == [
        Problem("x.toml", "unknown team 'bravo'", None, None, "rounds[0].results[1].team",
                "round 1, car #3")
    ]


def test_a_retired_car_may_have_covered_more_laps_than_the_winner_says() -> None:
    # Only classified cars are compared: a DNF car's laps are often counted differently.
    text = MINIMAL.read_text().replace("laps = 40", "laps = 95")
    assert load_text(text).ok


def test_two_rounds_on_one_day_are_in_order() -> None:
    text = MINIMAL.read_text().replace("date = 2004-05-23", "date = 2004-03-20")
    assert load_text(text).ok


def test_a_class_position_beyond_the_known_order_is_kept() -> None:
    # Car #7 has no overall position: its stated class position is the only one there is.
    result = load_path(MINIMAL)
    assert result.dataset.rounds[0].results[3].class_position == 1
    assert result.ok
