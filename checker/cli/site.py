"""``icp-check site URL...``: the footer check (part of inspected item 5, `checker.footer`) of live homepages; the
blocking fetcher lives here, the judging in the checker.

What is requested, and nothing more: one GET of each address given (a bare domain means ``http://domain/``: one
predictable first request, and most sites send http to https themselves), then one GET per redirect followed.
Redirects are followed only within the same site (`checker.footer.same_site`: the same host name, whatever the
port, or a name under the same registered domain, so ``example.com`` → ``https://www.example.com/`` is followed),
at most `MAX_REDIRECTS`; a redirect to another site is reported and not followed. No image, script, style sheet or
robots.txt is fetched. Each request may take ``--timeout`` seconds, connecting and reading together; at most
`PAGE_BYTES` of a page are read (the rest is not downloaded, and the report says so).

Its exit status, as ``icp-check access``'s: 0 when every page passes, 1 when one fails, 3 when none fails but one
could not be decided (the page could not be fetched or read: never a failure), 2 for a usage error (an address
that is not one, an unreadable --filing file).
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, NamedTuple, TextIO

from checker import __version__, domain, filing, filing_io, footer, words
from checker.cli import _usage
from checker.cli._output import SYMBOLS, json_line, shown
from checker.exceptions import Finding, ValidationError

NAME = "site"
PAGE_BYTES = 2 << 20  # 2 MiB: far more than any homepage's HTML (images and scripts are separate files)
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
try:
    import ssl

    _TLS_ERRORS: tuple[type[Exception], ...] = (ssl.SSLError,)
except ImportError:  # Pyodide ships ssl as a package of its own: without it, no https and no TLS error
    _TLS_ERRORS = ()
_LANG = ["en"]  # the help's language, for the argument checks' messages (argparse calls them with the value only)


def add_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    def say(key: str) -> str:
        return words.in_language("cli", f"site.{key}", lang)

    _LANG[0] = lang
    parser.add_argument("urls", nargs="+", type=_address, metavar="URL", help=say("urls"))
    parser.add_argument("--filing", metavar="FILE", help=say("filing"))
    parser.add_argument("--timeout", type=_seconds, default=10.0, metavar="S", help=say("timeout"))
    # `--format json` is added with every command's options; --json is its short form. SUPPRESS: no default of
    # its own, or it would hide --format's.
    parser.add_argument(
        "--json", dest="format", action="store_const", const="json", default=argparse.SUPPRESS, help=say("json")
    )


def _address(value: str) -> str:
    """The address to fetch: http:// added to a bare domain, ``/`` to an address without a path."""
    text = value.strip()
    address = text if "://" in text else f"http://{text}"
    try:
        parts = urllib.parse.urlsplit(address)
        host, _ = parts.hostname or "", parts.port  # a port that is not a number raises ValueError
        if parts.scheme not in ("http", "https") or not host:
            raise ValueError(value)
        if not _is_address(host):
            domain.host_name(host)
    except (ValueError, ValidationError):
        raise argparse.ArgumentTypeError(words.in_language("cli", "site.not_a_url", _LANG[0], value=value)) from None
    return urllib.parse.urlunsplit(parts._replace(path=parts.path or "/"))


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _seconds(value: str) -> float:
    return _usage.seconds(value, _LANG[0])


class Fetched(NamedTuple):
    """A page as the server sent it, after the redirects followed."""

    url: str
    redirects: tuple[str, ...]  # the addresses redirected to, in order (the last is `url`)
    status: int
    content_type: str
    body: bytes
    complete: bool  # False when the page was larger than PAGE_BYTES and only its start was read


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are not followed by urllib: `fetch` decides, one at a time (a 3xx arrives as an HTTPError)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _get(url: str, timeout: float, limit: int) -> tuple[int, str, bytes, bool]:
    """One GET: status, Content-Type, the body (at most `limit` bytes) and whether it is whole. Raises HTTPError
    for a status that is not 2xx (its headers hold a redirect's Location), TimeoutError past `timeout` seconds."""
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"icp-check/{__version__} (footer check)",
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        },
    )
    with _OPENER.open(request, timeout=timeout) as response:
        content_type = response.headers.get("Content-Type", "")
        if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            return response.status, content_type, b"", True  # not a page: not downloaded
        body = bytearray()
        while len(body) <= limit:
            chunk = response.read1(65536)
            if not chunk:
                return response.status, content_type, bytes(body), True
            body += chunk
            if time.monotonic() > deadline:
                raise TimeoutError
    return response.status, content_type, bytes(body[:limit]), False


