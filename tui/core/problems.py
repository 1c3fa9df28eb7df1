"""Located problems: what is wrong with a dataset, and where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, located as precisely as the check allows.

    ``path`` is the field path inside the dataset (``rounds[6].results[3].laps``)
    when the problem concerns a field; ``line``/``col`` are 1-based.
    """

    file: str
    message: str
    line: int | None = None
    col: int | None = None
    path: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {field}{self.message}"
