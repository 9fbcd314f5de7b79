"""Every page of both languages, loaded once and scrolled to its end: nothing
requested from another origin, no console error (a Content-Security-Policy
violation is one), no dialog and no axe-core violation (npm, served from
node_modules); axe in dark mode on a sample. (The weight of each load is
test_performance.py's test_page_weight.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import axe_violations
from test_browser import ALL_PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ALL_PAGES, ids=lambda p: p or "home")
def test_page_is_self_contained_and_accessible(page_load, path):
    """What each page requests, logs and what axe finds, in the one load of
    the page that test_page_weight reads too (conftest.page_load)."""
    load = page_load(path)
    assert load.status == 200
    assert load.outside == []
    assert load.console_errors == []  # a Content-Security-Policy violation is one (conftest)
    assert load.dialogs == []
    assert load.axe == []


@pytest.mark.parametrize("path", ["", "training/", "en/", "en/alignment/", "multimodal/"],
                         ids=lambda p: p or "home")
def test_page_has_no_axe_violations_in_dark_mode(page, server, path):
    page.emulate_media(color_scheme="dark")
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert axe_violations(page) == []


def test_colour_scheme_toggle_switches_between_light_and_dark(page, server):
    page.emulate_media(color_scheme="light")
    page.goto(server)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")

