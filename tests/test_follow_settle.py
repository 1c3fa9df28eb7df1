"""Following the file under stress: a writer that pauses halfway, a folder holding a
file name that is not UTF-8, a big file polled while nothing changes; and on Linux,
a save that closes the file (or renames it into place) taken without waiting."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from test_follow import NATIVE, SEASON_V1, SEASON_V2, Changes, atomic_save

from tui.core import follow
from tui.core.follow import (
    IN_ATTRIB,
    IN_CLOSE_WRITE,
    IN_CREATE,
    IN_DELETE,
    IN_MODIFY,
    IN_MOVED_FROM,
    IN_MOVED_TO,
    IN_Q_OVERFLOW,
    ChangeDetector,
    FileFollower,
    Inotify,
    save_state,
)

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")

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


@pytest.mark.parametrize("native", NATIVE)
def test_the_native_follower_reports_a_paused_save_once_complete(season: Path, native: str) -> None:
    changes = Changes()
    # A settle interval far above the writer's pause: the test does not race the clock.
    follower = FileFollower(season, changes, on_mode=changes.mode, settle_interval=0.5, native=native)
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


@pytest.mark.parametrize("native", NATIVE)
def test_a_file_name_that_is_not_utf8_does_not_turn_native_watching_off(season: Path, native: str) -> None:
    changes = Changes()
    follower = FileFollower(season, changes, on_mode=changes.mode, poll_interval=0.05, native=native)
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


# --- inotify: a finished save is taken at once -------------------------------------------


@pytest.mark.parametrize(
    ("events", "state"),
    [
        ([IN_MODIFY], "writing"),  # written to, still open: a writer may be pausing
        ([IN_MODIFY, IN_CLOSE_WRITE], "complete"),  # truncated, rewritten, closed
        ([IN_CLOSE_WRITE, IN_MODIFY], "writing"),  # closed, then opened and written again
        ([IN_MOVED_TO], "complete"),  # a finished file renamed into place
        ([IN_DELETE], "gone"),
        ([IN_MOVED_FROM], "gone"),  # renamed away (it may come back)
        ([IN_DELETE, IN_CREATE, IN_MODIFY, IN_CLOSE_WRITE], "complete"),  # deleted, recreated
        ([IN_CREATE], "writing"),
        ([IN_ATTRIB], "writing"),  # touched: looked at once it holds still
        ([IN_MODIFY, IN_CLOSE_WRITE, IN_ATTRIB], "complete"),  # mode copied after the save
        ([IN_Q_OVERFLOW], "writing"),  # events lost: judged by holding still
        ([], None),
    ],
)
def test_what_the_events_say_about_a_save(events: list[int], state: str | None) -> None:
    assert save_state(events) == state


class CountingReader:
    """An Inotify reader whose reads are counted; ``on_first_read`` runs before the first
    one (the writer carrying on while the follower waits)."""

    def __init__(self, reader: Inotify, on_first_read=None) -> None:
        self.reader, self.on_first_read, self.reads = reader, on_first_read, 0

    def read(self, timeout: float):
        self.reads += 1
        if self.reads == 1 and self.on_first_read is not None:
            self.on_first_read()
        return self.reader.read(timeout)


@pytest.fixture
def inotify(season: Path):
    if not sys.platform.startswith("linux"):
        pytest.skip("inotify is Linux's")
    reader = Inotify([str(season.parent)])
    yield reader
    reader.close()


def events_now(reader: Inotify, season: Path) -> str | None:
    """What the events queued so far say about the season file."""
    return save_state(follow._masks(reader.read(0), frozenset([os.fsencode(season.name)])))


@linux_only
@pytest.mark.parametrize("save", ["in place", "atomic", "delete and recreate", "rename away and back", "same inode"])
def test_a_save_that_closes_the_file_is_taken_without_waiting(season: Path, inotify: Inotify, save: str) -> None:
    def rename_away_and_back() -> None:
        away = season.with_name("season.toml.away")
        os.replace(season, away)
        away.write_text(FULL)
        os.replace(away, season)

    def same_inode() -> None:
        with open(season, "r+", encoding="utf-8") as handle:
            handle.write(FULL)
            handle.truncate()

    saves = {
        "in place": lambda: season.write_text(FULL),
        "atomic": lambda: atomic_save(season, FULL),
        "delete and recreate": lambda: (season.unlink(), season.write_text(FULL)),
        "rename away and back": rename_away_and_back,
        "same inode": same_inode,
    }
    follower = FileFollower(season, lambda sig: None, settle_interval=60.0)  # waiting would show
    saves[save]()
    state = events_now(inotify, season)
    assert state == "complete"
    reader = CountingReader(inotify)
    taken = follower._until_complete(reader, frozenset([os.fsencode(season.name)]), state)
    assert taken is not None and taken.size == len(FULL.encode())
    assert reader.reads == 0  # taken at once: no wait for more events


@linux_only
def test_a_writer_pausing_halfway_is_taken_when_it_closes_the_file(season: Path, inotify: Inotify) -> None:
    follower = FileFollower(season, lambda sig: None, settle_interval=60.0)
    handle = open(season, "w", encoding="utf-8")  # noqa: SIM115  (closed by the writer below)
    try:
        handle.write(HALF)
        handle.flush()  # the half file is on disk, valid TOML, and the writer pauses
        state = events_now(inotify, season)
        assert state == "writing"

        def finish() -> None:  # while the follower waits: the rest, then close
            handle.write(FULL[len(HALF):])
            handle.close()

        reader = CountingReader(inotify, on_first_read=finish)
        taken = follower._until_complete(reader, frozenset([os.fsencode(season.name)]), state)
    finally:
        handle.close()
    assert taken is not None and taken.size == len(FULL.encode())
    assert reader.reads == 1  # the close ended the wait, not the 60 s of stillness


@linux_only
def test_a_writer_that_never_closes_is_taken_once_still_and_never_half_way(season: Path, inotify: Inotify) -> None:
    follower = FileFollower(season, lambda sig: None, settle_interval=0.05)
    handle = open(season, "w", encoding="utf-8")  # noqa: SIM115  (closed below)
    try:
        handle.write(HALF)
        handle.flush()
        state = events_now(inotify, season)

        def finish() -> None:  # the rest arrives during the wait; the file stays open
            handle.write(FULL[len(HALF):])
            handle.flush()

        reader = CountingReader(inotify, on_first_read=finish)
        taken = follower._until_complete(reader, frozenset([os.fsencode(season.name)]), state)
    finally:
        handle.close()
    assert taken is not None and taken.size == len(FULL.encode())


@linux_only
def test_a_deleted_file_is_reported_gone_once_no_new_one_comes(season: Path, inotify: Inotify) -> None:
    follower = FileFollower(season, lambda sig: None, settle_interval=0.05)
    season.unlink()
    state = events_now(inotify, season)
    assert state == "gone"
    taken = follower._until_complete(CountingReader(inotify), frozenset([os.fsencode(season.name)]), state)
    assert taken is not None and not taken.exists


@linux_only
def test_every_kind_of_save_reaches_the_thread_long_before_the_settle_interval(season: Path) -> None:
    changes = Changes()
    follower = FileFollower(season, changes, on_mode=changes.mode, settle_interval=30.0,
                            safety_interval=60.0, native="inotify")
    follower.SETTLE_LIMIT = 60.0
    follower.start()
    try:
        changes.wait_until_watching(lambda n: atomic_save(season, SEASON_V1 + f"# start {n}\n"))
        started = time.monotonic()
        for n, save in enumerate([
            lambda n: season.write_text(SEASON_V2 + f"# {n}\n"),
            lambda n: atomic_save(season, SEASON_V2 + f"# {n}\n"),
            lambda n: (season.unlink(), season.write_text(SEASON_V2 + f"# {n}\n")),
        ]):
            changed = changes.wait(lambda save=save, n=n: save(n), timeout=10.0)
            assert changed.exists and changed.size == len(SEASON_V2) + len(f"# {n}\n")
        assert time.monotonic() - started < 30.0  # no save waited for the settle interval
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


@linux_only
def test_the_reader_waits_on_a_descriptor_numbered_past_1024(season: Path) -> None:
    """select() refuses descriptors from 1024 up (a process with many files open):
    the follower thread would have died and following stopped without a word."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1100:
        pytest.skip("the hard limit on open files is below 1100")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1100), hard))
    spare: list[int] = []
    try:
        while not spare or spare[-1] < 1030:
            spare.append(os.dup(spare[0]) if spare else os.open(os.devnull, os.O_RDONLY))
        reader = Inotify([str(season.parent)])
        try:
            assert reader.fd >= 1024
            assert reader.read(0) == []
            season.write_text(FULL)
            assert save_state(follow._masks(reader.read(1.0), frozenset([b"season.toml"]))) == "complete"
        finally:
            reader.close()
    finally:
        for fd in spare:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
