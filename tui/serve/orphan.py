"""A served dashboard quits when its server is gone.

The server stops its dashboards when it stops cleanly. Killed outright
(SIGKILL, the OOM killer), it cannot, and Textual's web driver does not quit
when the server's end of its pipes closes: each tab's dashboard would run on,
unseen, for ever. So the server tells each dashboard its process id, and the
dashboard watches for being handed to another parent (what happens to a
process whose parent dies), then quits as on SIGTERM and removes the tab's
settings folder, which the server would have removed.

Imports nothing heavy: the dashboard process loads it before the app.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
from collections.abc import Mapping
from pathlib import Path

#: Set by the server in each dashboard's environment: the server's process id.
SERVER_PID = "ALMS_TUI_SERVER_PID"
#: Set by the server: the tab's own settings folder, the server's to remove.
SESSION_DIR = "ALMS_TUI_SESSION_DIR"
#: How often the parent is looked at: a lost dashboard ends within about this.
CHECK_INTERVAL_S = 0.5


class ServerWatch:
    """Watches the server from a daemon thread; ``orphaned`` is set once it is gone."""

    def __init__(self, server_pid: int, session_dir: Path | None) -> None:
        self.server_pid = server_pid
        self.session_dir = session_dir
        self.orphaned = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="alms-server-watch", daemon=True)

    def start(self) -> ServerWatch:
        self._thread.start()
        return self

    def _watch(self) -> None:
        while os.getppid() == self.server_pid:
            if self.orphaned.wait(CHECK_INTERVAL_S):
                return
        self.orphaned.set()
        # The app quits on SIGTERM as on `q` (saving into the tab's folder first).
        os.kill(os.getpid(), signal.SIGTERM)

    def clean_up(self) -> None:
        """After the app has ended: an orphan removes its tab's settings folder."""
        if self.orphaned.is_set() and self.session_dir is not None:
            shutil.rmtree(self.session_dir, ignore_errors=True)


def watch_server(environ: Mapping[str, str] = os.environ) -> ServerWatch | None:
    """Start watching when this process is a served dashboard; ``None`` otherwise."""
    try:
        server_pid = int(environ.get(SERVER_PID, ""))
    except ValueError:
        return None
    session_dir = environ.get(SESSION_DIR)
    return ServerWatch(server_pid, Path(session_dir) if session_dir else None).start()
