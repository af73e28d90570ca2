"""The HTTP layer: the routes, the status for each kind of bad request, caching headers, and `create_app`.

    GET  /dns-query?dns=…    RFC 8484, a DNS query in base64url      → application/dns-message
    POST /dns-query          RFC 8484, a DNS query as the body       → application/dns-message
    GET  /resolve?name=&type= Google/Cloudflare-style JSON            → application/dns-json
    GET  /healthz            200 "ok"

Every DNS answer is a 200, NXDOMAIN included; over the wire a query for an unsupported type is answered REFUSED and
upstream failure SERVFAIL, while the JSON API says 400 and 502; a special-use name (localhost, .internal …) is a 400
in both. Error bodies are ``{"error": "…"}``, with the detail behind it only in debug mode. Concurrent requests for
one uncached question share one upstream query.
"""

from __future__ import annotations

import asyncio
import logging

import dns.rcode
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from doh.accesslog import AccessLog
from doh.answers import error_wire, lifetime, to_json, to_wire
from doh.cache import Answer, AnswerCache
from doh.constants import (
    DNS_JSON,
    DNS_MESSAGE,
    DNS_PARAM,
    DNS_QUERY_PATH,
    HEALTH_PATH,
    JSON_PATH,
    MAX_MESSAGE_SIZE,
    NAME_PARAM,
    TYPE_PARAM,
)
from doh.messages import (
    BadBase64,
    BadName,
    ContentTooLarge,
    MalformedMessage,
    MissingParameter,
    NotOneQuestion,
    ParameterTooLong,
    Question,
    RequestError,
    SpecialUseName,
    UnsupportedType,
    WrongMediaType,
    check_content_length,
    check_media_type,
    decode_dns_param,
    json_question,
    parse_query,
    wire_question,
)
from doh.ratelimit import RateLimit, TokenBuckets
from doh.settings import Settings
from doh.upstream import Forwarder, UpstreamError

logger = logging.getLogger("doh")

STATUS: dict[type[RequestError], int] = {
    MissingParameter: 400,
    BadBase64: 400,
    MalformedMessage: 400,
    NotOneQuestion: 400,
    BadName: 400,
    SpecialUseName: 400,  # over the wire as well: like a bad name, not a DNS answer to cache
    UnsupportedType: 400,  # in the JSON API; over the wire it is a DNS answer, REFUSED
    ParameterTooLong: 414,
    ContentTooLarge: 413,
    WrongMediaType: 415,
}

NO_STORE = {"Cache-Control": "no-store"}


def create_app(settings: Settings) -> Starlette:
    endpoint = Endpoint(settings)
    routes = [
        Route(DNS_QUERY_PATH, endpoint.dns_query, methods=["GET", "POST"]),
        Route(JSON_PATH, endpoint.resolve, methods=["GET"]),
        Route(HEALTH_PATH, health, methods=["GET"]),
    ]
    # Outermost first: every request is logged, and a refused one still carries CORS headers so that the page
    # calling the endpoint can read the refusal.
    middleware = [Middleware(AccessLog, log_names=settings.log_names)]
    if settings.allow_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.allow_origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                allow_headers=["Content-Type", "Accept"],
                max_age=86_400,
            )
        )
    # Health checks come from the load balancer, often through the same address as the clients: never refused.
    middleware.append(Middleware(RateLimit, buckets=TokenBuckets(settings.rate, settings.burst), exempt={HEALTH_PATH}))
    return Starlette(
        debug=settings.debug,
        routes=routes,
        middleware=middleware,
        exception_handlers={RequestError: endpoint.bad_request},
    )


