"""The ``serve`` sub-command's arguments; importing this loads no web library."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 2
#: More tabs than this would be more dashboard processes than a laptop wants.
MAX_MAX_SESSIONS = 64


def _session_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_MAX_SESSIONS:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_MAX_SESSIONS}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("must be between 0 and 65535 (0: any free port)")
    return value


def add_serve_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``alms-tui serve`` on the CLI's sub-command parsers.

    Its options use their own ``dest`` names: a sub-parser's defaults would
    otherwise overwrite the top-level ``--data``/``--poll`` given before ``serve``.
    """
    serve = commands.add_parser(
        "serve",
        help="share the dashboard in a web browser (needs the [serve] extra)",
        description="Serve the dashboard to a web browser on this machine. The printed "
        "URL carries a secret token: only whoever has it can open the dashboard.",
    )
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT,
                       help=f"port (default: {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--allow-remote", action="store_true",
                       help="allow a --host that other machines can reach (plain HTTP: "
                       "put a reverse proxy with TLS in front)")
    serve.add_argument("--max-sessions", type=_session_count, default=DEFAULT_MAX_SESSIONS,
                       metavar="N",
                       help=f"browser tabs open at once (default: {DEFAULT_MAX_SESSIONS})")
    serve.add_argument("--data", metavar="FILE", type=Path, dest="serve_data",
                       help="dataset to open (default: the bundled 2004 season)")
    following = serve.add_mutually_exclusive_group()
    following.add_argument("--poll", action="store_true", dest="serve_poll",
                           help="follow the file by polling")
    following.add_argument("--no-watch", action="store_true", dest="serve_no_watch",
                           help="do not follow the file for changes")
