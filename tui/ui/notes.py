"""Notes and their sources as every view shows them: marks, the text, numbered references."""

from __future__ import annotations

from textual.content import Content

from tui.core.citation import SourceList
from tui.core.models import Note, NoteKind
from tui.core.prose import UNCERTAIN_MARK as UNCERTAIN_MARK  # the screens' mark is the exports'

from .text import literal

#: Each kind of note has a mark (explained in the help).
NOTE_MARK = {NoteKind.FACT: "•", NoteKind.CONFLICT: "⚠", NoteKind.MISSING: "?"}


def note_line(cited: SourceList, note: Note, about: str = "") -> Content:
    """``• About: the note's text  [1, 2]``: its kind's mark, what it is about, its sources."""
    return Content.assemble(
        (f"{NOTE_MARK[note.kind]} ", "bold"),
        (literal(about + ": ", "bold") if about else ""),
        literal(cited.cite_inline(note.text)),
        refs(cited, note.sources),
    )


def refs(cited: SourceList, source_ids: list[str]) -> Content | str:
    """``  [1, 2]`` (dim) for the given sources; nothing for none."""
    numbers = cited.refs(source_ids)
    return Content(f"  {numbers}").stylize("dim") if numbers else ""


def source_lines(cited: SourceList) -> list[Content]:
    """A ``Sources`` heading and the numbered citation of every source the view cited."""
    entries = cited.entries()
    if not entries:
        return []
    return [Content(""), Content("Sources").stylize("bold underline")] + [
        Content.assemble((f"{number:>3}. ", "bold"), literal(text)) for number, text in entries
    ]
