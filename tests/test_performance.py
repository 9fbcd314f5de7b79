"""What makes pages lighter and builds faster changes nothing a reader sees:
unit tests of the pure functions behind it, the built site's assets, and
the weight of every page as a browser loads it."""

from __future__ import annotations

import json
import os
import time
from types import SimpleNamespace

import pytest
import yaml
from pypinyin import Style, lazy_pinyin

from compact_html import collapse_indentation
from files_io import SiteFiles, link_or_copy, write_if_changed
from glossary_docs import safe_yaml_node
from math_mathml import CACHE_KEY, _Cache, cache_text, latex_to_mathml, read_cache
from minified_assets import minified, own_assets
from short_links import built_pages
from term_index_pages import _readings
from test_browser import ALL_PAGES
from test_build import DIAGRAM_URLS

# --- files_io: generated files linked from .cache ------------------------------------

def test_a_linked_file_is_the_cached_file_and_its_folders_are_made(tmp_path):
    source = tmp_path / "cache" / "blob"
    source.parent.mkdir()
    source.write_text("card")
    dest = tmp_path / "site" / "t" / "lora" / "index.html"
    link_or_copy(source, dest)
    assert dest.read_text() == "card" and os.path.samefile(source, dest)
    link_or_copy(source, dest)  # a dirty build finds the earlier file there
    assert os.path.samefile(source, dest)


def test_writing_a_file_never_writes_through_a_link_into_the_cache(tmp_path):
    cached = tmp_path / "blob"
    cached.write_text("old")
    page = tmp_path / "page.html"
    link_or_copy(cached, page)
    assert write_if_changed(page, "new") and page.read_text() == "new"
    assert cached.read_text() == "old"  # replaced whole: the link is gone, not written through
    assert not write_if_changed(page, "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blob", "page.html"]  # no partial file left


def test_site_files_store_each_content_once_and_drop_what_no_build_used_for_two_weeks(tmp_path):
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"),
                             use_directory_urls=True, plugins=SimpleNamespace(_current_plugin=None))
    store = SiteFiles()
    one = store.file(config, "t/a/index.html", "same")
    two = store.file(config, "en/t/a/index.html", b"same")
    assert one.abs_src_path == two.abs_src_path and one.abs_dest_path != two.abs_dest_path
    blobs = tmp_path / SiteFiles.DIR
    (blobs / "old").write_text("from a build of three weeks ago")
    (blobs / "recent").write_text("from another build this week")
    now, day = time.time(), 86400
    os.utime(blobs / "old", (now - 21 * day, now - 21 * day))
    os.utime(blobs / "recent", (now - 3 * day, now - 3 * day))
    os.utime(one.abs_src_path, (now - 3 * day, now - 3 * day))
    store.prune(now)
    assert sorted(p.name for p in blobs.iterdir()) == sorted([os.path.basename(one.abs_src_path), "recent"])
    assert now - os.stat(one.abs_src_path).st_mtime < day  # its last use, dated
    one.copy_file()
    assert os.path.samefile(one.abs_src_path, one.abs_dest_path)


def test_a_math_font_subset_is_the_same_bytes_whenever_it_is_made():
    import io
    from pathlib import Path

    from fontTools.ttLib import TTFont

    from math_font import PACKAGE_FILE, subset

    font = (Path(__file__).resolve().parent.parent / PACKAGE_FILE).read_bytes()
    made = TTFont(io.BytesIO(subset(font, set("xyz∑"))))
    assert made["head"].modified == TTFont(io.BytesIO(font))["head"].modified  # not the time of the build


# --- compact_html ------------------------------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ("<nav>\n    <ul>\n      <li>a</li>\n\n    </ul>\n</nav>", "<nav>\n<ul>\n<li>a</li>\n</ul>\n</nav>"),
    # Spaces within a line, and a space before a line break, are left alone.
    ("<p>a  b <em>c</em> \n  d</p>", "<p>a  b <em>c</em> \nd</p>"),
    ("<pre><code>x = 1\n    y = 2\n</code></pre>\n  <p>", "<pre><code>x = 1\n    y = 2\n</code></pre>\n<p>"),
    ("<p><code>a\n   b</code>\n   <kbd>Ctrl\n  C</kbd></p>", "<p><code>a\n   b</code>\n<kbd>Ctrl\n  C</kbd></p>"),
    ('<div data-search-exclude="diagram" class="mermaid">mindmap\n  root\n    child</div>\n  <p>',
     '<div data-search-exclude="diagram" class="mermaid">mindmap\n  root\n    child</div>\n<p>'),
    ("<script>\n  var a = `\n    x`;\n</script>\n  <style>\n  a { b: c }\n</style>",
     "<script>\n  var a = `\n    x`;\n</script>\n<style>\n  a { b: c }\n</style>"),
    ("<textarea>\n  typed\n</textarea>", "<textarea>\n  typed\n</textarea>"),
], ids=["indentation", "inline-spaces", "pre", "code-and-kbd", "mermaid", "script-and-style", "textarea"])
def test_indentation_collapses_outside_elements_that_keep_whitespace(html, expected):
    assert collapse_indentation(html) == expected


# --- minified_assets ---------------------------------------------------------------

def test_minified_drops_comments_and_spaces_only():
    css = "/* Why: contrast. */\n.md-footer a {\n  color: #fff;  /* 4.5:1 */\n}\n"
    assert minified(css, ".css") == ".md-footer a{color:#fff}\n"
    js = '(function () {\n  // why\n  var text = "a  // b";\n  return text;\n})();\n'
    assert minified(js, ".js") == '(function(){var text="a  // b";return text;})();\n'


