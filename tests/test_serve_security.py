"""``alms-tui serve`` refuses whoever lacks the token, foreign pages and one tab too many.

textual-serve alone answers anyone: any web page the user visits could open a
websocket to 127.0.0.1 and drive dashboards. Plain HTTP and websocket clients
against the real server (in this process), with real dashboard subprocesses.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("aiohttp", reason="the [serve] extra is not installed")  # in the test extra
from aiohttp import (
    ClientSession,
    ClientWebSocketResponse,
    CookieJar,
    WSMsgType,
    WSServerHandshakeError,
)
from aiohttp.test_utils import TestServer
from serve_support import screen_text

from tui.serve import guard
from tui.serve.run import dashboard_command
from tui.serve.server import POOL, ServeConfig, build_app
from tui.serve.sessions import DashboardSession, SessionPool

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "alms-2004.toml"
TOKEN = guard.new_token()
COOKIE = "alms_tui_test"
#: Bounded waits for a dashboard process (start-up is ~0.5 s; the machine is shared).
WAIT_S = 30.0


class Served:
    def __init__(self, server: TestServer, http: ClientSession) -> None:
        self.server = server
        self.http = http
        self.origin = f"http://127.0.0.1:{server.port}"

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    async def connect(
        self, *, query: str = f"token={TOKEN}", origin: str | None = None, **headers: str
    ) -> ClientWebSocketResponse:
        sent = {"Origin": origin or self.origin, **headers}
        return await self.http.ws_connect(self.url(f"/ws?{query}"), headers=sent, autoping=True)


def make_served_fixture(data: Path | None = BUNDLED, follow: str = "off", max_sessions: int = 2):
    async def fixture() -> AsyncIterator[Served]:
        config = ServeConfig(dashboard_command(data, follow), TOKEN, max_sessions, COOKIE)
        server = TestServer(build_app(config), host="127.0.0.1")
        await server.start_server()
        try:
            # unsafe=True: aiohttp's client keeps no cookie for an IP address otherwise.
            async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:
                yield Served(server, http)
        finally:
            await server.close()
    return fixture


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    async for value in make_served_fixture()():
        yield value


async def read_screen_until(ws: ClientWebSocketResponse, *texts: str) -> str:
    """Frames until every text is on screen, within WAIT_S (no fixed sleep)."""
    stream = b""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while loop.time() < deadline:
        try:
            message = await ws.receive(timeout=deadline - loop.time())
        except TimeoutError:
            break
        if message.type == WSMsgType.BINARY:
            stream += message.data
            if all(text in screen_text(stream) for text in texts):
                return screen_text(stream)
        elif message.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.ERROR):
            break
    raise AssertionError(f"never saw {texts!r}; the stream ended with {screen_text(stream)[-400:]!r}")


async def next_text_message(ws: ClientWebSocketResponse) -> object:
    """The next JSON message, past the screen's binary frames, within WAIT_S."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while True:
        message = await ws.receive(timeout=max(0.0, deadline - loop.time()))
        if message.type == WSMsgType.TEXT:
            return json.loads(message.data)
        assert message.type == WSMsgType.BINARY, message


async def wait_until(condition, what: str) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_S
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


# --- the token ---------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/boot.js", "/static/js/textual.js", "/static/", "/nowhere"])
async def test_every_path_without_the_token_is_forbidden(served: Served, path: str) -> None:
    async with served.http.get(served.url(path), allow_redirects=False) as response:
        assert response.status == 403
        assert "alms-tui serve" in await response.text()
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]


# Named ids: the token is random per process, and pytest-xdist needs every worker
# to collect the same test ids.
@pytest.mark.parametrize("token", ["wrong", TOKEN[:-1], TOKEN + "x", "é" * 43, "%00", ""],
                         ids=["wrong", "one-short", "one-long", "non-ascii", "nul", "empty"])
async def test_a_wrong_token_is_forbidden(served: Served, token: str) -> None:
    async with served.http.get(served.url("/"), params={"token": token},
                               allow_redirects=False) as response:
        assert response.status == 403  # not 500: non-ASCII must not crash the comparison
    served.http.cookie_jar.update_cookies({COOKIE: token})
    async with served.http.get(served.url("/"), allow_redirects=False) as response:
        assert response.status == 403


