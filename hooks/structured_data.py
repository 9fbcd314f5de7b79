"""Structured data (schema.org JSON-LD) for search engines and other readers.

A page of terms says what it is: a schema.org `DefinedTermSet` (the page,
in its language) of `DefinedTerm`s, each with its name, its other names
(the abbreviation and the variants its definition lists), its one-sentence
definition, its URL (the heading's anchor) and its id as `termCode`. The home
page says the site is a `WebSite` that can be searched: `?q=` opens
Material's search with the query (the lazily loaded index included, see
hooks/search_on_demand.py).

Only types and properties that schema.org defines, each on a type whose
domain includes it (tests/test_structured_data.py holds the list, checked
against schema.org's pages): `inLanguage` is a property of creative works
such as the set and the site, not of a DefinedTerm (an Intangible), so a
term's language is its set's.

overrides/partials/structured-data.html writes the JSON in the page's head.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from glossary_docs import GlossaryTerm, Site, is_family, page_url, split_language
from glossary_export import readable_glossary
from search_dictionary import names_in

# BCP 47, as schema.org asks: the script of the Chinese pages, not a region.
LANGUAGE_TAGS = {"zh": "zh-Hans", "en": "en"}
# Material opens its search with the query of this URL parameter.
SEARCH_PARAMETER = "q"


def home_url(site_url: str, lang: str) -> str:
    return site_url + page_url("index.md", lang)


def term_set(site_url: str, src_uri: str, title: str, description: str, site_name: str,
             terms: list[GlossaryTerm]) -> dict:
    """The DefinedTermSet of a page of terms (`terms`: the page's, in order)."""
    base, lang = split_language(src_uri)
    url = site_url + page_url(base, lang)
    defined = []
    for term in terms:
        text = term.text.get(lang)
        if text is None:
            continue  # reported by translation_parity
        item: dict[str, object] = {"@type": "DefinedTerm", "@id": site_url + text.url, "name": text.short_name}
        others = list(names_in(text)[1:])
        if others:
            item["alternateName"] = others
        if text.summary:
            item["description"] = text.summary
        item.update({"url": site_url + text.url, "termCode": term.id, "inDefinedTermSet": url})
        defined.append(item)
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": url,
        "name": title,
        "description": description,
        "url": url,
        "inLanguage": LANGUAGE_TAGS[lang],
        "isPartOf": {"@type": "WebSite", "@id": home_url(site_url, lang), "name": site_name},
        "hasDefinedTerm": defined,
    }


def website(site_url: str, lang: str, site_name: str, description: str) -> dict:
    """The site, and how to search it."""
    home = home_url(site_url, lang)
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": home,
        "name": site_name,
        "description": description,
        "url": home,
        "inLanguage": LANGUAGE_TAGS[lang],
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{home}?{SEARCH_PARAMETER}={{search_term_string}}"},
            # schema.org's Actions convention: `query` (the property), with
            # "-input" naming the value a user supplies.
            "query-input": "required name=search_term_string",
        },
    }


def json_ld(data: dict) -> str:
    """The JSON for a <script> element: compact, Chinese as UTF-8 (half the
    bytes of \\u escapes), and nothing that could end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_data(page: Page, config: MkDocsConfig, site: Site) -> str:
    """The JSON-LD of a page: the home pages' site, a term page's set; other
    pages (the generated indexes) carry none."""
    src_uri = page.file.src_uri
    base, lang = split_language(src_uri)
    meta = page.meta or {}
    title = str(meta.get("title") or page.title or config.site_name)
    description = str(meta.get("description") or config.site_description or "")
    site_url = config.site_url or ""
    if base == "index.md":
        return json_ld(website(site_url, lang, config.site_name, description))
    doc = site.pages.get(src_uri)
    if doc is None or not is_family(doc) or not doc.terms:
        return ""
    terms = [term for term in readable_glossary(site) if term.page == base]
    return json_ld(term_set(site_url, src_uri, title, description, config.site_name, terms))
