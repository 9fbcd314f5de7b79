"""Search as the issue of 2026-12 asks it to behave, on the real docs: every
term first for each of its names, typos forgiven, no confident wrong answer,
and results that read well. Fast: the names index is queried under Node
(build layer), the served worker through its own messages, many queries in
one evaluate (browser layer), and the dialog only for what readers see."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from glossary_docs import glossary, load_site
from glossary_extras import term_abbreviation
from search_names import names_path

ROOT = Path(__file__).resolve().parent.parent
TERMS = {term.id: term for term in glossary(load_site(ROOT / "docs"))}
WORKER_JS = ROOT / "docs/assets/javascripts/search-worker.js"
NODE = shutil.which("node")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def own_location(term_id: str, lang: str) -> str:
    """Where the term's entry is, relative to its language's root."""
    return TERMS[term_id].text[lang].url.removeprefix(f"{lang}/")


def name_queries() -> list[tuple[str, str, str]]:
    """(language, query, term id): every term by its Chinese name, its
    English name and its abbreviation, on both languages' sites."""
    cases = []
    for term in TERMS.values():
        names = [term.text[lang].short_name for lang in ("zh", "en") if lang in term.text]
        abbreviation = term_abbreviation(term)
        if abbreviation:
            names.append(abbreviation.text)
        for lang in ("zh", "en"):
            cases += [(lang, name, term.id) for name in dict.fromkeys(names)]
    return cases


def misses(answers: list[dict], cases: list[tuple[str, str, str]]) -> list[str]:
    return [f"{lang} {query!r}: {answer['top'][:3]}" for (lang, query, term_id), answer in zip(cases, answers)
            if not answer["top"] or answer["top"][0] != own_location(term_id, lang)]


# --- the names index, under Node (what answers before the full index is in) -----

