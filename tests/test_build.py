"""The real docs, built strictly: assertions on the HTML a reader gets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary_docs import load_site, page_url

ROOT = Path(__file__).resolve().parent.parent
DOCS = load_site(ROOT / "docs")
# Every term page, as its docs path without language: training/index.md.
PAGES = sorted(p.base for p in DOCS.language("zh") if p.base != "index.md")


# Their site-relative URLs (training/, training/fine-tuning/), and those of
# the pages that hold a diagram.
PAGE_URLS = [page_url(base, "zh") for base in PAGES]
DIAGRAM_URLS = {page_url(base, "zh") for base in PAGES
                if any(fence.lang == "mermaid" for fence in DOCS.pages[base].fences)}


def built(base: str, lang: str = "zh") -> str:
    """The built file of a page: training/index.md -> training/index.html,
    training/fine-tuning.md -> training/fine-tuning/index.html."""
    path = base[:-3] + ".html" if base.endswith("index.md") else base[:-3] + "/index.html"
    return path if lang == "zh" else f"{lang}/{path}"


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def heading_ids(text: str) -> list[str]:
    return re.findall(r'<h[2-4] id="([^"]+)"', text)


def test_each_language_has_its_own_lang_attribute(site):
    assert '<html lang="zh"' in html(site, "index.html")
    assert '<html lang="en"' in html(site, "en/index.html")


@pytest.mark.parametrize("page", PAGES)
def test_family_pages_exist_in_both_languages_with_the_same_ids(site, page):
    zh = html(site, built(page))
    en = html(site, built(page, "en"))
    assert '<html lang="zh"' in zh and '<html lang="en"' in en
    assert heading_ids(zh) == heading_ids(en)
    expected = [h.id for h in DOCS.pages[page].headings if h.id and 2 <= h.level <= 4]
    assert heading_ids(zh) == expected
    # Every heading has its permalink.
    for term_id in expected:
        assert re.search(f'<a class="headerlink"[^>]* href="#{term_id}"', zh), term_id


def test_no_page_is_built_from_the_wrong_language(site):
    for page in PAGES:
        zh_title = DOCS.pages[page].front_matter.data["title"]
        en_title = DOCS.pages[page[:-3] + ".en.md"].front_matter.data["title"]
        assert re.search(f"<h1[^>]*>{re.escape(zh_title)}<", html(site, built(page)))
        assert re.search(f"<h1[^>]*>{re.escape(en_title)}<", html(site, built(page, "en")))


def test_term_references_become_links_named_in_the_page_language(site):
    zh = html(site, "alignment/index.html")
    en = html(site, "en/alignment/index.html")
    assert "[[" not in zh and "[[" not in en
    # The alignment intro's [[sft|…]] reference, named in each page's language
    # and linking the page of that language: from en/alignment/, ../training/
    # is en/training/ (../../training/ would be the Chinese page).
    assert re.search(r'<a href="\.\./training/fine-tuning/#sft">[^<]*[\u4e00-\u9fff]', zh)
    assert re.search(r'<a href="\.\./training/fine-tuning/#sft">supervised fine-tuning</a>', en)
    assert not re.search(r'<a href="\.\./\.\./training/', en)
    links = re.findall(r'<a href="(?:\.\./)+[a-z/-]+#[a-z0-9-]+">([^<]+)</a>', en)
    assert links and not any(re.search(r"[\u4e00-\u9fff]", text) for text in links)


def test_language_switch_links_the_same_page(site):
    for page in PAGES:
        zh = html(site, built(page))
        url = built(page, "en").removesuffix("index.html")
        assert re.search(rf'href="[^"]*{url}"[^>]*hreflang="en"', zh), page


def test_mermaid_is_served_by_the_site_and_loaded_only_with_diagrams(site):
    vendor = site / "assets/vendor/mermaid"
    assert (vendor / "mermaid.esm.min.mjs").is_file()
    assert len(list(vendor.glob("chunks/mermaid.esm.min/*.mjs"))) > 20
    assert not list(vendor.rglob("*.map")) and "sourceMappingURL" not in \
        (vendor / "mermaid.esm.min.mjs").read_text(encoding="utf-8")
    for page in PAGES:
        for path in (built(page), built(page, "en")):
            page = html(site, path)
            has_diagram = 'class="mermaid"' in page
            assert ("assets/javascripts/diagrams.js" in page) == has_diagram, path
            assert "mermaid.min.js" not in page and "unpkg" not in page
    assert 'class="mermaid"' in html(site, "alignment/index.html")
    assert 'class="mermaid"' in html(site, "en/multimodal/index.html")


def test_no_page_references_another_origin_for_scripts_styles_or_fonts(site):
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", text):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag) or 'rel="canonical"' in tag \
                or 'rel="alternate"' in tag, (path, tag)
