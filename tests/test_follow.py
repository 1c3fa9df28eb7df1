"""Following the data file: every way an editor or a person saves it is seen once settled.

The detector is driven directly (no thread, no sleeps); the follower thread is
tested by waiting on an event with a bound.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.follow import ChangeDetector, FileFollower, Signature

SEASON_V1 = "year = 2004\nname = 'first'\n"
SEASON_V2 = "year = 2004\nname = 'second'\n"


def atomic_save(path: Path, text: str) -> None:
    """What vim, helix and JetBrains do: write a temporary file, rename it over."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text)
    os.replace(temporary, path)


def settle(detector: ChangeDetector) -> Signature | None:
    """Two looks: a change is reported once it has held still for one check."""
    first = detector.check()
    return first if first is not None else detector.check()


@pytest.fixture
def season(tmp_path: Path) -> Path:
    path = tmp_path / "season.toml"
    path.write_text(SEASON_V1)
    return path


def test_nothing_changed_reports_nothing(season: Path) -> None:
    detector = ChangeDetector(season)
    assert detector.check() is None
    assert detector.check() is None


def test_written_in_place(season: Path) -> None:
    detector = ChangeDetector(season)
    with open(season, "r+") as handle:  # same inode, same size: only the bytes differ
        handle.write(SEASON_V1.replace("first", "FIRST"))
    assert settle(detector) is not None
    assert settle(detector) is None  # reported once


def test_saved_atomically_again_and_again(season: Path) -> None:
    detector = ChangeDetector(season)
    for n in range(5):
        atomic_save(season, SEASON_V2 + f"# save {n}\n")
        changed = settle(detector)
        assert changed is not None and changed.exists, n


def test_truncated_then_rewritten(season: Path) -> None:
    detector = ChangeDetector(season)
    with open(season, "w") as handle:
        handle.flush()
        assert detector.check() is None  # an empty file is not settled yet...
        handle.write(SEASON_V2)
    assert settle(detector) is not None  # ...the rewritten one is, once


def test_deleted_then_recreated(season: Path) -> None:
    detector = ChangeDetector(season)
    season.unlink()
    gone = settle(detector)
    assert gone is not None and not gone.exists
    season.write_text(SEASON_V2)
    back = settle(detector)
    assert back is not None and back.exists


def test_renamed_away_and_back(season: Path) -> None:
    detector = ChangeDetector(season)
    away = season.with_name("season.toml.bak")
    season.rename(away)
    assert not settle(detector).exists
    away.rename(season)
    assert settle(detector).exists


def test_symlink_retargeted_and_its_target_edited(tmp_path: Path) -> None:
    first, second = tmp_path / "v1.toml", tmp_path / "v2.toml"
    first.write_text(SEASON_V1)
    second.write_text(SEASON_V1)  # same content: only the link moves
    link = tmp_path / "season.toml"
    link.symlink_to(first)
    detector = ChangeDetector(link)
    replacement = tmp_path / "season.toml.new"
    replacement.symlink_to(second)
    os.replace(replacement, link)
    assert settle(detector).link_target == str(second)
    second.write_text(SEASON_V2)
    assert settle(detector) is not None


def test_a_burst_of_saves_is_one_change_once_settled(season: Path) -> None:
    detector = ChangeDetector(season)
    reported = []
    for n in range(10):  # each save lands between two looks: never still
        atomic_save(season, SEASON_V2 * (n + 1))
        reported.append(detector.check())
    assert reported == [None] * 10
    settled = detector.check()
    assert settled is not None and settled.size == len(SEASON_V2) * 10
    assert detector.check() is None


def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "season.toml"
    os.mkfifo(fifo)
    detector = ChangeDetector(fifo)  # would block forever if it read the FIFO
    assert detector.current.exists and detector.current.digest == b""


# --- the follower thread -------------------------------------------------------------


class Changes:
    """Collects callbacks from the follower thread; waits with a bound."""

    def __init__(self) -> None:
        self.seen: list[Signature] = []
        self.arrived = threading.Event()
        self.modes: list[tuple[str, str | None]] = []

    def __call__(self, signature: Signature) -> None:
        self.seen.append(signature)
        self.arrived.set()

    def mode(self, mode: str, reason: str | None) -> None:
        self.modes.append((mode, reason))

    def wait_until_watching(self, save: Callable[[int], None], attempts: int = 25) -> None:
        """Save until a change is reported: the thread watches from some moment after
        ``start()``, and a save before that moment is seen by no native event."""
        for n in range(attempts):
            self.arrived.clear()
            save(n)
            if self.arrived.wait(0.2):
                return
        raise AssertionError("the follower never reported a change")

    def wait(self, action: Callable[[], None], timeout: float = 5.0) -> Signature:
        self.arrived.clear()
        action()
        assert self.arrived.wait(timeout), "no change reported in time"
        return self.seen[-1]


