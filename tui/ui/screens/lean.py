"""The base every screen mixes in: opened in as few passes and frames as it takes.

Three Textual habits, each in its own module with the measurements behind it:
:class:`~.resize.LaidOutOnce` (no second layout for the Resize a screen's own first
layout sends it), :class:`~.styled.StyledOnce` (no second styling on the first
resume), :class:`~.frames.ScrollbarsInTheirFrame` (no extra frame for a scrollbar
that the frame being drawn already shows).
"""

from __future__ import annotations

from .frames import ScrollbarsInTheirFrame
from .resize import LaidOutOnce
from .styled import StyledOnce


class LeanScreen(LaidOutOnce, StyledOnce, ScrollbarsInTheirFrame):
    """Mix into a Screen class, before ``Screen`` (it must come first in the MRO)."""
