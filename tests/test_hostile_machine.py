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
from tui.core import settings as settings_module
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
        (b"\xff\xfe\x00 not text", "is damaged (not UTF-8 text)"),
        (b'round = "six\n[[[', "is damaged"),
        (b"round = 0\n", "is damaged"),
        (b'theme = "' + b"x" * 100 + b'"\n', "is damaged"),
        (b"round = [1, 2]\n", "is damaged"),
        # These raised RecursionError at every start, or cost tomllib gigabytes.
        (b"round = " + b"[" * 3000 + b"]" * 3000 + b"\n", "nested more than 32 deep"),
        (b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000 + b"\n", "nested more than 32 deep"),
        (b"a." * 30_000 + b"a = 1\n", "more than 32 dotted parts"),
        (b"[" + b"a." * 30_000 + b"a]\n", "more than 32 dotted parts"),
    ],
    ids=["binary", "not-toml", "round-0", "theme-too-long", "wrong-type", "nested-arrays",
         "nested-inline-tables", "dotted-key", "dotted-header"],
)
async def test_damaged_settings_give_defaults_and_a_notice(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(content)
    loaded, warning = load_settings(path)
    assert loaded == Settings()
    assert expected in warning and "Using defaults" in warning
    (kept,) = tmp_path.glob("settings.toml.damaged-*")
    assert kept.read_bytes() == content and kept.name in warning  # moved aside, not lost
    kept.rename(path)  # as it was: now the app meets it
    messages = await start_and_quit(make_app(path))
    assert any(expected in m for m in messages), messages
    assert tomllib.loads(path.read_text())["round"] == 1  # good settings in its place
    (kept,) = tmp_path.glob("settings.toml.damaged-*")
    assert kept.read_bytes() == content


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


# --- names and paths that hold terminal commands -------------------------------------

#: A file name that would set the window title, write the clipboard (OSC 52), clear the
#: screen and reverse the rest of the line, if any of it reached the terminal raw.
HOSTILE_NAME = "evil\x1b]0;PWNED\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\x9b1m\u202e.toml"
#: What a terminal acts on, or what reorders a line (a line feed excepted: messages have lines).
RAW_CONTROLS = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                                 *range(0x2066, 0x206A))} - {"\n"}


def raw_in(texts: list[str]) -> set[str]:
    return RAW_CONTROLS & set("".join(texts))


def everything_the_app_shows(app) -> list[str]:
    """Notifications (title and message), the app's titles, and every text widget (toasts,
    bars, headings, lists) and border title on every screen."""
    from textual.widgets import Static

    texts = [app.title, app.sub_title]
    for notification in app._notifications:
        texts += [notification.title, notification.message]
    for screen in app.screen_stack:
        for widget in screen.query("*"):
            texts += [str(widget.border_title or ""), str(widget.border_subtitle or "")]
            if isinstance(widget, Static):
                texts.append(str(widget.render()))
    return texts


async def test_a_hostile_file_name_never_reaches_the_terminal_raw(tmp_path: Path) -> None:
    """Reload notification, error bar, settings warning, titles: all escaped."""
    from tui.ui.app import SeasonApp
    from tui.ui.screens.main import MainScreen

    config = tmp_path / HOSTILE_NAME.replace(".toml", "-config")
    config.mkdir()
    (config / "settings.toml").write_text("round = 0\n")  # damaged: the warning names the path
    data = tmp_path / HOSTILE_NAME
    good = MINIMAL.read_text()
    data.write_text(good)
    app = SeasonApp(data, config_path=config / "settings.toml", follow="off")
    app.animation_level = "none"
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        data.write_text(good.replace("Cal Carter", "Cal Carterr"))
        await pilot.press("r")  # a change: "FILE reloaded"
        await app.workers.wait_for_complete()
        await pilot.pause()
        data.write_text("not = [toml")
        await pilot.press("r")  # the error bar names the file
        await app.workers.wait_for_complete()
        await pilot.pause()
        titles = [n.title for n in app._notifications]
        assert any("reloaded" in title for title in titles), titles
        assert any("evil\\x1b]0;PWNED\\x07" in text for text in everything_the_app_shows(app))
        assert not raw_in(everything_the_app_shows(app)), raw_in(everything_the_app_shows(app))


