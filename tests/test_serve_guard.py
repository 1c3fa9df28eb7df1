"""The serve guard's rules, one by one (no server, no network)."""

from __future__ import annotations

import pytest

from tui.serve import guard


def test_tokens_are_random_long_and_url_safe() -> None:
    tokens = {guard.new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(token) >= 43 and token.replace("-", "").replace("_", "").isalnum()
               for token in tokens)


@pytest.mark.parametrize("given", [None, "", "abc", "abd" * 20, "é", "\ud800", "\x00"])
def test_only_the_exact_token_matches(given: str | None) -> None:
    assert not guard.token_matches(given, "abc" * 20)


def test_the_token_matches_itself() -> None:
    token = guard.new_token()
    assert guard.token_matches(str(token), token)


@pytest.mark.parametrize(("origin", "allowed"), [
    ("http://127.0.0.1:8000", True),
    ("HTTP://127.0.0.1:8000", True),
    ("http://127.0.0.1:8001", False),
    ("https://127.0.0.1:8000", True),  # behind a proxy that ends TLS
    ("https://127.0.0.1:8001", False),
    ("http://127.0.0.1:8000.evil.example", False),
    ("http://127.0.0.1:8000/", False),
    ("http://127.0.0.1", False),
    ("http://evil.example", False),
    ("null", False),
    ("", False),
    (None, False),
])
def test_origin_must_be_this_server(origin: str | None, allowed: bool) -> None:
    assert guard.origin_matches(origin, "127.0.0.1:8000") is allowed


@pytest.mark.parametrize(("width", "height", "expected"), [
    (120, 40, (120, 40)),
    ("120", "40", (120, 40)),
    (10**9, 10**9, (guard.MAX_WIDTH, guard.MAX_HEIGHT)),
    (0, -3, (1, 1)),
    (None, "x", (guard.DEFAULT_WIDTH, guard.DEFAULT_HEIGHT)),
    (True, 1.5, (guard.DEFAULT_WIDTH, guard.DEFAULT_HEIGHT)),
    ("9" * 5000, [], (guard.DEFAULT_WIDTH, guard.DEFAULT_HEIGHT)),
])
def test_terminal_size_is_whole_and_clamped(width: object, height: object,
                                            expected: tuple[int, int]) -> None:
    assert guard.terminal_size(width, height) == expected


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("[::1]", True),
    ("localhost", True), ("LOCALHOST", True),
    ("0.0.0.0", False), ("::", False), ("", False), ("192.168.1.2", False),
    ("example.com", False), ("localhost.example.com", False),
])
def test_only_loopback_hosts_are_local(host: str, loopback: bool) -> None:
    assert guard.is_loopback(host) is loopback


def test_urls_bracket_ipv6() -> None:
    assert guard.url_host("::1") == "[::1]"
    assert guard.url_host("127.0.0.1") == "127.0.0.1"
    assert guard.url_host("localhost") == "localhost"
