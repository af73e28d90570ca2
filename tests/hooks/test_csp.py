"""hooks/csp.py: which inline scripts get a hash, what stops the build, and where connect-src may go. Whether
Chromium agrees with the hashes is tests/browser/test_csp.py's question (the built site under nginx)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

import csp


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = """<!doctype html><html><head>
<script>var a = "é<b>";</script>
<script type="module">import "./x.js"</script>
<script type="text/javascript; charset=utf-8">b()</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script type="application/ld+json">{}</script>
<script src="assets/javascripts/bundle.js"></script>
</head><body><p title="onclick=x">javascript: in text is only text</p></body></html>"""


def test_every_script_that_runs_gets_its_hash_and_data_blocks_none():
    assert csp.page_scripts(PAGE, "page") == [sha('var a = "é<b>";'), sha('import "./x.js"'), sha("b()")]


def test_line_ends_are_hashed_as_the_browsers_parser_leaves_them():
    assert csp.page_scripts("<script>a()\r\nb()\rc()</script>", "page") == [sha("a()\nb()\nc()")]


@pytest.mark.parametrize(
    "markup", ['<button onclick="go()">Go</button>', '<a href="javascript:go()">Go</a>', "<body onload=go()>"]
)
def test_what_no_hash_can_allow_stops_the_build(markup: str):
    with pytest.raises(PluginError, match=r"zh/page/index\.html: an inline event handler or javascript: URL"):
        csp.page_scripts(markup, "zh/page/index.html")


@pytest.mark.parametrize(
    "doh_url, site_url, sources",
    [
        ("/resolve", "https://icp.example.com/", ["'self'"]),
        ("https://icp.example.com/resolve", "https://icp.example.com/", ["'self'"]),
        ("https://ICP.example.com:443/resolve", "https://icp.example.com:443/", ["'self'"]),
        ("http://127.0.0.1:8766/resolve", "http://127.0.0.1:8765/", ["'self'", "http://127.0.0.1:8766"]),
        ("https://doh.example.com/resolve", "https://icp.example.com/", ["'self'", "https://doh.example.com"]),
        ("https://doh.example.com/resolve", None, ["'self'", "https://doh.example.com"]),
    ],
)
def test_connect_src_names_the_endpoint_only_on_another_origin(doh_url: str, site_url: str | None, sources):
    assert csp.connect_sources(doh_url, site_url) == sources


def test_the_policy_file_holds_each_pages_hashes_once(tmp_path: Path):
    (tmp_path / "zh" / "a").mkdir(parents=True)
    (tmp_path / "index.html").write_text('<script>__md_scope=new URL(".",location)</script><script>x()</script>')
    (tmp_path / "zh" / "a" / "index.html").write_text("<script>__md_scope=new URL('../..',location)</script>")
    (tmp_path / "404.html").write_text("<script>x()</script>")
    config = SimpleNamespace(
        site_dir=str(tmp_path), site_url="http://127.0.0.1:8765/", extra={"access": {"doh_url": "/resolve"}}
    )
    csp.on_post_build(config)
    policy = (tmp_path / csp.POLICY_FILE).read_text(encoding="utf-8")
    assert policy.endswith("frame-ancestors 'none'\n") and policy.count("\n") == 1
    hashes = sorted([sha('__md_scope=new URL(".",location)'), sha("__md_scope=new URL('../..',location)"), sha("x()")])
    assert f"script-src 'self' 'wasm-unsafe-eval' {' '.join(hashes)};" in policy
    assert "connect-src 'self';" in policy
