"""The bar that says what following the file has to say: errors, deletion, pause.

Every screen that shows season data composes one; the app pushes its state to
all of them, so an invalid save is unmissable whichever view is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static

from tui.core.problems import Problem, validate_command

from ..text import literal

#: How many located problems the bar lists before "and N more".
SHOWN_PROBLEMS = 3


@dataclass(frozen=True)
class LiveState:
    """What the user must know about the file behind the screen."""

    file_name: str = ""
    file_path: str = ""  #: the whole path, for the command that lists every problem
    problems: tuple[Problem, ...] = ()  #: the last save did not load: located problems
    deleted: bool = False  #: the file is gone (deleted or renamed away)
    paused: bool = False
    waiting: int = 0  #: changes seen while paused
    following: str = "off"  #: native, polling, off (the header's headline)

    @property
    def quiet(self) -> bool:
        return not (self.problems or self.deleted or self.paused)

    @property
    def headline(self) -> str:
        """A word or two for the header: is the screen following the file?"""
        if self.following == "off":
            return "not following"
        if self.deleted:
            return "⚠ file gone"
        if self.paused:
            return f"⏸ paused · {self.waiting} waiting" if self.waiting else "⏸ paused"
        return "● live (polling)" if self.following == "polling" else "● live"


def render_state(state: LiveState) -> Content:
    lines: list[Content] = []
    if state.deleted:
        lines.append(
            Content.assemble(
                ("⚠ ", "bold"), literal(state.file_name, "bold"),
                " is gone (deleted or renamed). Showing the last good data; it reloads when the file is back.",
            )
        )
    elif state.problems:
        count = len(state.problems)
        lines.append(
            Content.assemble(
                ("✖ ", "bold"), literal(state.file_name, "bold"),
                f" has {count} problem{'s' if count != 1 else ''}. Showing the last good data; "
                "fix and save to reload.",
            )
        )
        lines.extend(literal(f"  {problem}") for problem in state.problems[:SHOWN_PROBLEMS])
        if count > SHOWN_PROBLEMS:
            # validate_command quotes and escapes the path: paste-ready, never raw.
            hint = f"  … and {count - SHOWN_PROBLEMS} more (run: {validate_command(state.file_path or state.file_name)})"
            lines.append(Content(hint))
    if state.paused:
        waiting = (
            f"{state.waiting} change{'s' if state.waiting != 1 else ''} waiting"
            if state.waiting else "no changes waiting"
        )
        lines.append(Content(f"⏸ Following paused · {waiting} · p applies, r reloads now"))
    return Content("\n").join(lines)


class LiveBar(Static):
    """Hidden while all is well; red for errors, amber for a missing file or pause."""

    DEFAULT_CSS = """
    LiveBar {
        dock: top;
        height: auto;
        max-height: 6;
        padding: 0 1;
        display: none;
    }
    LiveBar.-error { background: $error; color: $text; display: block; }
    LiveBar.-warning { background: $warning; color: $text; display: block; }
    LiveBar.-paused { background: $accent 40%; color: $text; display: block; }
    """

    def show_state(self, state: LiveState) -> None:
        self.set_class(bool(state.problems) and not state.deleted, "-error")
        self.set_class(state.deleted, "-warning")
        self.set_class(state.paused and not (state.problems or state.deleted), "-paused")
        self.update(render_state(state))

    def on_mount(self) -> None:
        state = getattr(self.app, "live_state", None)
        if state is not None:
            self.show_state(state)
