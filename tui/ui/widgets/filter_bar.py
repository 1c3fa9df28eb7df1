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

    def __init__(self, key: str, class_id: str | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.key = key
        self.class_id = class_id
        self.tooltip = Content("All classes" if class_id is None else f"Only {printable(class_id)}")

    def set_count(self, count: int) -> None:
        if count == getattr(self, "_count", None):
            return  # an update lays the screen out again; the same label needs none
        self._count = count
        label = (
            Content.assemble((self.key, "bold"), " ", class_tag(self.class_id, 0), f" {count}")
            if self.class_id
            else Content.assemble((self.key, "bold"), f" All {count}")
        )
        self.update(label)

    def on_click(self) -> None:
        self.post_message(FilterBar.Changed(self.class_id))


class FilterBar(Horizontal):
    """Shows which class is shown and how many cars each class has in this round."""

    DEFAULT_CSS = """
    FilterBar { height: 1; width: 1fr; }
    """

    @dataclass
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
        for chip in self.query(FilterChip):
            chip.set_count(sum(counts.values()) if chip.class_id is None else counts.get(chip.class_id, 0))
            chip.set_class(chip.class_id == active, "-active")
