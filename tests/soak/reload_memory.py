"""Reload the season many times in the dashboard as the command runs it; print memory.

Run in a fresh interpreter by ``tests/test_reload_soak.py`` (the garbage-collector
policy is process-wide, so it must not run inside the test process):

    python tests/soak/reload_memory.py DATA RELOADS

Prints one JSON line: after the warm-up reload (the 50th, or the last if fewer)
and after the last one, the resident set size (KiB) and the number of objects the
collector tracks, frozen ones included. Each sample follows a full collection, so
ordinary garbage is gone and what remains is alive or leaked: a frozen object
that became garbage in a cycle is never collected.
"""

from __future__ import annotations

import gc

gc.disable()  # as the `alms-tui` command does before its imports (tui.gc_policy)

import asyncio
import json
import sys
from pathlib import Path

from tui.ui.app import SeasonApp


def resident_kib() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4  # 4 KiB pages on the machines we run on


def tracked_objects() -> int:
    return len(gc.get_objects()) + gc.get_freeze_count()


WARM_UP = 50


def sample() -> dict[str, int]:
    gc.collect()
    return {"rss_kib": resident_kib(), "objects": tracked_objects(), "frozen": gc.get_freeze_count()}


async def soak(data: Path, reloads: int) -> None:
    app = SeasonApp(data, config_path=None, follow="off", freeze_heap=True)
    app.animation_level = "none"
    samples: dict[str, dict[str, int]] = {}
    async with app.run_test(headless=True, size=(160, 48)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        for done in range(1, reloads + 1):
            app.action_reload()  # what `r` and a saved file do
            await app.workers.wait_for_complete()
            await pilot.pause()
            if done in (min(WARM_UP, reloads), reloads):
                # Reloads post "reloaded" toasts that live for seconds: not a leak.
                app.clear_notifications()
                await pilot.pause()
                samples[str(done)] = sample()
    print(json.dumps(samples))


if __name__ == "__main__":
    asyncio.run(soak(Path(sys.argv[1]), int(sys.argv[2])))
