"""Sources written the way a reader cites them: title, publisher, date, where to find it.

A source's id (``ZR1_384``) is a key inside the data file, not something a reader
can follow, so it is never shown as the citation. Parts the data does not give
stay absent.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Dataset, Source
from .prose import sentences


def citation(source: Source) -> str:
    """``Title. Publisher, 18 October 2004. https://...`` with the absent parts left out."""
    by = ", ".join(p for p in (source.publisher, source.date) if p)
    return sentences(source.title, by, source.url, source.locator)


def short_citation(source: Source) -> str:
    """Publisher and date when known (``ALMS, 18 October 2004``), else the title."""
    by = ", ".join(p for p in (source.publisher, source.date) if p)
    return by or source.title


class SourceList:
    """Numbered references for one view: notes say ``[1, 3]``, the list below says what 1 is.

    Numbers are given in order of first citation, so a view reads 1, 2, 3 from the top.
    """

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset
        self._numbers: dict[str, int] = {}

    def refs(self, source_ids: Iterable[str]) -> str:
        """``[1, 3]`` for the given ids (numbered on first use); empty for none."""
        numbers = []
        for source_id in source_ids:
            number = self._numbers.setdefault(source_id, len(self._numbers) + 1)
            if number not in numbers:
                numbers.append(number)
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""

    def entries(self) -> list[tuple[int, str]]:
        """Each cited source as ``(number, citation)``, in number order."""
        out = []
        for source_id, number in self._numbers.items():
            source = self._dataset.source(source_id)
            out.append((number, citation(source) if source else "a source missing from the data"))
        return out
