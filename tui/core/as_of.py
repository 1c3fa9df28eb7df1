"""The season as it stood after round N: spoiler-free standings and driver seasons.

:func:`known_season` gives a dataset holding only rounds 1..N with their results,
so every derived view (standings, driver seasons, points explanations, search)
computed from it is what could be known after round N, with no special case in
:mod:`tui.core.points` or :mod:`tui.core.driver_season`.

:func:`calendar_as_of` gives the whole calendar for showing: rounds after N keep
their date, circuit and format but lose every result, pole, race statistic and
note (a note can name a winner), and their coverage note (it can too).

Season notes and team notes are dropped from the known season: the bundled
season's notes name the champions ("title settled at Road America"), and no field
says which note is safe before which round.
"""

from __future__ import annotations

from .memo import per_dataset
from .models import Coverage, Dataset, Round


class AsOfError(ValueError):
    """A round to stand at that the season does not have."""


def check_round(dataset: Dataset, through: int) -> None:
    """Raise :class:`AsOfError` naming the season's rounds when ``through`` is not one."""
    if dataset.round(through) is None:
        known = ", ".join(str(r.number) for r in sorted(dataset.rounds, key=lambda r: r.number))
        raise AsOfError(f"no round {through} in the season (rounds: {known})")


def is_hidden(round_number: int, through: int | None) -> bool:
    """Whether a round's result is hidden when standing after round ``through``."""
    return through is not None and round_number > through


def known_season(dataset: Dataset, through: int | None) -> Dataset:
    """The season as known after round ``through`` (the whole season for ``None``).

    The same object for the same dataset and round, so views cached per dataset
    (:func:`tui.core.memo.per_dataset`) are built once per season version.
    """
    if through is None:
        return dataset
    check_round(dataset, through)
    return per_dataset(dataset, ("as_of", through), lambda: _known(dataset, through))


def _known(dataset: Dataset, through: int) -> Dataset:
    fields = {name: getattr(dataset, name) for name in type(dataset).model_fields}
    fields["rounds"] = [r for r in dataset.rounds if r.number <= through]
    fields["season"] = dataset.season.model_copy(update={"notes": []})
    fields["teams"] = [t.model_copy(update={"notes": []}) for t in dataset.teams]
    # model_construct, not model_copy: a copy would carry the source's cached
    # lookups (rounds by number...) along with its __dict__.
    return Dataset.model_construct(**fields)


def hidden_round(round_: Round) -> Round:
    """A round as the calendar shows it before it is run: when, where, how long."""
    return round_.model_copy(
        update={
            "results": [],
            "poles": [],
            "stats": None,
            "notes": [],
            "coverage": Coverage(level=round_.coverage.level),
        }
    )


def calendar_as_of(dataset: Dataset, through: int | None) -> tuple[Round, ...]:
    """Every round in calendar order; those after ``through`` without any result."""
    ordered = sorted(dataset.rounds, key=lambda r: r.number)
    if through is None:
        return tuple(ordered)
    check_round(dataset, through)

    def build() -> tuple[Round, ...]:
        return tuple(hidden_round(r) if is_hidden(r.number, through) else r for r in ordered)

    return per_dataset(dataset, ("calendar_as_of", through), build)


def hidden_label(through: int) -> str:
    """What the UI and exports say about a hidden result."""
    return f"hidden as of R{through}"
