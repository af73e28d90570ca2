from types import SimpleNamespace

import not_found


def config(language, site_dir):
    return SimpleNamespace(theme={"language": language}, site_dir=str(site_dir), site_url="http://127.0.0.1:8000/")


def test_the_root_keeps_the_default_language_and_each_other_language_gets_its_own(tmp_path):
    assert not_found.on_post_template("<html lang=en>", "404.html", config("en", tmp_path)) == "<html lang=en>"
    root = not_found.on_post_template("<html lang=zh>", "404.html", config("zh", tmp_path))
    assert root == "<html lang=en>"
    assert (tmp_path / "zh" / "404.html").read_text(encoding="utf-8") == "<html lang=zh>"


def test_a_rebuild_takes_the_new_default_page(tmp_path):
    not_found.on_post_template("old", "404.html", config("en", tmp_path))
    not_found.on_post_template("new", "404.html", config("en", tmp_path))
    assert not_found.on_post_template("zh page", "404.html", config("zh", tmp_path)) == "new"


def test_other_templates_pass_through(tmp_path):
    assert not_found.on_post_template("<urlset/>", "sitemap.xml", config("zh", tmp_path)) == "<urlset/>"
    assert not (tmp_path / "zh").exists()


def test_the_switcher_of_a_404_page_leads_to_each_language_home(tmp_path):
    built = (
        '<head><link rel="alternate" href="../inspected-items/materials/" hreflang="en"></head>'
        '<a href="../inspected-items/materials/" hreflang="en" class="md-select__link">English</a>'
        '<a href="./" hreflang="zh" class="md-select__link">中文</a>'
    )
    not_found.on_post_template(built, "404.html", config("zh", tmp_path))
    page = (tmp_path / "zh" / "404.html").read_text(encoding="utf-8")
    assert '<meta name="alternate-page" data-lang="en" content="/">' in page
    assert '<a href="/" hreflang="en" class="md-select__link" target="_self">English</a>' in page
    assert '<a href="/zh/" hreflang="zh" class="md-select__link" target="_self">中文</a>' in page
