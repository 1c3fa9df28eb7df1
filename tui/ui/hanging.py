"""Lines that wrap under their text, not under their label (a hanging indent).

``R2  #38 ADT Champion Racing · Audi R8`` in a narrow pane wrapped "R8" to the
start of the next line, where the round labels go, and read as round 8. Each
line here carries the width of its label; a continuation starts below the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual


class Hanging(Visual):
    """Content lines, each with the indent its wrapped continuations take."""

    def __init__(self, lines: Sequence[Content | tuple[Content, int]]) -> None:
        """``lines``: a Content (no indent) or a Content and its indent; a Content
        holding several lines gives each the same indent."""
        self.lines = [
            (part, indent)
            for line, indent in (item if isinstance(item, tuple) else (item, 0) for item in lines)
            for part in line.split("\n", allow_blank=True)
        ]
        #: The text wrapped at a width, and its height there (kept per width).
        self._wrapped: tuple[int, Content, int] | None = None

    def __str__(self) -> str:
        return self.plain

    @property
    def plain(self) -> str:
        """The text, unwrapped (as ``Content.plain``)."""
        return "\n".join(line.plain for line, _ in self.lines)

    def wrapped(self, width: int) -> Content:
        """The lines wrapped to ``width``, continuations indented (kept per width)."""
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        out: list[Content] = []
        for line, indent in self.lines:
            out.extend(_hang(line, indent, width))
        content = Content("\n").join(out)
        self._wrapped = (width, content, len(out))
        return content

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        # Every wrapped line fits the width: drawn without wrapping, or Content would
        # look for break points in every line again (Rich's divide_line: most of
        # the driver pane's drawing time, 30 ms a frame for a long season).
        unwrapped = replace(options, rules={**options.rules, "text_wrap": "nowrap"})
        return self.wrapped(width).render_strips(width, height, style, unwrapped)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((line.cell_length for line, _ in self.lines), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        # Each wrapped line fits the width: its height is the count of lines, known
        # without wrapping the whole text a second time (Content.get_height does).
        self.wrapped(width)
        assert self._wrapped is not None
        return self._wrapped[2]


def _hang(line: Content, indent: int, width: int) -> list[Content]:
    """One line wrapped: the first piece at full width, the rest under the text."""
    if width <= 0 or line.cell_length <= width:
        return [line]
    indent = min(indent, width // 2)  # a long label must still leave room for the text
    head = line.wrap(width)[0]
    start = len(head.plain)
    while start < len(line.plain) and line.plain[start] == " ":
        start += 1
    pad = Content(" " * indent)
    return [head, *(Content.assemble(pad, piece) for piece in line[start:].wrap(width - indent))]
