"""The installed ``alms-tui`` command in a real terminal (tmux), driven by keys.

There is no hook into another process, so each wait polls ``capture-pane`` with
a bound instead of sleeping a fixed time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(
    TMUX is None and not os.environ.get("CI"), reason="tmux is not installed (CI installs it)"
)


def installed_command() -> str:
    """The console script of the environment running the tests."""
    candidate = Path(sys.executable).with_name("alms-tui")
    found = str(candidate) if candidate.exists() else shutil.which("alms-tui")
    assert found, "alms-tui is not installed in this environment"
    return found


class Terminal:
    """One tmux session on a tmux server of its own (``tmux -L``): tests running in
    parallel (pytest-xdist) or a developer's own tmux never share a server with it."""

    def __init__(self, session: str) -> None:
        self.session = session
        self.socket = session
        self.socket_path: Path | None = None

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True, timeout=10
        ).stdout

    def start(self, command: str, width: str = "160", height: str = "48") -> None:
        """Start the session running ``command`` at exactly ``width`` x ``height``."""
        self.tmux("new-session", "-d", "-s", self.session, "-x", width, "-y", height, command)
        self.tmux("set-option", "-t", self.session, "window-size", "manual")
        self.tmux("resize-window", "-t", self.session, "-x", width, "-y", height)
        self.socket_path = Path(self.tmux("display", "-p", "#{socket_path}").strip())

    def close(self) -> None:
        """End the session's server (and so whatever still runs in it) and remove
        its socket, which tmux leaves behind."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10, check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        """The screen once it shows every text (a text may wrap: a line break and
        indent count as one space, so a longer temporary path does not matter)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            joined = " ".join(screen.split())
            if all(text in screen or text in joined for text in texts):
                return screen
            time.sleep(0.1)
        size = self.tmux("display", "-p", "-t", self.session, "#{window_width}x#{window_height}")
        raise AssertionError(f"never saw {texts!r}; the {size.strip()} screen was:\n{screen}")


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def season(tmp_path: Path) -> Path:
    path = tmp_path / "alms-2004.toml"
    path.write_text((ROOT / "data" / "alms-2004.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.fixture
def terminal(tmp_path: Path, season: Path):
    session = f"alms-{uuid.uuid4().hex[:8]}"
    env = {
        "ALMS_TUI_CONFIG_DIR": str(tmp_path / "config"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    # COLUMNS/LINES from the test process would override the real terminal size
    # (shutil.get_terminal_size reads them first): drop them.
    app = f"env -u COLUMNS -u LINES {exports} {installed_command()} --data {season}"
    # Start the app only once the pane has its final size: a resize racing the
    # app's start-up (while it imports, before it listens for SIGWINCH) is lost.
    wait_for_size = 'i=0; until [ "$(stty size)" = "48 160" ] || [ $i -ge 100 ]; do sleep 0.05; i=$((i+1)); done'
    term = Terminal(session)
    try:
        term.start(f"sh -c '{wait_for_size}; exec {app}'")
        yield term
    finally:
        term.close()


def test_find_mosport_filter_gts_and_open_a_corvette_driver(terminal: Terminal) -> None:
    terminal.wait_for("Calendar", "Classification", "Mobil 1 12 Hours of Sebring")
    terminal.send("]", "]", "]", "]", "]")
    terminal.wait_for("R6 Toronto Grand Prix of Mosport")
    terminal.send("3")
    screen = terminal.wait_for("GTS cars known", "Gavin / Beretta", "Fellows / O'Connell")
    # Only GTS rows remain: no prototype class tag followed by a car number.
    assert re.search(r"\bLMP[12]\s+#\d+", screen) is None, screen
    terminal.send("Down", "Enter")  # the second Corvette: Fellows / O'Connell
    screen = terminal.wait_for("Ron Fellows", "Johnny O'Connell", "Season", "R6 2nd")
    terminal.send("q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            terminal.screen()
        except subprocess.CalledProcessError:
            return  # the session ended with the app
        if "Classification" not in terminal.screen():
            return
        time.sleep(0.1)
    raise AssertionError("alms-tui did not quit on q")


def test_every_mosport_column_is_readable_at_160x48(terminal: Terminal) -> None:
    """The compact calendar beside the classification leaves it the width of all ten
    columns: the team, the car and the reason a car retired are not cut."""
    terminal.wait_for("Calendar", "Classification", "Mobil 1 12 Hours of Sebring")
    terminal.send("]", "]", "]", "]", "]")
    screen = terminal.wait_for("R6 Toronto Grand Prix of Mosport", "Field / Jonsson")
    header = next(line for line in screen.splitlines() if "Drivers" in line)
    assert re.search(r"Pos +Cls +Class +No\. +Drivers +Laps +Cls gap +Status +Team +Car", header), header
    lola = next(line for line in screen.splitlines() if "Field / Jonsson" in line)
    for cell in ("LMP1", "17", "DNF: Suspension", "Intersport Racing", "Lola"):
        assert cell in lola, lola
    lamborghini = next(line for line in screen.splitlines() if "Brabham / Kox" in line)
    for cell in ("DNS: Did not start", "Krohn-Barbour Racing", "Lamborghini Murcielago R-GT"):
        assert cell in lamborghini, lamborghini
    assert "Mosport Internati" in screen  # the calendar is still beside the table


def test_edits_to_the_file_show_up_while_it_runs(terminal: Terminal, season: Path) -> None:
    terminal.wait_for("Calendar", "Mobil 1 12 Hours of Sebring")
    terminal.send("]", "]", "]", "]", "]")
    terminal.wait_for("R6 Toronto Grand Prix of Mosport", "Weaver / Leitzinger")
    text = season.read_text(encoding="utf-8")

    # In place, as some editors and `>>`-style tools do (one byte longer: no stale tail).
    with open(season, "r+", encoding="utf-8") as handle:
        handle.write(text.replace('name = "James Weaver"', 'name = "James Weaverr"', 1))
    terminal.wait_for("Weaverr / Leitzinger", "reloaded")

    # Atomically, as vim, helix and JetBrains do: a temporary file renamed over it.
    temporary = season.with_name(".alms-2004.toml.swp")
    temporary.write_text(text.replace('name = "Butch Leitzinger"', 'name = "Butch Leitzingerr"', 1),
                         encoding="utf-8")
    os.replace(temporary, season)
    terminal.wait_for("Weaver / Leitzingerr")

    # A broken save: the last good data stays, the error bar names the line.
    season.write_text(text.replace("laps = 137", 'laps = "x"', 1), encoding="utf-8")
    screen = terminal.wait_for("has 1 problem", "expected an integer")
    assert "Weaver / Leitzingerr" in screen
    season.write_text(text, encoding="utf-8")
    screen = terminal.wait_for("Weaver / Leitzinger ")
    assert "has 1 problem" not in screen


@pytest.mark.parametrize("filter_key", ["0", "1", "2", "3", "4"])
def test_finding_fellows_lands_on_his_car_from_every_class_filter(
    terminal: Terminal, filter_key: str
) -> None:
    # With GT on, the car key "GTS#3" once passed a prefix test for "GT": the
    # filter stayed and the cursor landed on another driver's car.
    terminal.wait_for("Calendar", "Mobil 1 12 Hours of Sebring")
    terminal.send("]", filter_key)  # start away from his first race (Sebring)
    terminal.wait_for("R2 ")
    terminal.send("/")
    terminal.wait_for("Find a driver")
    terminal.send("-l", "Fellows")
    terminal.wait_for("driver Ron Fellows")
    # Every appearance is a hit, in season order, and the first (Sebring) starts
    # highlighted: Down would pick his second race.
    terminal.send("Enter")
    # His car at Sebring under the cursor: the driver pane names his co-driver in
    # full (the table gives surnames only), and a filtered view shows GTS.
    screen = terminal.wait_for("R1 Mobil 1 12 Hours of Sebring", "Ron Fellows", "Johnny O'Connell")
    if filter_key in "124":
        screen = terminal.wait_for("GTS cars known", "Class filter")
    assert "Find a driver" not in screen
