"""The footer with the keys a new user needs first: help and quit never scroll away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual exports it only from here

#: Actions shown first, in this order. Textual's footer lists the focused widget's
#: keys first and the app's last, so at 80 or 120 columns "? Help" was cut off.
FIRST = ("help", "quit")
#: Below this width the footer drops the spacing around each key.
COMPACT_BELOW = 120


def _rank(widget: Widget) -> int:
    action = getattr(widget, "action", "")
    name = action.rpartition(".")[2]  # "app.help" is "help"
    return FIRST.index(name) if name in FIRST else len(FIRST)


class RankedFooter(Footer):
    """Textual's footer, with help and quit first and a compact look when narrow."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        yield from sorted(keys, key=_rank)  # stable: the others keep Textual's order
        self.call_after_refresh(self._fit_keys)

    def on_resize(self, event: Resize) -> None:
        compact = event.size.width < COMPACT_BELOW
        if compact != self.compact:  # a change recomposes the keys' styles
            self.compact = compact
        self._fit_keys()

    def _fit_keys(self) -> None:
        """Hide the keys past the first that does not fit: a key cut in half ("s")
        says nothing. Runs when the keys or the width change, not per key press."""
        keys = list(self.query(FooterKey))
        room = self.size.width - sum(_width(key) for key in keys if key.has_class("-command-palette"))
        used = 0
        for key in keys:
            if not key.has_class("-command-palette"):
                used += _width(key)
                key.display = used <= room


def _width(key: FooterKey) -> int:
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
