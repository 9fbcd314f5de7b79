"""Unit tests of hooks/search_index.py and hooks/search_worker.py: noise
marking, term names in the index, the split into one index per language,
English pages pointed at theirs, and the fixed query segmenter."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from glossary_docs import GlossaryTerm, TermText
from search_index import (
    NAMES_FIELD,
    EntryNames,
    add_term_names,
    entry_names,
    exclude_from_search,
    han_prefixes,
    index_path,
    language_of,
    name_words,
    point_search_at,
    split_index,
    term_words,
    tie_break,
)
from search_worker import fix_segmenter, join_segments, rank_exact_names

WORKERS = sorted((Path(material.__file__).parent / "templates/assets/javascripts/workers")
                 .glob("search.*.min.js"))


def text(name: str, short: str, aliases: tuple[str, ...], summary: str, url: str) -> TermText:
    return TermText(name, short, aliases, summary, url)


LORA = GlossaryTerm("lora", "training", 2, None, {
    "zh": text("低秩适配（LoRA）", "低秩适配", ("LoRA",), "低秩适配（Low-Rank Adaptation，LoRA）是……",
               "training/#lora"),
    "en": text("Low-Rank Adaptation (LoRA)", "Low-Rank Adaptation", ("LoRA",),
               "Low-Rank Adaptation (LoRA) is……", "en/training/#lora"),
}, ())
TOKEN_ECONOMICS = GlossaryTerm("token-economics", "ecosystem", 2, None, {
    "zh": text("令牌经济（Token Economics）", "令牌经济", ("Token Economics",),
               "令牌经济（又称词元经济、token 计费）是……", "ecosystem/#token-economics"),
    "en": text("Token Economics", "Token Economics", (), "Token economics (per-token pricing) is……",
               "en/ecosystem/#token-economics"),
}, ())

MERGED = {
    "config": {"lang": ["zh", "en"], "separator": "[\\s]+", "pipeline": [], "fields": {}},
    "docs": [
        {"location": "", "title": "大模型术语表", "text": "首页"},
        {"location": "training/", "title": "训练", "text": "……"},
        {"location": "training/#lora", "title": "低秩\u200b适配（LoRA）", "text": "……"},
        {"location": "en/", "title": "LLM Glossary", "text": "Home"},
        {"location": "en/training/#lora", "title": "Low-Rank Adaptation (LoRA)", "text": "…",
         "tags": ["existing"]},
    ],
}


# --- noise -----------------------------------------------------------------------

@pytest.mark.parametrize("html, expected", [
    ('<div class="highlight"><pre><span></span><code>x = 1</code></pre></div>',
     '<div class="highlight"><pre data-search-exclude="code"><span></span><code>x = 1</code></pre></div>'),
    ('<pre class="mermaid"><code>flowchart TD</code></pre>',
     '<pre data-search-exclude="code" class="mermaid"><code>flowchart TD</code></pre>'),
    ('<div class="mermaid">flowchart TD\n  accTitle: x</div>',
     '<div data-search-exclude="diagram" class="mermaid">flowchart TD\n  accTitle: x</div>'),
    ('<div class="mermaid-legend">A legend</div>', '<div class="mermaid-legend">A legend</div>'),
    ('<span class="arithmatex"><math display="inline"><mi>x</mi></math></span>',
     '<span data-search-exclude="formula" class="arithmatex"><math data-search-exclude="formula"'
     ' display="inline"><mi>x</mi></math></span>'),
    ('<div class="arithmatex">\\[\\frac{a}{b}\\]</div>',
     '<div data-search-exclude="formula" class="arithmatex">\\[\\frac{a}{b}\\]</div>'),
    ('<div class="glossary-term-tags"><span>标签</span> <a href="../tags/#training">训练</a></div>',
     '<div data-search-exclude="navigation" class="glossary-term-tags"><span>标签</span>'
     ' <a href="../tags/#training">训练</a></div>'),
    ('<p>Inline <code>code</code> stays <span class="x">text</span>.</p>',
     '<p>Inline <code>code</code> stays <span class="x">text</span>.</p>'),
    ('<pre data-search-exclude="code"><code>x</code></pre>',
     '<pre data-search-exclude="code"><code>x</code></pre>'),
], ids=["code-block", "mermaid-pre", "mermaid-div", "other-class", "mathml", "raw-latex", "tag-row",
        "inline-code-and-text", "already-marked"])
def test_exclude_from_search_marks_code_diagrams_and_formulas(html, expected):
    assert exclude_from_search(html) == expected


def test_material_indexes_nothing_that_is_marked():
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(exclude_from_search(
        '<h2 id="lora">LoRA</h2><p>Low rank <span class="arithmatex"><math><semantics><mi>W</mi>'
        '<annotation encoding="application/x-tex">\\frac{a}{b}</annotation></semantics></math>'
        '</span> update.</p><div class="mermaid">flowchart TD\n accTitle: x</div>'
        '<p>After.</p>'))
    parser.close()
    text = "".join(parser.data[-1].text)
    assert "Low rank" in text and "update." in text and "After." in text
    assert "frac" not in text and "flowchart" not in text and "accTitle" not in text and "W" not in text


# --- names -----------------------------------------------------------------------

@pytest.mark.parametrize("name, words", [
    ("Low-Rank Adaptation", ("lowrankadaptation_", "rankadaptation_low_")),
    ("低秩适配", ("低秩适配_",)),
    ("KV 缓存", ("kv缓存_",)),
    ("Fréchet Inception Distance", ("fréchetinceptiondistance_", "frechetinceptiondistance_")),
    ("GPT-4V", ("gpt4v_", "4v_gpt_")),
    ("BLIP-2", ("blip2_",)),
    ("Make-A-Video", ("makeavideo_", "avideo_make_", "video_makea_")),
], ids=["hyphen", "chinese", "mixed", "accents", "digits", "one-character-tail", "two-hyphens"])
def test_a_name_is_one_index_word(name, words):
    assert name_words(name) == words


def test_term_words_put_heading_names_first_and_skip_variants_that_start_alike():
    # The Chinese name's beginnings come last, without the name end (han_prefixes).
    assert term_words(LORA) == ("低秩适配_", "lora_", "lowrankadaptation_", "rankadaptation_low_", "低秩", "低秩适")
    # "token 计费" starts like "Token Economics": it would count the term twice
    # for the query "token" and rank it above the term Token.
    assert term_words(TOKEN_ECONOMICS) == ("令牌经济_", "tokeneconomics_", "词元经济_", "pertokenpricing_",
                                           "令牌", "令牌经")


@pytest.mark.parametrize("name, prefixes", [
    ("推测解码", ["推测", "推测解"]),
    ("词元", []),  # two characters: its only beginning is a character
    ("KV 缓存", []),  # not all Chinese
    ("低秩适配（LoRA）", []),
], ids=["four-characters", "two-characters", "mixed", "with-abbreviation"])
def test_chinese_names_index_their_beginnings(name, prefixes):
    assert han_prefixes(name) == prefixes


def test_shorter_names_win_ties():
    assert tie_break("Expert") > tie_break("Expert Parallelism") > 1
    assert tie_break("专家") > tie_break("专家并行")
    assert tie_break("Expert") < 1.1


def test_entry_names_key_each_language_entry_by_its_location():
    names = entry_names([LORA])
    assert set(names) == {"training/#lora", "en/training/#lora"}
    assert names["training/#lora"].words == names["en/training/#lora"].words == term_words(LORA)
    assert names["training/#lora"].boost == tie_break("低秩适配")
    assert names["en/training/#lora"].boost == tie_break("Low-Rank Adaptation")


def test_add_term_names_fills_term_entries_only():
    names = {"training/#lora": EntryNames(("低秩适配_", "lora_"), 1.025),
             "en/training/#lora": EntryNames(("低秩适配_", "lora_"), 1.005)}
    index = add_term_names(MERGED, names)
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert by_location["training/#lora"][NAMES_FIELD] == "低秩适配_ lora_"
    assert by_location["training/#lora"]["boost"] == 1.025
    assert by_location["en/training/#lora"]["tags"] == ["existing"]
    assert NAMES_FIELD not in by_location["training/"] and "boost" not in by_location[""]
    assert MERGED["docs"][2].get(NAMES_FIELD) is None  # the input is left alone


# --- one index per language ------------------------------------------------------

@pytest.mark.parametrize("location, lang", [
    ("", "zh"), ("training/#lora", "zh"), ("en/", "en"), ("en/training/#lora", "en"),
    ("entropy/", "zh"),
])
def test_language_of(location, lang):
    assert language_of(location) == lang


def test_split_index_gives_each_language_its_entries_relative_to_its_root():
    indexes = split_index(MERGED)
    assert set(indexes) == {"zh", "en"}
    assert [d["location"] for d in indexes["zh"]["docs"]] == ["", "training/", "training/#lora"]
    assert [d["location"] for d in indexes["en"]["docs"]] == ["", "training/#lora"]
    assert indexes["en"]["docs"][1]["title"] == "Low-Rank Adaptation (LoRA)"
    assert indexes["zh"]["config"] == indexes["en"]["config"] == MERGED["config"]
    assert MERGED["docs"][3]["location"] == "en/"  # the input is left alone


def test_split_index_loses_and_duplicates_nothing():
    indexes = split_index(MERGED)
    assert sum(len(index["docs"]) for index in indexes.values()) == len(MERGED["docs"])


def test_index_paths():
    assert index_path("zh") == "search/search_index.json"
    assert index_path("en") == "en/search/search_index.json"


CONFIG = '<script id="__config" type="application/json">{"annotate": null, "base": "%s", "features": []}</script>'


@pytest.mark.parametrize("base, expected", [
    ("..", "../en/"), ("../..", "../../en/"), (".", "./en/"), ("/llm-glossary/", "/llm-glossary/en/"),
])
def test_point_search_at_rebases_the_page_config(base, expected):
    html = f"<html><body><a href='{base}'>x</a>{CONFIG % base}</body></html>"
    assert point_search_at(html, "en") == f"<html><body><a href='{base}'>x</a>{CONFIG % expected}</body></html>"


def test_point_search_at_leaves_a_page_without_config_alone():
    assert point_search_at("<p>no config</p>", "en") == "<p>no config</p>"


# --- the search worker -------------------------------------------------------------

def test_materials_worker_gets_its_segmenter_fixed_once():
    assert len(WORKERS) == 1
    source = WORKERS[0].read_text(encoding="utf-8")
    fixed = fix_segmenter(source)
    assert fixed is not None and len(fixed) == len(source) + 1
    assert "o<=t.length;o++)t.slice(s,o)in e" in fixed


def test_a_fixed_worker_stays_as_it_is():
    fixed = fix_segmenter(WORKERS[0].read_text(encoding="utf-8"))
    assert fix_segmenter(fixed) == fixed


def test_a_chinese_querys_segments_keep_no_asterisk_of_their_own():
    source = WORKERS[0].read_text(encoding="utf-8")
    joined = join_segments(source)
    assert joined is not None and joined.count('invertedIndex)].join(" ")') == 1
    assert join_segments(joined) is None  # found once, and then not again: reported, not patched twice


def test_an_unknown_worker_is_reported_not_patched():
    assert fix_segmenter("function fe(t,e){return new Set([t])}") is None


def test_the_worker_adds_the_query_as_an_exact_name_to_each_search():
    worker = fix_segmenter(WORKERS[0].read_text(encoding="utf-8"))
    ranked = rank_exact_names(worker)
    assert ranked.count("this.index.search(e+__glExactName(__glQuery))") == 1
    assert ranked.count("var __glQuery=e;") == 1
    # The clause is the query as search_index writes a name: case folded,
    # only letters and digits, the name end, boosted.
    assert '" names:"+w+"_^10"' in ranked
    assert rank_exact_names("function f(){}") is None
