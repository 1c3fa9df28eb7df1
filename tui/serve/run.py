"""``alms-tui serve``: check the host, start the server, print the URL, stop on Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import shlex
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.safe_text import printable

from . import guard

if TYPE_CHECKING:
    from aiohttp import web

    from .server import ServeConfig

INSTALL_HINT = "pip install 'alms-tui[serve]'"


def dashboard_command(data: Path | None, follow: str) -> str:
    """The shell command textual-serve runs for each tab: this interpreter, this
    package, the same data and following mode as the terminal dashboard.

    textual-serve starts it with ``create_subprocess_shell``: every word is
    quoted, so a data path with spaces, quotes or ``$(...)`` stays one argument;
    ``exec`` makes the dashboard the shell's process itself, so that stopping
    the session stops the dashboard and not only a shell around it.
    """
    words = [sys.executable, "-m", "tui"]
    if data is not None:
        words += ["--data", str(data)]
    if follow == "poll":
        words.append("--poll")
    elif follow == "off":
        words.append("--no-watch")
    return "exec " + shlex.join(words)


def serve(args: argparse.Namespace) -> int:
    host: str = args.host
    shown_host = printable(host)
    if not guard.is_loopback(host):
        if not args.allow_remote:
            print(
                f"alms-tui serve: {shown_host} is not a loopback address: other machines could "
                "reach the dashboard. Add --allow-remote to serve there anyway.",
                file=sys.stderr,
            )
            return 2
        print(
            f"alms-tui serve: WARNING: serving on {shown_host}, reachable from other machines, "
            "over plain HTTP: the token travels unencrypted. Put a reverse proxy with TLS in "
            "front of it; see README, 'Serving in a browser'.",
            file=sys.stderr,
        )
    try:
        # Only here: validate, export and the terminal dashboard never load aiohttp.
        from .server import ServeConfig, build_app
    except ImportError as error:
        print(f"alms-tui serve: {printable(str(error))}. Install the extra: {INSTALL_HINT}",
              file=sys.stderr)
        return 2

    data: Path | None = args.serve_data or args.data
    poll = args.serve_poll or args.poll
    follow = "off" if (args.serve_no_watch or args.no_watch) else "poll" if poll else "auto"
    config = ServeConfig(
        command=dashboard_command(data, follow),
        token=guard.new_token(),
        max_sessions=args.max_sessions,
        cookie_name=guard.new_cookie_name(),
    )
    try:
        asyncio.run(_serve_until_stopped(build_app(config), host, args.port, config))
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"alms-tui serve: cannot listen on {shown_host}:{args.port}: {printable(reason)}",
              file=sys.stderr)
        return 1
    return 0


async def _serve_until_stopped(
    app: web.Application, host: str, port: int, config: ServeConfig
) -> None:
    from aiohttp import web

    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host or None, port)
        await site.start()
        bound_port = runner.addresses[0][1]
        url_host = "127.0.0.1" if guard.is_wildcard(host) else guard.url_host(host)
        url = f"http://{url_host}:{bound_port}/?token={config.token}"
        print("alms-tui serve: the dashboard is at", flush=True)
        print(f"    {printable(url)}", flush=True)
        if guard.is_wildcard(host):
            print(f"(listening on every interface: from another machine, use this machine's "
                  f"address instead of 127.0.0.1, port {bound_port})", flush=True)
        sessions = f"up to {config.max_sessions} tab{'s' if config.max_sessions != 1 else ''}"
        print(f"The token in the URL is the key: share it only with whom may use the dashboard "
              f"({sessions} at once). Ctrl+C stops.", flush=True)
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stopped.set)
        await stopped.wait()
    finally:
        await runner.cleanup()