@pytest.mark.skipif(NODE is None, reason="Node.js is needed (README: the two commands)")
def test_every_term_is_the_first_answer_of_the_names_index_for_each_of_its_names(site):
    cases = name_queries()
    script = (f"globalThis.self = globalThis; require({json.dumps(str(WORKER_JS))}); const S = self.GlossarySearch;"
              "const fs = require('fs'); const input = JSON.parse(fs.readFileSync(0, 'utf8'));"
              "const names = {}; for (const [lang, path] of Object.entries(input.paths))"
              "  names[lang] = S.loadNames(JSON.parse(fs.readFileSync(path, 'utf8')));"
              "process.stdout.write(JSON.stringify(input.cases.map(([lang, q]) => {"
              "  const a = S.answer(names[lang], q, null);"
              "  return {top: [].concat(...a.items.map(g => g.filter(d => d.location.includes('#'))"
              "    .map(d => d.location)))}; })));")
    paths = {lang: str(site / names_path(lang)) for lang in ("zh", "en")}
    result = subprocess.run([NODE, "-e", script], input=json.dumps({"paths": paths, "cases": cases}),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(cases) > 1000
    assert misses(json.loads(result.stdout), cases) == []


# --- the served worker, through its messages ---------------------------------------

# A worker of the page's own, driven as Material drives the one it starts
# (set-up, intent, then queries one after another), so that Material's
# result list does not render 1,300 answers. Resolves with each answer's
# term results, language by language, once the full index is in.
ASK_WORKER = """async ({queries, base}) => {
  const worker = new Worker(document.querySelector("#__config") &&
    new URL(JSON.parse(document.querySelector("#__config").textContent).search, location.href).href);
  const index = await window.__glSearchIndex(new URL("search/search_index.json", base));
  const next = () => new Promise(resolve => worker.addEventListener("message", function on(e) {
    if (e.data && (e.data.type === 3 || (e.data.type === "gl-state" && e.data.state === "full"))) {
      worker.removeEventListener("message", on); resolve(e.data); } }));
  let ready = next();
  worker.postMessage({type: 0, data: {config: index.config, docs: [], options: {suggest: true}}});
  worker.postMessage({type: "gl-go"});
  while ((await ready).type !== "gl-state") ready = next();
  const out = [];
  for (const q of queries) {
    const answer = next();
    worker.postMessage({type: 2, data: q});
    const data = (await answer).data;
    out.push({top: [].concat(...data.items.map(g => g.filter(d => d.location.includes("#")).map(d => d.location))),
              all: [].concat(...data.items.map(g => g.map(d => d.location))), note: data.gl.note,
              titles: [].concat(...data.items.map(g => g.map(d => d.title))),
              texts: [].concat(...data.items.map(g => g.map(d => d.text)))});
  }
  worker.terminate();
  return out;
}"""


@pytest.fixture(scope="module")
def ask(browser, server):
    """ask(lang, queries): the worker's answers, with the full index."""
    pages = {}

    def run(lang: str, queries: list[str]) -> list[dict]:
        if lang not in pages:
            context = browser.new_context()
            pages[lang] = context.new_page()
            pages[lang].goto(server + ("" if lang == "zh" else f"{lang}/"))
        base = server + ("" if lang == "zh" else f"{lang}/")
        return pages[lang].evaluate(ASK_WORKER, {"queries": queries, "base": base})

    yield run
    for page in pages.values():
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_term_is_the_first_result_for_each_of_its_names(ask, lang):
    cases = [case for case in name_queries() if case[0] == lang]
    assert misses(ask(lang, [q for _, q, _ in cases]), cases) == []


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, term_id", [
    ("en", "halucination", "hallucination"),  # a letter dropped
    ("en", "speculativ decoding", "speculative-decoding"),
    ("en", "retreival", "rag"),  # two letters swapped
    ("en", "mixture of expert", "moe"),
    ("en", "transfomer", "transformer"),
    ("zh", "halucination", "hallucination"),
])
def test_one_typo_in_a_term_name_still_finds_it_in_the_top_three(ask, lang, query, term_id):
    top = ask(lang, [query])[0]["top"][:3]
    assert own_location(term_id, lang) in top, top


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, term_id", [
    ("zh", "投机解码", "speculative-decoding"), ("zh", "推测解码", "speculative-decoding"),
    ("zh", "大型语言模型", "large-language-model"), ("zh", "大语言模型", "large-language-model"),
    ("zh", "大语言模形", "large-language-model"),  # one character off
    ("en", "低秩适配", "lora"),  # the other language's name
    ("en", "lora adapter", "lora"),  # an exact name before a term that merely has one of the words
])
def test_variants_and_the_other_languages_names_find_the_term_first(ask, lang, query, term_id):
    assert ask(lang, [query])[0]["top"][0] == own_location(term_id, lang)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_result_points_into_the_other_language(ask, site, lang):
    answers = ask(lang, ["LoRA", "注意力", "attention", "RLHF", "量化"])
    index = json.loads((site / ("" if lang == "zh" else f"{lang}/") / "search/search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for answer in answers:
        assert set(answer["all"]) <= locations


@pytest.mark.browser
def test_stop_words_never_make_a_hit_on_their_own(ask):
    alone, within = ask("en", ["of", "mixture of experts"])
    assert alone["all"] == []
    assert own_location("chain-of-thought", "en") not in within["all"]


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", [("zh", "提示 工程"), ("zh", "注意力头剪枝"), ("en", "lora adapter"),
                                         ("en", "attention pruning")])
def test_no_result_holds_none_of_the_words_and_all_words_come_first(ask, lang, query):
    answer = ask(lang, [query])[0]
    words = [w.lower() for w in re.split(r"\s+", query)]
    for title, text in zip(answer["titles"], answer["texts"]):
        shown = (title + text).lower()
        # Every result shows a word of the query, marked or not (a page
        # that only heads its group may show none).
        assert "<mark>" in shown or any(w in shown for w in words) or not text
    assert not any(re.search(r"[*^]", t) for t in answer["titles"])


@pytest.mark.browser
@pytest.mark.parametrize("lang, query", [("zh", "注意力头剪枝"), ("zh", "量子计算"), ("en", "lora adapter")])
def test_when_no_term_has_the_name_the_answer_says_so(ask, lang, query):
    answer = ask(lang, [query])[0]
    assert answer["note"] == "closest"
    assert answer["top"]


# --- what readers see --------------------------------------------------------------

def open_search(page, server: str, lang: str) -> None:
    page.goto(server + ("" if lang == "zh" else f"{lang}/"))
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search[data-gl-search=full]")).to_be_attached(timeout=30_000)


