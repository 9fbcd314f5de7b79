"""A small index of term names, which answers a term lookup at once.

The full search index (search_index.py) is a megabyte a language: on a
phone's connection it takes seconds to arrive, and the worker then builds
its lunr index for seconds more. Most searches are a term's name. This
stage writes, beside each language's index, `search/search_names.json`:
every term's names in both languages (heading, abbreviation, the variants
its definition lists), its title, its page and the start of its definition,
under 30 KB gzipped. The search worker (docs/assets/javascripts/
search-worker.js) answers from it while the full index loads, and ranks the
term whose name a query is above everything the full index finds.

    {"pages": [[location, title], ...],
     "terms": [[page, id, title, own names, other language's names, variants, definition], ...],
     "popular": [term index, ...]}

Locations are relative to the language's root, like the full index's.
`popular` lists the terms other entries link to most: the empty search box
suggests them (the site counts no visits, so what the glossary itself
points to most stands for what readers look up).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from files_io import write_if_changed
from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, GlossaryTerm, Site, glossary, page_url
from search_dictionary import variants
from search_text import plain_formulas

NAMES_PATH = "search/search_names.json"
POPULAR_COUNT = 8
# The definition as the result list shows it before the full index is in:
# about two lines on a phone.
DEFINITION_LENGTH = {"zh": 44, "en": 100}
_CUT_RE = {"zh": re.compile(r"[，、；：,;]"), "en": re.compile(r"[\s,;:]")}


def names_path(lang: str) -> str:
    return NAMES_PATH if lang == DEFAULT_LANGUAGE else f"{lang}/{NAMES_PATH}"


# The parenthesis after the term's name that opens most definitions:
# 低秩适配（Low-Rank Adaptation，LoRA）是…, "A reward model (RM, also called …) is".
_OPENING_NAMES_RE = re.compile(r"^((?:an?\s+|the\s+)?)(.+?)\s*[（(][^（）()]*[）)]\s*", re.IGNORECASE)


def short_definition(summary: str, lang: str, name: str = "") -> str:
    """The definition's start, cut after a clause or word, with an ellipsis
    when it was cut; formulas read as plain text ($O(n^2)$ -> O(n²)). The
    names in parentheses after the term's own name are left out: the
    result's title shows them, and two lines have no room to spare."""
    text = plain_formulas(summary)
    opening = _OPENING_NAMES_RE.match(text)
    if name and opening and opening.group(2).casefold() == name.casefold():
        rest = text[opening.end():]
        text = f"{opening.group(1)}{opening.group(2)}{'' if lang == 'zh' else ' '}{rest}"
    limit = DEFINITION_LENGTH.get(lang, DEFINITION_LENGTH["en"])
    if len(text) <= limit:
        return text
    head = text[:limit]
    cuts = [m.end() for m in _CUT_RE.get(lang, _CUT_RE["en"]).finditer(head)]
    end = cuts[-1] if cuts and cuts[-1] > limit // 2 else limit
    return head[:end].rstrip(" ，、；：,;") + "…"


def _other_names(term: GlossaryTerm, lang: str) -> list[str]:
    return [name for other in LANGUAGES if other != lang and other in term.text
            for name in (term.text[other].short_name, *term.text[other].aliases)]


def _variants(term: GlossaryTerm) -> list[str]:
    return [v for text in term.text.values() for v in variants(text.summary, text.short_name)]


def _unique(names: list[str], known: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Each name once (as search compares them: case aside), none of `known`."""
    seen = {n.casefold() for n in known}
    kept = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


def local(url: str, lang: str) -> str:
    """A site-relative URL relative to its language's root (en/x/ -> x/)."""
    return url if lang == DEFAULT_LANGUAGE else url.removeprefix(f"{lang}/")


def page_titles(site: Site, lang: str) -> dict[str, str]:
    """Location of each page (its language's) -> its title."""
    titles = {}
    for page in site.language(lang):
        data = page.front_matter.data or {}
        title = data.get("title") or next((h.text for h in page.headings if h.level == 1), page.base)
        titles[local(page_url(page.base, lang), lang)] = str(title)
    return titles


def popular_terms(site: Site, terms: list[GlossaryTerm], count: int = POPULAR_COUNT) -> list[str]:
    """The ids of the h2 terms that entries link to most ([[id]] and See
    also), most first; ties in page order."""
    links: Counter[str] = Counter()
    for page in site.language(DEFAULT_LANGUAGE):
        links.update(term_id for _, term_id in page.term_refs)
    order = {term.id: index for index, term in enumerate(terms)}
    ranked = sorted((t for t in terms if t.level == 2), key=lambda t: (-links[t.id], order[t.id]))
    return [t.id for t in ranked[:count] if links[t.id]]


def names_index(site: Site, terms: list[GlossaryTerm], lang: str) -> dict:
    """One language's names index (see the module docstring)."""
    titles = page_titles(site, lang)
    pages: list[list[str]] = []
    page_index: dict[str, int] = {}
    rows: list[list] = []
    row_of: dict[str, int] = {}
    for term in terms:
        text = term.text.get(lang)
        if text is None:
            continue
        location, term_id = local(text.url, lang).split("#", 1)
        if location not in page_index:
            page_index[location] = len(pages)
            pages.append([location, titles.get(location, location)])
        own = _unique([text.short_name, *text.aliases])
        other = _unique(_other_names(term, lang), own)
        row_of[term.id] = len(rows)
        rows.append([page_index[location], term_id, text.name, own, other, _unique(_variants(term), own + other),
                     short_definition(text.summary, lang, text.short_name)])
    # Pages without terms too (the home page): a full-text hit there is
    # listed under its page's title, which the worker takes from here.
    pages += [[location, title] for location, title in titles.items() if location not in page_index]
    popular = [row_of[i] for i in popular_terms(site, terms) if i in row_of]
    return {"pages": pages, "terms": rows, "popular": popular}


def serialize(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def write_names_indexes(site_dir: Path, site: Site) -> None:
    """search/search_names.json for each language (once, after every
    language is built, beside the full indexes)."""
    if not (site_dir / "search").is_dir():  # search disabled
        return
    terms = glossary(site)
    for lang in LANGUAGES:
        write_if_changed(site_dir / names_path(lang), serialize(names_index(site, terms, lang)))
