"""Following a data file as editors save it: detect a change, wait for it to settle.

Editors save in many ways: in place, by renaming a temporary file over the old
one (vim, helix, JetBrains; an inotify watch on the file itself goes blind after
the first such save), by truncating and rewriting, by deleting and recreating.
So we watch the *folder* and filter to the file, and decide "changed" by the
file's signature (inode, size, mtime), never by the event alone.

Two sources of ticks, one decision:

- native events wake us within milliseconds; a slow background check still
  runs, because events never arrive on some network and container file systems.
  On Linux they come from inotify, read by :class:`Inotify` (below): its events
  say when a save is *complete* (the writer closed the file, or renamed it into
  place), so a finished save is taken at once, and only a file still open for
  writing (a writer pausing halfway) waits until it has held still. Elsewhere
  watchfiles, which reports no close events: every batch waits to settle;
- polling the signature (``--poll``, or when native watching fails, e.g. when
  the inotify watch limit is exhausted) wakes us every ``poll_interval``.

:class:`ChangeDetector` holds the decision and is driven directly by tests;
:class:`FileFollower` runs it in a daemon thread and calls back on change.
No Textual here: the UI turns the callback into a message.
"""

from __future__ import annotations

import hashlib
import math
import os
import select
import stat
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .safe_text import printable

Mode = Literal["auto", "native", "poll"]
#: Where native events come from: our inotify reader (Linux) or watchfiles (elsewhere).
Native = Literal["inotify", "watchfiles"]


@dataclass(frozen=True, slots=True)
class Signature:
    """What identifies one version of the file without reading it."""

    exists: bool
    inode: int = 0
    device: int = 0
    size: int = 0
    mtime_ns: int = 0
    #: Where a symlink points: retargeting the link is a change too.
    link_target: str | None = None
    #: A hash of the content: two saves of the same size inside one clock tick
    #: (mtime moves in jiffies on many file systems) still differ here.
    digest: bytes = b""
    #: When the digest was taken (``time.time_ns()``); not part of the version.
    hashed_at_ns: int = field(default=0, compare=False)


#: Files above this are not hashed (the loader refuses them anyway).
DIGEST_LIMIT = 16 * 1024 * 1024

#: The coarsest modification-time tick we allow for (FAT keeps 2 s). A digest
#: taken longer than this after the file's mtime stays valid while inode, size
#: and mtime stay the same: a later write would have moved the mtime.
MTIME_TICK_NS = 2_000_000_000


def signature(path: Path, previous: Signature | None = None) -> Signature:
    """The file's signature now. ``previous`` (the last one taken) saves hashing
    the content when the file's inode, size and mtime show it cannot have changed:
    idle polling of a 13 MB file hashed it every tick (9 % of a core)."""
    try:
        link_target = os.readlink(path) if os.path.islink(path) else None
    except OSError:
        link_target = None
    try:
        st = os.stat(path)
    except OSError:
        return Signature(False, link_target=link_target)
    if (
        previous is not None
        and previous.exists
        and (previous.inode, previous.device, previous.size, previous.mtime_ns, previous.link_target)
        == (st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, link_target)
        and previous.hashed_at_ns - st.st_mtime_ns > MTIME_TICK_NS
    ):
        return previous
    digest = b""
    hashed_at = time.time_ns()
    # Only regular files are opened: a FIFO would block the follower for good.
    if stat.S_ISREG(st.st_mode) and st.st_size <= DIGEST_LIMIT:
        digest = _digest(path)
    return Signature(True, st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns, link_target, digest, hashed_at)


