"""Bytes from the terminal that Textual's parser cannot take (``tui/ui/input_guard.py``).

The dashboard's Linux driver reads from a pipe here, as from a terminal: its input
thread parses what is written and posts the keys to the running app.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from tui.ui.app import SeasonApp
from tui.ui.input_guard import GuardedLinuxDriver

from .helpers import loaded, make_app, wait_for_exit, wait_until

#: Kitty keyboard-protocol keys whose numbers Textual 8.2.8 passes to chr() unbounded.
PARSER_CRASHERS = [
    pytest.param(b"\x1b[97;1;99999999999u", id="text code point overflows"),
    pytest.param(b"\x1b[99999999999u", id="key code point overflows"),
    pytest.param(b"\x1b[1114112u", id="key code point past unicode"),
    pytest.param(b"\x1b[97;1;1114112u", id="text code point past unicode"),
]
#: Huge numbers that Textual takes without raising (kept here so a Textual upgrade
#: that starts raising on them is caught too).
HUGE_BUT_PARSED = [
    pytest.param(b"\x1b[99999999999999999999;1R", id="cursor position report"),
    pytest.param(b"\x1b[<0;999999999999;1M", id="mouse press far away"),
    pytest.param(b"\x1b[<35;999999999999;999999999999M", id="mouse move far away"),
    pytest.param(b"\x1b[<64;1;999999999999M", id="scroll far away"),
]


@pytest.mark.parametrize("data", PARSER_CRASHERS)
def test_textual_s_parser_still_raises_on_these(data: bytes) -> None:
    """The upstream bug the guard is for; when this fails, Textual fixed it."""
    with pytest.raises((OverflowError, ValueError)):
        list(XTermParser().feed(data.decode()))


@contextmanager
def driver_on_a_pipe(app: SeasonApp, driver_class: type[LinuxDriver]) -> Iterator[tuple[LinuxDriver, int]]:
    """The driver's input thread, reading what the test writes to a pipe."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    driver = driver_class(app)  # sets SIGTSTP/SIGCONT handlers: put back below
    read_end, write_end = os.pipe()
    driver.fileno = read_end
    thread = threading.Thread(target=driver._run_input_thread, daemon=True)
    thread.start()
    try:
        yield driver, write_end
    finally:
        driver.exit_event.set()
        thread.join(5)
        os.close(write_end)
        os.close(read_end)
        for number, handler in saved.items():
            signal.signal(number, handler)


@pytest.mark.parametrize(
    ("data", "dropped"),
    [pytest.param(p.values[0], True, id=p.id) for p in PARSER_CRASHERS]
    + [pytest.param(p.values[0], False, id=p.id) for p in HUGE_BUT_PARSED],
)
async def test_hostile_input_is_dropped_and_the_next_key_still_works(data: bytes, dropped: bool) -> None:
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        with driver_on_a_pipe(app, GuardedLinuxDriver) as (driver, pipe):
            os.write(pipe, data)
            if dropped:  # the chunk the parser choked on is gone: the next key comes after
                assert await wait_until(pilot, lambda: driver.dropped_input == 1)
            os.write(pipe, b"]")
            assert await wait_until(pilot, lambda: app.screen.round_number == 2)
            assert app.is_running and app._exception is None


async def test_without_the_guard_the_app_panics_and_says_it_failed() -> None:
    """What the guard is for, and the second line of defence: a panic is a failure."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        with driver_on_a_pipe(app, LinuxDriver) as (_driver, pipe):
            os.write(pipe, b"\x1b[97;1;99999999999u")
            assert await wait_for_exit(pilot)
    assert app.return_code == 1
