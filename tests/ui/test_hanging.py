"""Hanging indents (tui/ui/hanging.py): the height a layout pass asks for is the
height that is drawn, without wrapping the text twice."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from tui.ui.hanging import Hanging

words = st.text(alphabet="abcdefghij#·/", min_size=1, max_size=30)
lines = st.lists(st.tuples(st.lists(words, min_size=1, max_size=12).map(" ".join), st.integers(0, 12)),
                 min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(lines=lines, width=st.integers(1, 80))
def test_the_height_is_the_height_of_the_wrapped_text(lines: list[tuple[str, int]], width: int) -> None:
    hanging = Hanging([(Content(text), indent) for text, indent in lines])
    wrapped = hanging.wrapped(width)
    assert hanging.get_height({}, width) == wrapped.get_height({}, width)  # type: ignore[arg-type]
    assert all(len(line) <= width for line in wrapped.plain.split("\n"))
