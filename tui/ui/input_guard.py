"""Terminal input that Textual's parser cannot take: dropped, not a crash.

Upstream bug (textual 8.2.8, to report): ``XTermParser._parse_extended_key``
turns the numbers of a Kitty keyboard-protocol sequence into characters with
``chr(int(...))`` and no bound, so ``ESC [ 99999999999 u`` raises OverflowError
and ``ESC [ 1114112 u`` (or ``ESC [ 97 ; 1 ; 1114112 u``, the text field) raises
ValueError. The exception ends the parser's generator inside the driver's input
thread; ``LinuxDriver._run_input_thread`` turns any exception there into
``App.panic``, which ends the app *without a return code*: the process exits 0
after a crash. Any program that can write to the terminal (a ``cat`` of a binary
file in a split pane, a hostile remote host over ssh, a fuzzer) can close the app.

Bounding the numbers in the one method would miss the next such bug, so the guard
is one level up, at the smallest place that sees every parser failure: the input
thread. When the parser raises, the chunk of input it was parsing is dropped and
a fresh parser takes the following input; the dashboard goes on.
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class GuardedLinuxDriver(LinuxDriver):
    """Textual's Linux driver, whose input thread survives input the parser rejects."""

    #: How many chunks of input were dropped because the parser raised on them.
    dropped_input: int = 0

    def run_input_thread(self) -> None:
        while True:
            try:
                super().run_input_thread()
                return
            except OSError:
                raise  # the terminal itself failed (hung up): reading again would spin
            except Exception as error:
                if self.exit_event.is_set():
                    return
                self.dropped_input += 1
                self._app.log.warning(f"dropped terminal input Textual could not parse: {error!r}")
