"""Screens that are laid out once when they open, not three times.

A screen that opens is laid out (Textual, on ScreenResume), and that first layout
sends the screen a Resize to the size it was just laid out at. Textual's
``Screen._on_resize`` then lays the screen out again, and every screen under it
too (the dashboard, 31 widgets): two full layout passes, and the frames after
them, for nothing (``tests/ui/test_layout_passes.py``). A real change of the
terminal's size arrives as a Resize to a size the screen has not been laid out
at, and goes Textual's way: it is sent by the app, not by the screen's own layout.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.geometry import Size


class LaidOutOnce:
    """Mix into a Screen class, before ``Screen`` (it must come first in the MRO)."""

    if TYPE_CHECKING:

        @property
        def size(self) -> Size:  # Widget.size: the size of the screen's last layout
            ...

    async def _on_resize(self, event: events.Resize) -> None:
        # Sent by this screen's own layout (a terminal's resize comes from the app).
        if event._sender is self and event.size == self.size:
            event.stop()
            event.prevent_default()  # Screen._on_resize: a layout of this screen and those under it
