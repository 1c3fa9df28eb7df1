"""Small files with a big cost: each shape is built at a given size (up to the loader's
limit) from the minimal season, so that only the shape is pathological.

Used by ``tests/test_hostile_cost.py`` (time and memory bounds) and the generated cases
of ``tests/test_hostile_corpus.py`` (the located message).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

MINIMAL = (Path(__file__).parent / "fixtures" / "good" / "minimal.toml").read_text()
# A result line of the minimal season, where long crews and unknown ids go.
_CREW = 'drivers = ["ann-archer", "ben-baker"]'


def dotted_key(size: int) -> str:
    """``a.a.a....a = 1``: tomllib builds every prefix of the key (6 GB at 80 KB)."""
    return MINIMAL + "\n[season.x]\n" + "a." * (size // 2) + "a = 1\n"


def table_header(size: int) -> str:
    """``[a.a.a....a]``: the same for a header."""
    return MINIMAL + "\n[" + ".".join(["a"] * (size // 2)) + "]\n"


def nested_arrays(size: int) -> str:
    return MINIMAL.replace("year = 2004", "year = " + "[" * (size // 2) + "]" * (size // 2), 1)


def nested_inline_tables(size: int) -> str:
    depth = size // 6
    return MINIMAL.replace("year = 2004", "year = " + "{a=" * depth + "1" + "}" * depth, 1)


def many_keys(size: int) -> str:
    """Millions of ``k = 1`` lines: every one an unknown key to parse, validate and report."""
    return MINIMAL.replace("[season]", "[season]\n" + "k = 1\n" * (size // 6), 1)


def many_result_tables(size: int) -> str:
    return MINIMAL + "[[rounds.results]]\nclass = 'LMP1'\n" * (size // 40)


def many_strings(size: int) -> str:
    return MINIMAL.replace("[season]", "[season]\nq = [" + '"",' * (size // 3) + "]", 1)


def many_comment_lines(size: int) -> str:
    return MINIMAL.replace("[[rounds]]", "#\n" * (size // 2) + "[[rounds]]", 1)


def long_comment(size: int) -> str:
    """Valid: one comment line the size of the file."""
    return MINIMAL.replace("[[rounds]]", "#" + "x" * size + "\n[[rounds]]", 1)


def long_name(size: int) -> str:
    return MINIMAL.replace('name = "Cal Carter"', f'name = "{"x" * size}"', 1)


def long_crew(size: int) -> str:
    """One car with a crew of 250,000 ids (the repeat check was quadratic: 100,000 took 110 s)."""
    count = min(size // 12, 250_000)  # within the prescan's bounds: the models refuse it
    return MINIMAL.replace(_CREW, "drivers = [" + ", ".join(f'"d{i}"' for i in range(count)) + "]", 1)


def unknown_ids_against_many_drivers(size: int) -> str:
    """9,990 known drivers and a round of cars whose drivers are all unknown: every
    unknown id was fuzzy-matched against every known one."""
    known = "".join(f'\n[[drivers]]\nid = "driver-{i}"\nname = "Driver {i}"\n' for i in range(9_990))
    cars = "".join(
        f'\n[[rounds.results]]\nclass = "LMP1"\ndrivers = [{", ".join(f"{chr(34)}zz-{i}-{j}{chr(34)}" for j in range(16))}]\n'
        for i in range(990)
    )
    text = MINIMAL.replace("[[rounds]]", known + "\n[[rounds]]", 1)
    second_round = text.rindex("[[rounds]]")
    return text[:second_round] + cars + "\n" + text[second_round:]


SHAPES: dict[str, Callable[[int], str]] = {
    shape.__name__: shape
    for shape in (dotted_key, table_header, nested_arrays, nested_inline_tables, many_keys,
                  many_result_tables, many_strings, many_comment_lines, long_comment, long_name,
                  long_crew, unknown_ids_against_many_drivers)
}
