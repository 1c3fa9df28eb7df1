"""Where the reader was before each jump, so ``backspace`` can return there.

A jump is a move the reader did not make step by step: a search hit, ``enter``
on a team or car page, a page opened from the palette. Stepping through rounds
or filters is not a jump (``[``/``]`` and ``0``-``4`` undo themselves).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Places kept; the oldest are forgotten first.
HISTORY_KEPT = 50


@dataclass(frozen=True, slots=True)
class Place:
    """The dashboard's view and the page that was open over it, if any."""

    round_number: int
    class_filter: str | None
    car_key: str | None
    pane: str
    #: The app action that opens the page again (``open_team('corvette')``), or None.
    page: str | None = None


class History:
    """A bounded stack of places; the same place twice in a row is kept once."""

    def __init__(self, kept: int = HISTORY_KEPT) -> None:
        self._places: list[Place] = []
        self._kept = kept

    def push(self, place: Place) -> None:
        if self._places and self._places[-1] == place:
            return
        self._places.append(place)
        del self._places[: -self._kept]

    def pop(self) -> Place | None:
        return self._places.pop() if self._places else None

    def __len__(self) -> int:
        return len(self._places)
