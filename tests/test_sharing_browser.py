"""Sharing a term in a real browser (Playwright, Debian's Chromium) against
the built site served under its GitHub Pages sub-path: short links land on
the heading, the language switch keeps the term, the copy button copies."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import assert_toast_covers_no_text, heading_in_view
from glossary_docs import glossary, load_site
from published_ids import LOCK_FILE, parse_lock
from test_sharing import SITE_URL

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent

# (short link, where it lands): a term, a sub-term (h3), an English term.
SHORT_LINKS = [("t/lora/", "training/#lora"),
               ("t/reward-hacking/", "alignment/#reward-hacking"),
               ("en/t/kv-cache/", "en/inference/#kv-cache")]


def switch_language(page, lang: str) -> None:
    page.locator(".md-header__option .md-select").first.hover()
    page.locator(f'a.md-select__link[hreflang="{lang}"]').click()


@pytest.mark.parametrize("short, lands", SHORT_LINKS, ids=[s for s, _ in SHORT_LINKS])
def test_short_link_lands_on_the_terms_heading(page, server, short, lands):
    page.goto(server + short)
    page.wait_for_url(server + lands)
    page.wait_for_load_state()
    assert heading_in_view(page, lands.split("#")[1])


def test_back_from_a_short_link_does_not_bounce_on_the_redirect(page, server):
    page.goto(server)
    page.goto(server + "t/lora/")
    page.wait_for_url(server + "training/#lora")
    page.go_back()
    expect(page).to_have_url(server)


def test_short_link_redirects_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "t/lora/")
    page.wait_for_url(server + "training/#lora")
    assert page.locator("#lora").is_visible()
    context.close()


@pytest.mark.parametrize("start, lang, lands", [
    ("training/#lora", "en", "en/training/#lora"),
    ("en/inference/#kv-cache", "zh", "inference/#kv-cache"),
], ids=["zh-to-en", "en-to-zh"])
def test_language_switch_keeps_the_term(page, server, start, lang, lands):
    page.goto(server + start)
    switch_language(page, lang)
    page.wait_for_url(server + lands)
    assert page.locator("html").get_attribute("lang") == lang
    assert heading_in_view(page, lands.split("#")[1])


def test_language_switch_keeps_the_term_scrolled_to(page, server):
    """navigation.tracking writes the term in view into the address: the
    switch follows it, not only a term opened by its link."""
    page.goto(server + "en/training/")
    page.evaluate("document.getElementById('adapter').scrollIntoView()")
    # Material tracks a scroll once it has settled (250 ms) and skips the
    # first after load: keep reading, a pixel now and then, until it tracks.
    page.wait_for_function("() => { scrollBy(0, 1); return location.hash === '#adapter'; }",
                           polling=400, timeout=10_000)
    expect(page).to_have_url(server + "en/training/#adapter")
    switch_language(page, "zh")
    expect(page).to_have_url(server + "training/#adapter")


@pytest.mark.parametrize("path, term_id, label, confirmation", [
    ("training/#lora", "lora", "复制短链接", "已复制短链接"),
    ("en/training/#lora", "lora", "Copy short link", "Short link copied"),
], ids=["zh", "en"])
def test_copy_button_puts_the_short_link_on_the_clipboard(browser, server, path, term_id, label,
                                                          confirmation):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    page.goto(server + path)
    button = page.get_by_role("button", name=label).and_(page.locator(f"#{term_id} button"))
    # Keyboard first: the button is reachable, and visible once focused.
    button.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).opacity") == "1"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    short = SITE_URL + ("en/" if path.startswith("en/") else "") + f"t/{term_id}/"
    status = page.locator('[role="status"][aria-live="polite"]')
    expect(status).to_contain_text(short)
    expect(status).to_have_text(re.compile("^" + re.escape(confirmation)))
    expect(button).to_have_attribute("data-state", "copied")
    assert page.evaluate("navigator.clipboard.readText()") == short
    # On screen, one line over the header: the link is for screen readers.
    expect(status.locator("span").first).to_have_text(confirmation)
    assert_toast_covers_no_text(page)
    page.mouse.click(5, 500)  # a click anywhere else sends it away
    expect(status).to_have_css("opacity", "0")
    context.close()


def test_alternates_stay_in_the_head_without_requests_for_missing_sitemaps(page, server):
    """Material asks for `<alternate>sitemap.xml` at load (sharing.js hides the
    alternates from it): none of those requests may fail or leave the site."""
    sitemaps: list[str] = []
    page.on("request", lambda request: "sitemap.xml" in request.url and sitemaps.append(request.url))
    page.goto(server + "training/")
    page.wait_for_load_state("networkidle")
    assert set(sitemaps) <= {server + "sitemap.xml"}  # the site's own, which exists
    hreflangs = page.eval_on_selector_all("link[rel=alternate][hreflang]",
                                          "links => links.map(l => [l.hreflang, l.href])")
    assert dict(hreflangs) == {"zh": SITE_URL + "training/", "en": SITE_URL + "en/training/",
                               "x-default": SITE_URL + "training/"}


def test_404_page_offers_search_in_both_languages(page, server):
    response = page.goto(server + "no/such/kv-cache")
    assert response.status == 404
    # The stylesheet loaded from the site root, three levels up.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.locator("#gl-not-found-q-zh").input_value() == "kv cache"
    page.locator("#gl-not-found-q-en").fill("lora")
    page.locator("#gl-not-found-q-en").press("Enter")
    page.wait_for_url(server + "en/?q=lora")
    search = page.locator("input.md-search__input")
    assert search.input_value() == "lora"
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)


def test_404_page_sends_a_capitalised_short_link_to_the_real_one(page, server):
    page.goto(server + "t/LoRA/")
    expect(page).to_have_url(server + "training/#lora")


def test_404_page_redirects_only_within_the_site(page, server):
    """At a domain root, //evil.example/t/X/ reached the 404 page, whose
    script sent the reader to //evil.example/t/x/ (another host)."""
    origin = server.split("/llm-glossary/")[0]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(origin + "//evil.example/llm-glossary/t/LoRA/")
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(origin + "/")
    assert not [url for url in requests if "evil.example" in url.split("//", 2)[1].split("/")[0]]


