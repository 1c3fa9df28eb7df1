""""Did you mean ...?" for unknown names, at a bounded cost."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Unknown names per load that get a suggestion. Each is a fuzzy match against
#: every candidate; the first few show the pattern of a mistake, and a file with
#: 100,000 unknown ids must not cost 100,000 times the candidates.
MAX_SUGGESTED = 20


class Suggester:
    """Suggests a close known name for the first ``limit`` unknown names it is asked about."""

    def __init__(self, limit: int = MAX_SUGGESTED) -> None:
        self._left = limit

    @property
    def active(self) -> bool:
        """Whether suggestions are still given: callers skip gathering candidates if not."""
        return self._left > 0

    def closest(self, value: str, candidates: Iterable[str]) -> str | None:
        """The candidate closest to ``value``, compared ignoring case; ``None`` past the limit.

        Ids differ from typos mostly in case (``gts`` for ``GTS``).
        """
        if self._left <= 0:
            return None
        self._left -= 1
        by_lower = {candidate.lower(): candidate for candidate in candidates}
        close = difflib.get_close_matches(value.lower(), list(by_lower), n=1)
        return by_lower[close[0]] if close else None
