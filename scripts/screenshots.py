"""Regenerate the SVG screenshots in screenshots/ from the real app, headless.

    python scripts/screenshots.py

Each view is driven with the same keys a user would press, at the size named in
the file name. Look at the results after running it.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.paths import bundled_dataset  # noqa: E402
from tui.ui.app import SeasonApp  # noqa: E402

# (file name, terminal size, keys pressed after the season is on screen)
VIEWS = [
    # The README's hero: Mosport, the one full classification, every column readable.
    ("mosport-160x48", (160, 48), ["right_square_bracket"] * 5),
    ("overview-160x48", (160, 48), []),
    ("overview-80x24", (80, 24), []),
    ("mosport-gt-160x48", (160, 48), ["right_square_bracket"] * 5 + ["4"]),
    ("mosport-gts-80x24", (80, 24), ["right_square_bracket"] * 5 + ["3"]),
    ("driver-detail-160x48", (160, 48), ["right_square_bracket"] * 5 + ["4", "enter"]),
    ("driver-detail-80x24", (80, 24), ["right_square_bracket"] * 5 + ["4", "enter"]),
    ("standings-160x48", (160, 48), ["4", "s"]),
    ("standings-80x24", (80, 24), ["1", "s"]),
    ("round-info-160x48", (160, 48), ["right_square_bracket"] * 5 + ["i"]),
    ("classes-160x48", (160, 48), ["c"]),
    ("help-80x24", (80, 24), ["question_mark"]),
    ("as-of-picker-80x24", (80, 24), ["a"]),
    ("as-of-r5-160x48", (160, 48), ["a", "home", *["down"] * 4, "enter", *["right_square_bracket"] * 5]),
    ("team-page-160x48", (160, 48), ["3", "t"]),
    ("car-page-80x24", (80, 24), ["3", "n"]),
    ("driver-page-160x48", (160, 48), ["4", "s", "enter"]),
    ("progression-160x48", (160, 48), ["4", "g"]),
    ("progression-places-80x24", (80, 24), ["4", "g", "m"]),
    ("compare-80x24", (80, 24), [*["right_square_bracket"] * 5, "4", "v", "down", "down", "space", "v"]),
    ("favourites-standings-160x48", (160, 48), [*["right_square_bracket"] * 5, "4", "asterisk", "s"]),
    ("too-small-50x14", (50, 14), []),
]


async def capture(name: str, size: tuple[int, int], keys: list[str], folder: Path) -> None:
    # Following the file, as the command does by default: the header says "live".
    app = SeasonApp(bundled_dataset(), config_path=None, follow="auto")
    app.animation_level = "none"
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", str(folder))


def main() -> None:
    """``python scripts/screenshots.py [NAME ...]``: all views, or only those named."""
    folder = ROOT / "screenshots"
    folder.mkdir(exist_ok=True)
    wanted = set(sys.argv[1:])
    for name, size, keys in VIEWS:
        if wanted and name not in wanted:
            continue
        asyncio.run(capture(name, size, keys, folder))
        print(f"screenshots/{name}.svg")


if __name__ == "__main__":
    main()
