"""The season-as-a-story commands in the palette, each with its key.

A provider of its own (the app's general commands live elsewhere): standing at a
round, and the views built on the season's story. Round names come from data,
so prompts are built as Content from the literal text (see :mod:`tui.ui.search`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from tui.core.favourites import split_key

from .search import highlighted
from .text import printable


@dataclass(frozen=True, slots=True)
class StoryCommand:
    label: str
    key: str  #: shown beside the label; empty when the command has no key
    action: str  #: an app action, run with ``App.run_action``
    help: str
    #: Ranked below other hits of the same match: a round's name typed in the
    #: palette is first a jump to that round, then standing at it.
    secondary: bool = False


#: The commands with no key. Those with a key are the bindings' own (App and
#: MainScreen BINDINGS), listed with their key by :mod:`tui.ui.commands`: a key
#: has one home, and the palette lists each command once.
FIXED = (
    StoryCommand("Full season (no result hidden)", "", "set_as_of(0)",
                 "Stop standing at a round: every result shown"),
    StoryCommand("Star the highlighted car's crew", "", "star_crew",
                 "A favourite crew: marked ★ in every table, listed here"),
    StoryCommand("Star the highlighted car's team", "", "star_team",
                 "A favourite team: marked ★ in every table, listed here"),
)


def favourite_commands(app: object) -> Iterator[StoryCommand]:
    """One command per favourite: open the driver's or team's page, show the crew."""
    if getattr(app, "main_screen", None) is None:
        return
    for key in getattr(app, "favourites", ()):
        kind, ident = split_key(key)
        action = {"driver": f"open_driver({ident!r})", "team": f"open_team({ident!r})",
                  "crew": f"show_crew({ident!r})"}.get(kind)
        if action is not None:
            label = app._favourite_label(key)  # type: ignore[attr-defined]
            yield StoryCommand(f"★ {label}", "", action, f"A favourite {kind}: open it")


def round_commands(app: object) -> Iterator[StoryCommand]:
    """One "as of" command per round of the open season."""
    main = getattr(app, "main_screen", None)
    if main is None:
        return
    for round_ in sorted(main.full.rounds, key=lambda r: r.number):
        yield StoryCommand(
            f"As of R{round_.number} {printable(round_.name)}", "", f"set_as_of({round_.number})",
            f"The season as it stood after round {round_.number}",
            secondary=True,
        )


def story_commands(app: object) -> Iterator[StoryCommand]:
    """Every command: the fixed ones, the favourites, then one per round."""
    yield from FIXED
    yield from favourite_commands(app)
    yield from round_commands(app)


def _prompt(command: StoryCommand, offsets: list[int]) -> Content:
    key = Content(f"  ({command.key})").stylize("dim") if command.key else Content("")
    return Content.assemble(highlighted(command.label, offsets), key)


class StoryCommands(Provider):
    """As of round N, and the season's story views."""

    async def discover(self) -> Hits:
        for command in (*FIXED, *favourite_commands(self.app)):
            yield DiscoveryHit(
                _prompt(command, []), self._runner(command), text=command.label, help=command.help
            )

    async def search(self, query: str) -> Hits:
        fuzzy = FuzzySearch()
        for command in story_commands(self.app):
            score, offsets = fuzzy.match(query, command.label)
            if score > 0:
                yield Hit(
                    score / 2 if command.secondary else score,
                    _prompt(command, list(offsets)),
                    self._runner(command),
                    text=command.label,
                    help=command.help,
                )

    def _runner(self, command: StoryCommand) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.app.run_action(command.action)

        return run
