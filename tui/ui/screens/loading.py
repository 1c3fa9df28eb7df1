"""The first screen: which season is loading, until it is shown (or its problems are).

A big or slow file takes seconds to read and validate; without this the terminal
stayed blank and looked hung. It is the app's default screen, so it is the very
first frame, and `q` (an app key) quits from it at any time.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ..text import literal
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from .lean import LeanScreen


class LoadingScreen(LeanScreen, Screen):
    DEFAULT_CSS = """
    LoadingScreen #loading {
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
    }
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(
            Content.assemble(
                "Loading ",
                literal(self.path.name, "bold"),
                "…\n",
                (literal(str(self.path.parent), "dim")),
                ("\n\nq quits", "dim italic"),
            ),
            id="loading",
        )
        yield KeyFooter()
