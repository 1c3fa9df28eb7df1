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


#: Problems located and listed per load. A file with 400,000 unknown keys would
#: otherwise cost seconds and hundreds of MB to locate and list them all; the
#: first thousand show what is wrong, and the count says how much more there is.
MAX_PROBLEMS = 1000


def not_listed(file: str, count: int) -> tuple[Problem, ...]:
    """The closing line for problems past :data:`MAX_PROBLEMS`, if any."""
    if count <= 0:
        return ()
    return (Problem(file, f"… and {count:,} more problems, not listed (the first {MAX_PROBLEMS:,} are)"),)


class DatasetError(Exception):
    """Raised where a caller wants an exception rather than a list of problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
