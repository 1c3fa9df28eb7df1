"""Bounds on a TOML text's shape, checked before ``tomllib`` parses it.

A few kilobytes can cost a parser gigabytes: ``tomllib`` builds every prefix of a
dotted key (``a.a.a... = 1`` with 20,000 parts took 6 GB), nests a Python frame
per bracket, and a file of 16 MiB of ``k = 1`` lines is millions of keys to
parse, validate and report. A season needs none of that: its keys have a few
parts, its values nest two or three deep, and the 2004 season has about 6,000
keys, values and brackets. So one linear pass, at C speed where it can be,
refuses such shapes with a located message before the parser sees them.

The pass works on the text with strings and comments blanked out (same length,
so offsets stay right): a dot, a bracket or a ``=`` inside a string is text,
not structure. It runs on any text, valid TOML or not; what it cannot classify
it leaves to ``tomllib``, which reports syntax errors itself.
"""

from __future__ import annotations

import re
from itertools import accumulate, islice

#: Parts of one dotted key or table header (``rounds.stats.entries`` is 3).
MAX_KEY_PARTS = 32
#: Arrays and inline tables inside each other (the schema needs 2).
MAX_NESTING = 32
#: Keys, values and brackets: ``=``, ``,``, ``[``, ``]``, ``{`` and ``}`` outside
#: strings and comments. The 2004 season has ~6,000; the 10,000-result synthetic
#: season of ``benchmarks/`` ~256,000. Cost grows linearly up to this bound.
MAX_STRUCTURE = 400_000
#: Characters in one string: the longest text a season holds is 4,000 characters
#: (each at most a 10-character escape). ``tomllib`` reads strings a character
#: at a time: a 16 MiB one took it 5 s.
MAX_STRING_CHARS = 64_000
#: Quote and ``#`` characters: each string and comment is one step of the pass
#: (the 10,000-result synthetic season has ~180,000).
MAX_STRINGS_AND_COMMENTS = 600_000

# Strings and comments, each as one match that never fails once started (an
# unclosed string runs to the end of its line, or of the text for a multi-line
# one; a multi-line string may end in two more quotes, which are its content):
# one match per string, no backtracking, linear in the text. Every
# alternative starts with a quote or '#', so the search skips plain text fast.
_STRING_OR_COMMENT = re.compile(
    r'''"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+(?:""""{0,2}|\\?\Z)'''
    r"""|'''(?:[^']++|'(?!''))*+(?:''''{0,2}|\Z)"""
    r'''|"(?:[^"\\\n]++|\\.)*+(?:"|\\?$)'''
    r"""|'[^'\n]*+(?:'|$)"""
    r"""|#[^\n]*+""",
    re.MULTILINE,
)
_PIECES = re.compile(f"({_STRING_OR_COMMENT.pattern})", re.MULTILINE)
_MARKS = re.compile(r"""["'#]""")
# MAX_KEY_PARTS dots with no delimiter between them: what _DEEP_KEY finds, found from
# the dots (few) rather than from every delimiter and line end (many).
_DOTS_IN_ONE_SEGMENT = re.compile(r"\.(?:[^=,\[\]{}\n.]*+\.){" + str(MAX_KEY_PARTS - 1) + "}")
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_STRUCTURE = re.compile(r"[=,\[\]{}]")
_BRACKET = re.compile(r"[\[\]{}]")
# A key or header segment (after a structure character or a line end) with
# MAX_KEY_PARTS dots or more. Starting with a character set lets the search skip
# to the next delimiter fast; each segment is then read once: linear.
_DEEP_KEY = re.compile(r"[=,\[\]{}\n](?:[^=,\[\]{}\n.]*+\.){" + str(MAX_KEY_PARTS) + "}")


