"""Turning data strings into Content that never parses markup or emits raw controls.

Every string that comes from a dataset file reaches a widget through here (or as
``Content``/``Text`` built from ``printable``): a plain ``str`` in a DataTable
cell would run ``[@click=...]`` actions and crash on ``[/]``.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text
from textual.content import Content

# Bidi overrides and isolates can reorder the rest of a terminal line.
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def printable(text: str) -> str:
    """``text`` with control and bidi-control characters shown as visible escapes."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            if char in "\u200b\u200c\u200d":  # zero-width joiners are harmless; show nothing
                continue
            out.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)


def literal(text: str | None, style: str = "") -> Content:
    """Data as literal Content: brackets stay brackets, controls become escapes."""
    content = Content(printable(text or ""))
    return content.stylize(style) if style and text else content


def join(parts: list[Content], separator: str = " / ") -> Content:
    """Join Content pieces with a plain separator."""
    return Content(separator).join(parts)


def cell(content: Content, style: str = "") -> Text:
    """Content as a rich ``Text`` for a DataTable cell.

    DataTable (Textual 8.2.8) measures column widths with Rich's protocol, which
    ``Content`` does not implement: its cells would count as one column wide.
    ``Text`` is measured, and like ``Content`` it is never parsed as markup.
    """
    text = Text(content.plain, no_wrap=True, overflow="ellipsis")
    for start, end, span_style in content.spans:
        text.stylize(span_style if isinstance(span_style, str) else span_style.rich_style, start, end)
    if style:
        text.stylize(style)  # over the cell's own styles: a changed cell stands out
    return text
