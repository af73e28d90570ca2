"""doh.cli and doh.settings: options and environment variables, and the exit status 2 for bad values."""

from __future__ import annotations

import pytest

from doh import cli
from doh.settings import Settings, SettingsError, parse_origin, parse_upstream, system_upstreams
from doh.upstream import Upstream

UPSTREAM = ["--upstream", "127.0.0.1"]


def test_defaults():
    settings = cli.parse(UPSTREAM, {})
    assert settings == Settings(upstreams=(Upstream("127.0.0.1", 53),))
    assert (settings.host, settings.port, settings.timeout, settings.rate, settings.burst, settings.cache_size) == (
        "127.0.0.1",
        8053,
        2.0,
        20.0,
        40,
        10_000,
    )
    assert not settings.log_names and not settings.debug and settings.allow_origins == ()


def test_every_option():
    settings = cli.parse(
        [
            "--host",
            "0.0.0.0",
            "--port",
            "9053",
            "--upstream",
            "119.29.29.29",
            "--upstream",
            "[2400:3200::1]:5353",
            "--allow-origin",
            "https://icp.example.com",
            "--allow-origin",
            "http://127.0.0.1:8000",
            "--timeout",
            "0.5",
            "--rate",
            "5",
            "--burst",
            "10",
            "--cache-size",
            "0",
            "--log-names",
            "--debug",
            "--forwarded-allow-ips",
            "10.0.0.0/8",
            "--forwarded-allow-ips",
            "::1",
        ],
        {},
    )
    assert settings == Settings(
        host="0.0.0.0",
        port=9053,
        upstreams=(Upstream("119.29.29.29", 53), Upstream("2400:3200::1", 5353)),
        allow_origins=("https://icp.example.com", "http://127.0.0.1:8000"),
        timeout=0.5,
        rate=5.0,
        burst=10,
        cache_size=0,
        log_names=True,
        debug=True,
        forwarded_allow_ips=("10.0.0.0/8", "::1"),
    )


ENVIRONMENT = {
    "ICP_DOH_HOST": "::",
    "ICP_DOH_PORT": "5300",
    "ICP_DOH_UPSTREAMS": "223.5.5.5, 119.29.29.29:53",
    "ICP_DOH_ALLOW_ORIGINS": "https://a.example,https://b.example",
    "ICP_DOH_TIMEOUT": "1.5",
    "ICP_DOH_RATE": "2.5",
    "ICP_DOH_BURST": "3",
    "ICP_DOH_CACHE_SIZE": "7",
    "ICP_DOH_LOG_NAMES": "yes",
}


def test_environment_variables():
    assert cli.parse([], ENVIRONMENT) == Settings(
        host="::",
        port=5300,
        upstreams=(Upstream("223.5.5.5"), Upstream("119.29.29.29")),
        allow_origins=("https://a.example", "https://b.example"),
        timeout=1.5,
        rate=2.5,
        burst=3,
        cache_size=7,
        log_names=True,
    )


def test_options_win_over_environment_variables():
    settings = cli.parse(
        ["--port", "6000", "--upstream", "192.0.2.1", "--rate", "9", "--log-names"],
        {**ENVIRONMENT, "ICP_DOH_LOG_NAMES": "0"},
    )
    assert (settings.port, settings.upstreams, settings.rate, settings.log_names, settings.burst) == (
        6000,
        (Upstream("192.0.2.1"),),
        9.0,
        True,
        3,
    )


def test_an_empty_environment_variable_is_unset():
    assert cli.parse(UPSTREAM, {"ICP_DOH_PORT": "", "ICP_DOH_ALLOW_ORIGINS": ""}).port == 8053


def test_the_system_resolvers_by_default():
    try:
        expected = system_upstreams()
    except SettingsError:
        pytest.skip("this machine's /etc/resolv.conf names no nameserver")
    assert cli.parse([], {}).upstreams == expected


@pytest.mark.parametrize(
    "text, upstream",
    [
        ("119.29.29.29", Upstream("119.29.29.29", 53)),
        ("223.5.5.5:5353", Upstream("223.5.5.5", 5353)),
        ("::1", Upstream("::1", 53)),
        ("[::1]:53", Upstream("::1", 53)),
        ("[2400:3200::1]", Upstream("2400:3200::1", 53)),
        ("[2400:3200:0::1]:8053", Upstream("2400:3200::1", 8053)),
    ],
)
def test_parse_upstream(text, upstream):
    assert parse_upstream(text) == upstream


@pytest.mark.parametrize(
    "text",
    [
        "",
        "dns.example.com",
        "dns.example.com:53",
        "1.2.3",
        "1.2.3.4:",
        "1.2.3.4:0",
        "1.2.3.4:65536",
        "1.2.3.4:x",
        "[::1",
        "[::1]:",
        "::1:53:x",
        "[not-an-ip]:53",
        "256.1.1.1",
    ],
)
def test_parse_upstream_refuses(text):
    with pytest.raises(ValueError):
        parse_upstream(text)


