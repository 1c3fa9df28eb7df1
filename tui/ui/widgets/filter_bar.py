"""The class filter: one chip per class with its car count; keys 1-4 and 0."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.message import Message

from ..classes import class_tag
from ..text import printable
from .chip_strip import Chip, ChipStrip, strip_width

#: Cells around each label: ``SPACED`` a blank on each side and one after the chip,
#: ``TIGHT`` the one after only (``(padding, gap)``).
SPACED = (1, 1)
TIGHT = (0, 1)


class FilterBar(ChipStrip):
    """Shows which class is shown and how many cars each class has in this round.

    Chip 0 is "All", chip N the Nth class (the keys). A click posts :class:`Changed`.
    """

    DEFAULT_CSS = """
    FilterBar { height: 1; width: 1fr; }
    """

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class Changed(Message):
        class_id: str | None

    def __init__(self, class_ids: list[str], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(padding=SPACED[0], gap=SPACED[1], id=id, classes=classes)
        #: The class of each chip: ``None`` (all) first.
        self.class_ids: list[str | None] = [None, *class_ids]
        self._counts: dict[str, int] | None = None
        self._active_class: str | None = None

    @staticmethod
    def label(key: str, class_id: str | None, count: int | None) -> Content:
        shown = "" if count is None else f" {count}"
        if class_id:
            return Content.assemble((key, "bold"), " ", class_tag(class_id, 0), shown)
        return Content.assemble((key, "bold"), f" All{shown}")

    def show_counts(self, counts: dict[str, int], active: str | None) -> None:
        """The cars of each class in this round, and the class shown (``None``: all)."""
        self._counts, self._active_class = counts, active
        numbers = [sum(counts.values()) if class_id is None else counts.get(class_id, 0)
                   for class_id in self.class_ids]
        labels = [self.label(str(key), class_id, number)
                  for key, (class_id, number) in enumerate(zip(self.class_ids, numbers))]
        spacing, with_counts = self._fit(labels)
        if not with_counts:
            labels = [self.label(str(key), class_id, None) for key, class_id in enumerate(self.class_ids)]
        chips = [
            Chip(label, Content("All classes" if class_id is None else f"Only {printable(class_id)}"))
            for label, class_id in zip(labels, self.class_ids)
        ]
        active_index = self.class_ids.index(active) if active in self.class_ids else None
        self.show(chips, active_index, padding=spacing[0], gap=spacing[1])

    def _fit(self, labels: list[Content]) -> tuple[tuple[int, int], bool]:
        """Spaced, tight, or without counts: a count cut in half ("GT 1" for 11
        cars) misleads, so spacing goes first, then the counts, never a digit."""
        width = self.size.width
        if not width:  # not laid out yet: as wide as wanted
            return SPACED, True
        if strip_width(labels, *SPACED) <= width:
            return SPACED, True
        if strip_width(labels, *TIGHT) <= width:
            return TIGHT, True
        return TIGHT, False

    def choose(self, index: int) -> None:
        self.post_message(self.Changed(self.class_ids[index]))

    def on_resize(self) -> None:
        if self._counts is not None:
            self.show_counts(self._counts, self._active_class)
