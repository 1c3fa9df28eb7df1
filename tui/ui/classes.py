"""How a car class looks: a text tag always, a colour as well, never colour alone.

The colours are from the Okabe-Ito palette, chosen to stay apart for the common
forms of colour blindness; the tag text carries the meaning on its own.
"""

from __future__ import annotations

from textual.content import Content

from .text import printable

# Class id -> (background, foreground) for the tag.
_PALETTE: dict[str, tuple[str, str]] = {
    "LMP1": ("#56B4E9", "#000000"),  # sky blue
    "LMP2": ("#E69F00", "#000000"),  # orange
    "GTS": ("#CC79A7", "#000000"),  # reddish purple
    "GT": ("#009E73", "#FFFFFF"),  # bluish green
}
_OTHER = ("#999999", "#000000")


def class_style(class_id: str) -> str:
    background, foreground = _PALETTE.get(class_id, _OTHER)
    return f"bold {foreground} on {background}"


def class_colour(class_id: str) -> str:
    """The class's colour alone, for lines and bars drawn in it (with a text label beside)."""
    return _PALETTE.get(class_id, _OTHER)[0]


def class_tag(class_id: str, width: int = 4) -> Content:
    """`` LMP1 `` as a coloured badge; the text alone still says the class."""
    return Content(f" {printable(class_id):<{width}} ").stylize(class_style(class_id))
