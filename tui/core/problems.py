"""Located problems: what is wrong with a dataset, and where."""

from __future__ import annotations

import os
import shlex
from collections.abc import Sequence
from dataclasses import dataclass

from .safe_text import printable


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, located as precisely as the check allows.

    ``path`` is the field path inside the dataset (``rounds[6].results[3].laps``)
    when the problem concerns a field; ``name`` says the same in a reader's
    terms where the data tells it (``round 7, car #38``); ``line``/``col`` are
    1-based.
    """

    file: str
    message: str
    line: int | None = None
    col: int | None = None
    path: str | None = None
    name: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        field = f"{self.path}: " if self.path else ""
        if self.path and self.name:
            field = f"{self.name} ({self.path}): "
        return f"{where}: {field}{self.message}"


#: Problems located and listed per load. A file with 400,000 unknown keys would
#: otherwise cost seconds and hundreds of MB to locate and list them all; the
#: first thousand show what is wrong, and the count says how much more there is.
MAX_PROBLEMS = 1000


def not_listed(file: str, count: int) -> tuple[Problem, ...]:
    """The closing line for problems past :data:`MAX_PROBLEMS`, if any."""
    if count <= 0:
        return ()
    return (Problem(file, f"… and {count:,} more problems, not listed (the first {MAX_PROBLEMS:,} are)"),)


def location_name(root: object, loc: Sequence[str | int]) -> str | None:
    """A field path in a reader's terms: ``round 6, car #38`` for ``rounds[5].results[1]``.

    ``root`` is the dataset as parsed (plain TOML data) or as validated (the
    models): the round's own number, and a result's car number (else its overall
    position), are read from it where they are well-formed. A value is never
    used to name the problem that is about that value itself. ``None`` when the
    path names no round.
    """
    names: list[str] = []
    node: object = root
    parent: str | int | None = None
    for depth, part in enumerate(loc):
        node = _child(node, part)
        if node is None:
            break
        # The field the problem is about, if it is the one that would name the record.
        about = loc[depth + 1] if depth + 1 < len(loc) and depth + 2 == len(loc) else None
        if isinstance(part, int) and parent == "rounds":
            number = _integer(node, "number", about)
            if number is None:
                break  # a round without a good number: the path alone says where
            names.append(f"round {number}")
        elif isinstance(part, int) and parent == "results" and names:
            number, position = _integer(node, "number", about), _integer(node, "position", about)
            if number is not None:
                names.append(f"car #{number}")
            elif position is not None:
                names.append(f"position {position}")
        parent = part
    return ", ".join(names) or None


def _child(node: object, part: str | int) -> object:
    if isinstance(part, int):
        if isinstance(node, (list, tuple)) and -len(node) <= part < len(node):
            return node[part]
        return None
    if isinstance(node, dict):
        return node.get(part)
    return getattr(node, part, None) if hasattr(type(node), "model_fields") else None


def _integer(node: object, key: str, about: str | int | None) -> int | None:
    """``node[key]`` if it is a non-negative integer and not what the problem is about."""
    if key == about:
        return None
    value = _child(node, key)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def validate_command(path: str | os.PathLike[str]) -> str:
    """The command that lists every problem of the file at ``path``, ready to paste
    (shell-quoted) and safe to show (escaped by :func:`printable`)."""
    return printable(f"alms-tui validate {shlex.quote(os.fspath(path))}")
