"""Let a closed screen's widgets, and every line they drew, go.

Textual 8.2.8 memoises ``StylesCache.get_inner_outer`` with ``lru_cache(1024)`` on a
method, so the cache's keys hold the ``StylesCache`` of the last 1,024 widgets
drawn, each with every line it rendered (Strips, Segments and their caches). In
the dashboard each view opened and closed left its widgets' lines there: 23,000
objects per four views, up to 1,024 widgets' worth, and every full collector pass
walked them all (passes grew from 30 to 110 ms over a session of views). The memo
is keyed by colours: clearing it changes nothing that is drawn, and it refills
from the widgets on screen at the next frame.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache  # Textual has no public name for it


def forget_closed_widgets_lines() -> None:
    StylesCache.get_inner_outer.cache_clear()
