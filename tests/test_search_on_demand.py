"""Search loads on intent: unit tests of the rewrites on Material's own
files, and the browser's view of a page load."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from playwright.sync_api import expect

from search_on_demand import lazy_index_bundle, prelude, worker_stub

MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
CONFIG = {"lang": ["zh", "en"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"], "fields": {"names": {"boost": 1}}}


def test_the_prelude_holds_the_search_configuration_and_the_dialog_files():
    code = prelude(CONFIG)
    assert 'var config={"lang":["zh","en"],"separator":"[\\\\s]+"' in code
    assert 'asset("../stylesheets/search.css")' in code and 'asset("search-ui.js")' in code
    # Material's worker, recognised by its URL, is the one told of intent.
    assert "/\\/workers\\/search\\.[0-9a-f]+\\.min\\.js/.test(String(url))" in code
    assert "{" + "config}" not in code and "{" + "worker}" not in code


def test_material_bundle_index_request_waits_for_intent():
    bundle = next(MATERIAL_JS.glob("bundle.*.min.js")).read_text(encoding="utf-8")
    rewrite = lazy_index_bundle(bundle, prelude(CONFIG))
    assert rewrite.problem is None
    assert rewrite.content.startswith(prelude(CONFIG))
    body = rewrite.content[len(prelude(CONFIG)):]
    assert 'search/search_index.json",' in body
    assert body.count("__glSearchIndex(new URL(\"search/search_index.json\"") == 1
    assert len(body) - len(bundle) < 100
    # Link previews wait for a hover before they ask for the sitemap.
    assert body.count("let{sitemap$:r}=t;") == 1
    preview = body.split("let{sitemap$:r}=t;")[1].split("function ")[0]
    assert "rt([r,o])" not in preview and ".pipe(b(()=>r),b((i)=>" in preview


def test_a_changed_bundle_is_reported_not_rewritten():
    rewrite = lazy_index_bundle("function x(){return fetch('search/search_index.json')}")
    assert rewrite.content is None
    assert rewrite.problem == ("found 0 defer function(s) and 0 index request(s) where exactly "
                               "one of each was expected")


def test_a_bundle_whose_previews_changed_is_reported_not_rewritten():
    bundle = next(MATERIAL_JS.glob("bundle.*.min.js")).read_text(encoding="utf-8")
    changed = bundle.replace("let{sitemap$:r}=t;", "let{sitemap$:r,x:q}=t;")
    rewrite = lazy_index_bundle(changed)
    assert rewrite.content is None
    assert rewrite.problem == ("found 0 link-preview sitemap subscriptions where exactly one was expected")


@pytest.mark.browser
def test_a_page_view_loads_no_sitemap_until_a_link_is_hovered(page, server):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server + "training/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if u.endswith("sitemap.xml")]
    # The hover requests it (expect_request fails if it does not within 5 s).
    with page.expect_request(lambda request: request.url.endswith("sitemap.xml"), timeout=5_000):
        page.locator(".glossary-see-also__list a").first.hover()


def test_worker_stub_loads_the_glossary_worker_on_intent_and_falls_back_to_materials():
    stub = worker_stub("search.abc.real.min.js")
    assert 'importScripts("../search-worker.js")' in stub
    assert 'fetch(setup.data.config.glNames)' in stub  # beside the worker's own download
    assert 'catch(x){\n    importScripts("search.abc.real.min.js")' in stub
    assert len(stub) < 800  # loaded with every page


SEARCH_FILES = ("search_index.json", "search_names.json", ".real.min.js", "search-worker.js", "search-ui.js",
                "search.css")


@pytest.mark.browser
def test_a_page_view_loads_no_search_until_the_reader_searches(page, server):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server + "en/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if u.endswith(SEARCH_FILES)]
    page.locator("[data-md-component=search-query]").focus()
    page.locator("[data-md-component=search-query]").fill("LoRA")
    expect(page.locator(".md-search-result__list li").first).to_be_attached(timeout=30_000)
    assert [u for u in fetched if u.endswith("en/search/search_names.json")]
    # The full index follows, once the names index is in.
    expect(page.locator(".md-search[data-gl-search=full]")).to_be_attached(timeout=30_000)
    assert [u for u in fetched if u.endswith("en/search/search_index.json")]
    assert [u for u in fetched if u.endswith(".real.min.js")]


@pytest.mark.browser
def test_a_page_opened_from_a_result_highlights_without_any_index_and_drops_h(page, server):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server + "training/?h=LoRA#lora")
    expect(page.locator("article mark[data-md-highlight]").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    # The address a reader copies now has no ?h= left, and keeps the anchor.
    expect(page).to_have_url(server + "training/#lora")
    assert not [u for u in fetched if u.endswith(SEARCH_FILES)]
