"""A screen just pushed is styled once (mount), not again when it resumes."""

from __future__ import annotations

import pytest
from textual.css.stylesheet import Stylesheet

from tui.ui.screens.styled import StyledOnce

from .helpers import loaded, make_app


async def style_applications_opening_standings(monkeypatch: pytest.MonkeyPatch) -> int:
    applied: list[object] = []
    real = Stylesheet.apply

    def apply(self, node, *args, **kwargs):  # type: ignore[no-untyped-def]
        applied.append(node)
        return real(self, node, *args, **kwargs)

    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        monkeypatch.setattr(Stylesheet, "apply", apply)
        app.action_standings()
        await pilot.pause()
        await pilot.pause()
        monkeypatch.setattr(Stylesheet, "apply", real)
    return len(applied)


async def test_opening_a_view_does_not_restyle_what_its_mount_just_styled(monkeypatch: pytest.MonkeyPatch) -> None:
    once = await style_applications_opening_standings(monkeypatch)
    # Textual's way: restyle the whole screen as it resumes.
    monkeypatch.setattr(StyledOnce, "_resumed_before", True)
    twice = await style_applications_opening_standings(monkeypatch)
    assert once < twice * 0.75, (once, twice)
