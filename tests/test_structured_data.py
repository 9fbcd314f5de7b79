"""schema.org JSON-LD: it parses, and uses only types and properties that
schema.org defines, each on a type whose domain has it (hooks/structured_data.py)."""

from __future__ import annotations

import json
import re

import pytest

from glossary_docs import GlossaryTerm, TermText, is_family, page_url
from structured_data import json_ld, term_set, website
from test_sharing import DOCS, SITE_URL, TERMS, built_path, read, sitemap_locations

# The schema.org terms the site writes, by type: each property as schema.org's
# page of the type lists it (its own or inherited), read on schema.org in
# December 2026. DefinedTerm (Thing > Intangible): termCode and
# inDefinedTermSet of its own, name, alternateName, description and url from
# Thing. DefinedTermSet (a CreativeWork): hasDefinedTerm of its own,
# inLanguage and isPartOf from CreativeWork. WebSite (a CreativeWork):
# potentialAction from Thing. SearchAction (an Action): target from Action;
# `query-input` is the "-input" annotation of SearchAction's `query` in
# schema.org's Potential Actions convention (schema.org/docs/actions.html).
# EntryPoint: urlTemplate. Not used: inLanguage on a DefinedTerm, whose type
# (an Intangible) is not in that property's domain.
THING = {"name", "alternateName", "description", "url"}
SCHEMA = {
    "DefinedTermSet": THING | {"inLanguage", "isPartOf", "hasDefinedTerm"},
    "DefinedTerm": THING | {"termCode", "inDefinedTermSet"},
    "WebSite": THING | {"inLanguage", "potentialAction"},
    "SearchAction": THING | {"target", "query-input"},
    "EntryPoint": {"urlTemplate"},
}
KEYWORDS = {"@context", "@type", "@id"}


def schema_problems(node, path: str = "$") -> list[str]:
    """Every type or property in `node` that is not in SCHEMA, by JSON path."""
    if isinstance(node, list):
        return [problem for index, item in enumerate(node) for problem in schema_problems(item, f"{path}[{index}]")]
    if not isinstance(node, dict):
        return []
    kind = node.get("@type")
    if kind not in SCHEMA:
        return [f"{path}: type {kind!r} is not one schema.org defines here"]
    problems = [f"{path}.{key}: {kind} has no property {key!r}" for key in node
                if key not in KEYWORDS and key not in SCHEMA[kind]]
    for key, value in node.items():
        problems += schema_problems(value, f"{path}.{key}")
    return problems


TERM = GlossaryTerm("lora", "training", 2, None, {
    "zh": TermText("低秩适配（LoRA）", "低秩适配", ("LoRA",), "低秩适配（LoRA，又称低秩自适应）是一种方法。",
                   "training/#lora"),
    "en": TermText("Low-Rank Adaptation (LoRA)", "Low-Rank Adaptation", ("LoRA",), "Low-rank adaptation is x.",
                   "en/training/#lora")}, ("qlora",), "training/index.md")


def test_a_term_page_is_a_defined_term_set_of_its_terms():
    data = term_set("https://e.org/g/", "training/index.md", "训练", "训练的术语。", "术语表", [TERM])
    assert schema_problems(data) == []
    assert data["@type"] == "DefinedTermSet" and data["inLanguage"] == "zh-Hans"
    assert data["url"] == data["@id"] == "https://e.org/g/training/"
    assert data["hasDefinedTerm"] == [{
        "@type": "DefinedTerm", "@id": "https://e.org/g/training/#lora", "name": "低秩适配",
        "alternateName": ["LoRA", "低秩自适应"], "description": "低秩适配（LoRA，又称低秩自适应）是一种方法。",
        "url": "https://e.org/g/training/#lora", "termCode": "lora", "inDefinedTermSet": "https://e.org/g/training/"}]


def test_the_home_page_is_a_website_searched_with_q():
    data = website("https://e.org/g/", "en", "Glossary", "About.")
    assert schema_problems(data) == []
    action = data["potentialAction"]
    assert action["target"]["urlTemplate"] == "https://e.org/g/en/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_json_ld_cannot_close_its_script_element():
    text = json_ld({"@type": "WebSite", "name": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><b>&"


@pytest.mark.parametrize("node, problem", [
    ({"@type": "DefinedTerm", "inLanguage": "en"}, "$.inLanguage: DefinedTerm has no property 'inLanguage'"),
    ({"@type": "Glossary"}, "$: type 'Glossary' is not one schema.org defines here"),
    ({"@type": "WebSite", "potentialAction": {"@type": "SearchAction", "quer": 1}},
     "$.potentialAction.quer: SearchAction has no property 'quer'"),
], ids=["property-outside-its-domain", "unknown-type", "nested-typo"])
def test_the_check_names_what_schema_org_does_not_define(node, problem):
    assert schema_problems(node) == [problem]


# --- the build -----------------------------------------------------------------

def ld(page_html: str) -> list[dict]:
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)]


@pytest.mark.parametrize("src", sorted(p for p, page in DOCS.pages.items() if is_family(page) and page.terms))
def test_every_term_page_carries_its_terms_as_schema_org(site, src):
    doc = DOCS.pages[src]
    location = SITE_URL + page_url(doc.base, doc.lang)
    text = read(site, built_path(location[len(SITE_URL):]))
    (data,) = ld(text)
    assert schema_problems(data) == []
    assert data["@type"] == "DefinedTermSet" and data["url"] == location
    assert data["name"] == doc.front_matter.data["title"]
    terms = {term.id: term.text[doc.lang] for term in TERMS if term.page == doc.base}
    assert [item["termCode"] for item in data["hasDefinedTerm"]] == [term.id for term in doc.terms]
    for item in data["hasDefinedTerm"]:
        text_of = terms[item["termCode"]]
        assert item["url"] == SITE_URL + text_of.url and item["description"] == text_of.summary
        assert f'id="{item["termCode"]}"' in text


def test_the_home_pages_carry_the_website_and_its_search(site):
    for path, lang in (("index.html", "zh-Hans"), ("en/index.html", "en")):
        (data,) = ld(read(site, path))
        assert schema_problems(data) == []
        assert data["@type"] == "WebSite" and data["inLanguage"] == lang
        assert data["potentialAction"]["target"]["urlTemplate"] == data["url"] + "?q={search_term_string}"


def test_every_json_ld_of_the_site_parses_and_is_schema_org(site):
    for location in sitemap_locations(site):
        page = read(site, built_path(location[len(SITE_URL):]))
        for data in ld(page):
            assert schema_problems(data) == [], location
