"""One dashboard process per browser tab, each with its own settings folder.

textual-serve's ``AppService`` starts the app command in a subprocess and
relays its screen. Every tab here also gets a fresh ``ALMS_TUI_CONFIG_DIR``:
two tabs would otherwise overwrite each other's remembered view, and the
browser's view would overwrite the one of the user's terminal.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from pathlib import Path

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from tui.core.settings import SETTINGS_NAME

from .orphan import SERVER_PID, SESSION_DIR

#: How long a dashboard has to quit after being asked, before it is killed.
STOP_TIMEOUT_S = 5.0


class DashboardSession(AppService):
    """A dashboard subprocess for one websocket, remembering into ``config_dir``."""

    def __init__(self, command: str, *, config_dir: Path, **kwargs: object) -> None:
        super().__init__(command, **kwargs)  # type: ignore[arg-type]
        self.config_dir = config_dir

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        environment["ALMS_TUI_CONFIG_DIR"] = str(self.config_dir)
        # So that a dashboard outliving a killed server quits and cleans up (orphan.py).
        environment[SERVER_PID] = str(os.getpid())
        environment[SESSION_DIR] = str(self.config_dir)
        return environment

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_NAME

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def stop(self) -> None:
        """Ask the dashboard to quit; kill it if it has not within STOP_TIMEOUT_S.

        textual-serve's own ``stop`` waits for the process without a bound, and
        a cancelled handler (a server shutting down) would leave it running: the
        kill is in ``finally`` and needs no ``await``.
        """
        try:
            await asyncio.wait_for(super().stop(), STOP_TIMEOUT_S)
        except TimeoutError:
            pass
        finally:
            process = self._process
            if process is not None and process.returncode is None:
                process.kill()
        if process is not None:
            await process.wait()


class SessionPool:
    """Counts the open sessions against a cap and owns their settings folders."""

    def __init__(self, max_sessions: int) -> None:
        self.max_sessions = max_sessions
        self.open = 0
        self._root = Path(tempfile.mkdtemp(prefix="alms-tui-serve-"))
        self.download_manager = DownloadManager()

    def try_acquire(self) -> bool:
        """Take a place if one is free. No ``await`` between check and count: two
        handshakes arriving together cannot both take the last place."""
        if self.open >= self.max_sessions:
            return False
        self.open += 1
        return True

    def release(self) -> None:
        self.open -= 1

    def new_config_dir(self) -> Path:
        return Path(tempfile.mkdtemp(prefix="session-", dir=self._root))

    @staticmethod
    def discard_config_dir(path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)

    def close(self) -> None:
        """Remove every session's folder (the server is stopping)."""
        shutil.rmtree(self._root, ignore_errors=True)
