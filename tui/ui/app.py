"""The application: loads the dataset off the UI thread, follows the file, shows screens."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Literal

from rich.console import RenderableType
from textual import constants as textual_constants
from textual import work
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen

from tui.core.driver_season import prepare as prepare_driver_seasons
from tui.core.follow import FileFollower, Signature, signature
from tui.core.loader import Failed, LoadResult, load_path
from tui.core.models import Dataset
from tui.core.problems import Problem
from tui.core.safe_text import printable, printable_lines
from tui.core.settings import Settings, load_settings, save_settings, settings_path
from tui.gc_policy import building_long_lived, freeze_startup_heap, hold_full_collections

from .history import History, Place
from .screens.main import MainScreen
from .widgets.live_bar import LiveBar, LiveState

if TYPE_CHECKING:  # comparing seasons is for reloads: imported by the first one
    from textual.driver import Driver
    from textual.notifications import Notification

    from tui.core.changes import DatasetChanges
    from tui.core.classification import Row

    from .screens.round_info import RoundInfoScreen

Follow = Literal["auto", "poll", "off"]

#: A save caught mid-write changes the file under the reader: read again.
STABLE_READ_ATTEMPTS = 5

#: The season starts loading as the app is made, before Textual starts. When the
#: first screen is due, it waits this long (seconds) for that load: a season ready
#: by then is the first screen itself; a slower one shows the loading screen first
#: (at most this much later than before), then the season. Waiting costs nothing:
#: the loading thread has the interpreter to itself meanwhile.
FIRST_SCREEN_WAIT = 0.15

#: Signals that end the dashboard the way `q` does (the view remembered, the terminal
#: given back). Python's default for them kills the process on the spot, leaving the
#: terminal in the alternate screen with mouse tracking on: `kill`, a closed
#: terminal window or ssh connection (SIGHUP), a service manager stopping it.
QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
#: After such a signal the terminal may be gone (SIGHUP): Textual's writer thread
#: then dies on EIO and later frames block on its full queue. The view is saved
#: first; if the clean exit has not happened this many seconds later, end anyway.
SIGNAL_EXIT_GRACE = 3.0


class SeasonApp(App[None]):
    """alms-tui: the 2004 ALMS season in a terminal."""

    TITLE = "alms-tui"
    CSS_PATH = "app.tcss"
    # A callable: the palette machinery (textual.command) is imported on first use.
    COMMANDS = App.COMMANDS | {lambda: _season_search(), lambda: _season_commands(),
                               lambda: _story_commands()}
    #: The TitleBar watches these; repainting the whole app for them cost a frame per
    #: round (sub-title) and per step of the as-of round or pause of following (title).
    title: Reactive[str] = Reactive("", compute=False, repaint=False)
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    BINDINGS = [
        # ctrl+c too: Textual's own ctrl+c only says "press q", even while a load runs.
        Binding("q,ctrl+c", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("p", "toggle_pause", "Pause / resume following the file", show=False, id="live.pause"),
        Binding("r", "reload", "Reload the file now", show=False, id="live.reload"),
        Binding("backspace", "go_back", "Back to where you were before a jump", show=False, id="app.back"),
    ]

    # Messages are made with their __init__ only: a dataclass's generated __eq__ and
    # __repr__ are compiled as the class is defined, ~0.15 ms of start-up per
    # message class, and nothing compares or prints messages (Textual's own
    # repr stays). The same for every message class of the first screen.
    @dataclass(eq=False, repr=False)
    class Loaded(Message):
        """A load attempt finished (posted from the loading thread)."""

        result: LoadResult
        signature: Signature | None = None
        #: What differs from ``base``, the season on screen when loading began
        #: (computed in the thread too: comparing standings is not free).
        changes: DatasetChanges | None = None
        base: Dataset | None = None
        #: Loads are numbered as they start; one that ends after a newer one is stale.
        number: int = 0
        #: Ends the hold on full collector passes taken for this load (gc_policy),
        #: once the version it brought is on screen.
        release_hold: Callable[[], None] | None = None

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class FileChanged(Message):
        """The followed file settled into a new version (posted from the follower thread)."""

        signature: Signature

        def can_replace(self, message: Message) -> bool:
            # Only the newest version matters: a burst becomes one reload.
            return isinstance(message, SeasonApp.FileChanged)

    @dataclass(eq=False, repr=False)  # __init__ only: see SeasonApp.Loaded
    class FollowMode(Message):
        mode: str
        reason: str | None

    def __init__(
        self,
        data_path: Path,
        config_path: Path | bool | None = True,
        follow: Follow = "off",
        freeze_heap: bool = False,
    ) -> None:
        """``config_path``: ``True`` for the user's config dir, ``None`` to remember nothing.

        ``follow``: ``auto`` (native events, falling back to polling), ``poll``, or ``off``.
        ``freeze_heap``: apply the process's garbage collector policy
        (:mod:`tui.gc_policy`): freeze the start-up heap once the first screen is
        shown, pause collection while a season version is built; for the
        command, never for tests.
        """
        super().__init__()
        self.freeze_heap = freeze_heap
        self._start_up_frozen = False
        self.data_path = Path(data_path)
        self.follow = follow
        self.settings_file = settings_path() if config_path is True else (config_path or None)
        self.settings, self._settings_warning = load_settings(self.settings_file)
        #: Why the view could not be remembered on quitting, for the command to print.
        self.settings_save_warning: str | None = None
        self.dataset: Dataset | None = None
        self.live_state = LiveState(file_name=self.data_path.name, file_path=str(self.data_path))
        self.title = self._header_title()
        self.follower: FileFollower | None = None
        self.history = History()
        self.favourites: tuple[str, ...] = self.settings.favourites or ()
        self._signal_handlers: dict[int, Any] = {}
        self._load_number = 0
        self._newest_loaded = 0
        #: The first load, started here so that it runs while Textual starts up
        #: (see get_default_screen); ``None`` once it is handed on.
        self._first_load: _LoadThread | None = self._start_load()
        self._first_signature: Signature | None = None
        #: ``r`` was pressed: say what the reload found, even "no changes".
        self._reload_asked = False
        #: The reload toast on screen, and how many reloads it stands for.
        self._reload_toast: Notification | None = None
        self._reloads_shown = 0
        #: Holds on full collector passes taken for reloads not yet on screen.
        self._gc_holds: set[Callable[[], None]] = set()
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, with the input guard of :mod:`tui.ui.input_guard` on Linux.

        A driver named in ``TEXTUAL_DRIVER`` is used as asked (the tests use it to
        run the unguarded one)."""
        driver_class = super().get_driver_class()
        if textual_constants.DRIVER is None and driver_class.__name__ == "LinuxDriver":
            from .input_guard import GuardedLinuxDriver

            return GuardedLinuxDriver
        return driver_class

    def panic(self, *renderables: RenderableType) -> None:
        """Textual's panic (an exception in the driver's input thread, for one) ends
        the app with no return code: the process would exit 0 after a crash."""
        if not self.return_code:
            self._return_code = 1
        super().panic(*renderables)

    def get_default_screen(self) -> Screen:
        """The season if its load is done in time (:data:`FIRST_SCREEN_WAIT`), else a
        first frame that says which season is loading (it can take a while)."""
        first = self._first_load
        if first is None or not first.finished.wait(FIRST_SCREEN_WAIT):
            return self._loading_screen()
        loaded = first.loaded
        if loaded is None or not loaded.result.ok:
            return self._loading_screen()  # on_mount delivers it: the error screen
        self._first_load = None
        self._newest_loaded = loaded.number
        self._first_signature = loaded.signature  # for on_mount: _catch_up_with_the_file
        self.dataset = loaded.result.dataset
        self.live_state = replace(self.live_state, problems=(), deleted=False)
        main = self._first_main_screen(loaded.result.dataset)
        self.title = self._header_title(main)
        self._after_first_screen()
        return main

    def _loading_screen(self) -> Screen:
        # Imported here: a season loaded in time (the usual start) never shows it.
        from .screens.loading import LoadingScreen

        return LoadingScreen(self.data_path)

    def _first_main_screen(self, dataset: Dataset) -> MainScreen:
        settings = self.settings
        return MainScreen(
            dataset,
            round_number=settings.round,
            class_filter=settings.class_filter,
            focused_pane=settings.focused_pane,
            as_of=settings.as_of,
        )

    # Titles and notifications are sinks for outside text (file names, paths, OS
    # error text): escape at the sink, so no caller can forget (printable is
    # idempotent, so text escaped earlier is unchanged).
    def validate_title(self, title: Any) -> str:
        return printable(super().validate_title(title))

    def validate_sub_title(self, sub_title: Any) -> str:
        return printable(super().validate_sub_title(sub_title))

    def notify(self, message: str, *, title: str = "", **options: Any) -> None:
        """:meth:`App.notify` with the message and title passed through ``printable``."""
        super().notify(printable_lines(message), title=printable(title), **options)

    def on_mount(self) -> None:
        self._handle_quit_signals()
        if self._settings_warning:
            self.notify(self._settings_warning, title="Settings", severity="warning", markup=False)
        first, self._first_load = self._first_load, None
        if first is not None:  # else get_default_screen has shown it
            self.load_dataset(first)
        if self.follow != "off":
            self.follower = FileFollower(
                self.data_path,
                on_change=lambda sig: self.post_message(self.FileChanged(sig)),
                mode="poll" if self.follow == "poll" else "auto",
                on_mode=lambda mode, reason: self.post_message(self.FollowMode(mode, reason)),
            )
            # Its thread starts once the first screen is drawn: starting it (a thread,
            # inotify set up through ctypes) took the interpreter from the first
            # frame. The file's state is taken now, so a save meanwhile is not missed.
            self.call_after_refresh(self.follower.start)
            self._set_live(following=self.follower.mode)
        if self._first_signature is not None:  # the first screen shows the first load
            self.call_after_refresh(self._catch_up_with_the_file, self._first_signature)

    def on_unmount(self) -> None:
        self._restore_signal_handlers()
        for end in list(self._gc_holds):
            end()
        if self.follower is not None:
            self.follower.stop()

    # --- signals ----------------------------------------------------------------

    def _handle_quit_signals(self) -> None:
        """Quit on SIGTERM and SIGHUP as on `q` (see :data:`QUIT_SIGNALS`)."""
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may set signal handlers (an app run in a thread)
        loop = asyncio.get_running_loop()

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            # A signal handler interrupts whatever the loop was doing: only schedule.
            loop.call_soon_threadsafe(self._quit_on_signal, signum)

        for number in QUIT_SIGNALS:
            self._signal_handlers[number] = signal.signal(number, on_signal)

    def _restore_signal_handlers(self) -> None:
        while self._signal_handlers:
            number, previous = self._signal_handlers.popitem()
            signal.signal(number, previous)

    def _quit_on_signal(self, signum: int) -> None:
        if not self.is_running:
            return
        self.remember_view()
        # 128 + the signal's number: how a shell reports a process ended by a signal.
        status = 128 + signum
        if not self.is_headless:  # a real terminal (never a test process: it would end it)
            watchdog = threading.Timer(SIGNAL_EXIT_GRACE, os._exit, args=(status,))
            watchdog.daemon = True
            watchdog.start()
        self.exit(return_code=status)

    # --- loading ----------------------------------------------------------------

    def _start_load(self) -> _LoadThread:
        """Start the next load in a daemon thread of its own (see load_dataset)."""
        self._load_number += 1
        number, shown = self._load_number, self.dataset

        def run(cancelled: threading.Event) -> SeasonApp.Loaded | None:
            try:
                return self._load(number, shown, cancelled)
            except Exception as error:
                return self.Loaded(_failed_load(self.data_path, error), number=number)

        return _LoadThread(run, name=f"alms-load-{number}")

    @work(exclusive=True, exit_on_error=False, group="load")
    async def load_dataset(self, started: _LoadThread | None = None) -> None:
        """Parse and validate in a thread: a season takes longer than a frame.

        A daemon thread of our own, not a Textual thread worker: those run in
        asyncio's default executor, which the interpreter waits for at exit, so
        `q` during a minute-long load quit only after that minute. This worker
        only waits for the thread (``started``: one already under way, the first
        load); cancelling it (a newer load, the app closing) tells the thread to
        stop at its next stage, and its result is dropped.
        """
        # A reload: no full collector pass from here to the frame that shows it
        # (tui.gc_policy); young passes go on. (The first load has nothing shown.)
        release = None
        if started is None and self.freeze_heap and self.dataset is not None:
            release = self._hold_full_collections()
        job = started if started is not None else self._start_load()
        loop = asyncio.get_running_loop()
        done: asyncio.Future[SeasonApp.Loaded | None] = loop.create_future()

        def deliver(loaded: SeasonApp.Loaded | None) -> None:  # on the event loop
            if not done.done():  # else cancelled: nobody waits any more
                done.set_result(loaded)

        def hand_over(loaded: SeasonApp.Loaded | None) -> None:  # in the thread, or here
            if job.cancelled.is_set():
                return
            try:
                loop.call_soon_threadsafe(deliver, loaded)
            except RuntimeError:
                pass  # the loop has closed: the app is gone

        job.when_done(hand_over)
        try:
            loaded = await done
        except asyncio.CancelledError:
            job.cancelled.set()
            if release is not None:
                release()
            raise
        if loaded is None:
            if release is not None:
                release()
            return
        loaded.release_hold = release
        self.post_message(loaded)

    def _load(self, number: int, shown: Dataset | None, cancelled: threading.Event) -> Loaded | None:
        """The loading thread's work; ``None`` once cancelled (checked between stages).

        The file's signature is taken before and after reading; if a save landed
        in between, read again, so a half-written file is never what we keep.
        """
        with building_long_lived(self.freeze_heap):
            for _ in range(STABLE_READ_ATTEMPTS):
                before = signature(self.data_path)
                result = load_path(self.data_path)
                after = signature(self.data_path)
                if cancelled.is_set():
                    return None
                if before == after:
                    break
            changes = None
            if shown is not None and result.ok:
                from tui.core.changes import compare

                changes = compare(shown, result.dataset)
            if result.ok and not cancelled.is_set():
                # Off the UI thread: the driver index (and, on a reload, compare()
                # has just computed every class's standings).
                prepare_driver_seasons(result.dataset)
        if cancelled.is_set():
            return None
        return self.Loaded(result, after, changes, shown, number)

    def _hold_full_collections(self) -> Callable[[], None]:
        """A hold on full collector passes that the app ends by the time it closes,
        even if the load it was taken for never reaches the screen."""
        release = hold_full_collections()

        def end() -> None:
            release()
            self._gc_holds.discard(end)

        self._gc_holds.add(end)
        return end

    def on_season_app_loaded(self, message: Loaded) -> None:
        if message.release_hold is not None:
            self.call_after_refresh(message.release_hold)  # once this version is drawn
        if message.number < self._newest_loaded:
            return  # a load that was overtaken by a newer one: never show older data
        self._newest_loaded = message.number
        if message.number == 1:  # once its screen is up (a swap needs a mounted screen)
            self.call_after_refresh(self._catch_up_with_the_file, message.signature)
        result = message.result
        first = self.dataset is None
        asked, self._reload_asked = self._reload_asked, False
        if not result.ok:
            from .screens.error import LoadErrorScreen

            deleted = message.signature is not None and not message.signature.exists
            self._set_live(problems=result.problems, deleted=deleted and not first)
            if first and isinstance(self.screen, LoadErrorScreen):
                self.screen.show_problems(result.problems)
            elif first:
                self.push_screen(LoadErrorScreen(self.data_path, result.problems))
                self._after_first_screen()
            return
        self._set_live(problems=(), deleted=False)
        if first:
            self.dataset = result.dataset
            if self._showing_load_error():
                self.pop_screen()
            main = self._first_main_screen(result.dataset)
            self.push_screen(main)
            self._show_as_of(main.as_of)
            self._after_first_screen()
            return
        changes = message.changes if message.base is self.dataset else None
        self._swap(result.dataset, changes, asked)

    def _catch_up_with_the_file(self, loaded: Signature | None) -> None:
        """The first load read the file as the app was made; the follower took the
        file as it was when the app started. A save in between: load it now."""
        if self.follower is not None and loaded is not None and loaded != self.follower.detector.current:
            self.load_dataset()

    def _showing_load_error(self) -> bool:
        # The error screen is imported by the first failed load only: a good
        # start-up does not pay for it, and before a failure it cannot be showing.
        error = sys.modules.get("tui.ui.screens.error")
        return error is not None and isinstance(self.screen, error.LoadErrorScreen)

    def _after_first_screen(self) -> None:
        if self.freeze_heap and not self._start_up_frozen:
            self._start_up_frozen = True
            self.call_after_refresh(freeze_startup_heap)

    def _swap(self, new: Dataset, changes: DatasetChanges | None, asked: bool = False) -> None:
        """Put a new valid season on every open screen in one step, and say what changed
        (``asked``: the user pressed ``r``, so "no changes" is worth saying too)."""
        shown = self.dataset
        assert shown is not None  # a swap follows the first load
        if changes is None:  # the season on screen changed while this one loaded
            from tui.core.changes import compare

            changes = compare(shown, new)
        self.dataset = new
        self._show_on_open_screens(new, dashboard_too=True)
        if changes.any:
            self._notify_reload(changes.summary())
        elif asked:
            self._notify_reload("No changes: the file says what the screen shows.")

    def _notify_reload(self, message: str) -> None:
        """One toast for a burst of reloads: each replaces the one still on screen."""
        from textual.notifications import Notification, Notify

        previous = self._reload_toast
        if previous is not None and previous in self._notifications:
            # Textual stacks every notification; it has no public "replace".
            self._unnotify(previous)
            self._reloads_shown += 1
        else:
            self._reloads_shown = 1
        times = f" ({self._reloads_shown} times)" if self._reloads_shown > 1 else ""
        self._reload_toast = Notification(
            message, f"{printable(self.data_path.name)} reloaded{times}",
            timeout=self.NOTIFICATION_TIMEOUT, markup=False,
        )
        self.post_message(Notify(self._reload_toast))

    def on_load_error_screen_retry(self) -> None:
        self.load_dataset()

    # --- following the file -----------------------------------------------------

    def on_season_app_file_changed(self, message: FileChanged) -> None:
        if self.live_state.paused:
            self._set_live(waiting=self.live_state.waiting + 1)
            return
        if not message.signature.exists:
            if self.dataset is not None:
                self._set_live(deleted=True)
            return
        self.load_dataset()

    def on_season_app_follow_mode(self, message: FollowMode) -> None:
        self._set_live(following=message.mode)
        if message.reason and message.mode == "polling" and self.follow == "auto":
            self.notify(message.reason, title="Following the file", severity="warning", markup=False)

    def action_toggle_pause(self) -> None:
        if self.follow == "off":
            self.notify("Not following the file (started with --no-watch).", markup=False)
            return
        if self.live_state.paused:
            waiting = self.live_state.waiting
            self._set_live(paused=False, waiting=0)
            if waiting:
                self.load_dataset()
        else:
            self._set_live(paused=True, waiting=0)

    def action_reload(self) -> None:
        self._reload_asked = True
        self._set_live(waiting=0)
        self.load_dataset()

    def _set_live(self, **changes: Any) -> None:
        self.live_state = replace(self.live_state, **changes)
        self.title = self._header_title()  # the header's live / paused sign
        for screen in self.screen_stack:
            for bar in screen.query(LiveBar):
                bar.show_state(self.live_state)

    # --- views one key away -----------------------------------------------------

    def pop_screen(self) -> AwaitComplete:
        """Every view opens on top of the dashboard; nothing may close the dashboard
        itself (a stale dismissal did: a blank, frozen screen; see SeasonPalette)."""
        if isinstance(self.screen, MainScreen):
            self.log.warning("refused to pop the dashboard screen")
            return AwaitComplete.nothing()
        from .drawn_lines import forget_closed_widgets_lines  # not on the first screen's path

        popped = super().pop_screen()
        forget_closed_widgets_lines()  # else Textual keeps the closed view's lines
        return popped

    @property
    def main_screen(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_standings(self) -> None:
        from .screens.standings import StandingsScreen

        if (main := self.main_screen) is not None:
            self.push_screen(StandingsScreen(main.dataset, main.class_filter))

    def action_round_info(self) -> None:
        from .screens.round_info import RoundInfoScreen

        if (main := self.main_screen) is not None:
            if main.dataset.round(main.round_number) is None:
                from tui.core.as_of import hidden_label

                # Poles, statistics and notes would tell the result: not before it is shown.
                self.notify(f"R{main.round_number} details are {hidden_label(main.as_of or 0)}.",
                            markup=False)
                return
            self.push_screen(RoundInfoScreen(main.dataset, main.round_number))

    def on_round_info_screen_round_shown(self, message: RoundInfoScreen.RoundShown) -> None:
        # Stepping rounds in the round details moves the dashboard along with it.
        if (main := self.main_screen) is not None:
            main.round_number = message.number

    def action_classes(self) -> None:
        from .screens.classes import ClassesScreen

        if (main := self.main_screen) is not None:
            self.push_screen(ClassesScreen(main.dataset))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Quit is one of the app's own commands (with its key, q): not twice.
        return (command for command in super().get_system_commands(screen) if command.title != "Quit")

    def action_command_palette(self) -> None:
        from .search import SeasonPalette

        if self.use_command_palette and not SeasonPalette.is_open(self):  # type: ignore[arg-type]  # App is invariant; Textual types App[object]
            self.push_screen(SeasonPalette(id="--command-palette"))

    def action_search(self) -> None:
        from .search import SeasonPalette

        if self.main_screen is not None and not SeasonPalette.is_open(self):  # type: ignore[arg-type]  # App is invariant; Textual types App[object]
            self.push_screen(
                SeasonPalette(
                    providers=[_season_search()],
                    placeholder="Find a driver, team, car or round…",
                    id="--command-palette",
                )
            )

    # --- the season as of a round -----------------------------------------------

    def action_as_of_picker(self) -> None:
        from .screens.as_of import AsOfScreen

        main = self.main_screen
        if main is not None and not isinstance(self.screen, AsOfScreen):
            self.push_screen(AsOfScreen(main.full, main.as_of), self.action_set_as_of)

    def action_set_as_of(self, through: int | None) -> None:
        """Stand at round ``through`` on every open view (0 or None: the full season)."""
        main = self.main_screen
        if main is None or through is None:
            return
        main.set_as_of(through or None)
        self._show_on_open_screens(main.full, dashboard_too=False)
        self._show_as_of(main.as_of)

    def _show_on_open_screens(self, season: Dataset, *, dashboard_too: bool) -> None:
        """Every open screen shows ``season``: the dashboard the whole file, the other
        views what the dashboard shows (as of its round, if set).

        A screen pushed by a key of the same burst may not be composed yet: its
        widgets do not exist, so it gets the season once it is (a queued call runs
        after its compose and mount)."""
        main = self.main_screen
        for screen in self.screen_stack:
            apply = getattr(screen, "apply_dataset", None)
            if apply is None or (screen is main and not dashboard_too):
                continue
            shown = season if screen is main or main is None else main.dataset
            if screen.is_mounted:
                apply(shown)
            else:
                screen.call_later(apply, shown)

    def _show_as_of(self, as_of: int | None) -> None:
        """In the header of every screen: a reader must never mistake a past state for the end."""
        self.title = self._header_title()

    def _header_title(self, main: MainScreen | None = None) -> str:
        """One place for the header: the file's live state, then the round stood at."""
        main = main or self.main_screen
        as_of = main.as_of if main is not None else None
        title = f"{self.TITLE} · {self.live_state.headline}"
        return title if as_of is None else f"{title} · as of R{as_of}"

    def action_progression(self) -> None:
        from .screens.progression import ProgressionScreen

        if (main := self.main_screen) is not None:
            self.push_screen(ProgressionScreen(main.dataset, main.class_filter))

    def action_compare_picker(self) -> None:
        """Pick drivers or crews to compare; the highlighted car's drivers come marked."""
        from .screens.compare import ComparePicker, CompareScreen

        main = self.main_screen
        if main is None or isinstance(self.screen, ComparePicker):
            return
        if isinstance(self.screen, CompareScreen):
            chosen = list(self.screen.keys)
        else:
            row = self._highlighted_row()
            chosen = list(row.result.drivers) if row is not None else []

        def show(keys: list[str] | None) -> None:
            if keys:
                if isinstance(self.screen, CompareScreen):
                    self.pop_screen()
                self.push_screen(CompareScreen(main.dataset, keys))

        self.push_screen(ComparePicker(main.dataset, main.class_filter, chosen), show)

    # --- pages: a driver's, a team's, a car number's ---------------------------------

    def action_open_driver(self, driver_id: str) -> None:
        from .screens.driver import DriverScreen

        if (main := self.main_screen) is not None:
            self.push_screen(DriverScreen(main.dataset, driver_id))

    def action_open_team(self, team_id: str) -> None:
        from .screens.team import TeamScreen

        if (main := self.main_screen) is not None:
            self.push_screen(TeamScreen(main.dataset, team_id))

    def action_open_car(self, number: int) -> None:
        from .screens.team import CarScreen

        if (main := self.main_screen) is not None:
            self.push_screen(CarScreen(main.dataset, number))

    def action_highlighted_team(self) -> None:
        """The team page of the car under the dashboard's cursor."""
        row = self._highlighted_row()
        if row is not None and row.result.team:
            self.action_open_team(row.result.team)
        elif row is not None:
            self.notify("No team is known for this car.", markup=False)

    def action_highlighted_car(self) -> None:
        """The number page (every crew and team that raced it) of the car under the cursor."""
        row = self._highlighted_row()
        if row is not None and row.result.number is not None:
            self.action_open_car(row.result.number)
        elif row is not None:
            self.notify("No source gives this car's number.", markup=False)

    def _highlighted_row(self) -> Row | None:
        from .widgets.classification import Classification

        main = self.main_screen
        return main.query_one(Classification).highlighted_row() if main is not None else None

    def show_on_dashboard(self, round_number: int, car_key: str | None = None,
                          driver_id: str | None = None) -> None:
        """A jump: back to the dashboard, on a round with a car under the cursor.

        Where the reader was is remembered first, for ``backspace``.
        """
        main = self.main_screen
        if main is None:
            return
        self.remember_place()
        self._close_views(main)
        main.jump_to(round_number, car_key, driver_id)

    async def open_page(self, action: str) -> None:
        """A jump to a page (from search or the palette): remembered, then opened."""
        self.remember_place()
        await self.run_action(action)

    # --- back: where the reader was before a jump ---------------------------------

    def remember_place(self) -> None:
        main = self.main_screen
        if main is None:
            return
        top = next((s for s in reversed(self.screen_stack) if getattr(s, "page_action", None)), None)
        self.history.push(
            Place(
                round_number=main.round_number,
                class_filter=main.class_filter,
                car_key=main.cursor_car_key(),
                pane=main.active_pane,
                page=top.page_action if top is not None else None,
            )
        )

    async def action_go_back(self) -> None:
        """Not ``back``: Textual's own ``App.action_back`` pops a screen, and stays so."""
        main = self.main_screen
        if main is None:
            return
        place = self.history.pop()
        if place is None:
            self.notify("Nothing to go back to: no jump yet.", markup=False)
            return
        self._close_views(main)
        main.restore_place(place.round_number, place.class_filter, place.car_key, place.pane)
        if place.page is not None:
            await self.run_action(place.page)

    def _close_views(self, main: MainScreen) -> None:
        """Pop the views over the dashboard, but never a palette.

        A jump chosen in a palette runs after the palette closes, behind keys
        already queued: one of them may have opened a new palette, which must
        stay (popped from under it, it would later pop the dashboard instead).
        """
        from textual.command import CommandPalette  # loaded already if one is open

        while (self.screen is not main and len(self.screen_stack) > 1
               and not isinstance(self.screen, CommandPalette)):
            self.pop_screen()

    # --- favourites ------------------------------------------------------------------

    @property
    def favourite_keys(self) -> frozenset[str]:
        return frozenset(self.favourites)

    def action_toggle_favourite(self, key: str) -> None:
        """Star or unstar a driver, crew or team; remembered in the settings at once."""
        from tui.core.favourites import toggled

        starred = key not in self.favourites
        self.favourites = toggled(self.favourites, key)
        label = self._favourite_label(key)
        self.notify(f"{'★ Starred' if starred else 'Unstarred'} {label}", markup=False)
        warning = save_settings(self.current_settings(), self.settings_file)
        if warning:
            self.notify(printable(warning), severity="warning", markup=False)
        for screen in self.screen_stack:
            show = getattr(screen, "show_favourites", None)
            if show is not None:
                show(self.favourite_keys)

    def _favourite_label(self, key: str) -> str:
        from tui.core.favourites import split_key

        main = self.main_screen
        kind, ident = split_key(key)
        if main is None:
            return printable(ident)
        dataset = main.full
        if kind == "driver":
            return printable(dataset.driver_name(ident))
        if kind == "team":
            team = dataset.team(ident)
            return printable(team.name if team else ident)
        return "crew " + printable(" / ".join(dataset.driver_name(d) for d in ident.split("+")))

    def action_show_crew(self, drivers: str) -> None:
        """A favourite crew: the first round where they shared a car, on the dashboard."""
        from tui.core.classification import classify

        main = self.main_screen
        crew = set(drivers.split("+"))
        if main is None:
            return
        for round_ in main.dataset.rounds:
            row = next((r for r in classify(round_) if crew <= set(r.result.drivers)), None)
            if row is not None:
                self.show_on_dashboard(round_.number, row.key)
                return
        self.notify("This crew has no known result in the season shown.", markup=False)

    def action_star_driver(self) -> None:
        """The driver shown in the dashboard's driver pane."""
        from tui.core.favourites import driver_key

        from .widgets.driver_detail import DriverDetail

        main = self.main_screen
        driver_id = main.query_one(DriverDetail).driver_id if main is not None else None
        if driver_id is None:
            self.notify("No driver is shown to star.", markup=False)
            return
        self.action_toggle_favourite(driver_key(driver_id))

    def action_star_crew(self) -> None:
        from tui.core.favourites import crew_key, driver_key

        row = self._highlighted_row()
        if row is None or not row.result.drivers:
            self.notify("No crew is known for this car.", markup=False)
            return
        drivers = row.result.drivers
        self.action_toggle_favourite(crew_key(drivers) if len(drivers) > 1 else driver_key(drivers[0]))

    def action_star_team(self) -> None:
        from tui.core.favourites import team_key

        row = self._highlighted_row()
        if row is None or row.result.team is None:
            self.notify("No team is known for this car.", markup=False)
            return
        self.action_toggle_favourite(team_key(row.result.team))

    # --- remembering the view ---------------------------------------------------

    def current_settings(self) -> Settings:
        main = self.main_screen
        if main is None:
            return self.settings.model_copy(
                update={"theme": self.theme, "favourites": self.favourites or None}
            )
        # The user's choice, not a stand-in shown while a version of the file lacks it.
        round_number, class_filter = main.wanted_place
        return Settings(
            round=round_number,
            class_filter=class_filter,
            focused_pane=main.active_pane,
            theme=self.theme,
            as_of=main.as_of,
            favourites=self.favourites or None,
        )

    async def action_quit(self) -> None:
        self.remember_view()
        self.exit()

    def remember_view(self) -> None:
        warning = save_settings(self.current_settings(), self.settings_file)
        if warning:
            # The app is closing: the command says it on stderr once the UI is gone.
            self.settings_save_warning = warning
            self.log.warning(warning)


def _story_commands() -> type:
    from .story_commands import StoryCommands

    return StoryCommands


class _LoadThread:
    """``work(cancelled)`` run in a daemon thread; its result handed on once, however
    late the taker comes (:meth:`when_done`)."""

    def __init__(self, work: Callable[[threading.Event], Any], name: str) -> None:
        self.cancelled = threading.Event()
        self.finished = threading.Event()
        self.loaded: Any = None
        self._lock = threading.Lock()
        self._taker: Callable[[Any], None] | None = None
        self._work: Callable[[threading.Event], Any] | None = work
        threading.Thread(target=self._run, name=name, daemon=True).start()

    def _run(self) -> None:
        assert self._work is not None  # run once
        loaded = self._work(self.cancelled)
        with self._lock:
            self.loaded = loaded
            self.finished.set()
            # Let go of the work and the taker: the taker's closure refers back to
            # this object, and ``work`` to the season that was on screen. Kept, that
            # cycle held the replaced season (through the result's ``base``) until
            # a full collector pass, which then walked two seasons instead of one.
            taker, self._taker, self._work = self._taker, None, None
        if taker is not None:
            taker(loaded)

    def when_done(self, taker: Callable[[Any], None]) -> None:
        """Call ``taker(result)`` once the work is done: now if it is, else from the thread."""
        with self._lock:
            if not self.finished.is_set():
                self._taker = taker
                return
        taker(self.loaded)


def _failed_load(path: Path, error: Exception) -> LoadResult:
    """An unexpected exception while loading, as a problem the screens can show."""
    message = f"could not be loaded: unexpected {type(error).__name__}: {error}"
    return Failed((Problem(path.name, message),))


def _season_search() -> type:
    from .search import SeasonSearch

    return SeasonSearch


def _season_commands() -> type:
    from .commands import SeasonCommands

    return SeasonCommands
