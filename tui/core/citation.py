"""Sources written the way a reader cites them: title, publisher, date, where to find it.

A source's id (``ZR1_384``) is a key inside the data file, not something a reader
can follow, so it is never shown as the citation. Parts the data does not give
stay absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .memo import per_dataset
from .models import Dataset, Source
from .prose import sentences


def citation(source: Source) -> str:
    """``Title. Publisher, 18 October 2004. Where. https://...`` without the absent parts.

    The URL ends the citation with no full stop after it, so it can be copied whole.
    """
    by = ", ".join(p for p in (source.publisher, source.date) if p)
    text = sentences(source.title, by, source.locator)
    return f"{text} {source.url}" if source.url else text


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

    def cite_inline(self, text: str) -> str:
        """``text`` with the source ids its prose mentions replaced by their numbers.

        Notes written for the data file name sources by id ("GH1 says ..."); a
        reader sees "[2] says ..." and finds [2] in the view's source list.
        """
        pattern = _id_pattern(self._dataset)
        if pattern is None:
            return text
        return pattern.sub(lambda m: self.refs([m[0]]), text)

    def entries(self) -> list[tuple[int, str]]:
        """Each cited source as ``(number, citation)``, in number order."""
        out = []
        for source_id, number in self._numbers.items():
            source = self._dataset.source(source_id)
            out.append((number, citation(source) if source else "a source missing from the data"))
        return out


def _id_pattern(dataset: Dataset) -> re.Pattern[str] | None:
    """One alternation of every source id as a whole word, longest first (built once)."""

    def build() -> re.Pattern[str] | None:
        ids = sorted((s.id for s in dataset.sources), key=len, reverse=True)
        if not ids:
            return None
        words = "|".join(re.escape(i) for i in ids)
        return re.compile(rf"(?<![\w.\-])(?:{words})(?![\w\-])")

    return per_dataset(dataset, ("source_id_pattern",), build)