#: The sources of native events: our inotify reader runs on Linux only.
NATIVE = ["inotify", "watchfiles"] if sys.platform.startswith("linux") else ["watchfiles"]


@pytest.mark.parametrize(("mode", "native"), [*(("auto", n) for n in NATIVE), ("poll", None)])
def test_the_follower_sees_repeated_atomic_saves_and_in_place_writes(season: Path, mode: str, native: str) -> None:
    changes = Changes()
    # The safety check of "auto" (a look at the file after a quiet spell) would see
    # every change too: pushed beyond the wait, only native events can pass "auto".
    follower = FileFollower(season, changes, mode=mode, poll_interval=0.05, safety_interval=60.0,
                            on_mode=changes.mode, native=native)
    follower.start()
    try:
        changes.wait_until_watching(lambda n: season.write_text(SEASON_V1 + f"# start {n}\n"))
        for n in range(3):
            changed = changes.wait(lambda n=n: atomic_save(season, SEASON_V2 + f"# {n}\n"))
            assert changed.exists
        changes.wait(lambda: season.write_text(SEASON_V1))
        assert not changes.wait(season.unlink).exists
        assert changes.wait(lambda: season.write_text(SEASON_V2)).exists
    finally:
        follower.stop()
    assert not follower.running
    expected = "native" if mode == "auto" else "polling"
    assert [m for m, _reason in changes.modes] == [expected]  # and never fell back


def exhaust_native_events(native: str, monkeypatch: pytest.MonkeyPatch, error: OSError) -> None:
    """Make the native source fail as it does when inotify's limits are reached."""
    if native == "inotify":
        from tui.core import follow

        def refuse(self, folders):
            raise error

        monkeypatch.setattr(follow.Inotify, "__init__", refuse)
        return
    import watchfiles

    def exhausted(*args, **kwargs):
        raise error
        yield  # pragma: no cover - makes this a generator like watchfiles.watch

    monkeypatch.setattr(watchfiles, "watch", exhausted)


@pytest.mark.parametrize("native", NATIVE)
def test_native_failure_falls_back_to_polling(season: Path, monkeypatch: pytest.MonkeyPatch, native: str) -> None:
    exhaust_native_events(native, monkeypatch, OSError(28, "inotify watch limit reached"))
    changes = Changes()
    follower = FileFollower(season, changes, poll_interval=0.05, on_mode=changes.mode, native=native)
    follower.start()
    try:
        assert changes.wait(lambda: atomic_save(season, SEASON_V2)).exists
    finally:
        follower.stop()
    assert changes.modes[-1][0] == "polling"
    assert "inotify watch limit reached" in changes.modes[-1][1]


@pytest.mark.parametrize("native", NATIVE)
def test_the_reason_for_falling_back_to_polling_is_escaped(
    season: Path, monkeypatch: pytest.MonkeyPatch, native: str
) -> None:
    """The error text quotes the path, which may hold terminal commands."""
    exhaust_native_events(native, monkeypatch, OSError(f"cannot watch {season.parent}/evil\x1b]0;PWNED\x07\u202e"))
    follower = FileFollower(season, on_change=lambda sig: None, native=native)
    reason = follower._run_native()
    assert reason is not None and "evil\\x1b]0;PWNED\\x07\\u202e" in reason
    assert "\x1b" not in reason and "\u202e" not in reason


def test_a_follower_stopped_before_it_started_never_starts(tmp_path: Path) -> None:
    # The app starts its follower once the first screen is drawn; an app closed
    # before that has stopped it already, and no thread may outlive the app.
    path = tmp_path / "season.toml"
    path.write_text("x = 1\n", encoding="utf-8")
    follower = FileFollower(path, on_change=lambda signature: None, mode="poll")
    follower.stop()
    follower.start()
    assert not follower.running
    started = FileFollower(path, on_change=lambda signature: None, mode="poll")
    started.start()
    thread = started._thread
    started.start()  # twice: still the one thread
    assert started._thread is thread and started.running
    started.stop()
    assert not started.running
