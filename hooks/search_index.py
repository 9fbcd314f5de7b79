"""One search index per language, whose entries know every name of a term.

Material writes one search index for the whole site, and mkdocs-static-i18n
merges both languages into it: a Chinese search returned English pages and
the reverse. After both languages are built, this hook splits the merged
index into `search/search_index.json` (Chinese) and `en/search/…` (English,
with locations relative to en/), and points the English pages' search at
theirs through the `base` Material writes into each page's `__config`.

Before the split, each term's entry (the heading's section, `page/#id`,
titled with the heading) gets a `names` field: the term's names in both
languages (search_dictionary), one index word per name (低秩适配_ lora_
lowrankadaptation_). The browser adds a trailing wildcard to every query
word, so a query that starts a term's name ranks that term above pages that
merely mention its words, and a Chinese name finds the English entry.

Code blocks, mermaid sources, formulas (MathML and its LaTeX annotation)
and the tag and See-also links are marked `data-search-exclude`, which
Material's indexer skips: a search for "flowchart" finds nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from files_io import write_if_changed
from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, GlossaryTerm, Site, glossary
from search_dictionary import variants
from search_text import tidy_text

INDEX_PATH = "search/search_index.json"
NAMES_FIELD = "names"

# --- what is not text ----------------------------------------------------------

# Opening tags of what is not text: code blocks, mermaid sources (a <pre> or
# a <div class="mermaid">), MathML, arithmatex's wrapper (which still holds
# raw LaTeX when a formula could not be converted), and the links that
# term_tags.py and see_also.py add to each entry: navigation, which would open
# results with "标签 训练 效率" and count a term wherever it is a related term.
_EXCLUDED_CLASSES = {"mermaid": "diagram", "arithmatex": "formula",
                     "glossary-term-tags": "navigation", "glossary-see-also": "navigation"}
_NOISE_TAG_RE = re.compile(
    r'<(?:(pre|math)\b|(\w+) (?=[^>]*class="(?:[^"]*\s)?(' + "|".join(_EXCLUDED_CLASSES) + r')[\s"]))'
    r'(?![^>]*data-search-exclude)')


def exclude_from_search(page_html: str) -> str:
    """Mark code, diagrams, formulas and navigation so that Material's
    indexer skips them.

    Material removes the attribute from the page after indexing (it must have
    a value for that), so readers never see it.
    """
    def mark(match: re.Match) -> str:
        if match.group(1):
            kind = "code" if match.group(1) == "pre" else "formula"
            return f'<{match.group(1)} data-search-exclude="{kind}"'
        return f'<{match.group(2)} data-search-exclude="{_EXCLUDED_CLASSES[match.group(3)]}" '

    return _NOISE_TAG_RE.sub(mark, page_html)


# --- names ---------------------------------------------------------------------

_NOT_WORD_RE = re.compile(r"[\W_]+")

# Ends every word of the `names` field, so that it is a word of its own: the
# text's common word 词元 then does not lower the weight (idf) of the name
# 词元, and a query (which always ends with a wildcard) still matches it.
# A word character: the tokenizer and lunr's trimmer keep it.
NAME_END = "_"


# Where a hyphenated name continues: `Self-|Attention`, `Key-|Value Cache`.
_HYPHEN_RE = re.compile(r"(?<=\w)-(?=\w)")


def name_words(name: str) -> tuple[str, ...]:
    """The index words of one name: the name as one word (`Low-Rank
    Adaptation` -> `lowrankadaptation_`, `KV 缓存` -> `kv缓存_`), without
    accents too when it has some (`fréchet…` -> `frechet…`), and what follows
    each hyphen, tagged with what precedes it (`rankadaptation_low_`).

    Material's query parser cuts a query at hyphens and drops the wildcard of
    every part but the last: `low-rank` is searched as `low` (that exact
    word) and `rank*`, which only the tail word matches. The tag keeps the
    tail word the term's own (`Gated Cross-Attention` has `attention_…` too).
    """
    word = _word(name)
    words = [word, _without_accents(word)]
    for hyphen in _HYPHEN_RE.finditer(name):
        tail, head = _word(name[hyphen.end():]), _word(name[:hyphen.start()])
        words.append(f"{tail}_{head}" if len(tail) >= 2 else "")
    return tuple(dict.fromkeys(w + NAME_END for w in words if w))


def _word(text: str) -> str:
    return _NOT_WORD_RE.sub("", text.casefold())


def _without_accents(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@dataclass(frozen=True)
class EntryNames:
    """What the search index adds to one term's entry in one language."""

    words: tuple[str, ...]  # every name, both languages, as index words
    boost: float  # breaks ties in favour of the term with the shorter name


def term_words(term: GlossaryTerm) -> tuple[str, ...]:
    """The `names` words of a term: its headings' names in both languages
    first, then the variants its definitions list.

    A variant whose word starts with the same four Latin letters as a word
    already kept (`token计费` after `tokeneconomics`, `modelscale` after
    `modelsize`) is left out: every query that starts both would count the
    term twice and rank it above the term whose name the query is (token).
    """
    primary = [n for text in term.text.values() for n in (text.short_name, *text.aliases)]
    others = [v for text in term.text.values() for v in variants(text.summary, text.short_name)]
    kept: list[str] = []
    for index, name in enumerate(primary + others):
        for word in name_words(name):
            if word in kept:
                continue
            if index >= len(primary) and any(_shared_latin_start(word, k) for k in kept):
                continue
            kept.append(word)
    prefixes = [p for text in term.text.values() for p in han_prefixes(text.short_name)]
    return tuple(kept + [p for p in dict.fromkeys(prefixes) if p not in kept])