def fetch(url: str, timeout: float, limit: int = PAGE_BYTES) -> Fetched | Finding:
    """The page at `url`, following redirects within the same site; or the finding that says why there is no page
    to check (unreachable, a timeout, an error status, a redirect elsewhere …). Never raises for the network's
    or the server's sake."""
    redirects: list[str] = []
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            status, content_type, body, complete = _get(current, timeout, limit)
        except urllib.error.HTTPError as error:
            location = error.headers.get("Location") if 300 <= error.code < 400 else None
            error.close()
            if location is None:
                code = "FOOTER_SERVER_ERROR" if error.code >= 500 else "FOOTER_HTTP_STATUS"
                return Finding(code, url=current, status=error.code)
            target = urllib.parse.urljoin(current, location.strip())
            parts = urllib.parse.urlsplit(target)
            host = urllib.parse.urlsplit(current).hostname or ""
            if parts.scheme not in ("http", "https") or not footer.same_site(host, parts.hostname or ""):
                return Finding("FOOTER_REDIRECT_ELSEWHERE", url=current, target=target)
            redirects.append(target)
            current = target
            continue
        except urllib.error.URLError as error:  # connecting failed; `reason` says how
            if isinstance(error.reason, TimeoutError):
                return Finding("FOOTER_TIMEOUT", url=current, seconds=f"{timeout:g}")
            if isinstance(error.reason, _TLS_ERRORS):
                return Finding("FOOTER_TLS", url=current)
            return Finding("FOOTER_UNREACHABLE", url=current)
        except TimeoutError:  # no answer once connected, or the whole page not within the time
            return Finding("FOOTER_TIMEOUT", url=current, seconds=f"{timeout:g}")
        except _TLS_ERRORS:
            return Finding("FOOTER_TLS", url=current)
        except (http.client.HTTPException, ValueError):  # a broken response
            return Finding("FOOTER_BAD_RESPONSE", url=current)
        except OSError:  # reset, unreachable: the network's
            return Finding("FOOTER_UNREACHABLE", url=current)
        return Fetched(current, tuple(redirects), status, content_type, body, complete)
    return Finding("FOOTER_TOO_MANY_REDIRECTS", url=url, limit=MAX_REDIRECTS)


# --- the filing to compare with ----------------------------------------------------------------------------------


class Expected(NamedTuple):
    numbers: tuple[str, ...]
    entity: str


def _read_filings(path: str) -> list[Any]:
    """The filings of a file, as plain data (FormatError, UnicodeDecodeError or OSError when it cannot be read)."""
    with open(path, "rb") as binary:
        format_ = filing_io.guess_format(path, binary)
        text = filing_io.decode(binary)
        return [record.data for record in filing_io.read(text, format_)]


def expected_for(filings: list[Any], url: str) -> Expected:
    """What a filing says the page at `url` should show: the first filing with a website on the address's
    registered domain (else the file's first filing); the numbers of those websites (``websites[i].icp_number``;
    of all its websites when none is on that domain), else the entity's (``entity.icp_number``); and the
    entity's name."""
    host = urllib.parse.urlsplit(url).hostname or ""
    registered = domain.validate(host) if domain.is_valid(host) else ""
    chosen, sites = filings[0], []
    for data in filings:
        websites = filing.read(data)[0].websites
        sites = [i for i, site in enumerate(websites) if registered and registered in _registered(site.domains)]
        if sites:
            chosen = data
            break
    read, _ = filing.read(chosen)
    numbers = [read.websites[i].icp_number.strip() for i in sites or range(len(read.websites))]
    entity = read.entity.icp_number.strip()
    found = tuple(number for number in numbers if number) or ((entity,) if entity else ())
    return Expected(found, read.entity.name)