async def test_a_hostile_file_name_on_the_error_screen(tmp_path: Path) -> None:
    from tui.ui.app import SeasonApp
    from tui.ui.screens.error import LoadErrorScreen

    data = tmp_path / HOSTILE_NAME
    data.write_text("not = [toml")
    app = SeasonApp(data, config_path=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        assert not raw_in(everything_the_app_shows(app))


async def test_every_notification_is_escaped_whoever_sends_it() -> None:
    """The guard at the sink: a future notify() with an outside string cannot go raw."""
    app = make_app(None)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.notify(f"cannot read {HOSTILE_NAME}\nsecond line", title=HOSTILE_NAME, markup=False)
        app.sub_title = HOSTILE_NAME
        app.title = HOSTILE_NAME
        await pilot.pause()
        shown = everything_the_app_shows(app)
        assert not raw_in(shown), raw_in(shown)
        message = app._notifications.last().message if hasattr(app._notifications, "last") else \
            list(app._notifications)[-1].message
        assert message.endswith("\nsecond line")  # line breaks stay line breaks


def test_the_settings_warnings_escape_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / HOSTILE_NAME
    folder.mkdir()
    path = folder / "settings.toml"
    path.write_text("round = 0\n")
    _, damaged = load_settings(path)  # moves it aside
    path.mkdir()
    _, not_regular = load_settings(path)
    path.rmdir()

    def refuse(target: Path, text: str) -> None:
        raise PermissionError(errno.EACCES, "Permission\x1b[2J denied", str(target))

    monkeypatch.setattr(atomic, "atomic_write_text", refuse)
    not_saved = save_settings(Settings(round=2), path)
    for warning in (damaged, not_regular, not_saved):
        assert warning and not raw_in([warning]), warning
        assert "evil\\x1b]0;PWNED\\x07" in warning


# --- settings that are costly, nested, BOM-prefixed, or cannot be saved ---------------


def test_settings_with_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"\xef\xbb\xbfround = 2\ntheme = \"nord\"\n")
    assert load_settings(path) == (Settings(round=2, theme="nord"), None)
    assert path.exists() and not list(tmp_path.glob("*.damaged-*"))


def test_a_file_damaged_after_loading_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("round = [[[\n")  # damaged by hand while the app ran
    assert save_settings(Settings(round=3), path) is None
    assert tomllib.loads(path.read_text()) == {"round": 3}
    (kept,) = tmp_path.glob("settings.toml.damaged-*")
    assert kept.read_text() == "round = [[[\n"


def test_a_damaged_file_that_cannot_be_moved_aside_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("round = 0\n")
    monkeypatch.setattr(settings_module.os, "rename", _raise(errno.EACCES))
    _, warning = load_settings(path)
    assert "could not be moved aside (permission denied)" in warning.lower()
    not_saved = save_settings(Settings(round=3), path)
    assert not_saved is not None and "could not be moved aside" in not_saved
    assert path.read_text() == "round = 0\n"


async def test_a_failed_save_is_said_on_stderr_after_the_app_exits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from tui import cli
    from tui.ui.app import SeasonApp

    def full(target: Path, text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device\x1b]0;x\x07", str(target))

    monkeypatch.setattr(atomic, "atomic_write_text", full)
    app = make_app(tmp_path / HOSTILE_NAME / "settings.toml")
    await start_and_quit(app)
    assert app.settings_save_warning is not None
    assert "No space left on device" in app.settings_save_warning

    class Quitting(SeasonApp):  # what `alms-tui` runs, quitting at once the same way
        def run(self, *args: object, **kwargs: object) -> None:
            self.remember_view()

    monkeypatch.setattr("tui.ui.app.SeasonApp", Quitting)
    monkeypatch.setenv("ALMS_TUI_CONFIG_DIR", str(tmp_path / HOSTILE_NAME))
    assert cli.main(["--data", str(MINIMAL), "--no-watch"]) == 0
    err = capsys.readouterr().err
    assert "Could not save settings to" in err and "No space left on device" in err
    assert not raw_in([err]), err
