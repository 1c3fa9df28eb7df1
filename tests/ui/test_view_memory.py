"""Opening and closing views leaves nothing behind.

Before: 16,900 objects stayed alive per four views opened and closed, every
closed view's header (watching the app's title) and the lines of the last 1,024
widgets drawn (Textual's lru_cache on StylesCache.get_inner_outer); each full
collector pass walked them all. Counted with gc.get_objects() after gc.collect();
each count's list is dropped before the next (a kept list holds everything in it).
"""

from __future__ import annotations

import gc

from .helpers import loaded, make_app

#: Objects a round of four views may leave (history of places, caches that fill
#: once); the leak was 16,900 per round.
ALLOWED_PER_ROUND = 500


def live_objects() -> int:
    gc.collect()
    return len(gc.get_objects())


async def test_views_opened_and_closed_leave_nothing_behind() -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        views = [app.action_standings, app.action_highlighted_team, app.action_highlighted_car,
                 app.action_progression]

        async def a_round() -> None:
            for open_view in views:
                open_view()
                await pilot.pause()
                await pilot.pause()
                app.pop_screen()
                await pilot.pause()
                await pilot.pause()

        await a_round()  # caches that fill once
        await a_round()
        before = live_objects()
        for _ in range(3):
            await a_round()
        grown = live_objects() - before
        assert grown < 3 * ALLOWED_PER_ROUND, grown