@pytest.mark.parametrize("text", ["*", "https://icp.example.com", "http://127.0.0.1:8000", "https://[::1]:8443"])
def test_parse_origin(text):
    assert parse_origin(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "icp.example.com",
        "https://icp.example.com/",
        "https://icp.example.com/path",
        "ftp://icp.example.com",
        "https://user@icp.example.com",
        "https://icp.example.com?x=1",
        "https://icp.example.com:99999",
        "https://",
    ],
)
def test_parse_origin_refuses(text):
    with pytest.raises(ValueError):
        parse_origin(text)


@pytest.mark.parametrize(
    "argv, environ, named",
    [
        (["--port", "http"], {}, "--port"),
        (["--port", "0"], {}, "--port"),
        (["--port", "70000"], {}, "--port"),
        (["--host", "bad host"], {}, "--host"),
        (["--upstream", "dns.example.com"], {}, "--upstream"),
        (["--upstream", "1.2.3.4:99999"], {}, "--upstream"),
        (["--allow-origin", "https://site.example/path"], {}, "--allow-origin"),
        (["--timeout", "0"], {}, "--timeout"),
        (["--timeout", "-1"], {}, "--timeout"),
        (["--timeout", "nan"], {}, "--timeout"),
        (["--timeout", "soon"], {}, "--timeout"),
        (["--rate", "0"], {}, "--rate"),
        (["--rate", "inf"], {}, "--rate"),
        (["--burst", "0"], {}, "--burst"),
        (["--burst", "1.5"], {}, "--burst"),
        (["--cache-size", "-1"], {}, "--cache-size"),
        ([], {"ICP_DOH_PORT": "eighty"}, "ICP_DOH_PORT"),
        ([], {"ICP_DOH_UPSTREAMS": "1.2.3.4,nameserver"}, "ICP_DOH_UPSTREAMS"),
        ([], {"ICP_DOH_UPSTREAMS": " , "}, "ICP_DOH_UPSTREAMS"),
        ([], {"ICP_DOH_ALLOW_ORIGINS": "example.com"}, "ICP_DOH_ALLOW_ORIGINS"),
        ([], {"ICP_DOH_TIMEOUT": "2s"}, "ICP_DOH_TIMEOUT"),
        ([], {"ICP_DOH_RATE": "fast"}, "ICP_DOH_RATE"),
        ([], {"ICP_DOH_BURST": "-4"}, "ICP_DOH_BURST"),
        ([], {"ICP_DOH_CACHE_SIZE": "big"}, "ICP_DOH_CACHE_SIZE"),
        ([], {"ICP_DOH_LOG_NAMES": "maybe"}, "ICP_DOH_LOG_NAMES"),
    ],
)
def test_bad_values_exit_2_naming_the_setting(argv, environ, named, capsys):
    assert cli.main(argv, {"ICP_DOH_UPSTREAMS": "127.0.0.1", **environ}) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"icp-doh: {named}: ") and error.count("\n") == 1


@pytest.mark.parametrize("argv", [["--no-such-option"], ["--port"], ["stray"]])
def test_usage_errors_exit_2(argv, capsys):
    assert cli.main(argv, {}) == 2
    assert "usage: icp-doh" in capsys.readouterr().err


def test_help_exits_0_and_names_the_environment_variables(capsys):
    assert cli.main(["--help"], {}) == 0
    assert "ICP_DOH_UPSTREAMS" in capsys.readouterr().out.replace("\n", " ")


# --- a reachable address needs upstreams said outright ----------------------------------------------------------

NOT_LOOPBACK = ["0.0.0.0", "::", "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1", "doh.example.com", "localhost.example"]
LOOPBACK = ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1", "localhost", "LOCALHOST"]


@pytest.mark.parametrize("host", NOT_LOOPBACK)
def test_a_reachable_address_without_upstreams_is_refused(host):
    """The system's resolver may answer internal names: reachable from elsewhere, the endpoint needs upstreams
    named, whether the address comes from the option or the variable. (parse, not main: were the check missing,
    main would serve.)"""
    for argv, environ in ((["--host", host], {}), ([], {"ICP_DOH_HOST": host})):
        with pytest.raises(SettingsError) as refused:
            cli.parse(argv, environ)
        assert str(refused.value) == (
            f"--host {host} is reachable from other machines: name the upstream resolvers with --upstream or "
            "ICP_DOH_UPSTREAMS (the system's resolver, the default on a loopback address, may answer internal names)"
        )


@pytest.mark.parametrize("host", NOT_LOOPBACK)
def test_a_reachable_address_with_upstreams_is_accepted(host):
    assert cli.parse(["--host", host, *UPSTREAM], {}).upstreams == (Upstream("127.0.0.1"),)
    assert cli.parse(["--host", host], {"ICP_DOH_UPSTREAMS": "192.0.2.53"}).upstreams == (Upstream("192.0.2.53"),)


@pytest.mark.parametrize("host", LOOPBACK)
def test_a_loopback_address_keeps_the_system_resolvers(host):
    try:
        expected = system_upstreams()
    except SettingsError:
        pytest.skip("this machine's /etc/resolv.conf names no nameserver")
    assert cli.parse(["--host", host], {}).upstreams == expected
