"""The shipped systemd units (deploy/icp-doh.service, and the template deploy/icp-doh@.service for one instance per
port): systemd's own `systemd-analyze verify` finds nothing to say about them, and what they give icp-doh (the
arguments of ExecStart=, the variables of Environment=) are settings icp-doh takes.

`verify` checks that ExecStart's program exists and is executable, and loads the units the service depends on;
without a systemd machine to install on, it runs with `--root` on a temporary tree: this machine's own unit files
(/usr/lib/systemd/system), the units under test in /etc/systemd/system, and this virtual environment's icp-doh
at the path ExecStart names.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from doh import cli
from doh.settings import SOURCES, is_loopback
from doh.upstream import Upstream
from doh_servers import icp_doh_command
from site_pages import ROOT

UNITS = {"icp-doh.service": "icp-doh.service", "icp-doh@.service": "icp-doh@8053.service"}  # file -> unit to verify
SYSTEM_UNITS = Path("/usr/lib/systemd/system")
VARIABLES = {variable for _, variable, _ in SOURCES.values() if variable}
# The sandboxing the units must keep (systemd.exec(5)); any of these lost would widen what a compromised
# endpoint could do.
SANDBOX = {
    "DynamicUser": "yes",
    "NoNewPrivileges": "yes",
    "ProtectSystem": "strict",
    "ProtectHome": "yes",
    "PrivateTmp": "yes",
    "PrivateDevices": "yes",
    "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX",
    "CapabilityBoundingSet": "",
    "SystemCallFilter": "@system-service",
    "MemoryDenyWriteExecute": "yes",
    "Restart": "on-failure",
}

needs_systemd_analyze = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed (Debian's systemd package)"
)


def service_section(unit: Path) -> dict[str, list[str]]:
    """The [Service] section's settings, each key with its values in order (Environment= and others repeat)."""
    settings: dict[str, list[str]] = {}
    section = None
    for line in unit.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]":
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def exec_start(unit: Path, instance: str) -> list[str]:
    (command,) = service_section(unit)["ExecStart"]
    return shlex.split(command.replace("%i", instance))


def environment(unit: Path) -> dict[str, str]:
    """Environment= lines as systemd reads them: each one or more NAME=value words, quotes allowed."""
    variables = {}
    for line in service_section(unit)["Environment"]:
        for assignment in shlex.split(line):
            name, _, value = assignment.partition("=")
            variables[name] = value
    return variables


@pytest.fixture(scope="module")
def system_root(tmp_path_factory) -> Path:
    """A tree for `systemd-analyze verify --root`: this machine's unit files, the shipped ones, and the installed
    icp-doh at the path that ExecStart names."""
    root = tmp_path_factory.mktemp("root")
    shutil.copytree(SYSTEM_UNITS, root / SYSTEM_UNITS.relative_to("/"), symlinks=True)
    (root / "etc/systemd/system").mkdir(parents=True)
    for name in UNITS:
        shutil.copy(ROOT / "deploy" / name, root / "etc/systemd/system" / name)
        program = root / exec_start(ROOT / "deploy" / name, "8053")[0].lstrip("/")
        program.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(icp_doh_command(), program)  # mode included: executable
    return root


def verify(root: Path, unit: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["systemd-analyze", "verify", f"--root={root}", "--man=no", "--generators=no", unit],
        capture_output=True,
        text=True,
        timeout=60,
    )


@needs_systemd_analyze
@pytest.mark.parametrize("unit", list(UNITS.values()))
def test_systemd_analyze_verify_finds_nothing(system_root, unit):
    result = verify(system_root, unit)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@needs_systemd_analyze
def test_verify_would_see_a_missing_program(system_root, tmp_path):
    """The check above can fail: without icp-doh where ExecStart looks, verify says so."""
    root = tmp_path / "root"
    shutil.copytree(system_root, root, symlinks=True)
    shutil.rmtree(root / "opt")
    result = verify(root, "icp-doh.service")
    assert result.returncode != 0 and "is not executable: No such file or directory" in result.stderr


@pytest.mark.parametrize("name", list(UNITS))
def test_the_unit_gives_icp_doh_settings_it_takes(name):
    """Every variable is one of icp-doh's, and its settings load from the ExecStart arguments and the variables as
    icp-doh itself loads them: on the loopback, with public upstreams named, nginx on this machine as the proxy."""
    unit = ROOT / "deploy" / name
    variables = environment(unit)
    assert set(variables) <= VARIABLES, set(variables) - VARIABLES
    program, *arguments = exec_start(unit, "8054")
    assert Path(program).name == "icp-doh"
    settings = cli.parse(arguments, variables)
    assert is_loopback(settings.host) and settings.host == "127.0.0.1"
    assert settings.port == (8053 if "%i" not in unit.read_text() else 8054)
    assert settings.upstreams == (Upstream("119.29.29.29"), Upstream("223.5.5.5"))
    assert settings.forwarded_allow_ips == ("127.0.0.1", "::1")


@pytest.mark.parametrize("name", list(UNITS))
def test_the_unit_is_sandboxed(name):
    unit = ROOT / "deploy" / name
    service = service_section(unit)
    assert {key: service.get(key, [None])[0] for key in SANDBOX} == SANDBOX
    assert service["EnvironmentFile"] == ["-/etc/icp-doh.env"]  # optional: the unit's values without it


def test_the_template_and_the_single_unit_differ_only_in_the_port():
    single, template = (service_section(ROOT / "deploy" / name) for name in UNITS)
    single_environment, template_environment = (environment(ROOT / "deploy" / name) for name in UNITS)
    assert single_environment.pop("ICP_DOH_PORT") == "8053" and single_environment == template_environment
    for settings in (single, template):
        del settings["ExecStart"], settings["Environment"]
    assert single == template
