"""Family sections are named by their family's own page.

mkdocs.yml names each navigation section by its family id (`training:`),
which is no title for readers. Each language's pass renames the section to
the title of the family's index page in that language, so the title has one
home (the page's front matter) and both languages read their own.
"""

from __future__ import annotations

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section

from glossary_docs import build_language, load_site
from glossary_extras import family_titles


def retitle(items, titles: dict[str, str]) -> None:
    """Sections whose title is a family id get the family's title."""
    for item in items:
        if isinstance(item, Section):
            item.title = titles.get(item.title, item.title)
            retitle(item.children, titles)


@mkdocs.plugins.event_priority(-150)  # after mkdocs-static-i18n built this language's nav
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    lang = build_language(files)
    titles = {family: by_lang[lang] for family, by_lang in family_titles(load_site(config.docs_dir)).items()}
    retitle(nav.items, titles)
    return nav
