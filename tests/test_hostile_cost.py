"""Small files with a big cost: every pathological shape, built at the loader's size
limit, is refused with a located message or loaded, at a cost per byte within a
generous multiple of the bundled season's, and within a memory limit.

Before the bounds, a 40 KB dotted key took 1.6 GB (80 KB: 6 GB), a crew of 100,000 ids
110 s and unknown ids against many drivers minutes: each is a multiple of hundreds or
thousands per byte, far past the bound here. Times are measured in one subprocess, the
bundled season first, so the ratio holds on a slow or busy machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_shapes import SHAPES

PROBE = Path(__file__).with_name("hostile_cost_probe.py")
#: Seconds per byte, as a multiple of the bundled season's. Linear shapes measure 0.1-5;
#: the quadratic ones before the fix measured hundreds to thousands.
PER_BYTE_BOUND = 25
#: Peak resident memory of the whole probe process (Python, pydantic, the texts).
MEMORY_BOUND = 900 * 1024**2
#: Loaded (valid) at the limit; every other shape must be refused, located.
VALID = {"long_comment"}


@pytest.fixture(scope="module")
def measured() -> dict[str, dict]:
    done = subprocess.run([sys.executable, str(PROBE), *SHAPES], capture_output=True, text=True,
                          timeout=600, check=False, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    return {row["name"]: row for row in rows}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_pathological_shape_is_refused_located_or_loaded_at_linear_cost(
    measured: dict[str, dict], shape: str
) -> None:
    row, bundled = measured[shape], measured["bundled"]
    if shape in VALID:
        assert row["ok"], row["problem"]
    else:
        assert not row["ok"] and row["line"] is not None and row["col"] is not None, row["problem"]
    per_byte = row["seconds"] / row["size"]
    baseline = bundled["seconds"] / bundled["size"]
    assert per_byte <= PER_BYTE_BOUND * baseline, (shape, row["seconds"], bundled["seconds"])
    assert row["peak"] <= MEMORY_BOUND, (shape, row["peak"])


def test_only_the_first_unknown_ids_get_a_suggestion() -> None:
    """Each suggestion is a fuzzy match against every known id: bounded per load."""
    from tui.core.loader import load_path
    from tui.core.suggest import MAX_SUGGESTED

    path = Path(__file__).parent / "fixtures" / "hostile" / "shape_25_unknown_drivers.toml"
    problems = load_path(path).problems
    assert len(problems) == 25
    assert sum("did you mean" in p.message for p in problems) == MAX_SUGGESTED == 20


def test_past_a_thousand_problems_the_rest_are_counted_not_listed() -> None:
    """Locating and listing 100,000 problems cost seconds and hundreds of MB: the first
    thousand say what is wrong."""
    from hostile_shapes import MINIMAL

    from tui.core.loader import load_text
    from tui.core.problems import MAX_PROBLEMS

    unknown_keys = MINIMAL.replace("[season]", "[season]\n" + "".join(f"k{i} = 1\n" for i in range(1500)), 1)
    unknown_ids = MINIMAL.replace('drivers = ["cal-carter"]', "drivers = [" + ", ".join(
        f'"x{i}"' for i in range(16)) + "]")
    unknown_ids += "".join(f'\n[[rounds.results]]\nclass = "LMP1"\ndrivers = ["y{i}", "z{i}"]\n'
                           for i in range(600))
    for text, more in ((unknown_keys, 500), (unknown_ids, 216)):
        problems = load_text(text, "f.toml").problems
        assert len(problems) == MAX_PROBLEMS + 1
        assert all(p.line is not None for p in problems[:-1])
        assert str(problems[-1]) == (
            f"f.toml: … and {more} more problems, not listed (the first 1,000 are)"
        )
