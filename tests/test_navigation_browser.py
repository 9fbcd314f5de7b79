"""Reaching a term in a real browser (Playwright, Debian's Chromium) against
the built site served under its GitHub Pages sub-path: the A–Z index links
land on terms, abbreviations in Chinese text show their full name, and
hovering a link to a term previews its definition."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import heading_in_view, inject_axe
from term_index_pages import a_z_page_of, initial

pytestmark = pytest.mark.browser

PRODUCTION = "https://llm-glossary.github.io/llm-glossary/"


# (index page, the entry's text, where it lands): a term, a cross-reference
# from an abbreviation, a sub-term, and the English index.
def a_z_url(name: str, lang: str) -> str:
    """The A–Z page (site-relative URL) that files `name`."""
    page = a_z_page_of(initial(name, lang))
    return ("" if lang == "zh" else f"{lang}/") + ("a-z/" if page == "a-z.md" else page[:-3] + "/")


ENTRIES = [(a_z_url("低秩适配（LoRA）", "zh"), "低秩适配（LoRA）", "training/#lora"),
           (a_z_url("RLHF", "zh"), "RLHF", "alignment/#rlhf"),
           (a_z_url("奖励黑客（Reward Hacking）", "zh"), "奖励黑客（Reward Hacking）", "alignment/#reward-hacking"),
           (a_z_url("Key-Value Cache (KV Cache)", "en"), "Key-Value Cache (KV Cache)", "en/inference/#kv-cache")]


@pytest.mark.parametrize("index, entry, lands", ENTRIES, ids=[e for _, e, _ in ENTRIES])
def test_index_links_land_on_the_term(page, server, index, entry, lands):
    page.goto(server + index)
    row = page.locator("dt", has_text=re.compile(f"^{re.escape(entry)}$"))
    row.locator("xpath=following-sibling::dd[1]").locator("a").or_(row.locator("a")).first.click()
    page.wait_for_url(server + lands)
    term_id = lands.split("#")[1]
    expect(page.locator(":target")).to_have_id(term_id)
    assert heading_in_view(page, term_id)


@pytest.mark.parametrize("index, letter", [("a-z/", "X"), ("en/a-z/", "T"), ("en/a-z/", "B")])
def test_letter_bar_jumps_below_itself(page, server, index, letter):
    """From the first A–Z page, a letter leads to its heading, on this page or
    the one that holds it, below the sticky bar."""
    lang = "en" if index.startswith("en/") else "zh"
    page.goto(server + index)
    page.locator(".glossary-letters a", has_text=re.compile(f"^{letter}$")).click()
    holder = a_z_page_of(letter)
    url = ("" if lang == "zh" else "en/") + ("a-z/" if holder == "a-z.md" else holder[:-3] + "/")
    page.wait_for_url(f"{server}{url}#{letter.lower()}")
    # The heading's text, not its box: the box reaches up under the bar with
    # its padding, so that Material's scroll tracking reads this letter.
    gap = page.evaluate("""id => { const text = document.createRange();
        text.selectNodeContents(document.getElementById(id));
        return text.getClientRects()[0].top
            - document.querySelector(".glossary-letters").getBoundingClientRect().bottom; }""", letter.lower())
    assert gap >= 0  # the sticky bar does not cover the heading


def test_abbreviation_in_chinese_text_shows_its_full_name(page, server):
    page.goto(server + "inference/")
    abbr = page.locator("p abbr", has_text=re.compile("^KV$")).first
    # It sits in Chinese running text.
    assert re.search(r"[\u4e00-\u9fff]", abbr.locator("xpath=..").inner_text())
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text("键值（Key-Value）", use_inner_text=True)


def test_abbreviation_in_english_text_shows_its_english_name(page, server):
    page.goto(server + "en/training/")
    abbr = page.locator("p abbr", has_text=re.compile("^LoRA$")).first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text("Low-Rank Adaptation", use_inner_text=True)


def serve_sitemaps_for(page, server: str) -> None:
    """Material previews links to pages its sitemap lists, comparing protocol,
    host and path but not the port: the test server's random port never
    matches the production URLs of the sitemap. Rewrite them to the test
    server, as if the site were deployed there."""
    origin = f"{urlsplit(server).scheme}://{urlsplit(server).netloc}{urlsplit(server).path}"

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(PRODUCTION, origin))

    page.route(re.compile(r".*/sitemap\.xml$"), handle)


@pytest.mark.parametrize("path, link, heading, definition", [
    ("training/", ".glossary-see-also__list a[href='../inference/quantization/#quantization']",
     "量化（Quantization）", "量化"),
    ("en/training/", ".glossary-see-also__list a[href='./#adapter']", "Adapter", "An adapter"),
    (a_z_url("键值缓存（KV Cache）", "zh"), "dt a[href='../../inference/#kv-cache']", "键值缓存（KV Cache）", "键值缓存"),
], ids=["zh-see-also", "en-see-also", "zh-index"])
def test_hovering_a_term_link_previews_its_definition(page, server, path, link, heading, definition):
    serve_sitemaps_for(page, server)
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    # What the hover loads: the previewed page, from the site itself.
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    anchor = page.locator(link).first
    anchor.scroll_into_view_if_needed()
    anchor.hover()
    preview = page.locator(".md-tooltip2[role=dialog].md-tooltip2--active")
    expect(preview).to_be_visible(timeout=10_000)
    assert preview.locator("h3").inner_text().strip().rstrip("¶").strip() == heading
    shown = [e for e in preview.locator(".md-tooltip2__inner > *").all() if e.is_visible()]
    # The heading and the definition only, not the whole entry.
    assert len(shown) == 2 and shown[1].inner_text().startswith(definition)
    assert loaded and all(url.startswith(server) for url in loaded), loaded


def test_tag_of_a_term_leads_to_its_tag_on_the_tags_page(page, server):
    page.goto(server + "training/#lora")
    page.locator("#lora ~ .glossary-term-tags a", has_text="效率").first.click()
    page.wait_for_url(server + "tags/#efficiency")
    section = page.locator("#efficiency ~ .glossary-tag-list").first
    assert section.locator("a[href='../training/#lora']").count() == 1


# Each kind of generated page once, in both languages and both schemes.
@pytest.mark.parametrize("path, scheme", [("a-z/", "light"), ("en/tags/", "dark"), ("terms/", "dark"),
                                          ("en/terms/", "light")], ids=lambda v: v)
def test_generated_pages_have_no_axe_violations(page, server, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    inject_axe(page)
    # The footer is the same on every page; test_accessibility.py checks it.
    violations = page.evaluate("""async () => {
        const r = await axe.run({exclude: [[".md-footer"]]}, {resultTypes: ["violations"]});
        return r.violations.map(v => `${v.id}: ${v.nodes[0].target.join(" ")}`);
    }""")
    assert violations == []
