"""The search box as readers use it, in Chromium, on the served site.

Each language keeps one page open and fills its search box query after query
(`fill`, then End: Material searches on key-up; CJK is filled, not typed key
by key). A result is one link of Material's result list; the page link that
heads each group only names the page, so "the top three" are the first three
term results (section links, `#id`) that are shown, i.e. not folded under
"N more on this page".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import inject_axe
from glossary_docs import glossary, load_site

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
TERMS = {term.id: term for term in glossary(load_site(ROOT / "docs"))}

# (query, term id): names, abbreviations and the other language's names.
ZH_QUERIES = [
    ("人类反馈强化学习", "rlhf"),
    ("低秩适配", "lora"),
    ("推测解码", "speculative-decoding"),
    ("键值缓存", "kv-cache"),
    ("分组查询注意力", "gqa"),
    ("混合专家模型", "moe"),
    ("检索增强生成", "rag"),
    ("思维链", "chain-of-thought"),
    ("思维树", "tree-of-thoughts"),
    ("知识蒸馏", "knowledge-distillation"),
    ("灾难性遗忘", "catastrophic-forgetting"),
    ("提示注入", "prompt-injection"),
    ("量化", "quantization"),
    ("自注意力", "self-attention"),
    ("上下文窗口", "context-window"),
    ("投机解码", "speculative-decoding"),  # a variant named in the definition
    ("LoRA", "lora"),
    ("KV", "kv-cache"),
    ("MoE", "moe"),
    ("RLHF", "rlhf"),
    ("DPO", "dpo"),
    ("GQA", "gqa"),
    ("speculative decoding", "speculative-decoding"),
    ("PagedAttention", "paged-attention"),
    ("Mixture of Experts", "moe"),
    ("Low-Rank Adaptation", "lora"),
    ("Transformer", "transformer"),
    ("FlashAttention", "flashattention"),
    ("self-attention", "self-attention"),  # a hyphen: Material searches `self` and `attention*`
]
EN_QUERIES = [
    ("LoRA", "lora"),
    ("KV", "kv-cache"),
    ("MoE", "moe"),
    ("RLHF", "rlhf"),
    ("PPO", "ppo"),
    ("DPO", "dpo"),
    ("GQA", "gqa"),
    ("RAG", "rag"),
    ("speculative decoding", "speculative-decoding"),
    ("PagedAttention", "paged-attention"),
    ("Low-Rank Adaptation", "lora"),
    ("key-value cache", "kv-cache"),
    ("Mixture of Experts", "moe"),
    ("chain-of-thought", "chain-of-thought"),
    ("Transformer", "transformer"),
    ("knowledge distillation", "knowledge-distillation"),
    ("catastrophic forgetting", "catastrophic-forgetting"),
    ("prompt injection", "prompt-injection"),
    ("context window", "context-window"),
    ("expert", "moe-expert"),
    ("self-attention", "self-attention"),
    ("low-rank", "lora"),
    ("text-to-video", "text-to-video"),
    ("低秩适配", "lora"),
    ("推测解码", "speculative-decoding"),
    ("键值缓存", "kv-cache"),
    ("分组查询注意力", "gqa"),
    ("人类反馈强化学习", "rlhf"),
    ("混合专家模型", "moe"),
    ("思维链", "chain-of-thought"),
    ("检索增强生成", "rag"),
    ("知识蒸馏", "knowledge-distillation"),
    ("词元", "token"),
]

# Every result link, in order: where it points, its title as shown, whether
# it is folded under "N more on this page", and the words marked in it.
RESULTS_JS = """() => [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')]
  .map(a => ({href: a.href, title: a.querySelector('h1, h2').textContent.replace(/\\u200b/g, ''),
              folded: !!a.closest('details'), section: !!a.querySelector('h2'),
              marks: [...a.querySelectorAll('mark')].map(m => m.textContent)}))"""


@dataclass(frozen=True)
class Result:
    href: str
    title: str
    folded: bool
    section: bool
    marks: list[str]

    @property
    def target(self) -> str:
        """The link without its ?h= highlight parameter."""
        parts = urlsplit(self.href)
        return f"{parts.scheme}://{parts.netloc}{parts.path}" + (f"#{parts.fragment}" if parts.fragment else "")


class SearchBox:
    """One open page per language, its search box reused query after query."""

    def __init__(self, browser, server: str):
        self.browser, self.server, self.pages = browser, server, {}

    def page(self, lang: str):
        if lang not in self.pages:
            page = self.browser.new_context().new_page()
            page.goto(self.server + ("" if lang == "zh" else f"{lang}/"))
            open_search(page)
            self.pages[lang] = page
        return self.pages[lang]

    def search(self, lang: str, query: str) -> list[Result]:
        return search(self.page(lang), query)

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


def open_search(page) -> None:
    page.locator("input.md-search__input").click()
    # The names index answers first; these tests are about the full index
    # too, which the worker has built once it says so (up to 1 MB, on this
    # first use).
    expect(page.locator(".md-search[data-gl-search=full]")).to_be_attached(timeout=30_000)


def search(page, query: str) -> list[Result]:
    """Fill the box and return the results Material renders for this query.

    The result count is blanked first: Material rewrites it, list and count
    together, when the results of the new query arrive.
    """
    box = page.locator("input.md-search__input")
    if box.input_value() != query:
        page.evaluate("() => document.querySelector('.md-search-result__meta').textContent = ''")
        box.fill(query)
        box.press("End")
        # A wait, not an assertion (the callers assert on the results): it
        # polls every frame, where expect() polls every 100 ms and more, which
        # over some 1,100 queries would add minutes.
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent")
    return [Result(**r) for r in page.evaluate(RESULTS_JS)]


@pytest.fixture(scope="module")
def search_box(browser, server):
    box = SearchBox(browser, server)
    yield box
    box.close()


def expected_link(server: str, term_id: str, lang: str) -> str:
    return server + TERMS[term_id].text[lang].url


def assert_language_only(results: list[Result], server: str, lang: str) -> None:
    english = [r.href for r in results if r.href.startswith(server + "en/")]
    if lang == "en":
        assert len(english) == len(results), [r.href for r in results if r.href not in english]
    else:
        assert english == []


@pytest.mark.parametrize("lang, query, term_id",
                         [pytest.param("zh", q, t, id=f"zh-{q}") for q, t in ZH_QUERIES]
                         + [pytest.param("en", q, t, id=f"en-{q}") for q, t in EN_QUERIES])
def test_term_is_in_the_top_three_results_of_its_language(search_box, server, lang, query, term_id):
    results = search_box.search(lang, query)
    shown = [r for r in results if r.section and not r.folded]
    top = [r.target for r in shown[:3]]
    wanted = expected_link(server, term_id, lang)
    assert wanted in top, f"{query!r}: {wanted} not in the top three {top}"
    # The result names the term as its heading does, and links to the heading.
    hit = next(r for r in shown if r.target == wanted)
    assert hit.title == TERMS[term_id].text[lang].name
    assert_language_only(results, server, lang)


def test_query_lists_cover_abbreviations_and_both_languages():
    # At least 20 queries a language, and the cross-language cases are there.
    assert len(ZH_QUERIES) >= 20 and len(EN_QUERIES) >= 20
    assert sum(q.isascii() for q, _ in ZH_QUERIES) >= 10
    assert sum(not q.isascii() for q, _ in EN_QUERIES) >= 10


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("query", ["flowchart", "accTitle", "accDescr", "mathcal", "mathbf"])
def test_diagram_and_formula_sources_are_not_searchable(search_box, lang, query):
    assert search_box.search(lang, query) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_latex_commands_are_not_searchable(search_box, lang):
    # `frac*` still finds the English word "fraction" (queries are prefixes);
    # what must not be found is the LaTeX command itself.
    results = search_box.search(lang, "frac")
    marked = {mark.lower() for r in results for mark in r.marks}
    assert all(len(mark) > len("frac") for mark in marked), marked


@pytest.mark.parametrize("lang, query, suggestion", [
    ("zh", "推测", "推测解码"),
    ("en", "specul", "speculative"),
])
def test_suggestion_completes_a_term_name(search_box, lang, query, suggestion):
    page = search_box.page(lang)
    search(page, query)
    expect(page.locator(".md-search__suggest")).to_have_text(suggestion)


@pytest.mark.parametrize("lang, query, term_id", [
    ("zh", "低秩适配", "lora"),
    ("en", "speculative decoding", "speculative-decoding"),
])
def test_result_opens_the_term_with_the_query_highlighted(page, server, lang, query, term_id):
    page.goto(server + ("" if lang == "zh" else "en/"))
    open_search(page)
    wanted = expected_link(server, term_id, lang)
    result = next(r for r in search(page, query) if r.target == wanted)
    page.locator(f'.md-search-result__list a[href="{result.href}"]').click()
    page.wait_for_url(result.href)
    assert urlsplit(page.url).fragment == term_id
    expect(page.locator("article mark[data-md-highlight]").first).to_be_attached()
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang, query, term_id", [
    ("zh", "键值缓存", "kv-cache"),
    ("en", "PagedAttention", "paged-attention"),
])
def test_shared_search_link_reopens_the_same_results(browser, search_box, server, lang, query, term_id):
    page = search_box.page(lang)
    search(page, query)
    share = page.locator('[data-md-component="search-share"]')
    link = share.get_attribute("href")
    assert parse_qs(urlsplit(link).query)["q"] == [query]
    assert link.startswith(server + ("en/" if lang == "en" else ""))
    context = browser.new_context()
    try:
        other = context.new_page()
        other.goto(link)
        expect(other.locator(".md-search-result__list li").first).to_be_attached(timeout=30_000)
        results = [Result(**r) for r in other.evaluate(RESULTS_JS)]
        assert expected_link(server, term_id, lang) in [r.target for r in results]
        assert_language_only(results, server, lang)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_language_loads_only_its_own_index(page, server, lang):
    requested: list[str] = []
    page.on("request", lambda request: "search_index" in request.url and requested.append(request.url))
    page.goto(server + ("training/" if lang == "zh" else "en/training/"))
    open_search(page)
    assert requested == [server + ("" if lang == "zh" else "en/") + "search/search_index.json"]


@pytest.mark.parametrize("lang, query, scheme", [("zh", "低秩适配", "light"), ("en", "KV", "dark")])
def test_search_results_have_no_axe_violations(browser, server, lang, query, scheme):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(server + ("" if lang == "zh" else "en/"))
        open_search(page)
        assert search(page, query)
        inject_axe(page)
        violations = page.evaluate("""async () => {
            const r = await axe.run(document.querySelector('.md-search'), {resultTypes: ['violations']});
            return r.violations.map(v => `${v.id}: ${v.nodes[0].target.join(' ')}`) }""")
        assert violations == []
    finally:
        context.close()


# Every term, by each of its names, is in tests/test_search_relevance.py
# (first, not only in the top three): through the worker's messages, 1,300
# queries in seconds instead of minutes through the result list.