async def test_the_token_becomes_a_strict_http_only_cookie_and_leaves_the_url(served: Served) -> None:
    async with served.http.get(served.url(f"/?token={TOKEN}"), allow_redirects=False) as response:
        assert response.status == 303
        assert response.headers["Location"] == "/"
        set_cookie = response.headers["Set-Cookie"]
    assert f"{COOKIE}={TOKEN}" in set_cookie
    assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie
    async with served.http.get(served.url("/")) as response:  # the cookie alone now
        assert response.status == 200
        page = await response.text()
    assert 'id="terminal"' in page
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


async def test_a_websocket_without_the_token_is_forbidden(served: Served) -> None:
    with pytest.raises(WSServerHandshakeError) as refused:
        await served.connect(query="width=80&height=24")
    assert refused.value.status == 403
    assert served.server.app[POOL].open == 0  # refused before any process started


# --- origin, session cap -----------------------------------------------------------

@pytest.mark.parametrize("origin", [
    "http://evil.example", "null", "http://127.0.0.1", "https://127.0.0.1:1", "http://localhost:1",
])
async def test_a_websocket_from_another_origin_is_forbidden(served: Served, origin: str) -> None:
    with pytest.raises(WSServerHandshakeError) as refused:
        await served.connect(origin=origin)
    assert refused.value.status == 403
    assert served.server.app[POOL].open == 0


async def test_behind_a_tls_proxy_the_page_of_the_passed_host_connects(served: Served) -> None:
    ws = await served.http.ws_connect(served.url(f"/ws?token={TOKEN}"),
                                      headers={"Host": "dash.example", "Origin": "https://dash.example"})
    await read_screen_until(ws, "Sebring")
    await ws.close()


async def test_a_websocket_without_an_origin_is_forbidden(served: Served) -> None:
    with pytest.raises(WSServerHandshakeError) as refused:
        await served.http.ws_connect(served.url(f"/ws?token={TOKEN}"), headers={"Origin": ""})
    assert refused.value.status == 403


async def test_one_session_over_the_cap_is_forbidden_until_a_tab_closes(served: Served) -> None:
    first = await served.connect()
    second = await served.connect()
    await read_screen_until(first, "Sebring")
    with pytest.raises(WSServerHandshakeError) as refused:
        await served.connect()
    assert refused.value.status == 403
    await first.close()
    await wait_until(lambda: served.server.app[POOL].open == 1, "the closed tab's place")
    third = await served.connect()
    await read_screen_until(third, "Sebring")
    await second.close()
    await third.close()


# --- what the browser may ask ------------------------------------------------------

async def test_the_terminal_size_a_browser_asks_for_is_clamped(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[int, int]] = []
    resized: list[tuple[int, int]] = []
    real_start, real_resize = DashboardSession.start, DashboardSession.set_terminal_size

    async def start(self: DashboardSession, width: int, height: int) -> None:
        started.append((width, height))
        await real_start(self, width, height)

    async def set_terminal_size(self: DashboardSession, width: int, height: int) -> None:
        resized.append((width, height))
        await real_resize(self, width, height)

    monkeypatch.setattr(DashboardSession, "start", start)
    monkeypatch.setattr(DashboardSession, "set_terminal_size", set_terminal_size)
    ws = await served.connect(query=f"token={TOKEN}&width=100000&height=100000")
    await read_screen_until(ws, "Sebring")
    for bad in (
        ["resize", {"width": 10**9, "height": 10**9}],
        ["resize", {"width": "wide", "height": None}],
        ["resize", "not a size"],
        ["stdin", "\ud800"],  # a lone surrogate: UTF-8 cannot encode it
        {"not": "a list"},
        [],
    ):
        await ws.send_str(json.dumps(bad))
    await ws.send_str("not json at all")
    await ws.send_str(json.dumps(["ping", "after the junk"]))
    assert await next_text_message(ws) == ["pong", "after the junk"]  # the session survived
    await ws.close()
    assert started == [(guard.MAX_WIDTH, guard.MAX_HEIGHT)]
    assert resized == [(guard.MAX_WIDTH, guard.MAX_HEIGHT), (guard.DEFAULT_WIDTH, guard.DEFAULT_HEIGHT)]


async def test_a_message_over_the_size_limit_ends_only_that_session(served: Served) -> None:
    ws = await served.connect()
    await read_screen_until(ws, "Sebring")
    await ws.send_str(json.dumps(["stdin", "x" * (1024 * 1024)]))
    closed = await ws.receive(timeout=WAIT_S)
    while closed.type not in (WSMsgType.CLOSE, WSMsgType.CLOSED):
        closed = await ws.receive(timeout=WAIT_S)
    await wait_until(lambda: served.server.app[POOL].open == 0, "the session to end")


