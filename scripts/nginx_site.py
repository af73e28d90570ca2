"""The built site behind Debian's nginx, configured from deploy/nginx.conf: what production runs, and what the
tests run on their own ports.

- `render(site, host=..., port=..., doh=[...])`: the nginx.conf for a built site, a listen address and zero or
  more icp-doh instances ("IP:PORT"), with the Content-Security-Policy the build wrote
  (`<site>/content-security-policy.txt`, hooks/csp.py);
- `nginx(site, host, port, doh)`: a context manager that starts nginx as the current user with its own prefix
  (pid file, temporary files and logs in a temporary folder: no root needed, nothing of the machine's nginx
  touched), waits until it answers, and stops it gracefully after;
- for operators, the config to install:

    python scripts/nginx_site.py render --site site --host 127.0.0.1 --port 80 [--doh 127.0.0.1:8053 ...]
        [--runtime-dir /var/lib/icp-site/] [--user www-data] > /etc/icp-site/nginx.conf
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf"
# Written by the build (hooks/csp.py), beside the site's pages.
POLICY_FILE = "content-security-policy.txt"
# Debian's libnginx-mod-http-brotli-static: the config loads it when the machine has it.
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
NGINX_MISSING = "nginx is not installed: `make test` installs it (Debian's nginx and libnginx-mod-http-brotli-static)"
# How long nginx may take to answer after starting, and to finish its requests when asked to quit.
START_SECONDS = 10
QUIT_SECONDS = 10


class NginxError(RuntimeError):
    """nginx did not start, or its config is not valid; the message ends with its error log."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on now, for a server of the benchmarks (the tests use the port the site was built
    for)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def nginx_command() -> str:
    found = shutil.which("nginx") or next((path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None)
    if found is None:
        raise NginxError(NGINX_MISSING)
    return found


def site_policy(site: Path) -> str:
    """The Content-Security-Policy the build wrote for `site`."""
    path = site / POLICY_FILE
    if not path.is_file():
        raise NginxError(f"{path} is missing: build the site with hooks/csp.py in mkdocs.yml's hooks")
    return path.read_text(encoding="utf-8").strip()


def _checked(csp: str) -> str:
    """A policy fit to stand between double quotes in nginx's config: one line, no quote, no variable."""
    if not csp or any(character in csp for character in '"$\\\n\r{}'):
        raise NginxError(f"not a policy nginx can send as it is: {csp!r}")
    return csp


def render(
    site: Path,
    *,
    host: str,
    port: int,
    doh: Sequence[str] = (),
    csp: str | None = None,
    runtime_dir: str = "",
    user: str = "",
    brotli_module: Path | None = BROTLI_MODULE,
) -> str:
    """deploy/nginx.conf for the built `site` on `host`:`port`, proxying /resolve and /dns-query to the icp-doh
    instances `doh` ("IP:PORT"; none: those paths are 404). `csp`: the policy to send (default: the one the build
    wrote into the site). `runtime_dir`: the folder (ending in /) for the pid file, temporary files and logs
    (default: relative to nginx's -p prefix). `user`: the account of the worker processes when nginx starts as
    root. `brotli_module`: loaded when the file exists."""
    policy = _checked(csp if csp is not None else site_policy(site))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE.parent),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # an nginx config, not HTML
    )
    return environment.get_template(TEMPLATE.name).render(
        site=str(site.resolve()),
        host=host,
        port=port,
        doh=list(doh),
        csp=policy,
        brotli_module=str(brotli_module) if brotli_module and brotli_module.is_file() else "",
        runtime_dir=runtime_dir,
        user=user,
    )


