"""Screens that are styled once when they open, not twice.

When a screen is pushed, Textual mounts it, which applies the stylesheet to each of
its widgets, and then resumes it, which by default applies the stylesheet to all
of them again (``ScreenResume.refresh_styles``): on the dashboard's first frame 32
style applications out of 91, 12-14 ms, for the same styles. A screen resumed
later (a view closed over it) may have missed a change meanwhile (a new theme),
and is restyled as before; Textual itself skips the restyle when a view closes
over an opaque screen. Snapshots and the frame replay (``tests/ui/test_frames.py``)
check that nothing looks different.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events


class StyledOnce:
    """Mix into a Screen class, before ``Screen`` (it must come first in the MRO)."""

    _resumed_before = False

    if TYPE_CHECKING:

        def _on_screen_resume(self, event: events.ScreenResume) -> None: ...

    def _on_screen_resume(self, event: events.ScreenResume) -> None:  # type: ignore[no-redef]
        if not self._resumed_before:  # just mounted: every widget was styled then
            self._resumed_before = True
            event.refresh_styles = False
        super()._on_screen_resume(event)  # type: ignore[misc]