_HAN_RE = re.compile(r"^[\u3400-\u9fff]+$")


def han_prefixes(name: str) -> list[str]:
    """The beginnings of a Chinese name, from two characters to all but one
    (推测解码 -> 推测, 推测解), as index words of their own (no NAME_END).

    The browser cuts a Chinese query into words of the index: 推测, the start
    of a name but no word of it, fell apart into 推* 测*, which half the
    glossary matches (推理, 测试…). As a word, 推测 is searched as 推测*, which
    finds the name. A whole name still outranks a term it merely begins:
    the query as a name (search_worker) is worth more than a prefix.
    """
    word = _word(name)
    if not _HAN_RE.match(word) or len(word) < 3:
        return []
    return [word[:end] for end in range(2, len(word))]


def _shared_latin_start(a: str, b: str) -> bool:
    start = a[:4]
    return len(start) == 4 and start.isascii() and start.isalnum() and b.startswith(start)


def entry_names(terms: list[GlossaryTerm]) -> dict[str, EntryNames]:
    """Site-relative location of each term's entry (`training/#lora`,
    `en/training/#lora`) -> its names."""
    found: dict[str, EntryNames] = {}
    for term in terms:
        words = term_words(term)
        for text in term.text.values():
            found[text.url] = EntryNames(words, tie_break(text.short_name))
    return found


# A query (always a prefix: the browser appends `*`) that starts the names of
# two terms scores them alike; the one whose name it covers more of is the
# one the reader means: `expert` is Expert rather than Expert Parallelism,
# 专家 is 专家 rather than 专家并行. Small enough to decide only near-ties.
TIE_BREAK = 0.1


def tie_break(short_name: str) -> float:
    length = len(_NOT_WORD_RE.sub("", short_name)) or 1
    return round(1 + TIE_BREAK / length, 4)


def add_term_names(index: dict, names: dict[str, EntryNames]) -> dict:
    """The index with each term entry's `names` (and tie-break boost) added."""
    docs = []
    for doc in index["docs"]:
        extra = names.get(doc["location"])
        if extra is not None:
            doc = {**doc, NAMES_FIELD: " ".join(extra.words),
                   "boost": round(doc.get("boost", 1) * extra.boost, 4)}
        docs.append(doc)
    return {**index, "docs": docs}


def tidy_texts(index: dict) -> dict:
    """The index with each section's title and text tidied for the result
    list (search_text.tidy_text: line breaks, table rows)."""
    return {**index, "docs": [{**doc, "title": tidy_text(doc["title"]), "text": tidy_text(doc["text"])}
                              for doc in index["docs"]]}


# --- one index per language ------------------------------------------------------

def language_of(location: str) -> str:
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and location.startswith(f"{lang}/"):
            return lang
    return DEFAULT_LANGUAGE


def split_index(index: dict) -> dict[str, dict]:
    """Language -> that language's index. Locations become relative to the
    language's root (`en/training/#lora` -> `training/#lora`), which is where
    its pages point the search (see point_search_at)."""
    docs: dict[str, list[dict]] = {lang: [] for lang in LANGUAGES}
    for doc in index["docs"]:
        lang = language_of(doc["location"])
        if lang != DEFAULT_LANGUAGE:
            doc = {**doc, "location": doc["location"][len(lang) + 1:]}
        docs[lang].append(doc)
    return {lang: {**index, "docs": entries} for lang, entries in docs.items()}


def index_path(lang: str) -> str:
    return INDEX_PATH if lang == DEFAULT_LANGUAGE else f"{lang}/{INDEX_PATH}"


def serialize(index: dict) -> str:
    """As Material writes it: compact JSON."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


_CONFIG_BASE_RE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base":\s*")([^"]*)(")')


def point_search_at(page_html: str, folder: str) -> str:
    """Make a page's `base` (Material's root for the search index and result
    links) the language's folder: `../..` -> `../../en/`.

    Material also reads sitemap.xml there (link previews); term_previews.py
    puts a copy of the sitemap in each language's folder.
    """
    def rebase(match: re.Match) -> str:
        base = match.group(2).rstrip("/")
        return f"{match.group(1)}{base + '/' if base else ''}{folder}/{match.group(3)}"

    return _CONFIG_BASE_RE.sub(rebase, page_html, count=1)


# --- events --------------------------------------------------------------------

def point_search_at_language(output: str, url: str) -> str:
    """A page of another language than the default searches its own index."""
    lang = language_of(url)
    return output if lang == DEFAULT_LANGUAGE else point_search_at(output, lang)


def write_language_indexes(site_dir: Path, site: Site) -> None:
    """Split the search plugin's merged index into one per language, with
    every term's names (once, after every language is built)."""
    merged_path = site_dir / INDEX_PATH
    if not merged_path.is_file():  # search disabled
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    names = entry_names(glossary(site))
    for lang, index in split_index(tidy_texts(add_term_names(merged, names))).items():
        write_if_changed(site_dir / index_path(lang), serialize(index))






