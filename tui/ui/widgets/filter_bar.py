"""The class filter: one chip per class with its car count; keys 1-4 and 0."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from ..classes import class_tag
from ..text import printable
from .one_pass import OnePassLayout


class FilterChip(Static, OnePassLayout):
    """A clickable filter choice; ``class_id`` None means all classes."""

    DEFAULT_CSS = """
    FilterChip { width: auto; height: 1; padding: 0 1; margin-right: 1; }
    FilterChip.-active { text-style: bold reverse; }
    FilterChip:hover { text-style: underline; }
    """

    #: Cells around the label: padding and margin (``-tight``: the margin only).
    SPACING = 3
    TIGHT_SPACING = 1

    def __init__(self, key: str, class_id: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.key = key
        self.class_id = class_id
        self.tooltip = Content("All classes" if class_id is None else f"Only {printable(class_id)}")

    def set_count(self, count: int | None) -> None:
        """Show the number of cars, or none (``None``) when the bar has no room."""
        if count == getattr(self, "_count", ...):
            return  # an update lays the screen out again; the same label needs none
        self._count = count
        self.update(self.label(count))

    def label(self, count: int | None) -> Content:
        shown = "" if count is None else f" {count}"
        if self.class_id:
            return Content.assemble((self.key, "bold"), " ", class_tag(self.class_id, 0), shown)
        return Content.assemble((self.key, "bold"), f" All{shown}")

    def on_click(self) -> None:
        self.post_message(FilterBar.Changed(self.class_id))


class FilterBar(Horizontal):
    """Shows which class is shown and how many cars each class has in this round."""

    DEFAULT_CSS = """
    FilterBar { height: 1; width: 1fr; }
    FilterBar.-tight FilterChip { padding: 0; }
    """

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class Changed(Message):
        class_id: str | None

    def __init__(self, class_ids: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.class_ids = class_ids

    def compose(self) -> ComposeResult:
        yield FilterChip("0", None, id="filter-all")
        for number, class_id in enumerate(self.class_ids, start=1):
            yield FilterChip(str(number), class_id, id=f"filter-{number}")

    def show(self, counts: dict[str, int], active: str | None) -> None:
        self._counts = counts
        chips = list(self.query(FilterChip))
        numbers = [sum(counts.values()) if chip.class_id is None else counts.get(chip.class_id, 0)
                   for chip in chips]
        room = self._fit(chips, numbers)
        for chip, number in zip(chips, numbers):
            chip.set_count(number if room != "no counts" else None)
            chip.set_class(chip.class_id == active, "-active")

    def _fit(self, chips: list[FilterChip], numbers: list[int]) -> str:
        """Spaced, tight, or without counts: a count cut in half ("GT 1" for 11
        cars) misleads, so spacing goes first, then the counts, never a digit."""
        width = self.size.width
        if not width:  # not laid out yet: as wide as wanted
            return "spaced"
        labels = [chip.label(number).cell_length for chip, number in zip(chips, numbers)]
        if sum(labels) + FilterChip.SPACING * len(chips) <= width:
            room = "spaced"
        elif sum(labels) + FilterChip.TIGHT_SPACING * len(chips) <= width:
            room = "tight"
        else:
            room = "no counts"
        self.set_class(room != "spaced", "-tight")  # no change, no new layout
        return room

    def on_resize(self) -> None:
        counts = getattr(self, "_counts", None)
        if counts is not None:
            self.show(counts, next((c.class_id for c in self.query(FilterChip) if c.has_class("-active")), None))
