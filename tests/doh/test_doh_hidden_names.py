"""The DoH endpoint refuses a name with a hidden character in it, as the checker's host_name does (issue 12: it
used to resolve exa<U+200B>mple.com as xn--example-2z6c.com, another name than the one shown)."""

from __future__ import annotations

import base64

import dns.message
import pytest

from doh_servers import HOST, HOST_V4

HIDDEN_NAMES = [
    "exa\u200bmple.test",
    "exa\u00admple.test",
    "exa\u200dmple.test",
    "exa\u202emple.test",
    "\ufeffexample.test",
]


@pytest.mark.parametrize("name", HIDDEN_NAMES, ids=["U+200B", "U+00AD", "U+200D", "U+202E", "U+FEFF"])
def test_the_json_api_refuses_a_name_with_a_hidden_character(endpoint, http, name):
    response = http.get(endpoint + "/resolve", params={"name": name})
    assert response.status_code == 400 and set(response.json()) == {"error"}
    assert http.get(endpoint + "/resolve", params={"name": HOST}).json()["Answer"][0]["data"] == HOST_V4


def test_over_the_wire_the_a_label_of_a_hidden_character_is_refused(endpoint, http):
    """xn--example-2z6c is the Punycode of exa<U+200B>mple: a DNS client sends that A-label."""
    wire = dns.message.make_query("xn--example-2z6c.test", "A").to_wire()
    dns_param = base64.urlsafe_b64encode(wire).rstrip(b"=").decode()
    response = http.get(endpoint + "/dns-query", params={"dns": dns_param})
    assert response.status_code == 400


def test_debug_mode_names_the_character(serve, http):
    body = http.get(serve(debug=True) + "/resolve", params={"name": "exa\u200bmple.test"}).json()
    assert "DOMAIN_HIDDEN_CHARACTER" in body["detail"] and "U+200B ZERO WIDTH SPACE after 'exa'" in body["detail"]
