"""Every page exists in both languages, with the same heading ids.

mkdocs-static-i18n (fallback off) simply leaves a missing translation out;
with fallback on it would copy the other language's page in silently. Either
way the reader loses, so the build names what is missing instead.
"""

from __future__ import annotations

import logging

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from glossary_docs import (DEFAULT_LANGUAGE, LANGUAGES, DocPage, Problem, Site, build_language,
                           load_site, report, translation_path)

log = logging.getLogger("mkdocs.plugins.glossary.translation_parity")

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


def missing_translations(site: Site, lang: str) -> list[Problem]:
    """Pages of `lang` whose translation into another language is missing."""
    problems = []
    for page in site.language(lang):
        for other in LANGUAGES:
            wanted = translation_path(page.base, other)
            if other != lang and wanted not in site.pages:
                problems.append(Problem(page.path, 1,
                                        f"page has no {LANGUAGE_NAMES[other]} translation; "
                                        f"create docs/{wanted} with the same headings and ids"))
    return problems


def id_parity_problems(page: DocPage, other: DocPage) -> list[Problem]:
    """Ids of `page` that its translation `other` lacks, or has at another level.

    Each pass reports its own language's side; level and order are compared
    once, from the default language.
    """
    problems = []
    theirs = {h.id: h for h in other.headings if h.id}
    for heading in page.headings:
        if not heading.id:
            continue
        match = theirs.get(heading.id)
        if match is None:
            problems.append(Problem(page.path, heading.line,
                                    f'id "{heading.id}" is missing from docs/{other.path}; add the '
                                    f"translated heading there with {{#{heading.id}}}, or use the id "
                                    "that page has"))
        elif match.level != heading.level and page.lang == DEFAULT_LANGUAGE:
            problems.append(Problem(page.path, heading.line,
                                    f'heading "{heading.id}" is h{heading.level} here but '
                                    f"h{match.level} in docs/{other.path}:{match.line}; use the "
                                    "same level in both languages"))
    if page.lang == DEFAULT_LANGUAGE and not problems:
        mine = [h.id for h in page.headings if h.id]
        order = [h.id for h in other.headings if h.id]
        if mine != order:
            first = next(i for i, (a, b) in enumerate(zip(mine, order)) if a != b)
            line = next(h.line for h in page.headings if h.id == mine[first])
            problems.append(Problem(page.path, line,
                                    f'headings are in another order in docs/{other.path} (here '
                                    f'"{mine[first]}", there "{order[first]}"); keep both '
                                    "languages in the same order"))
    return problems


@mkdocs.plugins.event_priority(-150)  # after mkdocs-static-i18n picked this pass's pages
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    lang = build_language(files)
    site = load_site(config.docs_dir)
    problems = missing_translations(site, lang)
    for page in site.language(lang):
        for other_lang in LANGUAGES:
            other = site.pages.get(translation_path(page.base, other_lang))
            if other_lang != lang and other is not None:
                problems += id_parity_problems(page, other)
    report(log, problems)
