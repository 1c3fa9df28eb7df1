"""A driver's season on a page of its own (from the standings, search or favourites)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.core.models import Dataset

from ..text import printable
from ..widgets.driver_detail import render_driver
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen


class DriverScreen(LeanScreen, Screen):
    """The same season text as the dashboard's driver pane, full width."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="driver-page.back"),
        Binding("j", "scroll_down", "Down", show=False, id="driver-page.down"),
        Binding("k", "scroll_up", "Up", show=False, id="driver-page.up"),
        Binding("asterisk", "star", "Star", id="driver-page.star"),
    ]

    def __init__(self, dataset: Dataset, driver_id: str) -> None:
        super().__init__()
        self.dataset = dataset
        self.driver_id = driver_id

    @property
    def page_action(self) -> str:
        """How the app opens this page again (going back to it)."""
        return f"open_driver({self.driver_id!r})"

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield LiveBar()
        with VerticalScroll(id="driver-page"):
            yield Static(id="driver-page-body", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._show()
        self.query_one("#driver-page").focus()

    def _show(self) -> None:
        starred = f"driver:{self.driver_id}" in getattr(self.app, "favourite_keys", frozenset())
        name = printable(self.dataset.driver_name(self.driver_id))
        self.sub_title = f"Driver: {'★ ' if starred else ''}{name}"
        self.query_one("#driver-page-body", Static).update(render_driver(self.dataset, self.driver_id))

    def action_scroll_down(self) -> None:
        self.query_one("#driver-page").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#driver-page").scroll_up()

    def action_star(self) -> None:
        self.app.action_toggle_favourite(f'driver:{self.driver_id}')  # type: ignore[attr-defined]

    def show_favourites(self, favourites: frozenset[str]) -> None:
        self._show()

    def apply_dataset(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._show()