class ShapeError(Exception):
    """The text's shape is beyond the bounds; ``offset`` is where it crosses them."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def prescan(text: str) -> None:
    """Raise :class:`ShapeError` if ``text`` is beyond the bounds above.

    Linear in the length of ``text``, and mostly at C speed: one split into code
    and strings-or-comments, counts on the code. A bound that may be crossed is
    checked again by :func:`_refuse_exactly`, which places the error.
    """
    marks = text.count('"') + text.count("'") + text.count("#")
    if marks > MAX_STRINGS_AND_COMMENTS:
        raise ShapeError(
            f"more than {MAX_STRINGS_AND_COMMENTS:,} quotes and comments: this is not a season file",
            _nth(_MARKS, text, MAX_STRINGS_AND_COMMENTS),
        )
    # Code and strings-or-comments alternate: [code, noise, code, noise, ..., code].
    pieces = _PIECES.split(text)
    # The code with every string and comment taken out (not blanked: offsets move,
    # counts do not). A multi-line string's line feeds go with it, so key segments
    # can only merge: the dotted-key search finds whatever the exact pass would.
    code = "".join(pieces[0::2])
    if (
        # Comments and quotes included: a bound from above.
        max(map(len, pieces[1::2]), default=0) > MAX_STRING_CHARS
        or sum(code.count(char) for char in "=,[]{}") > MAX_STRUCTURE
        or _DOTS_IN_ONE_SEGMENT.search(code)
        or _deepest(code) > MAX_NESTING
    ):
        _refuse_exactly(text)


def _deepest(code: str) -> int:
    """How deep the brackets of ``code`` nest, or ``MAX_NESTING + 1`` when a closing
    bracket has none open (the exact pass, which ignores such brackets, decides then).
    Running sums at C speed: a Python step per bracket was 30 ms at 10,000 results."""
    steps = list(accumulate(map(_STEP.__getitem__, _NOT_BRACKET.sub("", code))))
    if not steps:
        return 0
    return max(steps) if min(steps) >= 0 else MAX_NESTING + 1


def _refuse_exactly(text: str) -> None:
    """The shape checks on the text with strings and comments blanked in place: slower
    (a Python call per string), but every offset is the text's own. Raises
    :class:`ShapeError` where a bound is crossed (the fast pass may suspect a dotted
    key that is not one: then nothing is raised)."""
    structure, longest = _blank_strings_and_comments(text)
    if longest is not None and (length := _string_length(longest[0])) > MAX_STRING_CHARS:
        raise ShapeError(
            f"a string of {length:,} characters: the limit is {MAX_STRING_CHARS:,} "
            "(the longest text a season holds is 4,000)",
            longest.start(),
        )
    count = sum(structure.count(char) for char in "=,[]{}")
    if count > MAX_STRUCTURE:
        raise ShapeError(
            f"more than {MAX_STRUCTURE:,} keys, values and brackets: too large to load",
            _nth(_STRUCTURE, structure, MAX_STRUCTURE),
        )
    # Searched only if there are enough dots at all (floats and dates have some too);
    # a line feed in front, so that the first segment starts after a delimiter too.
    if structure.count(".") >= MAX_KEY_PARTS and (deep := _DEEP_KEY.search("\n" + structure)):
        raise ShapeError(
            f"a key or table header with more than {MAX_KEY_PARTS} dotted parts", deep.start()
        )
    depth = 0
    for bracket in _BRACKET.finditer(structure):  # at most MAX_STRUCTURE of them
        if bracket[0] in "[{":
            depth += 1
            if depth > MAX_NESTING:
                raise ShapeError(
                    f"arrays or tables nested more than {MAX_NESTING} deep", bracket.start()
                )
        elif depth:
            depth -= 1


def _blank_strings_and_comments(text: str) -> tuple[str, re.Match[str] | None]:
    """``text`` with every string and comment blanked (the same length and line count),
    and the longest string.

    A multi-line string's line feeds move to its start; offsets after it, and
    line numbers, stay those of ``text``.
    """
    longest: list[re.Match[str]] = []

    def blank(found: re.Match[str]) -> str:
        noise = found[0]
        if noise[0] != "#" and (not longest or len(noise) > len(longest[0][0])):
            longest[:] = [found]
        lines = noise.count("\n")
        return "\n" * lines + " " * (len(noise) - lines)

    return _STRING_OR_COMMENT.sub(blank, text), (longest[0] if longest else None)


def _string_length(string: str) -> int:
    """Characters between the quotes (as written, escapes counted as written)."""
    quotes = 3 if string.startswith(('"""', "'''")) else 1
    end = quotes if string.endswith(string[:quotes]) and len(string) >= 2 * quotes else 0
    return len(string) - quotes - end


def _nth(pattern: re.Pattern[str], text: str, n: int) -> int:
    """Offset of the ``n``-th match (1-based) of ``pattern``; O(n) steps."""
    found = next(islice(pattern.finditer(text), n - 1, None), None)
    return found.start() if found is not None else len(text)
