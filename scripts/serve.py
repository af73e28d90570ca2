"""`make serve`: the built site and its DNS-over-HTTPS endpoint together, until Ctrl-C (or SIGTERM).

The site is static files, served as production serves them (scripts/local_site.py: the build's precompressed
`.br` and `.gz` files with their Content-Encoding, as nginx's `brotli_static` and `gzip_static` do), each request
logged; the self-check's access check asks `icp-doh`, started here on its own port and allowed to answer the site's
pages (CORS). Stopping this stops both: the endpoint is a child process, ended in `finally`, however the server
stops.

    python scripts/serve.py --site site --host 127.0.0.1 --port 8000 --doh-port 8053 [--upstream IP[:PORT] ...]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from local_site import SiteHandler


class LoggedSiteHandler(SiteHandler):
    """The tests' and the benchmark's server, with each request logged: `make serve` has a person watching."""

    def log_message(self, format: str, *args: object) -> None:
        http.server.SimpleHTTPRequestHandler.log_message(self, format, *args)


def icp_doh() -> str:
    """The `icp-doh` command beside this Python (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name("icp-doh")
    found = str(beside) if beside.exists() else shutil.which("icp-doh")
    if not found:
        raise SystemExit("icp-doh is not installed: `make serve` installs it (pip install --no-deps -e ./doh)")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="the site's port (default 8000)")
    parser.add_argument("--doh-port", type=int, default=8053, help="icp-doh's port (default 8053)")
    parser.add_argument(
        "--upstream",
        action="append",
        default=[],
        metavar="IP[:PORT]",
        help="a resolver for icp-doh to ask; repeat for more (default: the system's)",
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}/ is not built: run `make build` first")

    origin = f"http://{args.host}:{args.port}"
    command = [icp_doh(), "--host", args.host, "--port", str(args.doh_port), "--allow-origin", origin]
    for upstream in args.upstream:
        command += ["--upstream", upstream]
    endpoint = subprocess.Popen(command)
    # SIGTERM (a service manager, `kill`) ends the server as Ctrl-C does, so `finally` stops the endpoint too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    handler = functools.partial(LoggedSiteHandler, directory=str(args.site))
    try:
        with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
            print(
                f"Serving ICP Filing Self-Check at {origin}/ and icp-doh at http://{args.host}:{args.doh_port}/"
                "  (Ctrl-C to stop)",
                flush=True,
            )
            server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        endpoint.terminate()
        endpoint.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
