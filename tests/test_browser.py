"""Playwright, driving Debian's Chromium, against the built site served on
127.0.0.1 under its GitHub Pages sub-path."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from term_index_pages import A_Z_PAGES
from test_build import DIAGRAM_URLS, PAGE_URLS

pytestmark = pytest.mark.browser

# Every page with a diagram, in both languages.
DIAGRAM_PAGES = sorted(DIAGRAM_URLS) + [f"en/{url}" for url in sorted(DIAGRAM_URLS)]
# Every page of both languages: the home pages, the term families and the
# pages generated from them (hooks/term_index_pages.py).
GENERATED = ["a-z", *[page[:-3] for page, _, _ in A_Z_PAGES[1:]], "tags", "terms"]
ALL_PAGES = ([""] + [f"{f}/" for f in GENERATED] + PAGE_URLS
             + ["en/"] + [f"en/{f}/" for f in GENERATED] + [f"en/{url}" for url in PAGE_URLS])


@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_diagram_renders_to_svg_without_errors(page, server, path):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + path)
    diagrams = page.locator("div.mermaid")
    assert diagrams.count() >= 1
    for index in range(diagrams.count()):  # each diagram of the page
        diagram = diagrams.nth(index)
        diagram.scroll_into_view_if_needed()
        svg = diagram.locator("svg").first
        expect(svg).to_be_attached(timeout=15_000)
        assert "Syntax error" not in diagram.inner_text()
        assert "error" not in (svg.get_attribute("aria-roledescription") or "")
        # Nodes were drawn, and the accessible title (accTitle) reached the SVG.
        assert diagram.locator("svg .node").count() >= 4
        assert (diagram.locator("svg title").first.text_content() or "").strip()
    assert errors == []


def test_diagram_is_redrawn_in_the_dark_scheme(page, server):
    page.emulate_media(color_scheme="light")
    page.goto(server + "alignment/#rlhf")
    diagram = page.locator("div.mermaid").first
    diagram.scroll_into_view_if_needed()
    expect(diagram).to_have_attribute("data-rendered", "default", timeout=15_000)
    expect(diagram.locator("svg")).to_have_count(1)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(diagram).to_have_attribute("data-rendered", "dark", timeout=15_000)
    expect(diagram.locator("svg")).to_have_count(1)


def test_diagram_source_loads_lazily_and_only_its_chunks(page, server):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(server + "en/multimodal/")
    page.wait_for_load_state("networkidle")
    diagram = page.locator("div.mermaid").first
    diagram.scroll_into_view_if_needed()
    expect(diagram).to_have_attribute("data-rendered", re.compile(r"\w"), timeout=15_000)
    expect(diagram.locator("svg")).to_have_count(1)
    vendor = [url for url in fetched if "/assets/vendor/mermaid/" in url]
    assert vendor and len(vendor) < 40  # a flowchart's chunks, not all 71
    before = len(fetched)
    page.goto(server + "en/training/")  # no diagram on this page
    page.wait_for_load_state("networkidle")
    assert [url for url in fetched[before:] if "mermaid" in url or "diagrams.js" in url] == []


@pytest.mark.parametrize("family", ["foundations", "training/fine-tuning", "architecture/attention"])
def test_language_switch_keeps_the_page(page, server, family):
    page.goto(f"{server}{family}/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a[hreflang="en"]').first.click()
    page.wait_for_url(f"{server}en/{family}/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-header__option .md-select").first.hover()
    page.locator('a[hreflang="zh"]').first.click()
    page.wait_for_url(f"{server}{family}/")
    assert page.locator("html").get_attribute("lang") == "zh"
