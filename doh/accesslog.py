"""The access log: one line per request with the client, method, path, status and duration.

The query string is never logged and the question only when asked for (``--log-names``): the names people look
up are theirs. Lines go to the ``doh.access`` logger; its handler adds the time.
"""

from __future__ import annotations

import logging
import time

import dns.rdatatype
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("doh.access")


class AccessLog:
    """ASGI middleware; endpoints leave the question they answered in ``request.state.question``."""

    def __init__(self, app: ASGIApp, log_names: bool = False) -> None:
        self.app = app
        self.log_names = log_names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app fails before it answers

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            self._log(scope, status, time.perf_counter() - started)

    def _log(self, scope: Scope, status: int, seconds: float) -> None:
        client = scope.get("client")
        line = "%s %s %s %d %.1fms"
        values: list[object] = [client[0] if client else "-", scope["method"], scope["path"], status, seconds * 1000]
        question = scope.get("state", {}).get("question") if self.log_names else None
        if question is not None:
            line += " %s %s"
            values += [question.name, dns.rdatatype.to_text(question.rdtype)]
        logger.info(line, *values)