def _registered(domains: tuple[str, ...]) -> set[str]:
    return {domain.validate(typed) for typed in domains if domain.is_valid(typed)}


# --- the report ---------------------------------------------------------------------------------------------------


def check(url: str, timeout: float, expected: Expected) -> dict[str, Any]:
    """One address fetched and checked: its findings and what was fetched, for `report`."""
    got = fetch(url, timeout)
    if isinstance(got, Finding):
        return {"url": url, "fetched": None, "charset": "", "numbers": [], "findings": [got]}
    findings: list[Finding] = []
    if got.content_type and got.content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        findings.append(Finding("FOOTER_NOT_HTML", url=got.url, type=got.content_type))
        return {"url": url, "fetched": got, "charset": "", "numbers": [], "findings": findings}
    text, charset = footer.decode(got.body, got.content_type)
    if not got.complete:
        findings.append(Finding("FOOTER_TRUNCATED", limit=f"{PAGE_BYTES >> 20} MiB"))
    page = footer.read_page(text)
    findings += footer.check_page(page, expected=expected.numbers, entity=expected.entity, complete=got.complete)
    numbers = [shown._asdict() for shown in footer.shown_numbers(page)]
    return {"url": url, "fetched": got, "charset": charset, "numbers": numbers, "findings": findings}


def _site_report(result: dict[str, Any], lang: str) -> dict[str, Any]:
    got: Fetched | None = result["fetched"]
    return {
        "url": result["url"],
        "final_url": got.url if got else None,
        "redirects": list(got.redirects) if got else [],
        "status": got.status if got else None,
        "content_type": got.content_type if got else None,
        "bytes": len(got.body) if got else None,
        "complete": got.complete if got else None,
        "charset": result["charset"],
        "verdict": footer.verdict(result["findings"]),
        "numbers": result["numbers"],
        "findings": [finding.to_data(lang, "") for finding in result["findings"]],
    }


def run(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    filings: list[Any] = []
    if args.filing is not None:
        try:
            filings = _read_filings(args.filing)
        except OSError as error:
            print(shown(f"icp-check: {args.filing}: {error.strerror}"), file=err)
            return 2
        except (filing_io.FormatError, UnicodeDecodeError) as error:
            message = filing_io.decode_error_message(error) if isinstance(error, UnicodeDecodeError) else error
            print(shown(f"icp-check: {args.filing}: {message}"), file=err)
            return 2
        if not filings:
            print(
                shown(f"icp-check: {words.in_language('cli', 'site.no_filing', args.lang, file=args.filing)}"), file=err
            )
            return 2
    sites = []
    for url in args.urls:
        expected = expected_for(filings, url) if filings else Expected((), "")
        sites.append(_site_report(check(url, args.timeout, expected), args.lang))
        if args.format != "json":
            _print(sites[-1], out, args.lang)
    counts = {verdict: sum(site["verdict"] == verdict for site in sites) for verdict in footer.VERDICTS}
    if args.format == "json":
        print(json_line({"counts": counts, "sites": sites}), file=out)
    return 1 if counts["fail"] else 3 if counts["unknown"] else 0


def _print(site: dict[str, Any], out: TextIO, lang: str) -> None:
    def say(key: str, **values: Any) -> str:
        return words.in_language("cli", f"site.{key}", lang, **values)

    print(shown(f"{site['url']} — {say(site['verdict'])}"), file=out)
    for target in site["redirects"]:
        print(shown(f"  → {say('redirected', url=target)}"), file=out)
    if site["status"] is not None:
        fetched = say(
            "fetched",
            url=site["final_url"],
            status=site["status"],
            type=site["content_type"] or "-",
            size=f"{site['bytes']:,}",
            charset=site["charset"] or "-",
        )
        print(shown(f"  {fetched}"), file=out)
    for finding in site["findings"]:
        print(shown(f"  {SYMBOLS[finding['severity']]} {finding['code']}: {finding['message']}"), file=out)
    print(file=out)
    out.flush()
