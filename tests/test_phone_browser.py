"""Reading on a phone: every page of both languages at 390 × 844 px with a
touch screen (Playwright, Debian's Chromium), loaded once in one shared tab.

The page never scrolls sideways; every table and display formula fits its
column or scrolls inside a box of its own that stays on the screen and
shows a shadow at its hidden side; term headings keep their icons on their
last line, as touch targets of 44 × 44 px at least 8 px apart, and so are
the chips of tags and See also; the header's title is whole, on two lines
at most. Then what a
reader does with a shared link: the share button, the tab's title, the A–Z
letter bar."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from conftest import assert_toast_covers_no_text
from test_browser import ALL_PAGES

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# What one look at a laid-out page finds wrong, by kind (empty lists when
# nothing is): measured in the page, so that one load answers every check.
LAYOUT_PROBLEMS = r"""() => {
  const width = document.documentElement.clientWidth;
  const describe = el => (el.closest("[id]") ? "#" + el.closest("[id]").id + " " : "")
      + el.tagName.toLowerCase() + " " + (el.textContent || "").trim().slice(0, 40);
  const scroller = el => {
    for (let box = el; box && box !== document.body; box = box.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)) return box;
    }
    return null;
  };
  const problems = {page: [], boxes: [], headings: [], header: [], chips: []};
  // The header's title (and the site's name): whole, in two lines at most,
  // inside the header; never cut, never ending in "…".
  const header = document.querySelector(".md-header").getBoundingClientRect();
  for (const topic of document.querySelectorAll(".md-header__topic")) {
    const text = topic.querySelector(".md-ellipsis");
    if (!text || !text.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const rects = [...range.getClientRects()].filter(r => r.width);
    const lines = new Set(rects.map(r => Math.round(r.top))).size;
    const bottom = Math.max(...rects.map(r => r.bottom));
    const name = text.textContent.trim().replace(/\s+/g, " ");
    if (text.scrollWidth > text.clientWidth + 1) problems.header.push(`"${name}" is cut at its end`);
    if (lines > 2) problems.header.push(`"${name}" takes ${lines} lines`);
    if (bottom > header.bottom + 1) problems.header.push(`"${name}" reaches ${bottom} px, below the header`);
  }
  // Chips (a term's tags, See also, the tags page's bar) and the family
  // page's list of its terms: 44 x 44 px targets, 8 px from any other of
  // their row or bar.
  for (const group of document.querySelectorAll(
      ".md-content :is(.glossary-term-tags, .glossary-tags p, .glossary-see-also__list, .gl-on-page ul)")) {
    const chips = [...group.querySelectorAll("a")].map(a => [a, a.getBoundingClientRect()]);
    for (const [chip, rect] of chips) {
      if (rect.width < 44 || rect.height < 44) {
        problems.chips.push(`${describe(chip)}: ${rect.width}x${rect.height} px`);
      }
    }
    for (let i = 0; i < chips.length; i++) {
      for (let j = i + 1; j < chips.length; j++) {
        const [a, b] = [chips[i][1], chips[j][1]];
        const gap = Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom);
        if (gap < 8) problems.chips.push(`${describe(chips[i][0])} and ${describe(chips[j][0])}: ${gap} px apart`);
      }
    }
  }
  if (document.documentElement.scrollWidth > width) {
    problems.page.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  for (const el of document.querySelectorAll(".md-content table, .md-content div.arithmatex")) {
    const rect = el.getBoundingClientRect();
    const wide = el.scrollWidth > el.clientWidth + 1 || rect.right > width + 1 || rect.left < -1;
    if (!wide) continue;
    const box = scroller(el);
    if (!box) { problems.boxes.push(describe(el) + ": wider than the screen, in no scrolling box"); continue; }
    const outer = box.getBoundingClientRect();
    if (outer.left < -1 || outer.right > width + 1) {
      problems.boxes.push(describe(el) + `: its scrolling box reaches ${outer.left}..${outer.right} px`);
    }
    if (box.scrollWidth > box.clientWidth + 1 && !getComputedStyle(box).backgroundImage.includes("gradient")) {
      problems.boxes.push(describe(el) + ": scrolls without a shadow at its edge");
    }
  }
  for (const heading of document.querySelectorAll(".md-content :is(h2, h3, h4)[id]")) {
    const button = heading.querySelector(".gl-copy-link");
    if (!button) continue;
    const end = heading.querySelector(".gl-heading-end");
    if (end && end.getClientRects().length > 1) problems.headings.push(`#${heading.id}: its icons wrapped`);
    const targets = [...heading.querySelectorAll("a, button")].filter(t => {
      const style = getComputedStyle(t);
      return style.display !== "none" && style.visibility !== "hidden" && t.getClientRects().length;
    }).map(t => [t, t.getBoundingClientRect()]);
    for (const [target, rect] of targets) {
      if (rect.width < 44 || rect.height < 44) {
        problems.headings.push(`#${heading.id} ${target.className}: ${rect.width}x${rect.height} px`);
      }
    }
    for (let i = 0; i < targets.length; i++) {
      for (let j = i + 1; j < targets.length; j++) {
        const [a, b] = [targets[i][1], targets[j][1]];
        const gap = Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom);
        if (gap < 8) problems.headings.push(`#${heading.id}: two targets ${gap} px apart`);
      }
    }
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def phone(browser):
    """One tab for every page: a new context per page would cost a second each."""
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("path", ALL_PAGES, ids=lambda p: p or "home")
def test_page_fits_a_phone(phone, server, path):
    phone.goto(server + path, wait_until="load")
    assert phone.evaluate(LAYOUT_PROBLEMS) == {"page": [], "boxes": [], "headings": [], "header": [], "chips": []}


@pytest.mark.parametrize("path, name", [("training/#lora", "低秩适配（LoRA）"),
                                        ("en/inference/#kv-cache", "Key-Value Cache (KV Cache)")],
                         ids=["zh", "en"])
def test_a_page_opened_on_a_term_names_it_in_the_tab(phone, server, path, name):
    phone.goto(server + path)
    expect(phone).to_have_title(f"{name} - " + ("大模型术语表 · LLM Glossary" if path[:3] != "en/"
                                               else "LLM Glossary · 大模型术语表"))
    # The site's name stays in view above the family's title in the header.
    expect(phone.locator(".md-header__topic .gl-header-site")).to_be_visible()


def test_share_button_opens_the_share_sheet_on_a_phone(browser, server):
    context = browser.new_context(**PHONE)
    context.add_init_script("navigator.share = data => { window.shared = data; return Promise.resolve(); };")
    page = context.new_page()
    page.goto(server + "training/#lora")
    page.get_by_role("button", name="分享短链接").and_(page.locator("#lora button")).tap()
    page.wait_for_function("window.shared !== undefined")
    assert page.evaluate("window.shared") == {"title": "低秩适配（LoRA）",
                                              "url": "https://llm-glossary.github.io/llm-glossary/t/lora/"}
    context.close()


def test_copied_link_is_confirmed_on_screen_without_widening_the_page(browser, server):
    """Where there is no share sheet, the button copies; the toast stays
    inside the screen (it once widened the page to 451 px)."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(server))
    context = browser.new_context(**PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    page.goto(server + "en/training/#lora")
    page.locator("#lora button").tap()
    toast = page.locator('[role="status"][aria-live="polite"]')
    expect(toast).to_contain_text("Short link copied")
    expect(toast).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    assert_toast_covers_no_text(page)
    # The reader's next touch or scroll sends it away; the live region stays.
    page.mouse.wheel(0, 200)
    expect(toast).to_have_css("opacity", "0")
    expect(toast).to_have_attribute("aria-live", "polite")
    context.close()



@pytest.mark.parametrize("path, letter", [("a-z/", "B"), ("a-z/p-s/", "S"), ("en/a-z/d-h/", "G")])
def test_letter_bar_stays_in_view_and_the_address_names_the_letter(phone, server, path, letter):
    """Material's scroll tracking rewrites the address as the page scrolls:
    it must name the letter the bar jumped to (`#s` once replaced `#t`)."""
    phone.goto(server + path)
    phone.locator(".glossary-letters a", has_text=letter).first.tap()
    phone.wait_for_url(f"**#{letter.lower()}")
    # Scroll a pixel at a time until Material has tracked the scroll (it
    # waits for the scrolling to settle), then read the address.
    phone.wait_for_function("""() => {
        window.ticks = (window.ticks || 0) + 1; scrollBy(0, 1); return window.ticks > 6; }""", polling=300)
    assert urlsplit(phone.url).fragment == letter.lower()
    expect(phone.locator(".glossary-letters")).to_be_in_viewport()
    expect(phone.locator(f"h2#{letter.lower()}")).to_be_in_viewport()
