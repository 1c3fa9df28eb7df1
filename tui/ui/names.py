"""Short forms of data for dense tables: surnames and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo

from tui.core.models import Dataset, Driver, Round

_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}


def surname(driver: Driver) -> str:
    """``"Johannes van Overbeek"`` -> ``"van Overbeek"``; ``"Dale Earnhardt Jr."`` keeps the Jr."""
    if not driver.given_name_known:
        return driver.name
    words = driver.name.split()
    if len(words) < 2:
        return driver.name
    start = len(words) - 1
    if words[start].lower() in _SUFFIXES and start > 1:
        start -= 1
    # Lower-case particles (van, de, von, da) belong to the surname.
    while start > 1 and words[start - 1][:1].islower():
        start -= 1
    return " ".join(words[start:])


def short_name(dataset: Dataset, driver_id: str) -> str:
    """The driver's surname; an unknown id shown as it is."""
    driver = dataset.driver(driver_id)
    return driver_id if driver is None else surname(driver)


def initialled(dataset: Dataset, driver_id: str) -> str:
    """``"Clint Field"`` -> ``"C. Field"``; a name known only by surname stays whole."""
    driver = dataset.driver(driver_id)
    if driver is None:
        return driver_id
    last = surname(driver)
    given = driver.name[: len(driver.name) - len(last)].split() if driver.given_name_known else []
    if not given or not driver.name.endswith(last):
        return driver.name
    return " ".join([*(f"{word[0]}." for word in given), last])


def view_names(dataset: Dataset, driver_ids: Iterable[str]) -> dict[str, str]:
    """The short name of each driver shown together (a crew, a table, a chip row).

    Surnames, except where two drivers in the view share one: then initials
    (``J. Field``, ``C. Field``), and full names where the initials also match.
    Linear in the number of drivers.
    """
    by_surname: dict[str, list[str]] = {}
    for driver_id in dict.fromkeys(driver_ids):
        by_surname.setdefault(short_name(dataset, driver_id).casefold(), []).append(driver_id)
    names: dict[str, str] = {}
    for same in by_surname.values():
        if len(same) == 1:
            names[same[0]] = short_name(dataset, same[0])
            continue
        by_initials: dict[str, list[str]] = {}
        for driver_id in same:
            by_initials.setdefault(initialled(dataset, driver_id).casefold(), []).append(driver_id)
        for twins in by_initials.values():
            for driver_id in twins:
                names[driver_id] = (
                    initialled(dataset, driver_id) if len(twins) == 1 else dataset.driver_name(driver_id)
                )
    return names


def crew(
    dataset: Dataset,
    driver_ids: list[str],
    *,
    short: bool = True,
    names: Mapping[str, str] | None = None,
) -> str:
    """Driver names joined with `` / ``; unknown ids shown as they are.

    Short names come from ``names`` (:func:`view_names` of everything shown
    with this crew), else from the crew alone.
    """
    if not short:
        return " / ".join(dataset.driver_name(driver_id) for driver_id in driver_ids)
    if names is None:
        names = view_names(dataset, driver_ids)
    return " / ".join(names.get(driver_id) or short_name(dataset, driver_id) for driver_id in driver_ids)


def local_date(round_: Round, with_year: bool = True) -> str:
    """The race day as the track saw it, with its zone: ``Sun 08 Aug 2004 EDT``."""
    noon = dt.datetime.combine(round_.date, dt.time(12), tzinfo=ZoneInfo(round_.timezone))
    day = f"{round_.date:%a %d %b %Y}" if with_year else f"{round_.date:%a %d %b}"
    return f"{day} {noon.tzname()}"

