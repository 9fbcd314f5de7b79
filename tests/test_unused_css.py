"""The theme's CSS is pruned of rules no page or script can use."""

from __future__ import annotations

import re

import pytest

from unused_css import (
    components_off,
    drop_unread_properties,
    prune_css,
    selector_is_used,
    usage,
    without_components,
)

USED = usage(['<div class="md-typeset kept" data-md-color-primary="indigo">'],
             ['el.classList.add("md-search-result__more")'])


def test_usage_collects_classes_of_pages_and_words_of_scripts():
    assert {"md-typeset", "kept", "md-search-result__more"} <= USED.classes
    assert USED.palette == {("primary", "indigo")}


def test_selectors_need_every_class_outside_functional_pseudo_classes():
    assert selector_is_used(".md-typeset .kept > a", USED)
    assert not selector_is_used(".md-typeset .tabbed-set", USED)
    assert selector_is_used(".md-typeset a:not(.headerlink)", USED)
    assert selector_is_used(":is(.admonition,details) summary", USED)
    assert selector_is_used(".md-search-result__more", USED)  # added by a script
    assert not selector_is_used("[data-md-color-primary=red] .kept", USED)
    assert selector_is_used("[data-md-color-primary=indigo]", USED)


@pytest.mark.parametrize(("extensions", "features", "extra", "off"), [
    (["toc"], ["content.code.copy"], {}, ("tabbed-", "md-annotation", "md-version")),
    (["toc", "pymdownx.tabbed"], ["content.code.annotate"], {"version": {"provider": "mike"}}, ()),
], ids=["this-site", "all-on"])
def test_components_a_setting_turns_on_are_off_without_it(extensions, features, extra, off):
    assert components_off(extensions, features, extra) == off


def test_the_script_s_names_of_a_component_that_is_off_keep_none_of_its_rules():
    used = without_components(usage([], ['e.className="tabbed-labels md-annotation__index md-top"']),
                              ("tabbed-", "md-annotation"))
    assert prune_css(".tabbed-labels{a:b}.md-annotation__index{c:d}.md-top{e:f}", used) == ".md-top{e:f}"


def test_prune_keeps_at_rules_and_recurses_into_media_queries():
    css = ('@charset "utf-8";' ":root{--x:1}.kept{a:b}.tabbed-set{c:d}"
           "@media screen{.kept{e:f}.task-list{g:h}}@media print{.card{i:j}}"
           "@keyframes spin{0%{k:l}to{m:n}}.kept,.grid{o:p}")
    assert prune_css(css, USED) == ('@charset "utf-8";' ":root{--x:1}.kept{a:b}"
                                    "@media screen{.kept{e:f}}"
                                    "@keyframes spin{0%{k:l}to{m:n}}.kept{o:p}")


def test_usage_collects_the_custom_properties_read_outside_the_theme():
    used = usage(['<p style="color: var(--page-colour)">'], ['el.style.setProperty("--md-tooltip-x", x)'],
                 [".gl-term { border-color: var( --md-accent-fg-color) }"])
    assert used.properties == {"--page-colour", "--md-tooltip-x", "--md-accent-fg-color"}


def test_custom_properties_nothing_reads_are_dropped_until_none_is_left():
    main = (':root{--md-icon--bug:url("data:image/svg+xml;charset=utf-8,<svg/>");'
            "--md-read-by-site:red;--md-only-for-bug:var(--md-icon--bug);--md-unread:1px}"
            ".kept{color:var(--md-kept)}@media screen{:root{--md-unread:2px}}"
            "@keyframes spin{0%{--md-unread:1}}")
    palette = "[data-md-color-scheme=slate]{--md-kept:white;--md-unread:3px;color:black}"
    assert drop_unread_properties({"main": main, "palette": palette},
                                  frozenset({"--md-read-by-site"})) == {
        "main": ":root{--md-read-by-site:red}.kept{color:var(--md-kept)}"
                "@keyframes spin{0%{--md-unread:1}}",
        "palette": "[data-md-color-scheme=slate]{--md-kept:white;color:black}",
    }


def test_built_site_links_the_pruned_stylesheets(site):
    sheets = sorted(p.name for p in (site / "assets" / "stylesheets").glob("*.min.css"))
    assert [re.sub(r"\.[0-9a-f]{8}\.", ".", name) for name in sheets] == ["main.min.css",
                                                                           "palette.min.css"]
    main = next((site / "assets" / "stylesheets").glob("main.*.min.css"))
    assert main.stat().st_size < 82_000  # Material's is 137 KB
    assert ".tabbed-set" not in main.read_text(encoding="utf-8")
    assert "--md-admonition-icon--bug" not in main.read_text(encoding="utf-8")
    assert "var(--md-typeset-a-color)" in main.read_text(encoding="utf-8")
    page = (site / "en" / "training" / "index.html").read_text(encoding="utf-8")
    assert f"stylesheets/{main.name}" in page
