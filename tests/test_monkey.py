"""A seeded monkey: thousands of random keys and terminal sizes, and no exception.

Each seed drives ``KEYS_PER_SEED`` keys from every key our screens bind plus
letters, digits, arrows, paging and the palette, in batches of 20-50, resizing the
terminal between 40x12 and 250x70 in between. Most batches arrive as one burst,
as a terminal delivers fast typing or a held key (no waiting between keys), the
rest are paced like ``pilot.press``. Quitting keys are never pressed; if the app
ends anyway (the palette's "Quit" command) a new one takes over.

A failure names its seed. Replay it with::

    ALMS_MONKEY_SEED=<seed> pytest tests/test_monkey.py

``ALMS_MONKEY_KEYS`` changes the keys per seed (default 500, four seeds).
"""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import random
import string
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot

import tui.ui
from tui.ui.app import SeasonApp

ROOT = Path(__file__).resolve().parents[1]
DATA = {
    "bundled": ROOT / "data" / "alms-2004.toml",
    "markup": ROOT / "tests" / "fixtures" / "hostile" / "valid_markup_everywhere.toml",
}
SEEDS = [int(os.environ["ALMS_MONKEY_SEED"])] if "ALMS_MONKEY_SEED" in os.environ else [1, 2, 3, 4]
KEYS_PER_SEED = int(os.environ.get("ALMS_MONKEY_KEYS", "500"))
NEVER = {"q", "ctrl+q", "ctrl+c"}  # they quit (or would copy and confuse the run)


def bound_keys() -> set[str]:
    """Every key any screen or widget of ours binds."""
    keys: set[str] = set()
    for module_info in pkgutil.walk_packages(tui.ui.__path__, "tui.ui."):
        module = importlib.import_module(module_info.name)
        for cls in vars(module).values():
            if inspect.isclass(cls) and cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                for binding in cls.BINDINGS:
                    key = binding.key if hasattr(binding, "key") else binding[0]
                    keys.update(k.strip() for k in key.split(","))
    return keys


BOUND = sorted(bound_keys() - NEVER)
KEYS = sorted(
    (set(BOUND) | set(string.ascii_letters) | set(string.digits) | {
        "up", "down", "left", "right", "tab", "shift+tab", "enter", "escape", "ctrl+p", "space",
        "pageup", "pagedown", "home", "end", "f1", "question_mark", "slash",
        "left_square_bracket", "right_square_bracket", "backspace",
    }) - NEVER
)


def _burst(app: App, keys: list[str]) -> None:
    """Queue the keys at once, as a terminal delivers a fast burst of input."""
    for key in keys:
        char = key if len(key) == 1 else {"space": " ", "slash": "/", "question_mark": "?",
                                          "left_square_bracket": "[",
                                          "right_square_bracket": "]"}.get(key)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def _settle(app: App, pilot: Pilot) -> None:
    """Until every queued event is handled (and the loading worker is done)."""
    for _ in range(500):
        await pilot.pause()
        if app._exception is not None or not app.is_running:
            return
        if app._message_queue.empty() and all(s._message_queue.empty() for s in app.screen_stack):
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_and_sizes_raise_nothing(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the palette's "Save screenshot" writes to the working folder
    rng = random.Random(seed)
    data = DATA["bundled"] if seed % 2 else DATA["markup"]
    print(f"monkey seed {seed}: {KEYS_PER_SEED} keys on {data.name}")
    pressed, restarts, batch, size = 0, 0, [], (0, 0)
    screens: set[str] = set()
    try:
        while pressed < KEYS_PER_SEED:
            size = (rng.randint(40, 250), rng.randint(12, 70))
            app = SeasonApp(data, config_path=None)
            app.animation_level = "none"
            async with app.run_test(size=size) as pilot:
                await _settle(app, pilot)
                while pressed < KEYS_PER_SEED and app.is_running:
                    # Our keys more often than the rest, or the palette eats most of them.
                    batch = [rng.choice(BOUND if rng.random() < 0.6 else KEYS)
                             for _ in range(rng.randint(20, 50))]
                    if rng.random() < 0.05:
                        await pilot.press(*batch)
                    else:
                        _burst(app, batch)
                    await _settle(app, pilot)
                    pressed += len(batch)
                    assert app._exception is None
                    screens.add(type(app.screen).__name__)
                    if rng.random() < 0.4:
                        size = (rng.randint(40, 250), rng.randint(12, 70))
                        await pilot.resize_terminal(*size)
                        await _settle(app, pilot)
                restarts += not app.is_running  # ended on its own (the palette's Quit)
            assert app._exception is None
    except BaseException as error:
        raise AssertionError(
            f"monkey seed {seed} failed after {pressed} keys at {size[0]}x{size[1]}, "
            f"last batch {batch}; replay: ALMS_MONKEY_SEED={seed} pytest tests/test_monkey.py"
        ) from error
    print(f"monkey seed {seed}: {pressed} keys, {restarts} restarts, no exception; "
          f"screens seen: {', '.join(sorted(screens))}")


async def test_a_burst_of_keys_leaving_a_view_does_not_crash_the_header() -> None:
    # Found by the monkey: before app.sub_title stopped repainting, this burst crashed in
    # Textual's Header (NoMatches 'HeaderTitle': a title watcher outliving its screen).
    app = SeasonApp(DATA["bundled"], config_path=None)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        _burst(app, ["down", "j", "down", "up", "j", "k", "1", "i", "escape"])
        await _settle(app, pilot)
        assert app._exception is None


# Textual 8.2.8 raised KeyError here; tui.ui.search.SeasonPalette guards the page keys.
async def test_page_down_right_after_opening_the_palette_does_not_crash() -> None:
    app = SeasonApp(DATA["bundled"], config_path=None)
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        _burst(app, ["ctrl+p", "pagedown"])
        await _settle(app, pilot)
        assert app._exception is None
