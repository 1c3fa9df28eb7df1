"""What a request must show to reach the dashboard; plain functions, no aiohttp.

textual-serve answers anyone: any web page the user visits could open a
websocket to ``127.0.0.1`` and drive dashboards on their machine. The rules here
close that: a secret token (in the printed URL, then in a cookie), a same-origin
check on the websocket, a cap on sessions and on the terminal size a browser
may ask for.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

#: The largest terminal a browser may ask for; each cell costs the dashboard
#: process memory and every frame's bytes, and a browser window is far smaller.
MAX_WIDTH = 500
MAX_HEIGHT = 200
DEFAULT_WIDTH = 80
DEFAULT_HEIGHT = 24


def new_token() -> str:
    """A 256-bit secret, safe in a URL query and in a cookie."""
    return secrets.token_urlsafe(32)


def new_cookie_name() -> str:
    """A cookie name for one server run.

    Browsers share cookies between all ports of a host: two servers on
    ``127.0.0.1`` with one cookie name would overwrite each other's token.
    """
    return f"alms_tui_{secrets.token_hex(4)}"


def token_matches(given: str | None, expected: str) -> bool:
    """Whether ``given`` is the token, in time independent of where they differ.

    Compared as UTF-8 bytes: ``hmac.compare_digest`` raises ``TypeError`` on a
    ``str`` with non-ASCII characters, which a request can carry.
    """
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


def origin_matches(origin: str | None, host: str) -> bool:
    """Whether a websocket's ``Origin`` is the page this server served.

    Browsers always send ``Origin`` on a websocket handshake and a page cannot
    forge it; a page from another site (or a sandboxed ``null`` origin) is
    refused even if the user's cookie would be sent along. ``host`` is the
    request's ``Host``: either scheme is accepted, so that a reverse proxy that
    ends TLS (and passes ``Host`` on) works; no other page can be served from
    this host and port.
    """
    if not origin or not host:
        return False
    origin = origin.lower()
    return origin in (f"http://{host}".lower(), f"https://{host}".lower())


def _bounded(value: object, default: int, high: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, str):
        if len(value) > 9:  # no cell count is that long; int() of a long text is slow
            return default
        try:
            value = int(value)
        except ValueError:
            return default
    if not isinstance(value, int):
        return default
    return max(1, min(value, high))


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The size a browser asked for, as whole cells within 1..MAX_WIDTH x 1..MAX_HEIGHT.

    Anything that is not a whole number (text, a float, ``true``, ``null``) gives
    the default: the browser sends a correct size again on its next resize.
    """
    return _bounded(width, DEFAULT_WIDTH, MAX_WIDTH), _bounded(height, DEFAULT_HEIGHT, MAX_HEIGHT)


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` keeps the server to this machine.

    Only ``localhost`` and literal loopback addresses count: any other name may
    resolve to an address other machines can reach.
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """``0.0.0.0``, ``::`` or empty: listening on every interface of the machine."""
    try:
        return host == "" or ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def url_host(host: str) -> str:
    """``host`` as written in a URL: an IPv6 address goes in brackets."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host
    return f"[{address}]" if address.version == 6 else str(address)
