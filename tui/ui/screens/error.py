"""Shown when the dataset cannot be loaded: every located problem, then quit or retry."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tui.core.problems import Problem, validate_command

from ..text import literal
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from .lean import LeanScreen

#: Listing tens of thousands of problems would freeze the screen; the first ones
#: say what is wrong, and `alms-tui validate` lists them all.
SHOWN_PROBLEMS = 200


def problem_list(problems: tuple[Problem, ...], path: Path) -> Content:
    lines = [literal(str(problem)) for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        more = len(problems) - SHOWN_PROBLEMS
        # validate_command quotes and escapes the path: paste-ready, never raw.
        lines.append(Content(f"… and {more} more: run {validate_command(path)} to list them all"))
    return Content("\n").join(lines)


class LoadErrorScreen(LeanScreen, Screen):
    BINDINGS = [
        Binding("r", "retry", "Retry", id="error.retry"),
        Binding("q", "app.quit", "Quit", id="error.quit"),
    ]

    def __init__(self, path: Path, problems: tuple[Problem, ...]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="problems"):
            yield Static(self._heading(), id="problems-heading")
            yield Static(problem_list(self.problems, self.path), id="problems-list")
            yield Static(
                Content(
                    "Fix the file and press r to try again (it reloads by itself when the file "
                    "is followed), or q to quit."
                ).stylize("italic"),
                id="problems-hint",
            )
        yield KeyFooter()

    def _heading(self) -> Content:
        count = len(self.problems)
        return Content.assemble(
            ("Cannot open ", "bold"),
            literal(str(self.path), "bold"),
            f": {count} problem{'s' if count != 1 else ''}",
        )

    def on_mount(self) -> None:
        self.sub_title = "dataset problems"

    class Retry(Message):
        """Load the file again (bubbles to the app, which loads)."""

    def action_retry(self) -> None:
        self.post_message(self.Retry())

    def show_problems(self, problems: tuple[Problem, ...]) -> None:
        """A newer save that still does not load: list its problems instead."""
        self.problems = problems
        self.query_one("#problems-heading", Static).update(self._heading())
        self.query_one("#problems-list", Static).update(problem_list(problems, self.path))
