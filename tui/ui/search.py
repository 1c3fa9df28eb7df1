"""Find any driver, team, car or round and jump there (``/`` or the command palette).

Hits are built as Content from the literal name with the matched letters styled:
the stock ``Matcher.highlight`` parses its candidate as markup, and names from
data must never be markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual import on
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from tui.core.classification import classify
from tui.core.models import Dataset

from .text import printable


@dataclass(frozen=True, slots=True)
class Target:
    """Something to jump to: a round and, optionally, a car and a driver in it."""

    kind: str  #: driver, team, car, round
    label: str
    round_number: int
    car_key: str | None = None
    driver_id: str | None = None


def targets(dataset: Dataset) -> list[Target]:
    """Every searchable thing, each pointing at its first appearance in the season."""
    found: dict[tuple[str, str], Target] = {}
    for round_ in dataset.rounds:
        found.setdefault(("round", str(round_.number)),
                         Target("round", f"R{round_.number} {round_.name} · {round_.circuit}", round_.number))
        for row in classify(round_):
            result = row.result
            for driver_id in result.drivers:
                found.setdefault(("driver", driver_id),
                                 Target("driver", dataset.driver_name(driver_id), round_.number, row.key, driver_id))
            if result.team and (team := dataset.team(result.team)):
                found.setdefault(("team", team.id), Target("team", team.name, round_.number, row.key))
            if result.car_label:
                found.setdefault(("car", result.car_label), Target("car", result.car_label, round_.number, row.key))
    return list(found.values())


def highlighted(label: str, offsets: list[int]) -> Content:
    content = Content(printable(label))
    for offset in offsets:
        if offset < len(content.plain) and not content.plain[offset].isspace():
            content = content.stylize("bold reverse", offset, offset + 1)
    return content


class SeasonSearch(Provider):
    """Drivers, teams, cars and rounds of the open season."""

    async def search(self, query: str) -> Hits:
        app = self.app
        main = getattr(app, "main_screen", None)
        if main is None:
            return
        fuzzy = FuzzySearch()
        for target in targets(main.dataset):
            label = printable(target.label)
            score, offsets = fuzzy.match(query, label)
            if score > 0:
                yield Hit(
                    score,
                    Content.assemble((f"{target.kind:<7}", "dim"), highlighted(label, list(offsets))),
                    partial(main.jump_to, target.round_number, target.car_key, target.driver_id),
                    text=f"{target.kind} {label}",
                )


class SeasonPalette(CommandPalette):
    """The command palette, guarded against bursts of keys.

    Textual 8.2.8 raises KeyError in ``OptionList._move_page`` when page up/down
    reach a command list that has options but no lines yet (ctrl+p and page
    down in one burst of input). Until the list is laid out, a page key does nothing.

    Textual 8.2.8 also lets a closed palette close the screen under it
    (upstream bug to report): ``Screen.dismiss()`` pops whatever screen is on
    top, not the screen it is called on. Two Enters in one burst (key repeat, a
    slow link) both reach the palette; the first closes it, the second
    "closes" it again and pops the dashboard, leaving a blank screen (or, with
    three, ``ScreenStackError``). Once the palette is no longer the active
    screen, its selections are stale and its dismissals are ignored.
    """

    @on(Input.Submitted)
    @on(Button.Pressed)
    @on(OptionList.OptionSelected)
    def _ignore_stale_selection(self, event: Message) -> None:
        # Runs before CommandPalette's own handlers (subclass first in the MRO);
        # prevent_default stops them for this message.
        if not self.is_active:
            event.stop()
            event.prevent_default()

    def dismiss(self, result: object | None = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete.nothing()
        return super().dismiss(result)  # type: ignore[arg-type]  # the palette's result type is None

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            from textual.command import CommandList

            command_list = self.query_one(CommandList)
            if (command_list.highlighted or 0) not in command_list._index_to_line:
                return
        super()._action_command_list(action)
