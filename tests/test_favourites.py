"""Favourite keys: kinds kept apart, crews in any order, toggling, and the settings file."""

from __future__ import annotations

from pathlib import Path

from tui.core.favourites import (
    MOST_FAVOURITES,
    crew_key,
    driver_key,
    marks_result,
    split_key,
    team_key,
    toggled,
)
from tui.core.settings import Settings, load_settings, save_settings


def test_a_crew_is_the_same_favourite_in_any_order() -> None:
    assert crew_key(["law", "van-overbeek"]) == crew_key(["van-overbeek", "law"])
    assert split_key(crew_key(["b", "a"])) == ("crew", "a+b")


def test_a_row_is_marked_by_a_driver_its_crew_or_its_team() -> None:
    favourites = frozenset({driver_key("ann"), team_key("t1"), crew_key(["cid", "dan"])})
    assert marks_result(favourites, ["ann", "bob"], None)
    assert marks_result(favourites, ["eve"], "t1")
    assert marks_result(favourites, ["dan", "cid"], "t2")
    assert not marks_result(favourites, ["cid", "eve"], "t2")  # one crew-mate is not the crew
    assert not marks_result(frozenset({team_key("ann")}), ["ann"], None)  # kinds stay apart


def test_toggling_adds_then_removes_and_keeps_a_bound() -> None:
    once = toggled((), driver_key("ann"))
    assert once == ("driver:ann",)
    assert toggled(once, driver_key("ann")) == ()
    many: tuple[str, ...] = ()
    for n in range(MOST_FAVOURITES + 5):
        many = toggled(many, driver_key(f"d{n}"))
    assert len(many) == MOST_FAVOURITES and many[-1] == f"driver:d{MOST_FAVOURITES + 4}"


def test_favourites_round_trip_through_the_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    assert save_settings(Settings(favourites=("driver:ann", "team:t1")), path) is None
    loaded, warning = load_settings(path)
    assert warning is None and loaded.favourites == ("driver:ann", "team:t1")
    path.write_text('favourites = "driver:ann"\n')  # not a list: defaults, and a sentence
    loaded, warning = load_settings(path)
    assert loaded.favourites is None and warning is not None and "damaged" in warning
