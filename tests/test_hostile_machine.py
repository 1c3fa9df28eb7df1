"""What a user's machine can throw besides bad data: damaged or unreadable settings, a
read-only config folder, no home, a tiny terminal, a full or read-only disk.

Tests run as root, which ignores file modes: where a mode would stop a normal user,
the failing call is simulated as well (monkeypatched to raise what the OS would).
"""

from __future__ import annotations

import errno
import os
import pwd
import threading
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from tui.core import atomic
from tui.core.atomic import atomic_write_text
from tui.core.loader import load_path
from tui.core.settings import Settings, load_settings, save_settings, settings_path
from tui.core.writer import dump_text, write_dataset

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "alms-2004.toml"
MINIMAL = ROOT / "tests" / "fixtures" / "good" / "minimal.toml"


def make_app(config: Path | bool | None):
    from tui.ui.app import SeasonApp

    app = SeasonApp(MINIMAL, config_path=config)
    app.animation_level = "none"
    return app


async def start_and_quit(app, size: tuple[int, int] = (120, 40)) -> list[str]:
    """Start, press q; the notifications shown on the way."""
    from tui.ui.screens.main import MainScreen

    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        messages = [n.message for n in app._notifications]
        await pilot.press("q")
    assert app.return_code == 0
    assert app._exception is None
    return messages


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the settings file ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe\x00 not text", "Could not read"),
        (b'round = "six\n[[[', "is damaged"),
        (b"round = 0\n", "is damaged"),
        (b'theme = "' + b"x" * 100 + b'"\n', "is damaged"),
        (b"round = [1, 2]\n", "is damaged"),
    ],
    ids=["binary", "not-toml", "round-0", "theme-too-long", "wrong-type"],
)
async def test_damaged_settings_give_defaults_and_a_notice(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    loaded, warning = load_settings(path)
    assert loaded == Settings()
    assert expected in warning and "Using defaults" in warning
    messages = await start_and_quit(make_app(path))
    assert any(expected in m for m in messages), messages
    assert tomllib.loads(path.read_text())["round"] == 1  # replaced by good settings


async def test_unreadable_settings_give_defaults_and_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("round = 2\n")
    path.chmod(0)
    real_read_text = Path.read_text

    def refuse(self: Path, *args, **kwargs) -> str:  # root reads anything: simulate
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    loaded, warning = load_settings(path)
    assert loaded == Settings()
    assert warning == f"Could not read {path}: Permission denied. Using defaults."
    messages = await start_and_quit(make_app(path))
    assert warning in messages


async def test_settings_that_are_a_directory(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.mkdir()
    messages = await start_and_quit(make_app(path))
    assert any("is not a regular file" in m for m in messages), messages


async def test_a_read_only_config_folder_keeps_the_old_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    path = folder / "settings.toml"
    path.write_text("round = 2\n")
    folder.chmod(0o500)

    def read_only(target: Path, text: str) -> None:  # what a normal user would get
        raise PermissionError(errno.EACCES, "Permission denied", str(target))

    monkeypatch.setattr(atomic, "atomic_write_text", read_only)  # settings imports it when saving
    try:
        assert save_settings(Settings(round=3), path) == (
            f"Could not save settings to {path}: Permission denied"
        )
        await start_and_quit(make_app(path))  # quitting tries to save: no crash, code 0
        assert path.read_text() == "round = 2\n"
        assert temp_files(folder) == []
    finally:
        folder.chmod(0o700)


async def test_a_read_only_config_folder_for_real(tmp_path: Path) -> None:
    """Without simulation: as root the write succeeds, as a user it is refused; never a crash."""
    folder = tmp_path / "config"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        warning = save_settings(Settings(round=3), folder / "settings.toml")
        assert warning is None or "Could not save settings" in warning
        assert temp_files(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_fifo_as_the_settings_file_does_not_block_start_up(tmp_path: Path) -> None:
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    done: list[object] = []
    thread = threading.Thread(target=lambda: done.append(load_settings(fifo)), daemon=True)
    thread.start()
    thread.join(1.5)
    blocked = thread.is_alive()
    if blocked:  # release the reader: a writer that closes at once ends its read
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
    assert not blocked
    settings, warning = done[0]
    assert settings == Settings()
    assert "is not a regular file" in warning


def test_a_huge_settings_file_is_not_read(tmp_path: Path) -> None:
    huge = tmp_path / "settings.toml"
    huge.write_text("# padding\n" * 20_000)
    settings, warning = load_settings(huge)
    assert settings == Settings() and "far too large" in warning


def test_a_relative_xdg_config_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ALMS_TUI_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/config")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert settings_path() == tmp_path / ".config" / "alms-tui" / "settings.toml"


def test_an_empty_home_means_nothing_is_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALMS_TUI_CONFIG_DIR", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", "/")
    assert settings_path() is None


# --- no home -------------------------------------------------------------------------


@pytest.fixture
def no_home(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOME", "XDG_CONFIG_HOME", "ALMS_TUI_CONFIG_DIR"):
        monkeypatch.delenv(name, raising=False)


def test_no_home_falls_back_to_the_password_database(
    no_home: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: SimpleNamespace(pw_dir=str(tmp_path)))
    assert settings_path() == tmp_path / ".config" / "alms-tui" / "settings.toml"


def test_no_home_and_no_password_entry_remembers_nothing(
    no_home: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unknown(uid: int):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr(pwd, "getpwuid", unknown)
    assert settings_path() is None
    assert load_settings(None) == (Settings(), None)
    assert save_settings(Settings(round=2), None) is None


async def test_the_app_starts_without_a_home(
    no_home: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pwd, "getpwuid", lambda uid: SimpleNamespace(pw_dir=str(tmp_path)))
    await start_and_quit(make_app(True))
    assert (tmp_path / ".config" / "alms-tui" / "settings.toml").is_file()

    def unknown(uid: int):
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", unknown)
    app = make_app(True)
    assert app.settings_file is None
    await start_and_quit(app)


# --- a tiny terminal -----------------------------------------------------------------


async def test_the_app_starts_in_a_40x12_terminal_and_says_it_is_too_small() -> None:
    from textual.widgets import Static

    from tui.ui.screens.main import MainScreen

    app = make_app(None)
    async with app.run_test(size=(40, 12)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.has_class("-too-small")
        assert "40x12" in str(app.screen.query_one("#too-small", Static).render())
        await pilot.press("right_square_bracket", "tab", "s", "escape", "i", "escape")
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert app.is_running


# --- a full or read-only disk while writing ------------------------------------------

OLD = "old contents, which must survive\n"


def _raise(code: int):
    def fail(*args: object, **kwargs: object):
        raise OSError(code, os.strerror(code))

    return fail


def _failing_write(code: int):
    """``os.fdopen`` whose file refuses every write (the disk filled up)."""
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: object, **kwargs: object):
        handle = real_fdopen(fd, *args, **kwargs)

        class Full:
            def __enter__(self):
                return self

            def __exit__(self, *exc: object) -> None:
                handle.close()

            def write(self, text: str) -> int:
                raise OSError(code, os.strerror(code))

            def flush(self) -> None:
                handle.flush()

            def fileno(self) -> int:
                return handle.fileno()

        return Full()

    return fdopen


FAILURES = {
    # step that fails: (module attribute to replace, replacement, errno)
    "create-temp-EROFS": (atomic.tempfile, "mkstemp", _raise(errno.EROFS), errno.EROFS),
    "create-temp-EACCES": (atomic.tempfile, "mkstemp", _raise(errno.EACCES), errno.EACCES),
    "write-ENOSPC": (os, "fdopen", _failing_write(errno.ENOSPC), errno.ENOSPC),
    "write-EDQUOT": (os, "fdopen", _failing_write(errno.EDQUOT), errno.EDQUOT),
    "fsync-ENOSPC": (os, "fsync", _raise(errno.ENOSPC), errno.ENOSPC),
    "fsync-EIO": (os, "fsync", _raise(errno.EIO), errno.EIO),
    "chmod-EPERM": (os, "chmod", _raise(errno.EPERM), errno.EPERM),
    "replace-EROFS": (os, "replace", _raise(errno.EROFS), errno.EROFS),
    "replace-EXDEV": (os, "replace", _raise(errno.EXDEV), errno.EXDEV),
}


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("writer", ["atomic_write_text", "write_dataset"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str, writer: str
) -> None:
    target = tmp_path / "season.toml"
    target.write_text(OLD, encoding="utf-8")
    dataset = load_path(MINIMAL).dataset
    owner, name, replacement, code = FAILURES[failure]
    monkeypatch.setattr(owner, name, replacement)
    with pytest.raises(OSError) as raised:
        if writer == "atomic_write_text":
            atomic_write_text(target, dump_text(dataset))
        else:
            write_dataset(dataset, target)
    assert raised.value.errno == code
    assert os.strerror(code) in str(raised.value)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == OLD
    assert temp_files(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["season.toml"]


def test_a_write_after_a_failed_one_succeeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "season.toml"
    target.write_text(OLD, encoding="utf-8")
    dataset = load_path(MINIMAL).dataset
    monkeypatch.setattr(os, "replace", _raise(errno.ENOSPC))
    with pytest.raises(OSError):
        write_dataset(dataset, target)
    monkeypatch.undo()
    write_dataset(dataset, target)
    assert load_path(target).dataset == dataset
    assert temp_files(tmp_path) == []
