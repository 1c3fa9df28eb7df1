"""Widgets whose new size needs no second layout pass.

Textual lays the screen out, then sets each resized widget's ``virtual_size``, a
reactive that asks for another layout pass (and another frame). For a leaf (a
``Static``) or a row of leaves of fixed height, that second pass changes nothing:
every widget already got its place in the first one. On the dashboard it was
most of the "settled" time of a key: a driver change cost two passes and three
frames because the detail's text, its crew chips and the pane's scroll range
changed size (counted with ``benchmarks/probe.py``).

What still needs a pass gets one: a scroll container whose scrollbar appears or
goes asks for it itself (``Widget._refresh_scrollbars``). This leans on
``Widget._size_updated``, private, of the exactly pinned Textual 8.2.8; the
layout-pass tests (tests/ui/test_layout_passes.py) say if a release changes it.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


class OnePassLayout(Widget):
    """Mixin: a changed size is taken as laid out; no second layout pass for it.

    Put it after the widget class (``class Chip(Static, OnePassLayout)``): Textual
    inherits default CSS along the first base only, and ``Static`` or
    ``Horizontal`` must keep theirs (a ``Horizontal`` without its CSS stacks its
    children vertically).
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
