#!/usr/bin/env python3
"""Refresh checker/data/provider-ranges/*.json, the network ranges the access check compares addresses with.

Where the ranges come from. No access provider publishes an official list of its addresses. The MISP project's
warninglists (github.com/MISP/misp-warninglists, CC0-1.0) keep one per cloud provider, ``lists/KEY/list.json``:
Tencent Cloud's and Alibaba Cloud's are the prefixes their autonomous systems announce in BGP, as the RIPEstat
Data API (stat.ripe.net) reports them; Huawei Cloud's is the RFC 8805 geofeed Huawei Cloud publishes for its
regions. Either way they mix mainland and overseas regions. The project's shared data
(../shared/data/provider-ranges/) holds them as one file per provider, named by its key::

    {"provider": "Tencent Cloud",
     "source": "MISP/misp-warninglists lists/tencent-cloud/list.json (CC0-1.0)",
     "source_version": 20261005,           # the list's "version": the date it was made
     "derivation": "Prefixes announced by ...",
     "cidrs": ["1.116.0.0/15", ...]}       # the list's "list"

This machine cannot reach GitHub, so a refresh starts from a downloaded copy: update the shared files (or put new
ones in a directory of your own), then run

    .venv/bin/python scripts/update_provider_ranges.py [DIRECTORY]   # default: ../shared/data/provider-ranges

Every file is checked before any is copied, and one that fails stops the refresh: the five keys and no others,
a provider name as in checker/data/providers.tsv (add a new provider's English and Chinese names there first),
a version that is a date, and CIDRs that each parse, without host bits, none twice. Then run the tests: they
classify a known address of each provider.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import shutil
import sys
from pathlib import Path

from checker import _tables

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "provider-ranges"
TARGET = ROOT / "checker" / "data" / "provider-ranges"
KEYS = ("provider", "source", "source_version", "derivation", "cidrs")


def check(key: str, data: object) -> str:
    """One provider's file, checked: a line saying what it holds, or ValueError saying what is wrong."""
    if not isinstance(data, dict) or sorted(data) != sorted(KEYS):
        raise ValueError(f"expected a JSON object with exactly the keys {', '.join(KEYS)}")
    names = _tables.provider_names().get(key)
    if names is None:
        raise ValueError(
            f"no names for {key!r} in checker/data/providers.tsv: add its English and Chinese names there first"
        )
    if data["provider"] != names["en"]:
        raise ValueError(f"provider {data['provider']!r} is {names['en']!r} in checker/data/providers.tsv")
    for text in ("source", "derivation"):
        if not isinstance(data[text], str) or not data[text].strip():
            raise ValueError(f"{text} must be text")
    try:
        date = datetime.datetime.strptime(str(data["source_version"]), "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"source_version {data['source_version']!r} is not a date written YYYYMMDD") from None
    if not isinstance(data["cidrs"], list) or not data["cidrs"]:
        raise ValueError("cidrs must be a list of networks")
    networks = set()
    for cidr in data["cidrs"]:
        if not isinstance(cidr, str):
            raise ValueError(f"{cidr!r} is not a network written as text")
        try:
            network = ipaddress.ip_network(cidr)
        except ValueError as error:  # host bits set, a prefix too long, not a network at all
            raise ValueError(f"{cidr!r} is not a network: {error}") from None
        if network in networks:
            raise ValueError(f"{cidr} is listed twice")
        networks.add(network)
    v4 = sum(network.version == 4 for network in networks)
    return (
        f"{key}: {data['provider']}, version {data['source_version']} ({date.isoformat()}): "
        f"{v4} IPv4 and {len(networks) - v4} IPv6 networks"
    )


def refresh(source: Path, target: Path = TARGET) -> list[str]:
    """Check every KEY.json in `source`, then copy them all into `target` (read-only, as copies should stay).
    With `target` itself as the source, the shipped files are only checked."""
    files = sorted(source.glob("*.json"))
    if not files:
        raise ValueError(f"{source}: no provider files (KEY.json)")
    summary = []
    for path in files:
        try:
            summary.append(check(path.stem, json.loads(path.read_text(encoding="utf-8"))))
        except ValueError as error:  # a JSON decoding error is a ValueError too
            raise ValueError(f"{path}: {error}") from None
    if source.resolve() == target.resolve():
        return summary
    for path in files:
        copy = target / path.name
        copy.unlink(missing_ok=True)
        shutil.copyfile(path, copy)
        copy.chmod(0o444)
    return summary


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        summary = refresh(Path(args[0]) if args else SHARED)
    except (OSError, ValueError) as error:
        print(f"update_provider_ranges: {error}", file=sys.stderr)
        return 1
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
