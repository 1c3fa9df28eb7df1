"""The aiohttp application that serves the dashboard, guarded (see :mod:`.guard`).

Built on textual-serve's ``AppService`` (the process and its screen protocol),
its ``DownloadManager`` and its static files (xterm.js bundle, fonts), but not
on its ``Server``: that
one answers anyone, lists static folders, fetches a font from Google and shows
the app's command line (the server's absolute paths) as the page title.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.helpers import content_disposition_header

from . import guard
from .sessions import STOP_TIMEOUT_S, DashboardSession, SessionPool

log = logging.getLogger("alms-tui.serve")

#: A key press or a paste is far smaller; aiohttp's default is 4 MiB.
MAX_MESSAGE_BYTES = 64 * 1024
#: Same-origin everything: the page may load and connect only to this server,
#: may not be framed by another site, and runs only our script files.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    "script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; "  # the page's own <style>, xterm's element styles
    "img-src 'self'; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "base-uri 'none'; "
    "form-action 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",  # the token must not travel in a Referer
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}
FORBIDDEN_TEXT = (
    "403: Forbidden. Open the full URL that `alms-tui serve` printed: it carries the key."
)
TOO_MANY_TEXT = "403: Forbidden. Too many dashboard sessions are open; close a tab first."


@dataclass(frozen=True)
class ServeConfig:
    command: str
    """Shell command line of one dashboard process (built with ``shlex``)."""
    token: str
    max_sessions: int
    cookie_name: str


TEXTUAL_SERVE_STATIC = Path(str(resources.files("textual_serve") / "static"))
PAGE = Path(__file__).with_name("page")

CONFIG: web.AppKey[ServeConfig] = web.AppKey("config", ServeConfig)
POOL: web.AppKey[SessionPool] = web.AppKey("pool", SessionPool)
#: Each open tab's websocket and the task running its dashboard.
SOCKETS: web.AppKey[dict[web.WebSocketResponse, asyncio.Task[None]]] = web.AppKey("sockets", dict)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def build_app(config: ServeConfig) -> web.Application:
    app = web.Application(middlewares=[_require_token])
    app.on_response_prepare.append(_add_security_headers)
    app[CONFIG] = config
    app[POOL] = SessionPool(config.max_sessions)
    app[SOCKETS] = {}
    index = (PAGE / "index.html").read_bytes()
    boot = (PAGE / "boot.js").read_bytes()

    async def handle_index(request: web.Request) -> web.Response:
        return web.Response(body=index, content_type="text/html", charset="utf-8")

    async def handle_boot(request: web.Request) -> web.Response:
        return web.Response(body=boot, content_type="text/javascript", charset="utf-8")

    async def handle_no_icon(request: web.Request) -> web.Response:
        return web.Response(status=204)  # browsers ask; a 404 would log an error

    app.add_routes([
        web.get("/", handle_index),
        web.get("/favicon.ico", handle_no_icon),
        web.get("/boot.js", handle_boot),
        web.get("/ws", _handle_websocket),
        web.get("/download/{key}", _handle_download),
        # No folder listing, no symlinks out of the package.
        web.static("/static", TEXTUAL_SERVE_STATIC, show_index=False, follow_symlinks=False),
    ])
    app.on_shutdown.append(_close_sockets)
    app.on_cleanup.append(_remove_session_folders)
    return app


async def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every response, errors and streamed downloads included (a middleware
    would miss a response its handler has already sent)."""
    response.headers.update(SECURITY_HEADERS)


