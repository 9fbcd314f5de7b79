"""`/glossary.json`: every term of the site, both languages, as data.

Tools, slides and other sites reuse the glossary without scraping it. The file
is written from docs/ on every build (never kept by hand), once, by the
default-language pass: it describes both languages.

Shape:
`{"terms": [{"id", "family", "zh": {"name", "aliases", "summary", "url"},
"en": {…}, "related": [ids]}]}`, urls site-relative with the anchor.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from glossary_docs import LANGUAGES, TERM_REF_RE, GlossaryTerm, Problem, Site, glossary, plain_text

log = logging.getLogger("mkdocs.plugins.glossary.glossary_export")

EXPORT_PATH = "glossary.json"

# `$r=8$` in a summary: previews and the export show the formula's text.
_INLINE_MATH_RE = re.compile(r"(?<![\\$])\$([^$\n]+)\$")


def readable_summary(markdown: str, names: dict[str, str]) -> str:
    """A summary as plain text, each `[[id]]` written as the term's name
    (as the page shows it), not as its id."""
    def name(match: re.Match) -> str:
        ref, text = match.group(1).strip(), match.group(2)
        return text.strip() if text else names.get(ref, ref)

    return plain_text(_INLINE_MATH_RE.sub(r"\1", TERM_REF_RE.sub(name, markdown)))


def readable_glossary(site: Site) -> list[GlossaryTerm]:
    """`glossary(site)`, with summaries that name the terms they refer to
    (the export and the short-link pages of each language ask)."""
    return list(site.derived("readable_glossary", lambda: tuple(_readable_glossary(site))))


def _readable_glossary(site: Site) -> list[GlossaryTerm]:
    terms = glossary(site)
    for lang in LANGUAGES:
        found = site.terms(lang)
        names = {term_id: term.name for term_id, (_, term) in found.items()}
        for index, term in enumerate(terms):
            if lang in term.text and term.id in found:
                source = found[term.id][1].summary_markdown
                text = replace(term.text[lang], summary=readable_summary(source, names))
                terms[index] = replace(term, text={**term.text, lang: text})
    return terms


def export_record(term: GlossaryTerm) -> dict:
    record: dict = {"id": term.id, "family": term.family}
    for lang in LANGUAGES:
        if lang in term.text:  # a missing translation is reported by translation_parity
            text = term.text[lang]
            record[lang] = {"name": text.name, "aliases": list(text.aliases),
                            "summary": text.summary, "url": text.url}
    record["related"] = list(term.related)
    return record


def glossary_json(terms: list[GlossaryTerm]) -> str:
    """The export, in page order; indented so that a diff of two builds reads."""
    data = {"terms": [export_record(term) for term in terms]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def add_export(files: Files, config: MkDocsConfig, site: Site) -> list[Problem]:
    """/glossary.json added to `files`; a hand-kept copy in docs/ is a problem."""
    problems = []
    hand_kept = files.get_file_from_path(EXPORT_PATH)
    if hand_kept is not None:
        problems.append(Problem(hand_kept.src_uri, 1, f"{EXPORT_PATH} is written by the build "
                                                      "(hooks/glossary_export.py) from the term "
                                                      "headings; delete this file"))
        files.remove(hand_kept)
    files.append(File.generated(config, EXPORT_PATH, content=glossary_json(readable_glossary(site))))
    return problems
