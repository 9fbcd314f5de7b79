"""Sharing a term in a real browser (Playwright, Debian's Chromium) against
the built site served under its GitHub Pages sub-path: short links land on
the heading, the language switch keeps the term, the copy button copies."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import heading_in_view

from test_sharing import SITE_URL

pytestmark = pytest.mark.browser

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
    page.wait_for_url(server)


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
                           polling=400)
    switch_language(page, "zh")
    page.wait_for_url(server + "training/#adapter")


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
    page.wait_for_function("text => document.querySelector('[role=status]').textContent.includes(text)",
                           arg=short)
    assert page.evaluate("navigator.clipboard.readText()") == short
    status = page.locator('[role="status"][aria-live="polite"]')
    assert status.text_content().startswith(confirmation)
    assert button.get_attribute("data-state") == "copied"
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
    page.locator(".md-search-result__item").first.wait_for()


def test_404_page_sends_a_capitalised_short_link_to_the_real_one(page, server):
    page.goto(server + "t/LoRA/")
    page.wait_for_url(server + "training/#lora")
