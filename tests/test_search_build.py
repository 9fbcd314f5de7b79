"""The search indexes of the real docs, as the one strict build wrote them."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

import pytest

from glossary_docs import glossary, load_site
from search_index import NAMES_FIELD, term_words

ROOT = Path(__file__).resolve().parent.parent
TERMS = glossary(load_site(ROOT / "docs"))
INDEX = {"zh": "search/search_index.json", "en": "en/search/search_index.json"}
# Budgets for the real site (each index, each language), well above today's
# size so that they catch a regression (formulas or code back in), not growth.
# Per term of the site, both languages' index measured at 306 terms
# (2026-12): about 3.5 KB raw and under 1.2 KB gzipped a term. The bound
# catches what should never be indexed (code, formulas, diagram sources),
# not the growth of the glossary.
MAX_BYTES_PER_TERM, MAX_GZIP_BYTES_PER_TERM = 4_000, 1_300
# What must not be indexed: LaTeX commands, mermaid sources, MathML.
NOISE = [r"\\frac", r"\\mathbf", r"\\mathrm", r"\\text\{", r"\bflowchart\b", r"\baccTitle\b",
         r"\baccDescr\b", r"<math", r"<annotation", r"<mi>"]


@pytest.fixture(scope="module")
def indexes(site) -> dict[str, dict]:
    return {lang: json.loads((site / path).read_text(encoding="utf-8")) for lang, path in INDEX.items()}


def entries(index: dict) -> dict[str, dict]:
    return {doc["location"]: doc for doc in index["docs"]}


def relative_url(term, lang: str) -> str:
    url = term.text[lang].url
    return url[len("en/"):] if lang == "en" else url


def test_each_language_has_its_own_index(indexes):
    zh, en = indexes["zh"]["docs"], indexes["en"]["docs"]
    assert zh and en
    assert not any(doc["location"].startswith("en/") for doc in zh + en)
    assert any(doc["location"] == "training/#lora" and doc["title"].startswith("Low-Rank") for doc in en)
    assert any(doc["location"] == "training/#lora" and doc["title"].startswith("低秩") for doc in zh)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_location_is_a_page_of_its_language(site, indexes, lang):
    root = site if lang == "zh" else site / "en"
    for doc in indexes[lang]["docs"]:
        path = doc["location"].split("#")[0]
        page = (root / path / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in page, doc["location"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_term_has_an_entry_titled_with_its_name(indexes, lang):
    found = entries(indexes[lang])
    for term in TERMS:
        doc = found[relative_url(term, lang)]
        # Titles are HTML (Material renders them so): "Q&amp;A" reads "Q&A".
        assert html.unescape(doc["title"].replace("\u200b", "")) == term.text[lang].name
        assert doc[NAMES_FIELD].split() == list(term_words(term))


def test_english_entries_know_the_chinese_names(indexes):
    en = entries(indexes["en"])
    assert {"低秩适配_", "lora_"} <= set(en["training/#lora"][NAMES_FIELD].split())
    assert "投机解码_" in en["inference/#speculative-decoding"][NAMES_FIELD].split()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("pattern", NOISE)
def test_formulas_and_diagram_sources_are_not_indexed(indexes, lang, pattern):
    hits = [doc["location"] for doc in indexes[lang]["docs"]
            if re.search(pattern, doc["title"] + doc["text"])]
    assert hits == []


@pytest.mark.parametrize("name", ["人类反馈强化学习", "低秩适配", "推测解码", "键值缓存", "分组查询注意力"])
def test_chinese_term_names_are_whole_words_in_the_index(indexes, name):
    # Material separates the words jieba cuts with U+200B; the glossary's
    # dictionary keeps each name one word, in titles and in running text.
    titles = [doc["title"] for doc in indexes["zh"]["docs"]]
    assert any(title.startswith(name + "\u200b") for title in titles), name
    text = "".join(doc["text"] for doc in indexes["zh"]["docs"])
    assert f"\u200b{name}\u200b" in text
    assert not any("\u200b".join([name[:2], name[2:]]) in t for t in titles + [text])


def test_index_config_separates_words_at_chinese_punctuation_and_does_not_stem(indexes):
    config = indexes["zh"]["config"]
    assert config == indexes["en"]["config"]
    separator = re.compile(config["separator"])
    assert separator.split("低秩适配（LoRA）是") == ["低秩适配", "LoRA", "是"]
    assert "stemmer" not in config["pipeline"]
    assert config["fields"][NAMES_FIELD]["boost"] > config["fields"]["title"]["boost"]


@pytest.mark.parametrize("lang, path, base", [
    ("zh", "index.html", "."), ("zh", "training/index.html", ".."),
    ("en", "en/index.html", "../en/"), ("en", "en/training/index.html", "../../en/"),
])
def test_pages_point_the_search_at_their_language(site, lang, path, base):
    page = (site / path).read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                                  page, re.DOTALL).group(1))
    assert config["base"] == base
    assert {"search.suggest", "search.highlight", "search.share"} <= set(config["features"])


def test_english_pages_find_the_sitemap_at_their_base(site):
    assert (site / "en/sitemap.xml").read_bytes() == (site / "sitemap.xml").read_bytes()


def test_the_served_search_worker_has_the_segmenter_fix(site):
    # hooks/search_on_demand.py serves a stub under Material's name and the
    # real (fixed) worker beside it, loaded with the first search.
    workers = list((site / "assets/javascripts/workers").glob("search.*.real.min.js"))
    assert len(workers) == 1
    assert "o<=t.length;o++)t.slice(s,o)in e" in workers[0].read_text(encoding="utf-8")


def test_the_search_dialog_is_named_in_each_language(site):
    assert 'role="dialog" aria-label="查找"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'role="dialog" aria-label="Search"' in (site / "en/index.html").read_text(encoding="utf-8")


def test_the_jieba_dictionary_is_generated_from_the_docs(site):
    words = (ROOT / ".cache/jieba_user_dict.txt").read_text(encoding="utf-8").split("\n")
    assert {"低秩适配", "人类反馈强化学习", "推测解码", "投机解码"} <= set(words)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_index_stays_small(site, lang):
    raw = (site / INDEX[lang]).read_bytes()
    packed = gzip.compress(raw, 9)
    print(f"{INDEX[lang]}: {len(raw)} bytes, {len(packed)} gzipped")
    assert len(raw) < MAX_BYTES_PER_TERM * len(TERMS) and len(packed) < MAX_GZIP_BYTES_PER_TERM * len(TERMS)
