"""How the installed ``alms-tui`` ends, in a real terminal (tmux): signals, hostile
input, exit status.

SIGTERM (``kill``, a service manager) and SIGHUP (``kill -HUP``, a closed terminal
window or ssh connection) used to kill the process on the spot: the terminal was
left in the alternate screen with mouse tracking on, and the view was not
remembered. They now end the dashboard as `q` does.

Input that Textual's parser cannot take (``tui/ui/input_guard.py``) ended the app
with exit status 0: it is now dropped, and a crash exits non-zero.

The app runs under a shell that stays (``sh -c 'alms-tui ...; echo $? > rc; exec
sleep'``) so the terminal can be inspected after the app is gone.
"""

from __future__ import annotations

import subprocess
import time
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_e2e_tmux import ROOT, Terminal, installed_command, pytestmark  # noqa: F401

SIZE = ("160", "48")


class Shell(Terminal):
    """A tmux session running the app under a shell that outlives it."""

    def __init__(self, session: str, folder: Path) -> None:
        super().__init__(session)
        self.folder = folder
        self.rc_file = folder / "rc"
        self.settings = folder / "config" / "settings.toml"

    def app_pid(self) -> int:
        shell = self.tmux("display", "-p", "-t", self.session, "#{pane_pid}").strip()
        found = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True, timeout=10, check=False)
        children = [int(pid) for pid in found.stdout.split()]
        assert len(children) == 1, f"expected alms-tui alone under the shell, found {children}"
        return children[0]

    def flag(self, name: str) -> str:
        return self.tmux("display", "-p", "-t", self.session, f"#{{{name}}}").strip()

    def wait_for_exit(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.rc_file.exists() and self.rc_file.read_text().strip():
                return int(self.rc_file.read_text())
            time.sleep(0.1)
        raise AssertionError(f"alms-tui did not exit; the screen was:\n{self.screen()}")


def start_shell(tmp_path: Path, extra_env: str = "") -> Iterator[Shell]:
    season = tmp_path / "alms-2004.toml"
    season.write_bytes((ROOT / "data" / "alms-2004.toml").read_bytes())
    session = f"alms-sig-{uuid.uuid4().hex[:8]}"
    term = Shell(session, tmp_path)
    env = f"ALMS_TUI_CONFIG_DIR={tmp_path / 'config'} TERM=xterm-256color LANG=C.UTF-8 {extra_env}"
    wait_for_size = 'i=0; until [ "$(stty size)" = "48 160" ] || [ $i -ge 100 ]; do sleep 0.05; i=$((i+1)); done'
    script = (f"{wait_for_size}; env -u COLUMNS -u LINES {env} {installed_command()} --data {season}; "
              f"echo $? > {term.rc_file}; exec sleep 600")
    try:
        term.start(f"sh -c '{script}'", *SIZE)
        yield term
    finally:
        term.close()


@pytest.fixture
def shell(tmp_path: Path) -> Iterator[Shell]:
    yield from start_shell(tmp_path)


@pytest.fixture
def unguarded_shell(tmp_path: Path) -> Iterator[Shell]:
    """The app on Textual's own Linux driver, without the input guard."""
    yield from start_shell(tmp_path, "TEXTUAL_DRIVER=textual.drivers.linux_driver:LinuxDriver")


def open_mosport(shell: Shell) -> None:
    shell.wait_for("Calendar", "Classification", "Mobil 1 12 Hours of Sebring")
    assert shell.flag("alternate_on") == "1"  # the app has the terminal
    assert shell.flag("mouse_any_flag") == "1"
    shell.send("]", "]", "]", "]", "]")
    shell.wait_for("R6 Toronto Grand Prix of Mosport")


@pytest.mark.parametrize(("signal_name", "number"), [("TERM", 15), ("HUP", 1)])
def test_a_signal_saves_the_view_and_gives_the_terminal_back(
    shell: Shell, signal_name: str, number: int
) -> None:
    open_mosport(shell)
    subprocess.run(["kill", f"-{signal_name}", str(shell.app_pid())], check=True, timeout=10)
    assert shell.wait_for_exit() == 128 + number
    assert shell.flag("alternate_on") == "0"
    assert shell.flag("mouse_any_flag") == "0"
    assert shell.flag("mouse_sgr_flag") == "0"
    assert shell.flag("cursor_flag") == "1"
    assert tomllib.loads(shell.settings.read_text(encoding="utf-8"))["round"] == 6


def test_closing_the_window_saves_the_view(shell: Shell) -> None:
    """tmux kill-window hangs up the terminal (SIGHUP): nothing to give back, but the
    view is remembered and the process does not linger."""
    open_mosport(shell)
    pid = shell.app_pid()
    shell.tmux("kill-window", "-t", shell.session)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists():
            break
        time.sleep(0.1)
    else:
        raise AssertionError("alms-tui outlived its terminal")
    assert tomllib.loads(shell.settings.read_text(encoding="utf-8"))["round"] == 6


#: A Kitty keyboard-protocol key whose code point overflows a C int: Textual's parser
#: raises in the input thread (tui/ui/input_guard.py), then the app panics.
OVERFLOWING_KEY = b"\x1b[97;1;99999999999u"


def send_bytes(shell: Shell, data: bytes) -> None:
    shell.tmux("send-keys", "-t", shell.session, "-H", *(f"{byte:02x}" for byte in data))


def test_input_the_parser_rejects_is_dropped_and_the_dashboard_goes_on(shell: Shell) -> None:
    shell.wait_for("Calendar", "Mobil 1 12 Hours of Sebring")
    send_bytes(shell, OVERFLOWING_KEY)
    shell.send("]")
    shell.wait_for("R2 ")
    shell.send("q")
    assert shell.wait_for_exit() == 0


def test_a_crash_never_exits_with_status_zero(unguarded_shell: Shell) -> None:
    """Textual's own driver still panics on that input; the command must say it failed."""
    unguarded_shell.wait_for("Calendar", "Mobil 1 12 Hours of Sebring")
    send_bytes(unguarded_shell, OVERFLOWING_KEY)
    assert unguarded_shell.wait_for_exit() == 1
    assert unguarded_shell.flag("alternate_on") == "0"
