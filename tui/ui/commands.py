"""Every key of the dashboard as a command palette entry, with its key shown.

The commands are read from the bindings themselves, so a key and its
description have one home (the ``Binding``), and a key added there is in the
palette, the footer and the help at once. Hits are built as ``Content``: the
stock ``Matcher.highlight`` would parse a description as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import FuzzySearch

from .search import highlighted

#: Keys that only make sense pressed, not chosen from a list: moving between panes
#: (the palette closes onto the pane it was opened from).
NOT_COMMANDS = frozenset({"pane.next", "pane.previous"})


@dataclass(frozen=True)
class Command:
    """One binding as a palette entry: what it does, its key, where it runs."""

    description: str
    help: str | None
    key: str
    action: str
    namespace: DOMNode

    def display(self, offsets: list[int] = []) -> Content:  # noqa: B006 (never mutated)
        """The description, the matched letters highlighted, then the key, dim."""
        return Content.assemble(highlighted(self.description, offsets), (f"  {self.key}", "dim"))


def commands(app) -> Iterator[Command]:  # app: SeasonApp (imported lazily by the app)
    """The app's and the dashboard's bindings that are commands, in their order."""
    from .screens.main import MainScreen

    homes: list[tuple[DOMNode, list]] = [(app, app.BINDINGS)]
    main = app.main_screen
    if main is not None:
        homes.insert(0, (main, MainScreen.BINDINGS))
    for namespace, bindings in homes:
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.id in NOT_COMMANDS:
                continue
            yield Command(
                binding.description,
                binding.tooltip or None,
                app.get_key_display(binding),
                binding.action,
                namespace,
            )


class SeasonCommands(Provider):
    """Standings, round details, classes, filters, rounds, zoom, following, help, quit."""

    def _run(self, command: Command) -> None:
        self.app.call_later(self.app.run_action, command.action, command.namespace)

    async def discover(self) -> Hits:
        for command in commands(self.app):
            yield DiscoveryHit(command.display(), partial(self._run, command), text=command.description,
                               help=command.help)

    async def search(self, query: str) -> Hits:
        fuzzy = FuzzySearch()
        for command in commands(self.app):
            # The tooltip is searched too ("round details" finds Round info); only
            # the description's letters are highlighted.
            searched = f"{command.description} {command.help}" if command.help else command.description
            score, offsets = fuzzy.match(query, searched)
            if score > 0:
                yield Hit(
                    score,
                    command.display(list(offsets)),
                    partial(self._run, command),
                    text=command.description,
                    help=command.help,
                )