# --- what the browser sees ---------------------------------------------------------

def _server_paths() -> list[str]:
    import textual_serve

    paths = {str(ROOT), sys.executable, sys.prefix, str(Path(textual_serve.__file__).parent),
             tempfile.gettempdir() + "/alms-tui", str(Path.home())}
    return sorted(path for path in paths if len(path) > 1)


async def test_no_served_page_or_error_shows_a_server_path(served: Served) -> None:
    served.http.cookie_jar.update_cookies({COOKIE: TOKEN})
    pages = ["/", "/boot.js", "/static/js/textual.js", "/static/css/xterm.css", "/static/",
             "/static/js/", "/static/nothing.js", "/static/../../../etc/passwd",
             "/static/%2e%2e/server.py", "/nowhere", "/ws", "/download/x"]
    bodies: dict[str, str] = {}
    for path in pages:
        async with served.http.get(served.url(path), allow_redirects=False) as response:
            bodies[path] = await response.text(errors="replace")
            if path.startswith("/static/") and path.endswith("/"):
                assert response.status in (403, 404)  # never a folder listing
                assert "Index of" not in bodies[path]
    served.http.cookie_jar.clear()
    async with served.http.get(served.url("/?token=x")) as response:
        bodies["403"] = await response.text()
    for path, body in bodies.items():
        for secret in _server_paths():
            assert secret not in body, f"{path} shows {secret}"
    page = bodies["/"]
    assert "googleapis" not in page and "https://" not in page
    assert "alms-tui" in page


# --- the dashboard behind it -------------------------------------------------------

@pytest.fixture
def odd_data(tmp_path: Path) -> Path:
    """The season under a name a shell would mangle, with one name changed to recognise it."""
    folder = tmp_path / "a b $(touch pwned) 'q\" ;"
    folder.mkdir()
    data = folder / "season.toml"
    text = BUNDLED.read_text(encoding="utf-8")
    assert text.count('name = "Mobil 1 12 Hours of Sebring"') == 1
    data.write_text(text.replace('name = "Mobil 1 12 Hours of Sebring"', 'name = "Zebrafish 12"'),
                    encoding="utf-8")
    return data


async def test_the_data_file_is_passed_through_quoted_and_followed(
    odd_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async for served in make_served_fixture(odd_data, follow="poll")():
        ws = await served.connect()
        await read_screen_until(ws, "Zebrafish 12")
        odd_data.write_text(odd_data.read_text(encoding="utf-8").replace("Zebrafish 12", "Quokka 12"),
                            encoding="utf-8")
        await read_screen_until(ws, "Quokka 12")
        await ws.close()
    assert not list(tmp_path.rglob("pwned"))


async def test_each_tab_remembers_apart_from_the_user_and_each_other(
    served: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_settings = Path(os.environ["ALMS_TUI_CONFIG_DIR"]) / "settings.toml"
    config_dirs: list[Path] = []
    real_build = DashboardSession._build_environment

    def build(self: DashboardSession, width: int = 80, height: int = 24) -> dict[str, str]:
        config_dirs.append(self.config_dir)
        return real_build(self, width, height)

    monkeypatch.setattr(DashboardSession, "_build_environment", build)
    first = await served.connect()
    second = await served.connect()
    await read_screen_until(first, "Sebring")
    await read_screen_until(second, "Sebring")
    # A tab's folder goes as soon as its dashboard ends, which can be before a
    # poll here sees the file: read what each folder held as it is discarded.
    saved: dict[Path, str | None] = {}
    real_discard = SessionPool.discard_config_dir

    def discard(path: Path) -> None:
        settings = path / "settings.toml"
        saved[path] = settings.read_text(encoding="utf-8") if settings.exists() else None
        real_discard(path)

    monkeypatch.setattr(SessionPool, "discard_config_dir", staticmethod(discard))
    for count, ws in enumerate((first, second), start=1):
        await ws.send_str(json.dumps(["stdin", "]"]))
        await read_screen_until(ws, "Mid-Ohio")
        await ws.send_str(json.dumps(["stdin", "q"]))  # quitting remembers the view
        await wait_until(lambda count=count: len(saved) == count, "the tab's dashboard to end")
    assert set(saved) == set(config_dirs)
    assert len(set(config_dirs)) == 2
    assert all(text is not None and "round = 2" in text for text in saved.values()), saved
    assert not user_settings.exists()  # the user's terminal view is untouched
    await wait_until(lambda: served.server.app[POOL].open == 0, "both tabs to end")
    left = {path: sorted(path.rglob("*")) for path in config_dirs if path.exists()}
    assert not left  # nothing left behind


# --- the command line --------------------------------------------------------------

def test_validate_and_export_load_no_web_library() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['validate']); main(['export', '--format', 'md'])\n"
        "loaded = [m for m in ('aiohttp', 'textual_serve', 'jinja2', 'textual') if m in sys.modules]\n"
        "sys.exit(str(loaded) if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_a_reachable_host_needs_allow_remote() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "serve", "--host", "0.0.0.0", "--port", "0"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2
    assert "--allow-remote" in result.stderr
    assert result.stdout == ""  # no URL: nothing is served


def test_a_shell_cannot_split_the_data_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    echo_arguments = tmp_path / "python"
    echo_arguments.write_text('#!/bin/sh\nfor word; do printf "%s\\n" "$word"; done\n')
    echo_arguments.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(echo_arguments))
    data = tmp_path / "x'; touch pwned; echo '$(id) \"`id`\" ;"
    command = dashboard_command(data, "poll")
    result = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True,
                            cwd=tmp_path, check=True)
    assert result.stdout.splitlines() == ["-m", "tui", "--data", str(data), "--poll"]
    assert not (tmp_path / "pwned").exists()