def _digest(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return hashlib.blake2b(handle.read(DIGEST_LIMIT + 1), digest_size=16).digest()
    except OSError:
        return b""


class ChangeDetector:
    """Reports a change once the file's signature has held still for one check.

    A burst of saves (or one save written in several chunks) keeps moving the
    signature; reporting only a settled one means one reload per settled state.
    """

    def __init__(self, path: Path, *, settle_checks: int = 1) -> None:
        self.path = Path(path)
        self.settle_checks = settle_checks
        self.current = signature(self.path)
        self._candidate: Signature | None = None
        self._seen_still = 0
        self._last_seen = self.current

    def look(self) -> Signature:
        """The file's signature now (hashing only when it may have changed)."""
        self._last_seen = signature(self.path, self._last_seen)
        return self._last_seen

    def check(self) -> Signature | None:
        """Look once; the new signature when a settled change is seen, else ``None``."""
        now = self.look()
        if now == self.current:
            self._candidate, self._seen_still = None, 0
            return None
        if now != self._candidate:
            self._candidate, self._seen_still = now, 0
            return None if self.settle_checks else self._accept(now)
        self._seen_still += 1
        if self._seen_still >= self.settle_checks:
            return self._accept(now)
        return None

    def check_now(self) -> Signature | None:
        """After a native event batch (settled by the caller): report any difference at once."""
        now = self.look()
        if now == self.current:
            return None
        return self._accept(now)

    def _accept(self, now: Signature) -> Signature:
        self.current, self._candidate, self._seen_still = now, None, 0
        return now


class FileFollower:
    """Calls ``on_change(signature)`` from a daemon thread whenever the file settles.

    ``on_mode(mode, reason)`` tells which mechanism is in use ("native" or
    "polling") and why it fell back, so the UI can say so.
    """

    def __init__(
        self,
        path: Path,
        on_change: Callable[[Signature], object],
        *,
        mode: Mode = "auto",
        poll_interval: float = 0.2,
        safety_interval: float = 1.0,
        settle_interval: float = 0.04,
        on_mode: Callable[[str, str | None], object] | None = None,
        native: Native | None = None,
    ) -> None:
        self.path = Path(path)
        self.on_change = on_change
        self.requested: Mode = mode
        self.poll_interval = poll_interval
        self.safety_interval = safety_interval
        self.settle_interval = settle_interval
        self.on_mode = on_mode or (lambda mode, reason: None)
        self.native: Native = native or ("inotify" if sys.platform.startswith("linux") else "watchfiles")
        self.detector = ChangeDetector(self.path)
        self.mode: str = "polling" if mode == "poll" else "native"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._stop.is_set() or self._thread is not None:
            return  # stopped before it started (an app closed at once), or started
        self._thread = threading.Thread(target=self._run, name="alms-follow", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # --- the thread -------------------------------------------------------------

    def _run(self) -> None:
        if self.requested != "poll":
            reason = self._run_native()
            if self._stop.is_set():
                return
            self.mode = "polling"
            self.on_mode("polling", reason)
        else:
            self.on_mode("polling", "asked for with --poll")
        self._run_polling()

    def _run_polling(self) -> None:
        while not self._stop.wait(self.poll_interval):
            self._report(self.detector.check())

    def _run_native(self) -> str | None:
        """Watch with native events until stopped; the reason if it cannot continue."""
        if self.native == "inotify":
            return self._run_inotify()
        return self._run_watchfiles()

    #: How often a thread waiting for inotify events looks at the stop event.
    STOP_CHECK = 0.1

    def _run_inotify(self) -> str | None:
        """Linux: read inotify events ourselves, close and rename events included.

        A save that ends in IN_CLOSE_WRITE (the writer closed the file) or
        IN_MOVED_TO (a finished file renamed into place) is complete: it is taken
        at once. Anything else (written to but not closed yet, deleted, created,
        events lost) waits in :meth:`_until_complete`."""
        self.on_mode("native", None)
        while not self._stop.is_set():
            folders, names = self._targets()
            if not folders:
                return "the data file's folder does not exist"
            try:
                reader = Inotify(folders)
            except OSError as error:
                return _native_failed(error)
            wanted = frozenset(os.fsencode(name) for name in names)
            quiet_since = time.monotonic()
            try:
                while not self._stop.is_set():
                    events = reader.read(self.STOP_CHECK)
                    if not events:
                        if time.monotonic() - quiet_since >= self.safety_interval:
                            # A quiet spell: check anyway, for file systems without events.
                            self._report(self.detector.check())
                            quiet_since = time.monotonic()
                        continue
                    quiet_since = time.monotonic()
                    state = save_state(_masks(events, wanted))
                    if state is not None:
                        self._report(self._until_complete(reader, wanted, state))
                    if self._targets() != (folders, names):
                        break  # the symlink moved, a folder appeared or went: watch anew
            finally:
                reader.close()
        return None

    def _until_complete(self, reader: Inotify, wanted: frozenset[bytes], state: SaveState) -> Signature | None:
        """After events on the file: a complete save is reported at once (if the
        file differs). Otherwise wait for the writer to close the file or rename
        it into place; a writer that pauses halfway has done neither, so its half
        file is not taken. A file written without closing (or a deletion not
        followed by a new file) is taken once it has held still for
        ``settle_interval``, and after ``SETTLE_LIMIT`` at most."""
        if state == "complete":
            return self.detector.check_now()
        deadline = time.monotonic() + self.SETTLE_LIMIT
        seen, looked = self.detector.look(), time.monotonic()
        while state != "complete":
            now = time.monotonic()
            if now >= deadline:
                break
            events = reader.read(min(looked + self.settle_interval, deadline) - now)
            if self._stop.is_set():
                return None
            state = save_state(_masks(events, wanted), state) or state
            if state != "complete" and time.monotonic() >= looked + self.settle_interval:
                current = self.detector.look()
                if current == seen:
                    break  # held still: a writer that never closes, or a file that stays gone
                seen, looked = current, time.monotonic()
        return self.detector.check_now()

    def _run_watchfiles(self) -> str | None:
        """Other systems: watchfiles, whose events do not say when a save is complete."""
        try:
            import watchfiles
        except ImportError:
            return "native file events are not available (watchfiles missing)"
        self.on_mode("native", None)
        while not self._stop.is_set():
            folders, names = self._targets()
            if not folders:
                return "the data file's folder does not exist"
            try:
                for changes in watchfiles.watch(
                    *folders,
                    watch_filter=lambda _change, p: os.path.basename(p) in names,  # noqa: B023  (used in this pass only)
                    step=10,  # ms of quiet that ends a batch: bursts coalesce, latency stays low
                    debounce=400,
                    rust_timeout=int(self.safety_interval * 1000),
                    yield_on_timeout=True,
                    stop_event=self._stop,
                    recursive=False,
                    raise_interrupt=False,
                    ignore_permission_denied=True,
                ):
                    if changes:
                        self._report(self._settled())
                    else:
                        # A quiet second: check anyway, for file systems without events.
                        self._report(self.detector.check())
                    if self._targets() != (folders, names):
                        break  # the symlink moved or a folder appeared: watch anew
            except RuntimeError as error:
                if not _undecodable_name(error):
                    return _native_failed(error)
                # Another file in the folder has a name that is not UTF-8: watchfiles
                # gives up on the whole batch. Watch anew (our file's change may have
                # been in that batch: look at it now), rather than poll for good.
                if self._stop.wait(0.01):
                    return None
                self._report(self._settled())
            except OSError as error:
                return _native_failed(error)
        return None

    #: A writer that pauses mid-save must not have its half file taken: this long at most.
    SETTLE_LIMIT = 1.0

    def _settled(self) -> Signature | None:
        """After an event: wait until the signature holds still for ``settle_interval``
        (a writer pausing halfway left a valid half file on screen), then report it
        if it differs. Gives up waiting after ``SETTLE_LIMIT`` (a file written for
        ever) and reports what it sees."""
        seen = self.detector.look()
        deadline = time.monotonic() + self.SETTLE_LIMIT
        while time.monotonic() < deadline:
            if self._stop.wait(self.settle_interval):
                return None
            now = self.detector.look()
            if now == seen:
                break
            seen = now
        return self.detector.check_now()

    def _targets(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """Folders to watch and file names that matter: the path, and a symlink's target."""
        paths = {os.path.abspath(self.path), os.path.realpath(self.path)}
        folders = tuple(sorted({os.path.dirname(p) for p in paths if os.path.isdir(os.path.dirname(p))}))
        return folders, frozenset(os.path.basename(p) for p in paths)

    def _report(self, changed: Signature | None) -> None:
        if changed is not None and not self._stop.is_set():
            self.on_change(changed)


# --- Linux inotify ---------------------------------------------------------------------

IN_MODIFY = 0x2
IN_ATTRIB = 0x4
IN_CLOSE_WRITE = 0x8
IN_MOVED_FROM = 0x40
IN_MOVED_TO = 0x80
IN_CREATE = 0x100
IN_DELETE = 0x200
IN_DELETE_SELF = 0x400
IN_MOVE_SELF = 0x800
IN_Q_OVERFLOW = 0x4000
IN_ONLYDIR = 0x1000000

#: What we ask to hear about each folder: its entries written, closed, moved,
#: created, deleted, touched; the folder itself going away.
WATCH_MASK = (
    IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
    | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
)

#: What the events on the file say: a finished save, a save under way, the file gone.
SaveState = Literal["complete", "writing", "gone"]


def save_state(masks: Iterable[int], state: SaveState | None = None) -> SaveState | None:
    """The state of the file after these events (in order), from ``state`` before them.

    Closed after writing, or renamed into place: complete. Written to or created
    (not closed yet): writing. Deleted or renamed away: gone (it may come back).
    Attributes changed (``touch``, ``chmod``): no news during a save, a change to
    look at otherwise. Events lost (the queue overflowed): as good as writing,
    so the file is judged by holding still."""
    for mask in masks:
        if mask & (IN_CLOSE_WRITE | IN_MOVED_TO):
            state = "complete"
        elif mask & (IN_MODIFY | IN_CREATE | IN_Q_OVERFLOW):
            state = "writing"
        elif mask & (IN_DELETE | IN_MOVED_FROM):
            state = "gone"
        elif mask & IN_ATTRIB and state is None:
            state = "writing"
    return state


def _masks(events: Iterable[tuple[int, int, bytes]], wanted: frozenset[bytes]) -> list[int]:
    """The masks of the events about the file (by name, as bytes), and of lost events."""
    return [mask for wd, mask, name in events if name in wanted or mask & IN_Q_OVERFLOW]


_EVENT = struct.Struct("iIII")  # struct inotify_event: wd, mask, cookie, len; then the name


class Inotify:
    """A small inotify reader: watches folders, reads events with names kept as bytes
    (a name that is not UTF-8 is just another name). Linux only; ``OSError`` when
    inotify cannot be used (no instances or watches left, no such folder)."""

    def __init__(self, folders: Iterable[str]) -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        init, add_watch = libc.inotify_init1, libc.inotify_add_watch
        init.argtypes, init.restype = (ctypes.c_int,), ctypes.c_int
        add_watch.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32)
        add_watch.restype = ctypes.c_int
        fd = init(os.O_NONBLOCK | os.O_CLOEXEC)
        if fd < 0:
            number = ctypes.get_errno()
            raise OSError(number, f"inotify_init1: {os.strerror(number)}")
        self.fd = fd
        # poll, not select: select cannot wait on a descriptor numbered 1024 or above.
        self._poller = select.poll()
        self._poller.register(fd, select.POLLIN)
        try:
            for folder in folders:
                if add_watch(fd, os.fsencode(folder), WATCH_MASK) < 0:
                    number = ctypes.get_errno()
                    raise OSError(number, f"inotify_add_watch: {os.strerror(number)}", folder)
        except BaseException:
            self.close()
            raise

    def read(self, timeout: float) -> list[tuple[int, int, bytes]]:
        """The events queued now, waiting up to ``timeout`` seconds for the first;
        ``[]`` when none came."""
        if self.fd < 0:
            return []
        ready = self._poller.poll(math.ceil(max(timeout, 0.0) * 1000))
        events: list[tuple[int, int, bytes]] = []
        while ready:
            try:
                data = os.read(self.fd, 64 * 1024)
            except BlockingIOError:
                break
            offset = 0
            while offset + _EVENT.size <= len(data):
                wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
                start = offset + _EVENT.size
                events.append((wd, mask, data[start:start + length].split(b"\0", 1)[0]))
                offset = start + length
        return events

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _undecodable_name(error: RuntimeError) -> bool:
    """watchfiles (1.x) fails a whole batch on a path it cannot decode as UTF-8."""
    return "Unable to decode path" in str(error)


def _native_failed(error: Exception) -> str:
    """Why native events stopped; the error text (from the OS or watchfiles) may
    quote the path, so it is escaped."""
    return f"native file events failed ({printable(str(error))}); polling instead"
