"""The application: loads the dataset off the UI thread and shows the right screen."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from tui.core.loader import LoadResult, load_path
from tui.core.models import Dataset
from tui.core.settings import Settings, load_settings, save_settings, settings_path

from .search import SeasonSearch
from .screens.error import LoadErrorScreen
from .screens.main import MainScreen


class SeasonApp(App[None]):
    """alms-tui: the 2004 ALMS season in a terminal."""

    TITLE = "alms-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {SeasonSearch}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
    ]

    @dataclass
    class Loaded(Message):
        """A load attempt finished (posted from the loading thread)."""

        result: LoadResult

    def __init__(self, data_path: Path, config_path: Path | None | bool = True) -> None:
        """``config_path``: ``True`` for the user's config dir, ``None`` to remember nothing."""
        super().__init__()
        self.data_path = Path(data_path)
        self.settings_file = settings_path() if config_path is True else config_path
        self.settings, self._settings_warning = load_settings(self.settings_file)
        self.dataset: Dataset | None = None
        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def on_mount(self) -> None:
        if self._settings_warning:
            self.notify(self._settings_warning, title="Settings", severity="warning", markup=False)
        self.load_dataset()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load_dataset(self) -> None:
        """Parse and validate in a thread: a season takes longer than a frame."""
        self.post_message(self.Loaded(load_path(self.data_path)))

    def on_season_app_loaded(self, message: Loaded) -> None:
        result = message.result
        if not result.ok:
            self.push_screen(LoadErrorScreen(self.data_path, result.problems))
            return
        self.dataset = result.dataset
        settings = self.settings
        self.push_screen(
            MainScreen(
                result.dataset,
                round_number=settings.round,
                class_filter=settings.class_filter,
                focused_pane=settings.focused_pane,
            )
        )

    def retry_load(self) -> None:
        self.pop_screen()
        self.load_dataset()

    # --- views one key away -----------------------------------------------------

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
            self.push_screen(RoundInfoScreen(main.dataset, main.round_number))

    def action_classes(self) -> None:
        from .screens.classes import ClassesScreen

        if (main := self.main_screen) is not None:
            self.push_screen(ClassesScreen(main.dataset))

    def action_search(self) -> None:
        from textual.command import CommandPalette

        if self.main_screen is not None and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(providers=[SeasonSearch], placeholder="Find a driver, team, car or round…")
            )

    # --- remembering the view ---------------------------------------------------

    def current_settings(self) -> Settings:
        main = self.main_screen
        if main is None:
            return self.settings.model_copy(update={"theme": self.theme})
        return Settings(
            round=main.round_number,
            class_filter=main.class_filter,
            focused_pane=main.active_pane,
            theme=self.theme,
        )

    async def action_quit(self) -> None:
        self.remember_view()
        self.exit()

    def remember_view(self) -> None:
        warning = save_settings(self.current_settings(), self.settings_file)
        if warning:
            # The app is closing: say it on the terminal after the UI is gone.
            self.log.warning(warning)