def test_own_assets_are_the_sites_unminified_css_and_js(tmp_path):
    for name in ("assets/stylesheets/extra.css", "assets/javascripts/sharing.js",
                 "assets/javascripts/vendor.min.js", "assets/images/favicon.png", "index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.as_posix() for p in own_assets(tmp_path)] == ["assets/javascripts/sharing.js",
                                                             "assets/stylesheets/extra.css"]


def test_built_site_serves_the_own_assets_minified(site):
    for name in ("assets/stylesheets/extra.css", "assets/stylesheets/glossary-navigation.css",
                 "assets/javascripts/sharing.js", "assets/javascripts/diagrams.js"):
        built = (site / name).read_text(encoding="utf-8")
        assert "/*" not in built and "\n  " not in built, name
        assert len(built.splitlines()) < 40, name


def test_built_pages_carry_no_indentation_outside_preformatted_text(site):
    page = (site / "training" / "index.html").read_text(encoding="utf-8")
    assert "\n  <" not in page
    assert '<div class="md-content" data-md-component="content">\n<article' in page


# --- math_mathml's cache -----------------------------------------------------------

def test_cache_reads_back_what_it_wrote_and_nothing_of_another_key():
    entries = {"inline x": "<math><mi>x</mi></math>"}
    assert read_cache(cache_text(entries)) == entries
    assert read_cache(cache_text(entries, key="latex2mathml 0.0")) == {}
    assert read_cache("{not json") == {}
    assert read_cache(json.dumps({"key": CACHE_KEY, "mathml": ["x"]})) == {}


def test_cache_reuses_previous_conversions_and_keeps_only_this_builds(tmp_path):
    path = tmp_path / ".cache" / "mathml.json"
    path.parent.mkdir()
    path.write_text(cache_text({"inline x": "<math>cached</math>", "inline gone": "<math/>"}),
                    encoding="utf-8")
    cache = _Cache()
    cache.open(path)
    assert cache.mathml("x", "inline") == "<math>cached</math>"  # not converted again
    assert cache.mathml("y", "block") == latex_to_mathml("y", "block")
    cache.save()
    assert read_cache(path.read_text(encoding="utf-8")) == {
        "inline x": "<math>cached</math>", "block y": latex_to_mathml("y", "block")}
    modified = path.stat().st_mtime_ns
    cache.open(path)  # the nested language pass of the same build: nothing reloaded
    cache.save()
    assert path.stat().st_mtime_ns == modified  # unchanged: not written


# --- term_index_pages' readings ----------------------------------------------------

@pytest.mark.parametrize("name", ["低秩适配（LoRA）", "重采样", "长短期记忆网络（LSTM）", "3D 卷积",
                                  "Transformer", "混合专家模型（MoE）与门控网络", "微调"])
def test_readings_run_by_run_are_pypinyins_readings_of_the_name(name):
    assert _readings(name) == lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True,
                                          errors=lambda text: [text])


# --- unused_css reads only the pages that use the theme -----------------------------

def test_built_pages_skip_the_short_link_pages(tmp_path):
    for name in ("index.html", "training/index.html", "en/index.html", "t/lora/index.html",
                 "en/t/lora/index.html", "404.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in built_pages(tmp_path)] == [
        "404.html", "en/index.html", "index.html", "training/index.html"]


# --- YAML: libyaml's speed, PyYAML's messages ---------------------------------------

def test_yaml_errors_carry_pyyamls_message():
    data, root = safe_yaml_node("a: [1, 2]\nb: c\n")
    assert data == {"a": [1, 2], "b": "c"} and root.start_mark.line == 0
    with pytest.raises(yaml.YAMLError) as error:
        safe_yaml_node("a: [1, b: 2\n")
    # libyaml alone says "did not find expected ',' or ']'".
    assert "expected ',' or ']', but got '<stream end>'" in str(error.value)


# --- Page weight (browser) ------------------------------------------------------------

# Every page without a diagram, with all it loads, stays under 300 KB before
# compression (the budget). What it loads besides its own HTML
# (theme bundle, pruned theme CSS, the site's minified CSS and JS; the
# sitemap only once a link is hovered) is the same on every page: 204 KB
# measured in 2026-12, asserted under 220 KB, which leaves a page about
# 90 KB of its own. `-k weight -s` prints each page's weight.
@pytest.mark.browser
@pytest.mark.parametrize("path", [p for p in ALL_PAGES if p.removeprefix("en/") not in DIAGRAM_URLS],
                         ids=lambda p: p or "home")
def test_page_weight(page_load, server, path):
    """The one load of the page that the accessibility test reads too
    (conftest.page_load)."""
    load = page_load(path)
    sizes = load.sizes
    total = sum(sizes.values())
    own = sizes.get(server + path, 0)
    print(f"{path or 'home'}: {total / 1024:.0f} KB in {len(sizes)} requests "
          f"({own / 1024:.0f} KB of it the page itself)")
    heaviest = ", ".join(f"{url.removeprefix(server) or 'home'} {size / 1024:.0f} KB"
                         for url, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:5])
    assert load.status == 200 and own > 0
    assert not [url for url in sizes if "search_index" in url or "mermaid" in url]
    assert total - own < 220 * 1024, (
        f"{path or 'home'} loads {(total - own) / 1024:.0f} KB besides its HTML (budget 220 KB): "
        f"a theme or site asset grew; heaviest: {heaviest}")
    assert total < 300 * 1024, (
        f"{path or 'home'} weighs {total / 1024:.0f} KB with all it loads (budget 300 KB), "
        f"{own / 1024:.0f} KB of it its own HTML: split the family page in two, or move "
        f"sub-terms to a related family; heaviest: {heaviest}")
