"""TOML has real numbers, booleans and dates: a quoted one is a located mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.loader import load_text

MINIMAL = (Path(__file__).parent / "fixtures" / "good" / "minimal.toml").read_text()


def broken(old: str, new: str) -> str:
    assert MINIMAL.count(old) >= 1, old
    return MINIMAL.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        ("laps = 90", 'laps = "90"', "rounds[0].results[0].laps", "integer"),
        ("year = 2004", 'year = "2004"', "season.year", "integer"),
        ("overall = true", 'overall = "yes"', "rounds[0].poles[0].overall", "true or false"),
        ("number = 3\n", "number = 3.0\n", "rounds[0].results[1].number", "integer"),
        ("date = 2004-03-20", 'date = "2004-03-20"', "rounds[0].date", "date"),
        ("distance_miles = 300.0", "distance_miles = inf", "rounds[1].format.distance_miles", "finite"),
    ],
)
def test_a_value_of_the_wrong_toml_type_is_not_coerced(old: str, new: str, path: str, expected: str) -> None:
    result = load_text(broken(old, new), "season.toml")
    assert result.dataset is None
    (problem,) = result.problems
    assert problem.path == path
    assert expected in problem.message.lower(), problem.message
    assert problem.line is not None
