"""``alms-tui serve`` in a real browser: headless Chromium opens the printed URL.

The terminal is drawn on a canvas, so what the dashboard shows is read from the
websocket frames the page receives. Every request the page makes must go to
the loopback server: no font CDN, nothing else outside.

Chromium comes from Debian (``.ci/run`` installs ``chromium``); Playwright's own
browser download is not used. Skipped only where Chromium is missing and
``CI`` is unset: in CI this test must run.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_support import screen_text

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # the test extra installs it: in CI its absence is a failure
    if os.environ.get("CI"):
        raise
    sync_playwright = None

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
pytestmark = pytest.mark.skipif(
    (not Path(CHROMIUM).exists() or sync_playwright is None) and not os.environ.get("CI"),
    reason="Chromium or Playwright is not installed (CI installs both)",
)
BUNDLED = Path(__file__).resolve().parents[1] / "data" / "alms-2004.toml"
#: Bounded waits; the machine may be shared and a dashboard takes ~0.5 s to start.
WAIT_S = 45.0
URL = re.compile(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_-]{43,}")


def serve_command() -> list[str]:
    """The installed ``alms-tui`` of the environment running the tests."""
    installed = Path(sys.executable).with_name("alms-tui")
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]


def dashboards_of(data: Path) -> list[int]:
    """Process ids whose command line names ``data`` (the served dashboards)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                words = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue  # gone meanwhile
            if os.fsencode(data) in words and b"serve" not in words:
                found.append(int(entry.name))
    return found


class Server:
    def __init__(self, data: Path) -> None:
        self.data = data
        self.process = subprocess.Popen(
            [*serve_command(), "serve", "--port", "0", "--data", str(data)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        self.url = self._wait_for_url()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.put(line)

    def _wait_for_url(self) -> str:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.output.append(line)
            if found := URL.search(line):
                return found.group(0)
        raise AssertionError(f"no URL printed: {self.output!r}, {self.stop()!r}")

    def stop(self) -> str:
        """Ctrl+C, as a user would; returns stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        _, stderr = self.process.communicate(timeout=WAIT_S)
        return stderr


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    data = tmp_path / "season.toml"
    shutil.copyfile(BUNDLED, data)
    running = Server(data)
    try:
        yield running
    finally:
        stderr = running.stop()
    assert running.process.returncode == 0, stderr
    assert dashboards_of(data) == []  # stopping the server stopped every dashboard


def test_the_dashboard_in_headless_chromium(server: Server, tmp_path: Path) -> None:
    origin = server.url.split("/?", 1)[0]
    frames: list[bytes] = []
    requests: list[str] = []
    sockets: list[str] = []
    errors: list[str] = []

    def on_websocket(websocket: object) -> None:
        sockets.append(websocket.url)  # type: ignore[attr-defined]
        websocket.on("framereceived",  # type: ignore[attr-defined]
                     lambda payload: frames.append(payload) if isinstance(payload, bytes) else None)

    def wait_for_screen(*texts: str, since: int = 0) -> str:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            text = screen_text(b"".join(frames[since:]))
            if all(wanted in text for wanted in texts):
                return text
            page.wait_for_timeout(100)
        raise AssertionError(f"never saw {texts!r}; last: {screen_text(b''.join(frames[since:]))[-400:]!r}")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1800, "height": 1000})
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", on_websocket)
            page.on("console", lambda message: errors.append(message.text)
                    if message.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(server.url)
            assert page.url == origin + "/"  # the token left the address bar for a cookie
            wait_for_screen("Mobil 1 12 Hours of Sebring")

            page.click("#terminal")  # the app starts unfocused
            before_keys = len(frames)
            page.keyboard.press("]")
            page.keyboard.press("4")
            wait_for_screen("R2 American Le Mans at Mid-Ohio", "GT car known", since=before_keys)
            page.wait_for_timeout(300)  # let the canvas paint the last frame for the picture
            screenshot = tmp_path / "browser-serve.png"
            page.screenshot(path=str(screenshot))
        finally:
            browser.close()

    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert requests and all(url.startswith(origin + "/") for url in requests), requests
    assert any(url.endswith(".ttf") for url in requests)  # the font, from the package
    assert sockets and all(url.startswith(origin.replace("http:", "ws:", 1) + "/ws") for url in sockets)
    assert errors == []  # no CSP violation, no failed request, no script error