@web.middleware
async def _require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every path, the static files too, needs the token: in the cookie, or in the
    URL once (the index then moves it to the cookie and out of the address bar)."""
    config = request.app[CONFIG]
    if guard.token_matches(request.cookies.get(config.cookie_name), config.token):
        return await handler(request)
    if guard.token_matches(request.query.get("token"), config.token):
        if request.path == "/":
            redirect = web.HTTPSeeOther("/")
            redirect.set_cookie(config.cookie_name, config.token, path="/",
                                httponly=True, samesite="Strict")
            raise redirect
        return await handler(request)
    raise web.HTTPForbidden(text=FORBIDDEN_TEXT)


async def _handle_websocket(request: web.Request) -> web.StreamResponse:
    if not guard.origin_matches(request.headers.get("Origin"), request.host):
        raise web.HTTPForbidden(text="403: Forbidden. This page is not from this server.")
    pool = request.app[POOL]
    if not pool.try_acquire():
        raise web.HTTPForbidden(text=TOO_MANY_TEXT)
    websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES)
    try:
        await websocket.prepare(request)
    except BaseException:
        pool.release()
        raise
    size = guard.terminal_size(request.query.get("width"), request.query.get("height"))
    # The session runs in its own task: aiohttp cancels this handler when the
    # connection drops, and a cancelled clean-up would leave the dashboard
    # running, its folder behind and its place in the cap taken.
    session = asyncio.create_task(_run_session(request.app, websocket, size))
    request.app[SOCKETS][websocket] = session
    await asyncio.shield(session)
    return websocket


async def _run_session(
    app: web.Application, websocket: web.WebSocketResponse, size: tuple[int, int]
) -> None:
    pool = app[POOL]
    config_dir = pool.new_config_dir()
    session = DashboardSession(
        app[CONFIG].command,
        config_dir=config_dir,
        write_bytes=websocket.send_bytes,
        write_str=websocket.send_str,
        close=websocket.close,
        download_manager=pool.download_manager,
    )
    try:
        await session.start(*size)
        await _relay_browser(websocket, session)
    finally:
        try:
            await session.stop()
        finally:
            app[SOCKETS].pop(websocket, None)
            pool.discard_config_dir(config_dir)
            pool.release()


async def _handle_download(request: web.Request) -> web.StreamResponse:
    """A file the dashboard delivers to the browser (the palette's "Screenshot").

    textual-serve's own route, with the file name quoted in the header and no
    key echoed back in the error.
    """
    manager = request.app[POOL].download_manager
    key = request.match_info["key"]
    try:
        meta = await manager.get_download_metadata(key)
    except KeyError:
        raise web.HTTPNotFound(text="404: no such download") from None
    response = web.StreamResponse()
    response.content_type = meta.mime_type or "application/octet-stream"
    if meta.encoding:
        response.charset = meta.encoding
    disposition = "inline" if meta.open_method == "browser" else "attachment"
    response.headers["Content-Disposition"] = content_disposition_header(
        disposition, filename=meta.file_name
    )
    await response.prepare(request)
    async for chunk in manager.download(key):
        await response.write(chunk)
    await response.write_eof()
    return response


async def _relay_browser(websocket: web.WebSocketResponse, session: DashboardSession) -> None:
    """Pass the browser's keys, size and focus on; ignore anything malformed.

    textual-serve's own loop asserts on the message shape and ends the session
    on the first surprise; a size is passed on unchecked.
    """
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind = envelope[0]
        payload = envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(payload, str):
            # A JSON string may hold a lone surrogate, which UTF-8 cannot encode.
            await session.send_bytes(payload.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(payload, dict):
            width, height = guard.terminal_size(payload.get("width"), payload.get("height"))
            await session.set_terminal_size(width, height)
        elif kind == "ping":
            await websocket.send_json(["pong", payload])
        elif kind == "blur":
            await session.blur()
        elif kind == "focus":
            await session.focus()


async def _close_sockets(app: web.Application) -> None:
    """Close every tab's websocket and wait until its dashboard has quit (or been
    killed), so that no dashboard outlives the server."""
    sessions = app[SOCKETS].copy()
    for websocket in sessions:
        await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")
    if sessions:
        await asyncio.wait(sessions.values(), timeout=STOP_TIMEOUT_S + 1)


async def _remove_session_folders(app: web.Application) -> None:
    app[POOL].close()