# --- Links published before a term moved -----------------------------------------------

LOCK, _ = parse_lock((ROOT / "docs" / LOCK_FILE).read_text(encoding="utf-8"))
CURRENT = {term.id: term for term in glossary(load_site(ROOT / "docs"))}
# (old link, where the term is now), in both languages, for every moved term.
MOVED = [(prefix + old + "#" + entry.id, CURRENT[entry.id].text[lang].url)
         for entry in LOCK.values() if entry.id in CURRENT
         for old in entry.urls[:-1]
         for lang, prefix in (("zh", ""), ("en", "en/"))]


def test_moved_terms_are_tested():
    # The structure of December 2026 moved terms between pages of a family
    # and across families: both kinds must keep their links.
    assert len(MOVED) >= 20
    assert any(old.startswith("foundations/#") and new.startswith("architecture/") for old, new in MOVED)


@pytest.mark.parametrize("old, new", MOVED, ids=[old for old, _ in MOVED])
def test_old_link_of_a_moved_term_lands_on_the_term(page, server, old, new):
    page.goto(server + old)
    page.wait_for_url(server + new)
    page.wait_for_load_state()
    assert heading_in_view(page, new.split("#")[1])


@pytest.mark.parametrize("old, new", [m for m in MOVED if m[0].startswith(("foundations/#token",
                                                                             "en/reasoning/#rag"))])
def test_old_link_without_javascript_lands_on_a_pointer_to_the_term(browser, server, old, new):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + old)
        term_id = old.split("#")[1]
        pointer = page.locator(f'li[id="{term_id}"] a[data-moved-term]')
        expect(pointer).to_be_in_viewport()
        pointer.click()
        expect(page).to_have_url(server + new)
    finally:
        context.close()
