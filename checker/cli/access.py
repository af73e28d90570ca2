"""``icp-check access DOMAIN...``: the access check (inspected item 4, `checker.access`) through a JSON
DNS-over-HTTPS endpoint; the blocking door's client (`doh_fetch`) lives here, the judging in the checker."""

from __future__ import annotations

import argparse
import http.client
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any, TextIO

from checker import _tables, access, domain, words
from checker.cli import _usage
from checker.cli._output import SYMBOLS, json_line, shown
from checker.exceptions import ValidationError

NAME = "access"
DOH_DEFAULT = "http://127.0.0.1:8053/resolve"  # icp-doh, the site's own endpoint as `make serve` runs it
ANSWER_BYTES = 1 << 20  # a DoH answer larger than this is refused: real ones are a few kilobytes at most
_LANG = ["en"]  # the help's language, for the argument checks' messages (argparse calls them with the value only)


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    def say(key: str) -> str:
        return words.in_language("cli", f"access.{key}", lang)

    _LANG[0] = lang
    parser.add_argument("domains", nargs="+", metavar="DOMAIN", help=say("domains"))
    parser.add_argument("--doh", type=_endpoint, default=DOH_DEFAULT, metavar="URL", help=say("doh"))
    parser.add_argument(
        "--provider", choices=_tables.providers(), default=access.DEFAULT_PROVIDER, help=say("provider")
    )
    parser.add_argument("--timeout", type=_seconds, default=5.0, metavar="S", help=say("timeout"))


def _endpoint(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(words.in_language("cli", "access.not_a_url", _LANG[0], value=value))
    return value


def _seconds(value: str) -> float:
    return _usage.seconds(value, _LANG[0])


def doh_fetch(endpoint: str, timeout: float) -> Callable[[access.Lookup], str]:
    """A blocking JSON DoH client for `access.run`: GET ``{endpoint}?name=…&type=…``, the body as text, or
    `access.LookupFailed` saying which kind of failure left no usable answer (an HTTP error status, a timeout, a
    refused or broken connection, a broken or oversized response): the report words it in the output's language,
    never the client's own English."""

    def fetch(lookup: access.Lookup) -> str:
        query = urllib.parse.urlencode({"name": lookup.name, "type": lookup.type})
        request = urllib.request.Request(
            f"{endpoint}{'&' if '?' in endpoint else '?'}{query}", headers={"Accept": "application/dns-json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read(ANSWER_BYTES + 1)
        except urllib.error.HTTPError as error:
            error.close()
            raise access.LookupFailed("http", status=error.code) from error
        except urllib.error.URLError as error:  # connecting failed; `reason` says how
            if isinstance(error.reason, TimeoutError):
                raise access.LookupFailed("timeout", seconds=timeout) from error
            raise access.LookupFailed("network") from error
        except TimeoutError as error:  # no answer once connected
            raise access.LookupFailed("timeout", seconds=timeout) from error
        except http.client.HTTPException as error:  # a broken response
            raise access.LookupFailed("bad_response") from error
        except OSError as error:  # reset, unreachable: the network's
            raise access.LookupFailed("network") from error
        if len(body) > ANSWER_BYTES:
            raise access.LookupFailed("bad_response")
        text: str = body.decode("utf-8", errors="replace")
        return text

    return fetch


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    for typed in args.domains:
        try:
            domain.validate(typed)
        except ValidationError as error:
            print(shown(f"icp-check: {typed}: {error.message[args.lang]}"), file=err)
            return 2
    check = access.AccessCheck(args.domains, args.provider)
    report = access.run(check, doh_fetch(args.doh, args.timeout)).report(args.lang)
    if args.format == "json":
        print(json_line(report), file=out)
    else:
        _print(report, out, args.lang)
    counts = report["counts"]
    return 1 if counts["fail"] else 3 if counts["unknown"] else 0


def _print(report: dict[str, Any], out: TextIO, lang: str) -> None:
    def say(key: str, **values: Any) -> str:
        return words.in_language("cli", f"access.{key}", lang, **values)

    provider = report["provider"]
    print(say("ranges", provider=provider["name"], source=provider["source"], date=provider["date"]), file=out)
    print(provider["caveat"], file=out)
    kinds = {
        kind: say(word, provider=provider["name"])
        for kind, word in (("provider", "on_provider"), ("other", "other"), ("private", "private"))
    }
    for result in report["domains"]:
        print(f"\n{result['unicode']} — {say(result['verdict'])}", file=out)
        for name in result["names"]:
            if name["outcome"] == "addresses":
                found = ", ".join(f"{address['address']} ({kinds[address['kind']]})" for address in name["addresses"])
            else:
                found = say("unknown_why", detail=name["detail"]) if name["detail"] else say(name["outcome"])
            chain = "".join(f" → {target}" for target in name["chain"])
            print(f"  {name['name']} {name['type']}{chain}: {found}", file=out)
        for finding in result["findings"]:
            print(f"  {SYMBOLS[finding['severity']]} {finding['code']}: {finding['message']}", file=out)
