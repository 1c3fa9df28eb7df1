"""Where the bundled season lives, in a wheel and in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

BUNDLED_NAME = "alms-2004.toml"


def bundled_dataset() -> Path:
    """The 2004 season shipped with the package.

    A wheel carries it as ``tui/_bundled/`` (hatch force-include); an editable
    install does not apply force-include, so fall back to the checkout's ``data/``.
    """
    packaged = resources.files("tui").joinpath("_bundled", BUNDLED_NAME)
    if packaged.is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data" / BUNDLED_NAME
    return checkout