async def test_the_palette_screenshot_downloads_in_the_browser(served: Served) -> None:
    ws = await served.connect()
    await read_screen_until(ws, "Sebring")
    await ws.send_str(json.dumps(["stdin", "\x10"]))  # ctrl+p: the command palette
    # Typed, not read off the list: at 80x24 the command may be below the fold.
    await read_screen_until(ws, "Search for commands")
    await ws.send_str(json.dumps(["stdin", "Screenshot"]))
    await read_screen_until(ws, "SVG")
    await ws.send_str(json.dumps(["stdin", "\r"]))
    kind, key = await next_text_message(ws)  # type: ignore[misc]
    assert kind == "deliver_file_start"
    async with served.http.get(served.url(f"/download/{key}")) as refused:
        assert refused.status == 403  # the token is needed here too
    served.http.cookie_jar.update_cookies({COOKIE: TOKEN})
    async with served.http.get(served.url(f"/download/{key}")) as response:
        assert response.status == 200
        assert re.fullmatch(r'(inline|attachment); filename="alms-tui[^"/]*\.svg"',
                            response.headers["Content-Disposition"])
        # Shown inline, an SVG is a document of this origin: the policy forbids its scripts.
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert "<svg" in await response.text()
    await ws.close()


# --- the server's end ------------------------------------------------------------------

def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _session_dir(pid: int) -> Path | None:
    """The settings folder the server gave a dashboard (from its environment)."""
    for item in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
        name, _, value = item.partition(b"=")
        if name == b"ALMS_TUI_SESSION_DIR":
            return Path(os.fsdecode(value))
    return None


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent's wait is missing


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
async def test_a_killed_server_leaves_no_dashboard_running(tmp_path: Path) -> None:
    """SIGKILL gives the server no chance to stop its dashboards: each one notices that
    its server is gone and quits, remembering its view, instead of running for ever."""
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", "0", "--no-watch"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "ALMS_TUI_CONFIG_DIR": str(tmp_path)},
    )
    try:
        assert server.stdout is not None
        url = ""
        while "token=" not in url:
            line = server.stdout.readline()
            assert line, server.stderr.read() if server.stderr else "the server ended"
            url = line.strip() if "token=" in line else url
        origin = url.split("/?")[0]
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as http:
            ws = await http.ws_connect(f"{origin}/ws?{url.split('?')[1]}", headers={"Origin": origin})
            await read_screen_until(ws, "Sebring")
            dashboards = _children(server.pid)
            assert dashboards, "a dashboard process runs for the tab"
            folders = {_session_dir(pid) for pid in dashboards}
            assert all(folder is not None and folder.is_dir() for folder in folders)
            server.kill()
            server.wait(timeout=WAIT_S)
            await wait_until(lambda: not any(map(_alive, dashboards)), "the orphaned dashboard to quit")
            # The tab's settings folder, which the server would have removed, is gone too.
            assert not any(folder.exists() for folder in folders if folder is not None)
            await ws.close()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
