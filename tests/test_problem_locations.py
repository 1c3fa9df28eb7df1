"""Problems say where they are in a reader's terms: round 6, not only rounds[5];
and the command that lists them all names the file it is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.core.loader import load_path
from tui.core.problems import Problem, validate_command
from tui.ui.screens.error import problem_list
from tui.ui.widgets.live_bar import LiveState, render_state

ROOT = Path(__file__).resolve().parents[1]
SEASON = (ROOT / "data" / "alms-2004.toml").read_text(encoding="utf-8")


def _mosport_broken(tmp_path: Path) -> Path:
    # Mosport is the sixth round: rounds[5]. Its #38 gets laps as text.
    path = tmp_path / "season.toml"
    broken = SEASON.replace('laps = 137\ngap = "+16.319 s"', 'laps = "x"\ngap = "+16.319 s"', 1)
    assert broken != SEASON
    path.write_text(broken, encoding="utf-8")
    return path


def test_a_schema_problem_names_the_round_and_the_car(tmp_path: Path) -> None:
    (problem,) = load_path(_mosport_broken(tmp_path)).problems
    assert problem.path == "rounds[5].results[1].laps"
    assert "round 6, car #38 (rounds[5].results[1].laps): " in str(problem)


def test_a_check_problem_names_the_round_and_the_position(tmp_path: Path) -> None:
    path = tmp_path / "season.toml"
    # Two cars 5th overall at Mosport: Fellows' Corvette (no number) and the next.
    text = SEASON.replace("position = 6\nclass = \"LMP2\"\nnumber = 30", "position = 5\nclass = \"LMP2\"\nnumber = 30", 1)
    assert text != SEASON
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in load_path(path).problems]
    assert any("round 6, car #30 (rounds[5].results[5].position)" in p for p in problems), problems


def test_the_cli_prints_the_human_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(_mosport_broken(tmp_path))]) == 1
    assert "round 6, car #38 (rounds[5].results[1].laps)" in capsys.readouterr().err


def test_a_problem_without_a_name_reads_as_before() -> None:
    problem = Problem("f.toml", "bad", 3, 1, "season.year")
    assert str(problem) == "f.toml:3:1: season.year: bad"


def test_the_validate_hint_names_the_file_quoted_and_escaped() -> None:
    assert validate_command("/data/my season.toml") == "alms-tui validate '/data/my season.toml'"
    assert validate_command("/d/it's.toml") == "alms-tui validate '/d/it'\"'\"'s.toml'"
    assert "\x1b" not in validate_command("/d/\x1b]0;pwned\x07.toml")


def test_the_live_bar_hint_validates_the_file_it_is_about() -> None:
    problems = tuple(Problem("s.toml", f"problem {n}", n, 1) for n in range(1, 6))
    state = LiveState(file_name="s.toml", file_path="/tmp/my data/s.toml", problems=problems)
    text = render_state(state).plain
    assert "run: alms-tui validate '/tmp/my data/s.toml'" in text


def test_the_error_screen_hint_validates_the_file_it_is_about() -> None:
    problems = tuple(Problem("s.toml", f"problem {n}", n, 1) for n in range(1, 300))
    text = problem_list(problems, Path("/tmp/my data/s.toml")).plain
    assert "alms-tui validate '/tmp/my data/s.toml'" in text


def test_the_app_gives_its_live_bar_the_whole_path(tmp_path: Path) -> None:
    from tui.ui.app import SeasonApp

    path = tmp_path / "my data" / "season.toml"
    app = SeasonApp(path, config_path=None)
    assert app.live_state.file_path == str(path)
    assert app.live_state.file_name == "season.toml"
