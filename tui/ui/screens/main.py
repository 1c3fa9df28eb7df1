"""The dashboard: calendar, classification and driver detail, driven by the keyboard."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tui.core.as_of import calendar_as_of, hidden_label, known_season
from tui.core.classification import Row, row_by_key
from tui.core.models import Dataset, Round

from ..text import printable
from ..widgets.calendar import SeasonCalendar
from ..widgets.chip_strip import Chip, ChipStrip
from ..widgets.classification import Classification
from ..widgets.driver_detail import DriverDetail
from ..widgets.filter_bar import FilterBar
from ..widgets.footer import KeyFooter
from ..widgets.header import TitleBar
from ..widgets.live_bar import LiveBar
from .lean import LeanScreen

#: Widths where the layout changes, chosen so that the classification never shows
#: less as the terminal grows (tests/ui/test_layout.py): below ``STACKED_WIDTH`` the
#: panes are one-at-a-time tabs at full width; from it, a compact calendar beside
#: the classification, with the driver below; from ``WIDE_WIDTH``, three columns.
#: Mosport, the widest full classification, needs 138 columns with its border.
STACKED_WIDTH = 160
WIDE_WIDTH = 210
#: Below this nothing is usable; a notice asks for a bigger terminal.
MIN_SIZE = (60, 16)

PANES = ("calendar-pane", "classification-pane", "driver-pane")
PANE_TITLES = {"calendar-pane": "Calendar", "classification-pane": "Classification", "driver-pane": "Driver"}


class PaneTabs(ChipStrip):
    """The narrow layout's tabs, one per pane (:data:`PANES`); a click shows that pane."""

    #: One chip per pane, in the order of :data:`PANES`.
    TABS = tuple(Chip(Content(PANE_TITLES[pane]), f"Show the {PANE_TITLES[pane].lower()}") for pane in PANES)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(padding=2, gap=0, id=id)

    def show_active(self, active_pane: str) -> None:
        self.show(self.TABS, PANES.index(active_pane))

    def choose(self, index: int) -> None:
        self.post_message(MainScreen.PaneChosen(PANES[index]))


