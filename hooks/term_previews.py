"""Hovering a link to a term shows the term's definition, in both languages.

Material's `navigation.instant.preview` does the work with the site's own
bundle (no third-party script): it fetches the linked page and shows the
heading and what follows it (glossary-navigation.css trims that to the
definition). It only previews links to pages its sitemap lists, and it
fetches the sitemap from the base of the current language's site: the
English pages ask for en/sitemap.xml, which mkdocs-static-i18n does not
write (its one sitemap, at the site root, lists the pages of both
languages). This hook puts that sitemap at en/ as well.
"""

from __future__ import annotations

from pathlib import Path

from files_io import write_if_changed
from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES

SITEMAP = "sitemap.xml"


def copy_sitemaps(site_dir: Path) -> None:
    """The root sitemap in each other language's folder (once the root
    sitemap is final: after every language is built)."""
    if not (site_dir / SITEMAP).is_file():
        return
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            write_if_changed(site_dir / lang / SITEMAP, (site_dir / SITEMAP).read_bytes())


