"""Short forms of data for dense tables: surnames and dates."""

from __future__ import annotations

import datetime as dt
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


def crew(dataset: Dataset, driver_ids: list[str], *, short: bool = True) -> str:
    """Driver names joined with `` / ``; unknown ids shown as they are."""
    if short:
        return " / ".join(short_name(dataset, driver_id) for driver_id in driver_ids)
    return " / ".join(dataset.driver_name(driver_id) for driver_id in driver_ids)


def local_date(round_: Round, with_year: bool = True) -> str:
    """The race day as the track saw it, with its zone: ``Sun 08 Aug 2004 EDT``."""
    noon = dt.datetime.combine(round_.date, dt.time(12), tzinfo=ZoneInfo(round_.timezone))
    day = f"{round_.date:%a %d %b %Y}" if with_year else f"{round_.date:%a %d %b}"
    return f"{day} {noon.tzname()}"