class MainScreen(LeanScreen, Screen):
    """The season at a glance. Holds the keys that work from any pane."""

    #: No auto focus: on_mount focuses the remembered pane. Textual's would focus the
    #: calendar first (the first focusable widget) and on_mount then move it: the
    #: active pane flipped twice before the first frame, each flip restyling a pane's
    #: widgets (about 60 style applications of ~290 at start-up).
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("left_square_bracket", "step_round(-1)", "Prev round", id="round.previous"),
        Binding("right_square_bracket", "step_round(1)", "Next round", id="round.next"),
        Binding("0", "filter(0)", "All classes", show=False, id="filter.all"),
        Binding("1", "filter(1)", "Only class 1 (LMP1)", show=False, id="filter.1"),
        Binding("2", "filter(2)", "Only class 2 (LMP2)", show=False, id="filter.2"),
        Binding("3", "filter(3)", "Only class 3 (GTS)", show=False, id="filter.3"),
        Binding("4", "filter(4)", "Only class 4 (GT)", show=False, id="filter.4"),
        Binding("d", "step_driver(1)", "Co-driver", tooltip="Next driver of the highlighted car", id="driver.next"),
        Binding("D", "step_driver(-1)", "Previous co-driver", show=False, id="driver.previous"),
        Binding("s", "app.standings", "Standings", tooltip="Drivers' and teams' points, class by class",
                id="view.standings"),
        Binding("i", "app.round_info", "Round info", tooltip="Round details: poles, notes, sources",
                id="view.round"),
        Binding("c", "app.classes", "Classes", tooltip="The classes and their rules", id="view.classes"),
        Binding("slash", "app.search", "Find", tooltip="Find a driver, team, car or round", id="search"),
        Binding("t", "app.highlighted_team", "Team page", show=False, tooltip="The highlighted car's team: cars, crews, results", id="view.team"),
        Binding("n", "app.highlighted_car", "Car number page", show=False, tooltip="Every crew and team that raced the highlighted car's number", id="view.car"),
        Binding("g", "app.progression", "Progression", show=False, tooltip="Each class's table round by round", id="view.progression"),
        Binding("v", "app.compare_picker", "Compare", show=False, tooltip="Two to five drivers or crews side by side", id="view.compare"),
        Binding("asterisk", "app.star_driver", "Star driver", show=False, tooltip="Star or unstar the driver shown", id="favourite.driver"),
        Binding("a", "app.as_of_picker", "As of round", show=False, tooltip="The season as it stood after a round", id="view.as-of"),
        # Panes, not widgets: in the narrow layout the other panes are hidden
        # and so out of the focus chain that tab would otherwise walk.
        Binding("tab", "step_pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "step_pane(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("z", "toggle_zoom", "Zoom", tooltip="The focused pane alone, full size (z again: back)",
                id="pane.zoom"),
    ]

    # var, not reactive: the panes redraw what changes; a full repaint costs a frame.
    round_number: var[int] = var(0, init=False)
    #: The screen's own sub-title (the TitleBar shows it, whatever other screens set):
    #: the round. No repaint: the TitleBar watches it, and a whole-screen repaint per
    #: round cost a frame (and once crashed a Header leaving with its screen).
    sub_title: Reactive[str | None] = Reactive(None, compute=False, repaint=False)
    class_filter: var[str | None] = var(None, init=False)

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class PaneChosen(Message):
        pane: str

    def __init__(self, dataset: Dataset, round_number: int | None = None,
                 class_filter: str | None = None, focused_pane: str | None = None,
                 as_of: int | None = None) -> None:
        super().__init__()
        #: The season as loaded; ``dataset`` is what is shown: as of ``as_of`` if set.
        self.full = dataset
        self.as_of = as_of if dataset.round(as_of or 0) is not None else None
        self.dataset = known_season(dataset, self.as_of)
        self.set_reactive(MainScreen.round_number, _valid_round(dataset, round_number))
        self.set_reactive(MainScreen.class_filter, class_filter if dataset.car_class(class_filter or "") else None)
        self.active_pane = focused_pane if focused_pane in PANES else "classification-pane"
        self._shown_detail: tuple | None = None
        self._car_key: str | None = None
        self._driver_pending = False
        # The user's place, apart from what is shown: a version of the file that
        # lacks it (a save caught halfway) shows the nearest place, and the next
        # version that has it again shows it again. Only the user moves it.
        self._wanted_round = self.round_number
        self._wanted_class = self.class_filter
        #: The row shown in place of the user's car while a version lacks it.
        self._stand_in_car: str | None = None
        #: The focused pane alone, as in the tabs layout, whatever the width (``z``).
        self.zoomed = False

    # --- layout ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Lay out for the terminal's size before the first frame, not after it.
        self._layout_classes(self.app.size.width, self.app.size.height)
        yield TitleBar()
        yield LiveBar(id="live-bar")
        yield PaneTabs(id="pane-tabs")
        with Horizontal(id="panes"):
            with Vertical(id="calendar-pane", classes=self._pane_classes("calendar-pane")) as calendar_pane:
                calendar_pane.border_title = "Calendar"
                yield SeasonCalendar(id="calendar", brief=not self.has_class("-tabs"))
            # The classification and the driver: side by side when wide, one above
            # the other when stacked (app.tcss).
            with Horizontal(id="work", classes="" if self.active_pane == "calendar-pane" else "-active"):
                classification = Classification(
                    [c.id for c in self.dataset.classes[:4]],
                    id="classification-pane",
                    classes=self._pane_classes("classification-pane"),
                )
                classification.border_title = "Classification"
                yield classification
                detail = DriverDetail(id="driver-pane", classes=self._pane_classes("driver-pane"))
                detail.border_title = "Driver"
                yield detail
        yield Static(id="too-small", markup=False)
        yield KeyFooter()

    def _pane_classes(self, pane: str) -> str:
        # Active from the start: in the narrow layout only the active pane is
        # displayed, and a table filled while hidden measures its columns at zero.
        return "pane -active" if pane == self.active_pane else "pane"

    def on_mount(self) -> None:
        self.query_one(Classification).set_favourites(getattr(self.app, "favourite_keys", frozenset()))
        self._show_calendar()
        self._show_round(defer_driver=False)  # the first screen comes complete
        classification = self.query_one(Classification)
        # The one path from a cursor move to the driver detail. A watcher, not the
        # RowHighlighted message: it runs as the cursor moves, so the driver detail
        # reaches the screen in the cursor's frame, not one frame later.
        self.watch(classification.table, "cursor_coordinate", self._cursor_moved, init=False)
        self._layout_for(self.size.width, self.size.height)
        self.focus_pane(self.active_pane)

    def on_resize(self, event: Resize) -> None:
        self._layout_for(event.size.width, event.size.height)

    def _layout_classes(self, width: int, height: int) -> bool:
        """Set the layout's classes for a terminal size; True when it is too small.

        Runs on a resize or a zoom only, never on other keys: a layout change costs frames.
        """
        tabs = width < STACKED_WIDTH or self.zoomed
        self.set_class(tabs, "-tabs")
        self.set_class(not tabs and width < WIDE_WIDTH, "-stacked")
        too_small = width < MIN_SIZE[0] or height < MIN_SIZE[1]
        self.set_class(too_small, "-too-small")
        return too_small

    def _layout_for(self, width: int, height: int) -> None:
        too_small = self._layout_classes(width, height)
        if too_small:
            self.query_one("#too-small", Static).update(
                Content(
                    f"Terminal too small: {width}x{height}.\n"
                    f"alms-tui needs at least {MIN_SIZE[0]}x{MIN_SIZE[1]}.\nEnlarge the window or press q."
                )
            )
        self.query_one(SeasonCalendar).brief = not self.has_class("-tabs")
        self._mark_active_pane()
        if not too_small and (self.focused is None or not self.focused.display):
            # Hiding the panes (too small) took the focus away: give it back to
            # the pane that had it, or no key would move anything.
            self.focus_pane(self.active_pane)

    def focus_pane(self, pane: str) -> None:
        """Focus a pane's main widget (in the narrow layout this also shows it)."""
        target = {
            "calendar-pane": "#calendar",
            "classification-pane": "#classification-table",
            "driver-pane": "#driver-pane",
        }[pane]
        self.active_pane = pane
        self._mark_active_pane()
        self.query_one(target).focus()

    def _mark_active_pane(self) -> None:
        for pane in PANES:
            self.query_one(f"#{pane}").set_class(pane == self.active_pane, "-active")
        self.query_one("#work").set_class(self.active_pane != "calendar-pane", "-active")
        self.query_one(PaneTabs).show_active(self.active_pane)

    def on_descendant_focus(self, event) -> None:
        for ancestor in event.widget.ancestors_with_self:
            if isinstance(ancestor, Widget) and ancestor.id in PANES:
                if self.active_pane != ancestor.id:
                    self.active_pane = ancestor.id
                    self._mark_active_pane()
                return

    def on_main_screen_pane_chosen(self, event: PaneChosen) -> None:
        self.focus_pane(event.pane)

    # --- data flow: calendar -> classification -> driver -----------------------

    def watch_round_number(self) -> None:
        self._wanted_round = self.round_number
        self._show_round()
        self.query_one(SeasonCalendar).select_round(self.round_number)

    def watch_class_filter(self) -> None:
        self._wanted_class = self.class_filter
        self._show_round()

    def _show_calendar(self) -> None:
        self.query_one(SeasonCalendar).show(
            self.full, self.round_number, rounds=calendar_as_of(self.full, self.as_of), as_of=self.as_of
        )

    def _show_hidden_round(self) -> bool:
        """A round after the as-of round: say its result is hidden. False if it is shown."""
        if self.as_of is None or self.round_number <= self.as_of:
            return False
        round_ = self.full.round(self.round_number)
        if round_ is None:
            return False
        self.sub_title = f"R{round_.number} {printable(round_.name)}"
        self.query_one(Classification).show_hidden(
            f"R{round_.number} result {hidden_label(self.as_of)} · a: another round or the full season"
        )
        self._shown_detail = None
        self._show_driver(None)
        return True

    def show_favourites(self, favourites: frozenset[str]) -> None:
        """Mark starred drivers, crews and teams in the classification."""
        self.query_one(Classification).set_favourites(favourites)
        self._show_round(defer_driver=False)

    def set_as_of(self, through: int | None) -> None:
        """Show the season as it stood after round ``through`` (``None``: all of it)."""
        was_hidden = self.as_of is not None and self.round_number > self.as_of
        self.as_of = through if self.full.round(through or 0) is not None else None
        self.dataset = known_season(self.full, self.as_of)
        self._shown_detail = None
        self._show_calendar()
        # The driver's season as of the new round reaches the screen a frame after
        # the calendar and the table, as on a round switch: until then the detail
        # shows what was on screen before the key (nothing the reader had not seen;
        # a round now after the as-of round clears it at once, _show_hidden_round).
        # From a hidden round the detail is empty: it comes with the table, in the
        # same layout pass (deferred, it cost a pass and two frames more).
        self._show_round(defer_driver=not was_hidden)

    def _show_round(self, defer_driver: bool = True) -> None:
        if self._show_hidden_round():
            return
        round_ = self.dataset.round(self.round_number)
        if round_ is None:
            return
        self._show_title(round_)
        classification = self.query_one(Classification)
        classification.show(self.dataset, round_, self.class_filter, keep=self._car_key)
        if not defer_driver:
            self._show_driver(classification.highlighted_row())
            return
        # The table is what the key asked for: it reaches the screen in the next
        # frame on its own, and the driver detail (a layout pass of its own) in the
        # frame after. A key repeated faster than frames redraws the detail once.
        self._driver_pending = True
        self.call_after_refresh(self._show_pending_driver)

    def _show_pending_driver(self) -> None:
        if self._driver_pending:  # else a driver was chosen explicitly since
            self._show_driver(self.query_one(Classification).highlighted_row())

    def _cursor_moved(self) -> None:
        classification = self.query_one(Classification)
        if not classification.filling:  # show() moves the cursor too; it handles the detail
            self._show_driver(classification.highlighted_row())

    def _show_title(self, round_: Round) -> None:
        self.sub_title = f"R{round_.number} {printable(round_.name)}"

    def _show_driver(self, row: Row | None, driver_index: int = 0) -> None:
        self._driver_pending = False
        if row is not None and row.key != self._stand_in_car:
            self._car_key = row.key
            self._stand_in_car = None
        # The detail tells a whole season: the same crew in another round (the car
        # followed from round to round) shows exactly the same thing, so skip the
        # re-render, the costliest part of a round switch.
        crew = tuple(row.result.drivers) if row else None
        key = (id(self.dataset), crew, driver_index, row is None)
        if key == self._shown_detail:
            return
        self._shown_detail = key
        self.query_one(DriverDetail).show(self.dataset, row, driver_index)

    @on(SeasonCalendar.RoundChosen)
    def _round_chosen(self, event: SeasonCalendar.RoundChosen) -> None:
        self.round_number = event.number
        if event.opened:
            self.focus_pane("classification-pane")

    @on(Classification.CarOpened)
    def _car_opened(self, event: Classification.CarOpened) -> None:
        self._show_driver(event.row)
        self.focus_pane("driver-pane")

    @on(FilterBar.Changed)
    def _filter_clicked(self, event: FilterBar.Changed) -> None:
        self.class_filter = event.class_id

    # --- actions --------------------------------------------------------------

    def action_step_round(self, delta: int) -> None:
        numbers = [r.number for r in self.full.rounds]
        index = numbers.index(self.round_number) if self.round_number in numbers else 0
        self.round_number = numbers[max(0, min(len(numbers) - 1, index + delta))]

    def action_filter(self, number: int) -> None:
        classes = [c.id for c in self.dataset.classes[:4]]
        self.class_filter = classes[number - 1] if 0 < number <= len(classes) else None

    def action_step_pane(self, delta: int) -> None:
        index = PANES.index(self.active_pane) if self.active_pane in PANES else 0
        self.focus_pane(PANES[(index + delta) % len(PANES)])

    def action_toggle_zoom(self) -> None:
        self.zoomed = not self.zoomed
        self._layout_for(self.size.width, self.size.height)
        self.focus_pane(self.active_pane)

    def action_step_driver(self, delta: int) -> None:
        self.query_one(DriverDetail).step(delta)

    # --- used by the app (search, settings, reloading) -------------------------

    def apply_dataset(self, dataset: Dataset) -> None:
        """Show a new version of the season without losing the user's place.

        Same round (or the nearest one if it is gone), same class filter (if the
        class still exists), same car under the cursor, same scroll positions,
        same driver: the tables are patched by key, not rebuilt.
        """
        self.full = dataset
        if dataset.round(self.as_of or 0) is None:
            self.as_of = None  # the round stood at is gone from the file
        # set_reactive, not assignment: the watchers would take the fallback for
        # the user's choice (and redraw before the data is all in place).
        numbers = [r.number for r in dataset.rounds]
        wanted = self._wanted_round
        later = [n for n in numbers if n > wanted]
        shown = wanted if wanted in numbers else later[0] if later else numbers[-1]
        self.set_reactive(MainScreen.round_number, shown)
        wanted_class = self._wanted_class
        self.set_reactive(
            MainScreen.class_filter,
            wanted_class if wanted_class is not None and dataset.car_class(wanted_class) else None,
        )
        self._show_calendar()
        dataset = self.dataset = known_season(dataset, self.as_of)
        if self._show_hidden_round():
            return
        round_ = dataset.round(self.round_number)
        assert round_ is not None  # moved to an existing round above
        classification = self.query_one(Classification)
        wanted_car = self._car_key
        classification.show(dataset, round_, self.class_filter, keep=wanted_car, in_place=True)
        detail = self.query_one(DriverDetail)
        row = classification.highlighted_row()
        if row is not None and row.key == wanted_car:
            self._stand_in_car = None
            detail.refresh_season(dataset, row)
        else:
            # Still the user's car, for the next version: the row shown for now
            # (wherever the cursor lands) does not replace it.
            self._stand_in_car = row.key if row is not None else None
            self._shown_detail = None
            self._show_driver(row)
        self._show_title(round_)

    @property
    def wanted_place(self) -> tuple[int, str | None]:
        """The round and class filter the user chose: what is shown, unless a version
        of the file lacks them (then the nearest stands in, see :meth:`apply_dataset`)."""
        return self._wanted_round, self._wanted_class

    def cursor_car_key(self) -> str | None:
        """The car under the classification's cursor (None on a hidden round)."""
        return self.query_one(Classification).cursor_key

    def restore_place(self, round_number: int, class_filter: str | None, car_key: str | None,
                      pane: str) -> None:
        """Back to a remembered view: round, filter, car under the cursor and pane."""
        self._car_key = car_key
        self.set_reactive(MainScreen.class_filter, class_filter if self.full.car_class(class_filter or "") else None)
        self.set_reactive(MainScreen.round_number, _valid_round(self.full, round_number))
        # The reader's choice, as the watchers would record it (a reload keeps it).
        self._wanted_round, self._wanted_class = self.round_number, self.class_filter
        self.query_one(SeasonCalendar).select_round(self.round_number)
        self._shown_detail = None
        self._show_round(defer_driver=False)
        self.focus_pane(pane if pane in PANES else "classification-pane")

    def jump_to(self, round_number: int, car_key: str | None = None, driver_id: str | None = None) -> None:
        """Show a round and, if given, put the cursor on a car and a driver of it.

        A car outside the class filter switches the filter to the car's class
        (and says so) rather than clearing it: the reader keeps a one-class view,
        class position first, with the car among its rivals.
        """
        self._car_key = car_key
        round_ = self.dataset.round(round_number)
        found = row_by_key(round_, car_key) if round_ is not None and car_key else None
        if self.class_filter is not None and found is not None:
            # The row's own class, never read off the key: "GTS#3" starts with "GT".
            car_class = found.result.car_class
            if car_class != self.class_filter:
                self._say_filter_switched(self.class_filter, car_class, found, round_number, driver_id)
                self.class_filter = car_class
        if round_number != self.round_number:
            self.round_number = round_number
        else:
            self._show_round()
        row = self.query_one(Classification).highlighted_row()
        if driver_id and row and driver_id in row.result.drivers:
            self._shown_detail = None
            self._show_driver(row, row.result.drivers.index(driver_id))
            self.focus_pane("driver-pane")
        elif car_key:
            self.focus_pane("classification-pane")

    def _say_filter_switched(self, old: str, new: str, row: Row, round_number: int,
                             driver_id: str | None) -> None:
        if driver_id:
            what = f"{self.dataset.driver_name(driver_id)} drove a {new} car"
        else:
            number = row.result.number
            what = f"{'car #' + str(number) if number is not None else 'the car'} was a {new} car"
        self.notify(
            printable(f"Class filter {old} → {new}: {what} in R{round_number}."),
            title="Filter switched",
            markup=False,
        )


def _valid_round(dataset: Dataset, number: int | None) -> int:
    """The round asked for if the season has it, else the first."""
    numbers = [r.number for r in dataset.rounds]
    return number if number in numbers else numbers[0]