def check(conf: Path, prefix: Path) -> None:
    """`nginx -t` on a rendered config; an NginxError with nginx's own words when it is not valid."""
    (prefix / "temp").mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [nginx_command(), "-t", "-q", "-p", f"{prefix}/", "-c", str(conf), "-e", str(prefix / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise NginxError(f"nginx -t failed on {conf}:\n{result.stderr}{_tail(prefix / 'error.log')}")


@dataclass(frozen=True)
class RunningSite:
    url: str
    error_log: Path
    access_log: Path
    conf: Path


@contextlib.contextmanager
def nginx(site: Path, host: str, port: int, doh: Sequence[str] = ()) -> Iterator[RunningSite]:
    """nginx serving `site` at http://host:port/ (and icp-doh's `doh` instances behind it), answering before this
    yields; stopped after with `nginx -s quit` (the requests under way finish), killed if it has not stopped
    within QUIT_SECONDS."""
    with tempfile.TemporaryDirectory(prefix="nginx-site-") as folder:
        prefix = Path(folder)
        # Started as root, nginx would run its workers as `nobody`, who cannot read a temporary folder.
        user = getpass.getuser() if os.geteuid() == 0 else ""
        conf = prefix / "nginx.conf"
        conf.write_text(render(site, host=host, port=port, doh=doh, runtime_dir=f"{prefix}/", user=user))
        (prefix / "temp").mkdir()
        error_log = prefix / "error.log"
        command = [nginx_command(), "-p", f"{prefix}/", "-c", str(conf), "-e", str(error_log)]
        # In the foreground (`daemon off`): the master is this child, so it can be waited for and killed.
        with (prefix / "stderr.log").open("wb") as stderr:
            process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            _wait_until_answering(process, prefix / "nginx.pid", host, port, error_log, prefix / "stderr.log")
            yield RunningSite(f"http://{host}:{port}/", error_log, prefix / "access.log", conf)
        finally:
            _quit(process, command)


def _wait_until_answering(process: subprocess.Popen, pid_file: Path, host: str, port: int, *logs: Path) -> None:
    """Wait for nginx's pid file (written once its sockets are bound: before it, a connection could reach another
    server holding the port while nginx retries to bind) and then for a connection."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        if process.poll() is not None:
            raise NginxError(f"nginx stopped (exit status {process.returncode}):\n{_tails(*logs)}")
        try:
            if pid_file.is_file() and pid_file.read_text().strip() == str(process.pid):
                with socket.create_connection((host, port), timeout=0.5):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise NginxError(f"nginx did not answer on {host}:{port} within {START_SECONDS} s:\n{_tails(*logs)}")
        time.sleep(0.05)


def _quit(process: subprocess.Popen, command: list[str]) -> None:
    """Ask nginx to finish its requests and stop (SIGQUIT, through its own pid file); kill it if it does not."""
    if process.poll() is None:
        subprocess.run([*command, "-s", "quit"], capture_output=True, check=False)
        try:
            process.wait(timeout=QUIT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(log: Path, lines: int = 20) -> str:
    if not log.is_file():
        return ""
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _tails(*logs: Path) -> str:
    return "\n".join(filter(None, (_tail(log) for log in logs)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the nginx.conf for a built site (deploy/nginx.conf).")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("render", help="print the config for a built site")
    command.add_argument("--site", type=Path, required=True, help="the built site (mkdocs build's site_dir)")
    command.add_argument("--host", required=True, help="the address nginx listens on")
    command.add_argument("--port", type=int, required=True, help="the port nginx listens on")
    command.add_argument(
        "--doh", action="append", default=[], metavar="IP:PORT", help="an icp-doh instance; repeat for more"
    )
    command.add_argument(
        "--runtime-dir",
        default="",
        metavar="DIR/",
        help="where the pid file, temporary files (DIR/temp/) and logs go (default: relative to nginx -p PREFIX)",
    )
    command.add_argument("--user", default="", help="the account nginx's workers run as when started as root")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}/ is not a built site (no index.html): run `make build` first")
    runtime_dir = args.runtime_dir and args.runtime_dir.rstrip("/") + "/"
    try:
        text = render(args.site, host=args.host, port=args.port, doh=args.doh, runtime_dir=runtime_dir, user=args.user)
    except NginxError as error:
        parser.error(str(error))
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
