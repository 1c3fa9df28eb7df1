"""The footer: the keys a new user needs first, help and quit never scrolled away.

One widget that draws every key itself. Textual's ``Footer`` is a container of one
``FooterKey`` widget per key, and it recomposes them after every change of
bindings, so each screen that opened mounted a dozen widgets one frame after its
first and laid the whole screen out again for them (and once more when the keys
that did not fit were hidden). Here a change of bindings is a repaint of one line:
the size never changes, so no layout pass (``tests/ui/test_layout_passes.py``).
It looks and behaves as Textual's footer: the theme's footer colours, a compact
look when narrow, the command palette's key on the right, hover, a tooltip, and a
click runs the key (a disabled key rings the bell).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

#: Actions shown first, in this order. Textual's footer lists the focused widget's
#: keys first and the app's last, so at 80 or 120 columns "? Help" was cut off.
FIRST = ("help", "quit")
#: Below this width the footer drops the spacing around each key.
COMPACT_BELOW = 120


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def action_name(self) -> str:
        return self.action.rpartition(".")[2]  # "app.help" is "help"


def _rank(entry: FooterEntry) -> int:
    return FIRST.index(entry.action_name) if entry.action_name in FIRST else len(FIRST)


class KeyFooter(Widget, can_focus=False):
    """The active screen's keys on one line, drawn as one piece of text."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--hover",
        "key-footer--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .key-footer--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._hovered: str | None = None  # the key under the mouse
        #: Where each key was drawn, for the mouse: (first column, end column, entry).
        self._spans: list[tuple[int, int, FooterEntry]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()  # same size: a repaint, never a layout pass

    # --- what is shown ---------------------------------------------------------

    def entries(self) -> tuple[list[FooterEntry], FooterEntry | None]:
        """The keys to show, help and quit first, and the command palette's key.

        As Textual's footer: bindings marked ``show``, one key per action (the
        first bound), and the palette's key apart."""
        app = self.app
        active = self.screen.active_bindings
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        seen: set[str] = set()
        keys: list[FooterEntry] = []
        palette: FooterEntry | None = None
        for key, (_node, binding, enabled, tooltip) in active.items():
            if key == palette_key:
                palette = self._entry(binding, enabled, binding.tooltip or binding.description)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append(self._entry(binding, enabled, tooltip))
        keys.sort(key=_rank)  # stable: the others keep Textual's order
        return keys, palette

    def _entry(self, binding: Binding, enabled: bool, tooltip: str) -> FooterEntry:
        return FooterEntry(binding.key, self.app.get_key_display(binding), binding.description,
                           binding.action, enabled, tooltip)

    def render(self) -> RenderResult:
        keys, palette = self.entries()
        width = self.size.width
        compact = width < COMPACT_BELOW
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description_style = self.get_component_rich_style("key-footer--description", partial=True)
        hover_style = self.get_component_rich_style("key-footer--hover", partial=True)

        def pieces(entry: FooterEntry, margin: bool, compact_key: bool = False) -> list[tuple[str, Style]]:
            hovered = entry.key == self._hovered
            key_part = entry.display if compact or compact_key else f" {entry.display} "
            parts = [(key_part, key_style + hover_style if hovered else key_style)]
            if entry.description:
                text = f" {entry.description}" if compact or compact_key else f"{entry.description} "
                parts.append((text, description_style + hover_style if hovered else description_style))
            dim = Style(dim=True) if not entry.enabled else Style()
            parts = [(text, style + dim) for text, style in parts]
            if margin or (compact_key and not compact):
                parts.append((" ", Style()))
            return parts

        # The palette's key sits at the right edge; the others fill what is left,
        # a whole key or none ("s" alone, cut from "s Standings", says nothing).
        right: list[tuple[str, Style]] = []
        if palette is not None:
            # As Textual draws it: a thin rule, then the key hugging it.
            right = [("▏", self.get_component_rich_style("key-footer--separator"))]
            right += pieces(palette, margin=False, compact_key=True)
        room = width - sum(cell_len(text) for text, _ in right)
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterEntry]] = []
        for entry in keys:
            parts = pieces(entry, margin=compact)
            size = sum(cell_len(part) for part, _ in parts)
            if text.cell_len + size > room:
                break
            start = text.cell_len
            for part, style in parts:
                text.append(part, style)
            spans.append((start, start + size, entry))
        if palette is not None:
            text.append(" " * max(0, room - text.cell_len))
            start = text.cell_len + 1  # after the separator
            for part, style in right:
                text.append(part, style)
            spans.append((start, text.cell_len, palette))
        self._spans = spans
        return text

    # --- the mouse ---------------------------------------------------------------

    def entry_at(self, x: int) -> FooterEntry | None:
        return next((entry for start, end, entry in self._spans if start <= x < end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self.entry_at(event.x)
        hovered = entry.key if entry is not None else None
        if hovered != self._hovered:
            self._hovered = hovered
            self.tooltip = (entry.tooltip or entry.description) if entry is not None else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hovered is not None:
            self._hovered = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self.entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
