"""Sentences built from pieces: one full stop at the end, never two.

Data text often ends with its own full stop ("... all 24 cars."), and a
template that appends another one prints "cars.." -- so every sentence the
program builds from data ends through :func:`sentence`.
"""

from __future__ import annotations

_TERMINAL = (".", "!", "?", "…")

#: After a place, or points, that rest on a result the sources leave uncertain
#: (``Result.uncertain``): the same mark on the screen and in every export.
UNCERTAIN_MARK = "≈"


def sentence(text: str) -> str:
    """``text`` ending in exactly one terminal mark: a full stop is added only if none is there."""
    stripped = text.rstrip()
    return stripped if stripped.endswith(_TERMINAL) or not stripped else stripped + "."


def sentences(*parts: str | None) -> str:
    """The non-empty ``parts`` as sentences, separated by a space."""
    return " ".join(sentence(p) for p in parts if p and p.strip())