class Endpoint:
    """The DNS routes, sharing one cache, one set of upstreams and the questions being asked of them."""

    def __init__(self, settings: Settings) -> None:
        self.debug = settings.debug
        self.cache = AnswerCache(settings.cache_size)
        self.forwarder = Forwarder(settings.upstreams, settings.timeout)
        # question -> the upstream query under way for it: concurrent misses for one name wait for the same one.
        self.asking: dict[Question, asyncio.Task[Answer]] = {}

    async def dns_query(self, request: Request) -> Response:
        wire = await _wire_query(request)
        query = parse_query(wire)
        try:
            question = wire_question(query)
        except UnsupportedType:
            # The query itself is well formed, so RFC 8484 clients get a DNS answer that refuses it.
            return _dns_message(error_wire(query, dns.rcode.REFUSED))
        request.state.question = question
        try:
            answer = await self._answer(question)
        except UpstreamError as error:
            logger.warning("no upstream answer: %s", error)
            return _dns_message(error_wire(query, dns.rcode.SERVFAIL))
        # The reply depends on the query's bytes (ID, spelling, EDNS): identical queries share one.
        return _dns_message(answer.render(wire, lambda: to_wire(query, answer.message, answer.age)), answer.ttl)

    async def resolve(self, request: Request) -> Response:
        params = request.query_params
        question = json_question(params.get(NAME_PARAM), params.get(TYPE_PARAM))
        request.state.question = question
        try:
            answer = await self._answer(question)
        except UpstreamError as error:
            logger.warning("no upstream answer: %s", error)
            return self._error(502, "no answer from the upstream resolvers", str(error))
        return Response(
            answer.render(DNS_JSON, lambda: to_json(question, answer.message, answer.age)),
            media_type=DNS_JSON,
            headers=_max_age(answer.ttl),
        )

    async def bad_request(self, request: Request, error: RequestError) -> Response:
        return self._error(STATUS[type(error)], error.short, error.detail)

    async def _answer(self, question: Question) -> Answer:
        """The cached answer, or the upstream's: one query for all who ask the same question meanwhile (a popular
        name whose answer just expired, a client's burst), its answer or its failure given to each of them."""
        cached = self.cache.get(question)
        if cached is not None:
            return cached
        task = self.asking.get(question)
        if task is None:
            task = asyncio.ensure_future(self._ask_upstream(question))
            self.asking[question] = task
            task.add_done_callback(_note_failure_seen)
        # shield: a client that goes away cancels its own wait, not the query the others wait for.
        return await asyncio.shield(task)

    async def _ask_upstream(self, question: Question) -> Answer:
        try:
            message = await self.forwarder.resolve(question)
            return self.cache.put(question, message, lifetime(message))
        finally:
            # Gone before anyone else can find it done: a failure is not kept, the next request asks again.
            del self.asking[question]

    def _error(self, status: int, short: str, detail: str) -> Response:
        body = {"error": short, "detail": detail} if self.debug else {"error": short}
        return JSONResponse(body, status_code=status, headers=NO_STORE)


def _note_failure_seen(task: asyncio.Task[Answer]) -> None:
    """Mark the failure of a query as retrieved: when every client waiting for it went away, nobody awaits it, and
    asyncio would log it as never retrieved (it is logged where it is answered, as a 502 or SERVFAIL)."""
    if not task.cancelled():
        task.exception()


async def health(request: Request) -> Response:
    return PlainTextResponse("ok", headers=NO_STORE)


async def _wire_query(request: Request) -> bytes:
    """The DNS message of a GET or POST request, its size checked before it is read in full."""
    if request.method != "POST":
        return decode_dns_param(request.query_params.get(DNS_PARAM))
    check_media_type(request.headers.get("content-type"))
    check_content_length(request.headers.get("content-length"))
    body = bytearray()
    async for chunk in request.stream():  # a body sent without a length is cut off as soon as it is too long
        body += chunk
        if len(body) > MAX_MESSAGE_SIZE:
            raise ContentTooLarge(f"more than {MAX_MESSAGE_SIZE} bytes")
    return bytes(body)


def _dns_message(wire: bytes, ttl: int | None = None) -> Response:
    """A DNS answer; one with no records to reuse (REFUSED, SERVFAIL) is not to be stored."""
    return Response(wire, media_type=DNS_MESSAGE, headers=NO_STORE if ttl is None else _max_age(ttl))


def _max_age(ttl: int) -> dict[str, str]:
    return {"Cache-Control": f"max-age={ttl}"}
