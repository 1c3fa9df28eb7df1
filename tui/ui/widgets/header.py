"""The header: an icon that opens the command palette, then the title, centred.

One widget that draws the line itself. Textual's ``Header`` is three widgets, and
its title is a ``Static`` updated from an awaited watcher: each new title asked
for a layout pass of its own, one frame after the change that caused it. A round
switch or a step of the as-of round changes the title, so each paid a second
layout pass for one line whose size never changes. Here a new title is a repaint
(``tests/ui/test_layout_passes.py``). It looks as Textual's header: the theme's
panel colour, the icon at the left with the palette's tooltip, the title and the
dimmed sub-title (``App.format_title``) centred and cut with an ellipsis.
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.dom import NoScreen
from textual.widget import Widget

#: Columns of the icon's cell at the left, and of the space Textual's header keeps
#: for a clock at the right: the title is centred between them, as there.
ICON_WIDTH = 8
RIGHT_WIDTH = 10


class TitleBar(Widget, can_focus=False):
    """The screen's title and sub-title (else the app's), with the palette's icon."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        & > .title-bar--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    def __init__(self, icon: str = "◆", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.icon = icon
        self._icon_hovered = False

    def on_mount(self) -> None:
        # Synchronous watchers: the new title is painted in the frame of the change.
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._title_changed, init=False)
            self.watch(owner, "sub_title", self._title_changed, init=False)

    def on_unmount(self) -> None:
        # Textual drops a watcher of another object's reactive only when that value
        # next changes: until the app's title changed, each closed view's header (and
        # the lines it had drawn) stayed alive in the app's list of watchers. That
        # list is Textual's own (``reactive._watch`` keeps it under "__watchers").
        watchers: dict[str, list[tuple[object, object]]] = getattr(self.app, "__watchers", {})
        for name in ("title", "sub_title"):
            if name in watchers:
                watchers[name][:] = [entry for entry in watchers[name] if entry[0] is not self]

    def _title_changed(self) -> None:
        if self.is_attached:
            self.refresh()  # same size: a repaint, never a layout pass

    @property
    def screen_title(self) -> str:
        """The title shown: the screen's own, else the app's (as Textual's header)."""
        return self._screen_or_app("title")

    @property
    def screen_sub_title(self) -> str:
        return self._screen_or_app("sub_title")

    def _screen_or_app(self, name: str) -> str:
        try:
            value = getattr(self.screen, name)
        except NoScreen:
            value = None
        return str(value if value is not None else getattr(self.app, name))

    def render(self) -> RenderResult:
        width = self.size.width
        icon = Content(f" {self.icon}").pad_right(ICON_WIDTH - 1 - len(self.icon))
        if self._icon_hovered:
            icon = icon.stylize(self.get_visual_style("title-bar--icon-hover"))
        middle = max(0, width - ICON_WIDTH - RIGHT_WIDTH)
        title = self.app.format_title(self.screen_title, self.screen_sub_title)
        title = title.truncate(middle, ellipsis=True).center(middle)
        return Content.assemble(icon, title, " " * RIGHT_WIDTH).truncate(width)

    # --- the mouse: the icon opens the command palette ---------------------------

    def _on_icon(self, x: int) -> bool:
        return x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hovered = self._on_icon(event.x)
        if hovered != self._icon_hovered:
            self._icon_hovered = hovered
            self.tooltip = "Open the command palette" if hovered else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._icon_hovered:
            self._icon_hovered = False
            self.tooltip = None
            self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if self._on_icon(event.x):
            event.stop()
            await self.run_action("app.command_palette")
