"""Field path -> line and column in a dataset's TOML text.

``tomllib`` returns plain values with no positions, so problems found later (by
pydantic or by :mod:`tui.core.checks`) are located by scanning the text again.
The scanner is small and forgiving: it runs only on text that ``tomllib`` has
already accepted, so it recognises TOML's shapes without re-checking its rules.

Paths are tuples of keys and 0-based array indices, the shape of pydantic's
``loc``: ``("rounds", 6, "results", 3, "laps")``, rendered ``rounds[6].results[3].laps``.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from typing import Any, Protocol

Loc = tuple[str | int, ...]

# Whitespace, newlines and comments: everything that may separate tokens in an
# array or between statements.
_SKIP = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
_BLANK = re.compile(r"[ \t]*")


def _end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` (one that also matches the empty string, so always matches)
    stops matching from ``pos``."""
    match = pattern.match(text, pos)
    assert match is not None
    return match.end()
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# String values; a multi-line string may end with up to two extra quotes that
# belong to its content (TOML allows ``"""a"""""``).
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*""""{0,2}')
_ML_LITERAL = re.compile(r"'''[\s\S]*?''''{0,2}")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
# Numbers, booleans, dates; a date-time may use a space instead of "T".
_SCALAR = re.compile(r"[^\s,\]}#]+(?: \d{2}:[^\s,\]}#]*)?")
# The common statement: ``key = value`` where the value is a one-line string,
# number or boolean, or an array of those (on one line or several, as tomli-w
# writes them), with blank lines and comments before it and an optional comment
# after. Runs of these are matched in one go and only indexed when a path inside
# their table is asked for: a big file is mostly such lines, and walking them
# one by one in Python would be slow.
# Possessive quantifiers (Python 3.11+): a gap of n blanks could otherwise be
# split 2**n ways when the rest of a line fails to match.
_GAP = r"""(?:[ \t\r\n]++|\#[^\n]*+)*+"""
_PLAIN = r"""(?:"[^"\\\n]*+"|'[^'\n]*+'|[^\s,\]}#\[{"']++)"""
_SIMPLE_LINE_PATTERN = (
    rf"""{_GAP}([A-Za-z0-9_-]+)[ \t]*=[ \t]*"""
    r"""(?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\n]*'|[^\s,\]}#\[{"']+"""
    rf"""|\[((?:{_GAP}{_PLAIN}{_GAP},)*{_GAP}(?:{_PLAIN}{_GAP})?)\])"""
    r"""[ \t]*(?:\#[^\n]*)?(?=\r?\n|\Z)"""
)
_SIMPLE_LINE = re.compile(_SIMPLE_LINE_PATTERN)
_SIMPLE_RUN = re.compile(f"(?:{_SIMPLE_LINE_PATTERN})+")
# An element of such an array, or a comment between elements (group 1).
_PLAIN_ELEMENT = re.compile(r"""(#[^\n]*)|"[^"\n]*"|'[^'\n]*'|[^\s,#]+""")
# ``[a.b]`` or ``[[a.b]]`` with bare keys: most headers, parsed without the token walk.
_SIMPLE_HEADER = re.compile(r"(\[\[?)([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)\]\]?")


class Locator(Protocol):
    """Anything that can place a field path in the source text."""

    def locate(self, loc: Loc) -> tuple[int, int] | None:
        """1-based (line, column) of ``loc`` or of its nearest located ancestor."""
        ...


class SourceMap:
    """Positions of every table, key and array element in one TOML text.

    Construction is free: the text is scanned on the first :meth:`locate`, so a
    file without problems never pays for it.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    @classmethod
    def from_text(cls, text: str) -> SourceMap:
        """A map of ``text``, which must be TOML that ``tomllib`` accepts."""
        return cls(text)

    def locate(self, loc: Loc) -> tuple[int, int] | None:
        """1-based (line, column) where ``loc`` is written.

        A path that is not written (a missing field, a pydantic-internal step
        such as ``[key]``) falls back to its nearest written ancestor: a missing
        field points at the header of the table that should hold it. ``None``
        only when no prefix of the path is written at all.
        """
        scanner = self._scanner
        loc = tuple(loc)
        for end in range(len(loc), 0, -1):
            offset = scanner.offset(loc[:end])
            if offset is not None:
                return self._line_col(offset)
        return None

    @cached_property
    def _scanner(self) -> _Scanner:
        scanner = _Scanner(self._text)
        scanner.scan()
        return scanner

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self._text))]

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


class _ScanError(Exception):
    """The text has a shape the scanner does not expect (it is not valid TOML)."""


class _Scanner:
    """One pass over the text, recording the offset where each path first appears.

    Runs of simple ``key = value`` lines are kept as spans per table and indexed
    on demand by :meth:`offset`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[Loc, int] = {}
        # Arrays of tables seen so far, by concrete path, with their lengths:
        # each ``[[a.b]]`` header appends to the array under the current ``a`` element.
        self.table_arrays: dict[Loc, int] = {}
        self.simple_runs: dict[Loc, list[tuple[int, int]]] = {}

    def scan(self) -> None:
        """Index the text's structure; keep what was found if the text surprises the scanner."""
        try:
            self._document()
        except _ScanError:
            pass  # positions found before the surprise are still right

    def offset(self, path: Loc) -> int | None:
        """Where ``path`` is first written, or ``None``."""
        found = self.offsets.get(path)
        if found is None:
            # A simple line's path is its table plus a key, or plus a key and an index.
            for table in (path[:-1], path[:-2]):
                if table in self.simple_runs:
                    self._index_runs(table)
                    found = self.offsets.get(path)
        return found

    def _index_runs(self, table: Loc) -> None:
        text, offsets = self.text, self.offsets
        for start, end in self.simple_runs.pop(table):
            for line in _SIMPLE_LINE.finditer(text, start, end):
                path = (*table, line[1])
                offsets.setdefault(path, line.start(1))
                if line[2] is not None:
                    elements = _PLAIN_ELEMENT.finditer(text, line.start(2), line.end(2))
                    starts = [element.start() for element in elements if element[1] is None]
                    for index, start in enumerate(starts):
                        offsets.setdefault((*path, index), start)

    def _document(self) -> None:
        text, length = self.text, len(self.text)
        simple_run = _SIMPLE_RUN.match
        table: Loc = ()
        pos = 0
        while True:
            pos = _end(_SKIP, text, pos)
            if pos >= length:
                return
            if run := simple_run(text, pos):
                self.simple_runs.setdefault(table, []).append(run.span())
                pos = run.end()
            elif text.startswith("[", pos):
                table, pos = self._header(pos)
            else:
                pos = self._key_value(pos, table)

    def _header(self, start: int) -> tuple[Loc, int]:
        """Scan ``[a.b]`` or ``[[a.b]]`` at ``start``; return the table's path and the end."""
        parts: Sequence[str]
        if simple := _SIMPLE_HEADER.match(self.text, start):
            is_array = simple[1] == "[["
            parts, pos = simple[2].split("."), simple.end()
        else:
            is_array = self.text.startswith("[[", start)
            bracket = 2 if is_array else 1
            parts, _, pos = self._key(_end(_BLANK, self.text, start + bracket))
            pos += bracket
        path: Loc = ()
        for i, part in enumerate(parts):
            path += (part,)
            self.offsets.setdefault(path, start)
            last = i == len(parts) - 1
            if last and is_array:
                index = self.table_arrays.get(path, 0)
                self.table_arrays[path] = index + 1
                path += (index,)
                self.offsets.setdefault(path, start)
            elif path in self.table_arrays:
                # ``[rounds.stats]`` extends the latest ``[[rounds]]`` element.
                path += (self.table_arrays[path] - 1,)
        return path, pos

    def _key(self, pos: int) -> tuple[tuple[str, ...], list[int], int]:
        """Scan a (dotted) key; return its parts, where each part starts, and the end."""
        text = self.text
        parts: list[str] = []
        starts: list[int] = []
        while True:
            match = _KEY_PART.match(text, pos)
            if match is None:
                raise _ScanError(pos)
            parts.append(_unquote(match.group()))
            starts.append(pos)
            pos = _end(_BLANK, text, match.end())
            if not text.startswith(".", pos):
                return tuple(parts), starts, pos
            pos = _end(_BLANK, text, pos + 1)

    def _key_value(self, pos: int, table: Loc) -> int:
        """Scan ``key = value`` at ``pos`` inside ``table``; return the end of the value."""
        parts, starts, pos = self._key(pos)
        path = table
        for part, start in zip(parts, starts):
            path += (part,)
            self.offsets.setdefault(path, start)
        if not self.text.startswith("=", pos):
            raise _ScanError(pos)
        return self._value(_end(_BLANK, self.text, pos + 1), path)

    def _value(self, pos: int, path: Loc) -> int:
        """Scan the value at ``pos`` for ``path``, recording array elements and inline keys.

        Nested arrays and inline tables use an explicit stack, not recursion, so
        deep nesting cannot exhaust Python's stack.
        """
        text, offsets = self.text, self.offsets
        # Open containers: [path, next element index] for arrays, [path, None] for tables.
        stack: list[list[Any]] = []
        while True:
            char = text[pos : pos + 1]
            if char == "[" or char == "{":
                stack.append([path, 0 if char == "[" else None])
                pos += 1
            else:
                pos = self._scalar_end(pos)
            while stack:
                container, index = stack[-1]
                pos = _end(_SKIP, text, pos)
                char = text[pos : pos + 1]
                if char == "]" or char == "}":
                    stack.pop()
                    pos += 1
                elif char == ",":
                    pos += 1
                elif char == "":
                    raise _ScanError(pos)
                elif index is not None:
                    path = (*container, index)
                    stack[-1][1] = index + 1
                    offsets.setdefault(path, pos)
                    break
                else:
                    parts, starts, pos = self._key(pos)
                    path = container
                    for part, start in zip(parts, starts):
                        path += (part,)
                        offsets.setdefault(path, start)
                    if not text.startswith("=", pos):
                        raise _ScanError(pos)
                    pos = _end(_BLANK, text, pos + 1)
                    break
            else:
                return pos

    def _scalar_end(self, pos: int) -> int:
        text = self.text
        if text.startswith('"""', pos):
            pattern = _ML_BASIC
        elif text.startswith("'''", pos):
            pattern = _ML_LITERAL
        elif text.startswith('"', pos):
            pattern = _BASIC
        elif text.startswith("'", pos):
            pattern = _LITERAL
        else:
            pattern = _SCALAR
        match = pattern.match(text, pos)
        if match is None:
            raise _ScanError(pos)
        return match.end()


def _unquote(key: str) -> str:
    if key.startswith("'"):
        return key[1:-1]
    if key.startswith('"'):
        # Escapes are rare in keys: let tomllib decode them rather than repeat its rules.
        return tomllib.loads(f"k = {key}")["k"] if "\\" in key else key[1:-1]
    return key


def toml_quote(text: str) -> str:
    """``text`` as a TOML basic string, with every non-printable character escaped.

    Used wherever text from a file is shown, so control characters (terminal
    escapes, bidi overrides) never reach a terminal raw.
    """
    out = ['"']
    for char in text:
        if char == '"' or char == "\\":
            out.append("\\" + char)
        elif char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(f"\\U{ord(char):08X}")
    out.append('"')
    return "".join(out)


def render_path(loc: Sequence[str | int]) -> str:
    """``("rounds", 6, "results", 3, "laps")`` -> ``rounds[6].results[3].laps``.

    Keys that are not bare TOML keys are quoted: ``by_class."GT 1"``.
    """
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            key = part if _BARE_KEY.fullmatch(part) else toml_quote(part)
            out.append(f".{key}" if out else key)
    return "".join(out)
