"""ChipStrip: one widget draws a line of chips (the class filter, the crew, the tabs)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from tui.ui.widgets.chip_strip import Chip, ChipStrip, strip_width


class StripApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield ChipStrip(padding=1, gap=1)

    def on_chip_strip_chosen(self, event: ChipStrip.Chosen) -> None:
        self.chosen.append(event.index)


CHIPS = [Chip(Content("Alpha"), "the first"), Chip(Content("Be"), "the second"), Chip(Content("Gamma"))]


async def shown(pilot, active: int | None) -> ChipStrip:  # type: ignore[no-untyped-def]
    """The app's strip showing :data:`CHIPS`, drawn."""
    strip = pilot.app.query_one(ChipStrip)
    strip.show(CHIPS, active=active)
    await pilot.pause()
    return strip


def spy_refreshes(strip: ChipStrip) -> list[dict]:
    calls: list[dict] = []
    real = strip.refresh

    def refresh(*regions, **kwargs):
        calls.append(kwargs)
        return real(*regions, **kwargs)

    strip.refresh = refresh  # type: ignore[method-assign]
    return calls


def styles_at(strip: ChipStrip, column: int) -> tuple[bool, bool, bool]:
    """(bold, reverse, underline) of the cell drawn at ``column``."""
    x = 0
    for segment in strip.render_line(0):
        if x <= column < x + len(segment.text):
            style = segment.style
            return bool(style.bold), bool(style.reverse), bool(style.underline)
        x += len(segment.text)
    raise AssertionError(f"nothing drawn at column {column}")


async def test_chips_are_drawn_where_they_are_clicked_and_the_gaps_are_not_chips() -> None:
    app = StripApp()
    async with app.run_test(size=(40, 3)) as pilot:
        strip = await shown(pilot, active=1)
        # " Alpha " gap " Be " gap " Gamma "
        assert str(strip.render()) == " Alpha   Be   Gamma  "
        assert [strip.chip_span(i) for i in range(3)] == [(0, 7), (8, 12), (13, 20)]
        assert strip.chip_at(7) is None and strip.chip_at(12) is None and strip.chip_at(25) is None
        assert strip_width([c.label for c in CHIPS], 1, 1) == 21
        await pilot.click(strip, offset=(9, 0))  # the padding before "Be" is the chip's
        await pilot.click(strip, offset=(7, 0))  # a gap: nothing
        await pilot.click(strip, offset=(15, 0))
        await pilot.pause()
        assert app.chosen == [1, 2]


async def test_the_active_label_is_bold_reverse_its_padding_plain() -> None:
    app = StripApp()
    async with app.run_test(size=(40, 3)) as pilot:
        strip = await shown(pilot, active=1)
        assert styles_at(strip, 9) == (True, True, False)  # "B"
        assert styles_at(strip, 8) == (False, False, False)  # its padding
        assert styles_at(strip, 1) == (False, False, False)  # "A": not active
        strip.show(CHIPS, active=None)
        await pilot.pause()
        assert styles_at(strip, 9) == (False, False, False)


async def test_hover_underlines_the_chip_and_shows_its_tooltip() -> None:
    app = StripApp()
    async with app.run_test(size=(40, 3)) as pilot:
        strip = await shown(pilot, active=None)
        await pilot.hover(strip, offset=(2, 0))
        assert strip.tooltip == "the first"
        assert styles_at(strip, 2)[2] is True
        assert styles_at(strip, 9)[2] is False
        await pilot.hover(strip, offset=(15, 0))  # Gamma has no tooltip
        assert strip.tooltip is None
        assert styles_at(strip, 2)[2] is False
        await pilot.hover(strip, offset=(9, 0))
        assert strip.tooltip == "the second"
        strip.show(CHIPS[:1], active=0)  # the hovered chip is gone: so is its tooltip
        assert strip.tooltip is None


async def test_new_labels_are_a_repaint_never_a_layout_pass_and_the_same_ones_nothing() -> None:
    app = StripApp()
    async with app.run_test(size=(40, 3)) as pilot:
        strip = await shown(pilot, active=0)
        calls = spy_refreshes(strip)
        strip.show(list(CHIPS), active=0)
        assert calls == []  # the same chips: nothing to draw
        strip.show([Chip(Content("Alphabet")), *CHIPS[1:]], active=2)
        assert calls and not any(call.get("layout") for call in calls)
        await pilot.pause()
        assert str(strip.render()).split() == ["Alphabet", "Be", "Gamma"]


async def test_a_label_restyled_with_the_same_text_is_drawn_again() -> None:
    # Content's == compares the text alone (the sibling bug of the reload's patch).
    app = StripApp()
    async with app.run_test(size=(40, 3)) as pilot:
        strip = await shown(pilot, active=None)
        calls = spy_refreshes(strip)
        restyled = [Chip(Content("Alpha").stylize("bold"), "the first"), *CHIPS[1:]]
        strip.show(restyled, active=None)
        assert calls
        await pilot.pause()
        assert styles_at(strip, 1)[0] is True
