"""The remembered view (round, class filter, focused pane, theme) in a TOML file.

Lives in the user's config directory. A damaged or unreadable file never stops
the app: loading returns defaults plus a sentence for the user.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .prescan import ShapeError, prescan
from .prose import sentences
from .safe_text import printable

SETTINGS_NAME = "settings.toml"
#: A settings file is a few lines; anything this big is not ours.
MAX_SETTINGS_BYTES = 64 * 1024


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    round: int | None = Field(default=None, ge=1, le=999)
    class_filter: str | None = Field(default=None, max_length=64)
    focused_pane: str | None = Field(default=None, max_length=64)
    theme: str | None = Field(default=None, max_length=64)
    #: The season as it stood after this round (later results hidden); None: all of it.
    as_of: int | None = Field(default=None, ge=1, le=999)
    #: Starred drivers, crews and teams (keys from :mod:`tui.core.favourites`).
    #: None rather than empty: a file without favourites does not mention them.
    favourites: tuple[Annotated[str, Field(max_length=300)], ...] | None = Field(
        default=None, max_length=200
    )


def settings_path() -> Path | None:
    """``$ALMS_TUI_CONFIG_DIR``, else ``$XDG_CONFIG_HOME/alms-tui``, else ``~/.config/alms-tui``.

    ``None`` when no home can be found: the app then simply does not remember.
    """
    if override := os.environ.get("ALMS_TUI_CONFIG_DIR"):
        return Path(override) / SETTINGS_NAME
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative value is to be ignored
        return Path(xdg) / "alms-tui" / SETTINGS_NAME
    try:
        home = Path.home()
    except RuntimeError:  # no HOME and no passwd entry
        return None
    if not home.is_absolute() or home == Path("/"):
        return None  # an empty or odd HOME: better not to remember than to write to /
    return home / ".config" / "alms-tui" / SETTINGS_NAME


def load_settings(path: Path | None) -> tuple[Settings, str | None]:
    """The saved settings, or defaults and why they could not be read.

    A damaged file (not UTF-8, not TOML, a shape too costly to parse, values out
    of range) is moved aside to ``settings.toml.damaged-<time>`` at once, so the
    next save never overwrites what the user may want to look at; the sentence
    says where it went. The path and every reason are escaped (:func:`printable`):
    they come from outside and end up in a notification or on stderr.
    """
    if path is None:
        return Settings(), None
    shown = printable(str(path))
    try:
        return _read_settings(path), None
    except FileNotFoundError:
        return Settings(), None
    except _NotAFile:
        # A FIFO would block start-up for good, a device never end: never opened.
        return Settings(), f"Settings path {shown} is not a regular file. Using defaults."
    except OSError as error:
        reason = printable(error.strerror or str(error))
        return Settings(), sentences(f"Could not read {shown}: {reason}", "Using defaults")
    except _Damaged as damaged:
        return Settings(), sentences(
            f"Settings file {shown} is damaged ({printable(str(damaged))})",
            f"Using defaults; {_move_aside(path)}",
        )


def save_settings(settings: Settings, path: Path | None) -> str | None:
    """Write atomically; returns a sentence for the user if it could not be saved.

    A file at ``path`` that is not valid settings (damaged since it was loaded)
    is moved aside first, never overwritten.
    """
    if path is None:
        return None
    # Imported here: the dashboard saves on quit, and start-up need not pay for it.
    import tomli_w

    from .atomic import atomic_write_text

    shown = printable(str(path))
    try:
        _read_settings(path)
    except _Damaged:
        moved = _move_aside(path)
        if not moved.startswith("the damaged file is kept"):
            return f"Could not save settings to {shown}: it is damaged and {moved}"
    except (OSError, _NotAFile):
        pass  # missing (the usual case), or the write below says what is wrong
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, tomli_w.dumps(settings.model_dump(exclude_none=True)))
    except OSError as error:
        reason = printable(error.strerror or str(error))
        return f"Could not save settings to {shown}: {reason}"
    return None


class _Damaged(Exception):
    """The settings file is there but is not valid settings; the message says why."""


class _NotAFile(Exception):
    """The settings path is a directory, a FIFO or a device."""


def _read_settings(path: Path) -> Settings:
    """Settings from ``path``: raises ``OSError``, :class:`_NotAFile` or :class:`_Damaged`."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise _NotAFile
    if info.st_size > MAX_SETTINGS_BYTES:
        raise _Damaged(f"far too large: {info.st_size:,} bytes, where settings are a few lines")
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM, as some Windows editors write, is fine
    except UnicodeDecodeError:
        raise _Damaged("not UTF-8 text") from None
    try:
        prescan(text)  # a dotted key of 20,000 parts would cost tomllib gigabytes
        return Settings.model_validate(tomllib.loads(text))
    except ShapeError as error:
        raise _Damaged(error.message) from None
    except (tomllib.TOMLDecodeError, RecursionError, ValidationError) as error:
        raise _Damaged(str(error).splitlines()[0] if str(error) else type(error).__name__) from None


def _move_aside(path: Path) -> str:
    """Rename a damaged ``path`` to ``<name>.damaged-<time>``; the end of a sentence saying so."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for attempt in range(100):
        kept = path.with_name(f"{path.name}.damaged-{stamp}" + (f"-{attempt}" if attempt else ""))
        if kept.exists():
            continue
        try:
            os.rename(path, kept)
        except OSError as error:
            reason = printable(error.strerror or str(error))
            return f"it could not be moved aside ({reason}), so it is left as it is"
        return f"the damaged file is kept as {printable(kept.name)}"
    return "it could not be moved aside (too many damaged copies), so it is left as it is"
