"""Writing a file so that a crash or a full disk leaves the old file or the new one.

Temporary file in the same folder (so the rename cannot cross file systems),
flush and fsync, then ``os.replace``; the folder is fsynced where the platform
allows, so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; raises ``OSError`` on failure.

    On failure the temporary file is removed and ``path`` is untouched. An
    existing file's permission bits are kept.
    """
    # Write through a symlink to its target: replacing the link itself would
    # turn it into a regular file and leave the real file behind.
    path = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = _default_mode()
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)  # mkstemp creates 0600
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_directory(path.parent)


def _default_mode() -> int:
    """What ``open()`` would give a new file: 0666 less the umask.

    Read from /proc rather than with ``os.umask``, which can only be read by
    setting it, a race with any other thread creating files.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o644


def _fsync_directory(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform or file system; the data is already safe
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
