"""Following the file under stress: a writer that pauses halfway, a folder holding a
file name that is not UTF-8, a big file polled while nothing changes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from test_follow import SEASON_V1, SEASON_V2, Changes

from tui.core import follow
from tui.core.follow import ChangeDetector, FileFollower

FULL = SEASON_V1 + "".join(f"[[rounds]]\nnumber = {n}\n" for n in range(1, 10))
HALF = FULL[: len(FULL) // 2]


@pytest.fixture
def season(tmp_path: Path) -> Path:
    path = tmp_path / "season.toml"
    path.write_text(SEASON_V1)
    return path


class WriterPausingHalfway:
    """Stands in for the follower's stop event: the follower's first wait is the
    writer's pause, after which the rest of the file is written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.waits = 0

    def wait(self, timeout: float | None = None) -> bool:
        self.waits += 1
        if self.waits == 1:
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(FULL[len(HALF):])
        return False

    def is_set(self) -> bool:
        return False


def test_a_half_written_file_is_not_taken_while_the_writer_is_still_at_it(season: Path) -> None:
    follower = FileFollower(season, lambda sig: None)
    season.write_text(HALF)  # the event arrives here, mid-save
    follower._stop = WriterPausingHalfway(season)  # type: ignore[assignment]
    taken = follower._settled()
    assert taken is not None and taken.size == len(FULL.encode())
    assert follower._stop.waits >= 2  # it looked again after the change it saw


def test_the_native_follower_reports_a_paused_save_once_complete(season: Path) -> None:
    changes = Changes()
    # A settle interval far above the writer's pause: the test does not race the clock.
    follower = FileFollower(season, changes, on_mode=changes.mode, settle_interval=0.5)
    follower.start()
    try:
        def paused_save() -> None:
            with open(season, "w", encoding="utf-8") as handle:
                handle.write(HALF)
                handle.flush()
                time.sleep(0.05)  # the writer's pause (the scenario, not a wait for the app)
                handle.write(FULL[len(HALF):])

        seen = changes.wait(paused_save)
        assert seen.size == len(FULL.encode())
        assert all(sig.size == len(FULL.encode()) for sig in changes.seen)
    finally:
        follower.stop()
    assert changes.modes[0][0] == "native"


def test_a_file_name_that_is_not_utf8_does_not_turn_native_watching_off(season: Path) -> None:
    changes = Changes()
    follower = FileFollower(season, changes, on_mode=changes.mode, poll_interval=0.05)
    follower.start()
    try:
        folder = os.fsencode(season.parent)
        with open(folder + b"/bad\xff.toml", "wb") as handle:
            handle.write(b"x")
        assert changes.wait(lambda: season.write_text(SEASON_V2)).exists
        with open(folder + b"/bad\xff.toml", "ab") as handle:  # again, while watching anew
            handle.write(b"y")
        assert changes.wait(lambda: season.write_text(SEASON_V1)).exists
    finally:
        follower.stop()
    assert [mode for mode, _reason in changes.modes] == ["native"]


def test_idle_polling_hashes_an_unchanged_file_once(season: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long_ago = time.time_ns() - 60 * 1_000_000_000
    os.utime(season, ns=(long_ago, long_ago))
    hashed: list[Path] = []
    real = follow._digest
    monkeypatch.setattr(follow, "_digest", lambda path: (hashed.append(path), real(path))[1])
    detector = ChangeDetector(season)
    for _ in range(100):
        assert detector.check() is None
    assert len(hashed) == 1
    season.write_text(SEASON_V2)  # a real save moves the mtime: hashed again, and seen
    assert detector.check() is None and detector.check() is not None
    assert len(hashed) >= 2


def test_a_save_in_the_same_clock_tick_is_still_seen(season: Path) -> None:
    """Same size, same mtime (a coarse clock): the digest tells them apart, so a file
    whose mtime is recent is hashed every time."""
    detector = ChangeDetector(season)
    stamp = os.stat(season).st_mtime_ns
    season.write_text(SEASON_V1.replace("first", "FIRST"))
    os.utime(season, ns=(stamp, stamp))
    assert detector.check() is None and detector.check() is not None
