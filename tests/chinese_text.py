"""What Chinese text the checker shows must not hold: the ASCII path of a field (``websites[0].domains[0]``), which
a filer cannot read, and a run of English words (an English error, an English sentence left in a Chinese message).
The review of issue 14 (../shared/reference/zh-review.md, "Links, English leftovers, inconsistencies") found both
in Chinese messages; tests/test_zh_messages.py, tests/test_cli.py and the access check's browser test use these.

Allowed in Chinese text, as a Chinese filer reads it: single ASCII tokens (ICP, DNS, IP, HTTP, CNAME, SERVFAIL,
AAAA, DoH, JSON, dig, nslookup …), numbers, domain names and URLs, and what the filer typed, quoted “…”.
"""

from __future__ import annotations

import re

# A field's path: one of the filing's top-level keys followed by a key or an index, or any key with an index.
# (Chinese characters are word characters too: a path right after one has no \b before it.)
FIELD_PATH = re.compile(
    r"(?<![A-Za-z0-9_])(?:(?:entity|websites|materials)(?:\[\d+\]|\.[A-Za-z])|[A-Za-z_]+\[\d+\])[A-Za-z0-9_.\[\]-]*"
)
_URL = re.compile(r"https?://\S+")
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+\.?")  # a domain name (example.com, www.例子.中国), an address
_QUOTED = re.compile(r"“[^”]*”")  # what the filer typed, quoted as the checker quotes it
# Two or more ASCII words with only spaces between them: English prose, not a term.
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*)+")


def field_paths(text: str) -> list[str]:
    """The ASCII field paths in `text` (outside what the filer typed)."""
    return FIELD_PATH.findall(_QUOTED.sub("", text))


def english_runs(text: str) -> list[str]:
    """The runs of English words in `text`, once URLs, domain names and what the filer typed are set aside."""
    return ENGLISH_RUN.findall(_DOMAIN.sub(" ", _URL.sub(" ", _QUOTED.sub(" ", text))))


def problems(text: str) -> list[str]:
    """What a Chinese text must not hold, named: [] when it is clean."""
    return [f"field path {path!r}" for path in field_paths(text)] + [f"English {run!r}" for run in english_runs(text)]
