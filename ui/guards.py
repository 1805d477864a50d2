"""What every request passes before any route runs: its Host, its Origin and its size.

A server that listens on loopback without keys is still reachable from any web page the user opens:
the page can send a form (an upload, a delete) to 127.0.0.1, or reach it under its own domain name by
DNS rebinding. So unsafe methods from another origin are refused, the Host must be one the server
answers to, and a body is counted as it streams in (a client's Content-Length is not trusted), so an
oversized upload is cut off before it is held in memory.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class BodyTooLarge(Exception):
    pass


class RequestGuard:
    """ASGI middleware: refuse foreign hosts and origins, and bodies over a size limit.

    `allowed_hosts`: host names the server answers to ("*" = any). `max_body` maps a path prefix to its
    byte limit (the longest matching prefix wins; "" is the default).
    """

    def __init__(self, app: ASGIApp, *, allowed_hosts: Sequence[str], max_body: dict[str, int]) -> None:
        self.app = app
        self.any_host = "*" in allowed_hosts
        self.allowed_hosts = {h.strip("[]").casefold() for h in allowed_hosts}
        self.max_body = sorted(max_body.items(), key=lambda item: len(item[0]), reverse=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if not self.any_host and _hostname(host) not in self.allowed_hosts:
            await _refuse(send, 421, "this server does not answer to that host name")
            return
        origin = headers.get("origin")
        if scope["method"] not in SAFE_METHODS and origin is not None and not _same_origin(origin, host):
            await _refuse(send, 403, "cross-origin request refused: send it from the Clerk page or without an Origin")
            return
        limit = next(n for prefix, n in self.max_body if scope["path"].startswith(prefix))
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(send, 413, f"request body too large (limit {limit // 1_000_000 or limit} "
                                     f"{'MB' if limit >= 1_000_000 else 'bytes'})")
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _refuse(send, 413, "request body too large")


def _hostname(host: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1'; '[::1]:8000' -> '::1'."""
    if host.startswith("["):
        return host[1:].partition("]")[0].casefold()
    return host.rpartition(":")[0].casefold() if host.count(":") == 1 else host.casefold()


def _same_origin(origin: str, host: str) -> bool:
    parts = urlsplit(origin)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and parts.netloc.casefold() == host.casefold()


async def _refuse(send: Send, status: int, reason: str) -> None:
    body = json.dumps({"detail": reason}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
