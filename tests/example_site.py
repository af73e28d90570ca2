"""One example of the site's configuration (mkdocs.yml's `extra` block) for the tests of the hooks and of the
wizard: another provider than the real one, with addresses that appear nowhere else, so a test sees that what is
configured reaches the pages, not what is built in. Tests that change it take a deep copy."""

PROVIDER = {
    "name": {"en": "Example Cloud", "zh": "示例云"},
    "console_url": "https://console.example.com/icp",
    "phone_check_url": "https://console.example.com/icp/phones",
    "provincial_rules_url": {"en": "https://example.com/en/rules", "zh": "https://example.com/zh/rules"},
    "shell_entity_url": "https://example.com/shell",
    "new_website_url": "https://example.com/new-website",
    "access_filing_url": "https://example.com/access-filing",
    "first_filing_url": "https://example.com/first-filing",
    "change_filing_url": "https://example.com/change-filing",
    "domain_suffixes_url": "https://example.com/suffixes",
    "support_url": "https://example.com/support",
    "extension_days": 7,
    "ranges": "alibaba-cloud",
}
MIIT = {"query_url": "https://beian.miit.example/"}
EXTRA = {"provider": PROVIDER, "miit": MIIT, "access": {"doh_url": "/resolve"}}
