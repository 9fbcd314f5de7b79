"""Front matter must be valid YAML with known keys, title and description.

MkDocs on its own ignores a front matter block it cannot parse and keeps
unknown keys silently, so a typo (`titel:`) ships a page without its title.
"""

from __future__ import annotations

import logging

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from glossary_docs import DocPage, Problem, build_language, load_site, report

log = logging.getLogger("mkdocs.plugins.glossary.front_matter")

# What a page may set: its title and summary (meta description, previews),
# Material's per-page switches, and tags for the tags listing.
ALLOWED_KEYS = frozenset({"title", "description", "hide", "search", "tags", "icon", "status"})
REQUIRED_KEYS = ("title", "description")


def front_matter_problems(page: DocPage) -> list[Problem]:
    front = page.front_matter
    if front.error:
        return [Problem(page.path, front.error_line or 1,
                        f"{front.error}; fix the YAML between the two --- lines")]
    problems = []
    if front.end_line == 0:
        return [Problem(page.path, 1, "page has no front matter; start it with ---, "
                                      "title: and description: lines and a closing ---")]
    for key in sorted(set(front.data) - ALLOWED_KEYS):
        problems.append(Problem(page.path, 1, f"unknown front matter key '{key}'; "
                                              f"use one of {', '.join(sorted(ALLOWED_KEYS))}"))
    for key in REQUIRED_KEYS:
        value = front.data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(page.path, 1, f"front matter has no '{key}'; add "
                                                  f"'{key}: …' (a non-empty string)"))
    return problems


@mkdocs.plugins.event_priority(-150)  # after mkdocs-static-i18n picked this pass's pages
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    lang = build_language(files)
    problems: list[Problem] = []
    for page in load_site(config.docs_dir).language(lang):
        problems += front_matter_problems(page)
    report(log, problems)
