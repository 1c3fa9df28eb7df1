"""Shared by the serve tests: reading the dashboard's screen out of websocket frames.

The browser draws the terminal on a canvas: the text is only in the frames the
server sends, a stream of terminal output (text between escape sequences).
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


def screen_text(stream: bytes) -> str:
    """The text of a terminal output stream, escape sequences removed."""
    return _ESCAPE.sub(b"", stream).decode("utf-8", "replace")
