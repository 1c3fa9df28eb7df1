"""Favourites: starred drivers, crews and teams, as keys kept in the settings file.

A key names its kind, so a driver and a team that share an id stay apart:
``driver:timo-bernhard``, ``team:alex-job``, ``crew:darren-law+johannes-van-overbeek``
(a crew's drivers sorted, so the order a source lists them in does not matter).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

Kind = Literal["driver", "team", "crew"]
#: Favourites kept at most (the settings file stays small; see MAX_SETTINGS_BYTES).
MOST_FAVOURITES = 200


def driver_key(driver_id: str) -> str:
    return f"driver:{driver_id}"


def team_key(team_id: str) -> str:
    return f"team:{team_id}"


def crew_key(driver_ids: Sequence[str]) -> str:
    return "crew:" + "+".join(sorted(driver_ids))


def split_key(key: str) -> tuple[str, str]:
    """``("driver", "timo-bernhard")``; an unknown kind comes back as it is."""
    kind, _, rest = key.partition(":")
    return kind, rest


def marks_result(favourites: frozenset[str], drivers: Sequence[str], team: str | None) -> bool:
    """Whether a car's row is starred: one of its drivers, its crew, or its team."""
    if not favourites:
        return False
    if team is not None and team_key(team) in favourites:
        return True
    if len(drivers) > 1 and crew_key(drivers) in favourites:
        return True
    return any(driver_key(d) in favourites for d in drivers)


def toggled(favourites: Sequence[str], key: str) -> tuple[str, ...]:
    """The favourites with ``key`` added, or removed if it was there (order kept)."""
    if key in favourites:
        return tuple(k for k in favourites if k != key)
    return (*favourites, key)[-MOST_FAVOURITES:]
