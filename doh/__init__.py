"""A small DNS-over-HTTPS endpoint for the self-check's access check: RFC 8484 and a Google/Cloudflare-style JSON
API, for A, AAAA and CNAME queries only, names checked by the checker's own rules (`checker.domain.host_name`) and
never single labels or special-use names (localhost, .local, .internal …: `doh.constants.SPECIAL_USE_SUFFIXES`).

    cli.py ── settings.py (options and environment → Settings)
       └── app.py (routes, statuses, create_app) ── accesslog.py, ratelimit.py (ASGI middleware)
             ├── messages.py   requests → one Question, or a small exception
             ├── cache.py      answers by question, LRU, kept for their TTLs (one upstream query per question
             │                 at a time: app.Endpoint)
             ├── upstream.py   a fresh query to the upstream resolvers, one retry
             └── answers.py    an answer → DNS message or JSON, TTLs aged; how long it may be reused
    constants.py: paths, media types, parameter names, limits, defaults

It is its own distribution (``doh/pyproject.toml``, command ``icp-doh``) so that the checker's wheel, which the
browser downloads, stays free of it; it imports the checker installed beside it.
"""
