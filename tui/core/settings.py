"""The remembered view (round, class filter, focused pane, theme) in a TOML file.

Lives in the user's config directory. A damaged or unreadable file never stops
the app: loading returns defaults plus a sentence for the user.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .prose import sentences

SETTINGS_NAME = "settings.toml"
#: A settings file is a few lines; anything this big is not ours.
MAX_SETTINGS_BYTES = 64 * 1024


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    round: int | None = Field(default=None, ge=1, le=999)
    class_filter: str | None = Field(default=None, max_length=64)
    focused_pane: str | None = Field(default=None, max_length=64)
    theme: str | None = Field(default=None, max_length=64)


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
    """The saved settings, or defaults and why they could not be read."""
    if path is None:
        return Settings(), None
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block start-up for good, a device never end.
            return Settings(), f"Settings path {path} is not a regular file. Using defaults."
        if info.st_size > MAX_SETTINGS_BYTES:
            return Settings(), f"Settings file {path} is far too large. Using defaults."
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Settings.model_validate(data), None
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return Settings(), sentences(f"Could not read {path}: {reason}", "Using defaults")
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        first = str(error).splitlines()[0]
        return Settings(), f"Settings file {path} is damaged ({first}). Using defaults."


def save_settings(settings: Settings, path: Path | None) -> str | None:
    """Write atomically; returns a sentence for the user if it could not be saved."""
    if path is None:
        return None
    # Imported here: the dashboard saves on quit, and start-up need not pay for it.
    import tomli_w

    from .atomic import atomic_write_text

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, tomli_w.dumps(settings.model_dump(exclude_none=True)))
    except OSError as error:
        return f"Could not save settings to {path}: {error.strerror or error}"
    return None
