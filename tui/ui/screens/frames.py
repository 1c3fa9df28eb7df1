"""Screens whose scrollbars are drawn in the frame that moved them, not in one more.

When a layout pass changes a scroll container's content (a round switch gives the
driver pane a new season, a class filter gives the table new rows), Textual sets
the container's scrollbars to the new range while it lays the screen out. Each
scrollbar then asks for a repaint of its own, which reaches the screen only after
the frame of that pass has been drawn, and Textual draws one more frame for it.
That frame changes nothing: the pass had redrawn the container, scrollbars
included, already (measured by replaying every frame into a terminal emulator:
0 cells differ; ``tests/ui/test_frames.py``). It was the last frame of a round
switch and of a class filter, and the second of a driver selection: about a
sixth of a second's 60 frames each, in the "settled" time of every key.

So, just before the screen draws a frame, a scrollbar still waiting to ask for
its repaint has its repaint put into this frame instead. The frame draws it as
it is now (never an older state), and no later frame is due for it. This leans on
private parts of the exactly pinned Textual 8.2.8 (``_compositor_refresh``,
``_repaint_required``, ``Compositor.update_widgets``); the frame tests say if a
release changes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.scrollbar import ScrollBar
from textual.widget import Widget

if TYPE_CHECKING:
    from textual._compositor import Compositor
    from textual.app import App


class ScrollbarsInTheirFrame:
    """Mix into a Screen class, before ``Screen`` (it must come first in the MRO)."""

    if TYPE_CHECKING:
        _compositor: Compositor
        app: App
        is_current: bool

        def _compositor_refresh(self) -> None: ...

    def _compositor_refresh(self) -> None:  # type: ignore[no-redef]
        # Only when this call draws the top screen now: a batch defers the frame.
        if self.is_current and not self.app._batch_count and not self.app.is_inline:
            waiting: set[Widget] = {
                widget for widget in self._compositor.visible_widgets
                if isinstance(widget, ScrollBar) and widget._repaint_required
            }
            if waiting:
                self._compositor.update_widgets(waiting)  # their regions join this frame's
                for scrollbar in waiting:
                    scrollbar._repaint_required = False  # drawn now: nothing left to ask
        super()._compositor_refresh()  # type: ignore[misc]
