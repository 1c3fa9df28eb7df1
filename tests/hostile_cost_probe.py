"""Run in a subprocess by ``tests/test_hostile_cost.py``: load the bundled season, then
each named shape at the loader's size limit, under an address-space limit, and print
per file its size, time, peak resident memory so far and first problem as JSON (one
line each). The limit stops a regression from taking the shared machine's memory (a
crash fails the test)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import hostile_shapes

from tui.core.loader import MAX_FILE_BYTES, load_text

#: Address space: Python, pydantic and a 16 MiB text in a few copies fit well within it.
LIMIT = 2 * 1024**3


def measure(name: str, text: str) -> dict:
    start = time.perf_counter()
    result = load_text(text)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    first = result.problems[0] if result.problems else None
    return {"name": name, "size": len(text), "seconds": seconds, "peak": peak, "ok": result.ok,
            "line": first.line if first else None, "col": first.col if first else None,
            "problem": str(first) if first else None}


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
    names = sys.argv[1:]
    bundled = (Path(__file__).parents[1] / "data" / "alms-2004.toml").read_text()
    for name in ["bundled", *names]:
        text = bundled if name == "bundled" else hostile_shapes.SHAPES[name](MAX_FILE_BYTES - 2000)
        print(json.dumps(measure(name, text)), flush=True)
        del text


if __name__ == "__main__":
    main()