def type_query(page, query: str) -> None:
    page.evaluate("() => document.querySelector('.md-search-result__meta').textContent = ''")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    expect(page.locator(".md-search-result__meta")).not_to_have_text("")


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, note", [
    ("zh", "注意力头剪枝", "没有名为“注意力头剪枝”的术语，以下是最接近的结果。"),
    ("en", "lora adapter", "No term is called “lora adapter”. These are the closest results."),
])
def test_the_dialog_says_when_no_term_has_the_name(page, server, lang, query, note):
    open_search(page, server, lang)
    type_query(page, query)
    expect(page.locator(".gl-search-note")).to_have_text(note)
    type_query(page, "LoRA")
    expect(page.locator(".gl-search-note")).to_be_hidden()


@pytest.mark.browser
@pytest.mark.parametrize("lang, label", [("zh", "常用术语"), ("en", "Common terms")])
def test_the_empty_search_suggests_common_terms(page, server, lang, label):
    open_search(page, server, lang)
    expect(page.locator(".md-search-result__meta")).to_have_text(label)
    assert page.locator(".md-search-result__list a.md-search-result__link h2").count() >= 5


@pytest.mark.browser
def test_results_read_the_term_as_title_and_marks_do_not_look_like_links(page, server):
    open_search(page, server, "zh")
    type_query(page, "低秩适配")
    style = page.evaluate("""() => {
        const item = document.querySelector('.md-search-result__item');
        const size = el => parseFloat(getComputedStyle(el).fontSize);
        const mark = item.querySelector('h2 mark'), h2 = item.querySelector('h2');
        return {family: size(item.querySelector('h1')), term: size(h2),
                markColor: getComputedStyle(mark).color, textColor: getComputedStyle(h2).color,
                decoration: getComputedStyle(mark).textDecorationLine,
                background: getComputedStyle(mark).backgroundColor};
    }""")
    assert style["term"] > style["family"]
    assert style["markColor"] == style["textColor"] and style["decoration"] == "none"
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.browser
def test_chinese_snippets_start_no_line_with_closing_punctuation(page, server):
    open_search(page, server, "zh")
    type_query(page, "注意力")
    text = page.locator(".md-search-result__list").inner_text()
    assert not re.search(r"\u200b[、。，；：？！）》」』】”]", text)
    assert not re.search(r"\n\s*[、。，；：？！）》」』】”]", text)


@pytest.mark.browser
def test_phone_back_closes_search_and_stays_on_the_page(browser, server):
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(server + "training/")
        page.tap("label.md-header__button[for=__search]")
        expect(page.locator(".md-search[data-gl-search]")).to_be_attached(timeout=30_000)
        expect(page.locator("#__search")).to_be_checked()
        page.go_back()
        expect(page.locator("#__search")).not_to_be_checked()
        assert page.url == server + "training/"
        # Opened again, a result followed: Back from the term returns here.
        page.tap("label.md-header__button[for=__search]")
        expect(page.locator(".md-search[data-gl-search]")).to_be_attached()
        type_query(page, "推测解码")
        page.locator(".md-search-result__list a[href*='#speculative-decoding']").first.tap()
        page.wait_for_url(re.compile(r"/inference/"))
        page.go_back()
        page.wait_for_url(server + "training/")
    finally:
        context.close()


# --- the index text -----------------------------------------------------------------

@pytest.fixture(scope="module")
def zh_index(site) -> list[dict]:
    return json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]


def test_the_index_breaks_no_chinese_line_before_closing_punctuation(zh_index):
    bad = [doc["location"] for doc in zh_index if re.search(r"[\u200b ][、。，；：？！）》」』】”]", doc["text"])]
    assert bad == []


def test_formulas_leave_their_plain_reading_not_a_gap(site):
    en = {doc["location"]: doc for doc in
          json.loads((site / "en/search/search_index.json").read_text("utf-8"))["docs"]}
    assert "W₀" in en["training/#lora"]["text"]
    gaps = [loc for loc, doc in en.items() if re.search(r"\w  +\w| [,.;:](?:\s|$)", doc["text"])]
    assert gaps == []


def test_table_rows_are_blocks_of_cells(zh_index):
    home = next(doc for doc in zh_index if doc["location"] == "#families")
    assert re.search(r"<p>术语族 · 各页 · 术语数</p>", home["text"].replace("\u200b", ""))
