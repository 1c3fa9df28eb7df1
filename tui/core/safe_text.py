"""The one escaping function for untrusted text on its way to a terminal.

Everything from outside the program (dataset strings, file names, paths, settings
values, OS and library error text, key bytes) goes through :func:`printable`
before it reaches a widget, a notification, a title, or the CLI's output. A raw
ESC, C1 control or OSC sequence in a file name could otherwise set the terminal
title, write the clipboard (OSC 52) or clear the screen, and a bidi override could
reorder the rest of the line.

It lives in the core, not the UI, because the CLI prints the same strings
without Textual.
"""

from __future__ import annotations

import unicodedata

#: Categories that never reach a terminal raw: controls (C0, DEL, C1), format
#: characters (bidi overrides and isolates among them), surrogates, unassigned
#: code points, and the Unicode line and paragraph separators.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
#: Zero-width space and joiners: harmless, and escaping them would garble emoji
#: sequences and names written with them; they are shown as nothing.
_DROPPED = frozenset("\u200b\u200c\u200d")


def printable(text: str) -> str:
    """``text`` with every control, format or bidi character shown as a visible escape.

    ``"a\\x1b]0;x\\x07"`` becomes ``"a\\\\x1b]0;x\\\\x07"``; letters of every script,
    spaces and brackets are kept as they are. Linear in the length of ``text``.
    """
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        if char.isprintable() or char == " ":
            out.append(char)
            continue
        if char in _DROPPED:
            continue
        if unicodedata.category(char) not in _ESCAPED_CATEGORIES:
            out.append(char)  # e.g. a no-break space or a private-use glyph
            continue
        code = ord(char)
        if code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out)


def printable_lines(text: str) -> str:
    """:func:`printable` applied line by line: line feeds (and CRLF) stay line breaks.

    For messages that have lines (a notification listing changes, a note in an
    export): every other control is escaped as :func:`printable` does.
    """
    return "\n".join(printable(line) for line in text.replace("\r\n", "\n").split("\n"))
