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

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig

from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, nested_i18n_pass

SITEMAP = "sitemap.xml"


def copy_if_changed(source: Path, target: Path) -> bool:
    """Write `source`'s bytes to `target` unless it already holds them."""
    content = source.read_bytes()
    if target.is_file() and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return True


# After mkdocs-static-i18n (priority -100) has built every language; only in
# the outer pass, when the root sitemap is final.
@mkdocs.plugins.event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if config.plugins.get("i18n") is None or nested_i18n_pass(config):
        return
    root = Path(config.site_dir)
    if not (root / SITEMAP).is_file():
        return
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            copy_if_changed(root / SITEMAP, root / lang / SITEMAP)
