"""Family sections are named by their family's own page, and their
navigation landmarks have names.

mkdocs.yml names each navigation section by its family id (`training:`),
which is no title for readers. Each language's pass renames the section to
the title of the family's index page in that language, so the title has one
home (the page's front matter) and both languages read their own.

With navigation.indexes, Material labels a section's <nav> by the toggle
beside the section's link (aria-labelledby), which holds only an icon, or
which a section of one page does not have at all: the landmark has no
name, and next to another unnamed one (a code block's copy-button <nav>)
axe reports landmark-unique. Each section <nav> is named by the section's
title (aria-label, the title Material prints in it), and the toggle holds
the title as visually hidden text, so screen readers name it too.
"""

from __future__ import annotations

import re

from mkdocs.structure.nav import Navigation, Section

from glossary_docs import Site
from glossary_extras import family_titles


def retitle(items, titles: dict[str, str]) -> None:
    """Sections whose title is a family id get the family's title."""
    for item in items:
        if isinstance(item, Section):
            item.title = titles.get(item.title, item.title)
            retitle(item.children, titles)


def retitle_sections(nav: Navigation, site: Site, lang: str) -> None:
    """Each section named by a family id in mkdocs.yml gets the title of its
    family page in `lang`."""
    retitle(nav.items, {family: by_lang[lang] for family, by_lang in family_titles(site).items()})


# The link to a section's index page and its toggle, as Material's
# nav-item.html writes them (whitespace as the templates leave it).
_SECTION_TOGGLE_RE = re.compile(
    r'(<a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>\s*</a>\s*'
    r'<label class="md-nav__link[^"]*" for="(__nav_[\d_]+)" id="\3_label" tabindex="0">)')


def _in_navigation(page_html: str, rewrite) -> str:
    """`rewrite` applied to the page up to its content: Material writes the
    navigation first, and the content's links need not be tried."""
    end = page_html.find('<div class="md-content"')
    if end < 0:
        return rewrite(page_html)
    return rewrite(page_html[:end]) + page_html[end:]


def name_section_toggles(page_html: str) -> str:
    """Each section toggle holds its section's title as visually hidden
    text (a <label> may not carry aria-label)."""
    def label(match: re.Match) -> str:
        return f'{match.group(1)}<span class="gl-visually-hidden">{match.group(2)}</span>'

    return _in_navigation(page_html, lambda head: _SECTION_TOGGLE_RE.sub(label, head))


_SECTION_NAV_RE = re.compile(
    r'<nav class="md-nav" data-md-level="(\d+)" aria-labelledby="(__nav_[\d_]+)_label"( aria-expanded="\w+">\s*'
    r'<label class="md-nav__title" for="\2">\s*<span class="md-nav__icon md-icon"></span>\s*([^<]*?)\s*</label>)')


def name_section_navs(page_html: str) -> str:
    """Each section's <nav> named by its title, which it shows."""
    return _in_navigation(page_html, lambda head: _SECTION_NAV_RE.sub(
        lambda m: f'<nav class="md-nav" data-md-level="{m.group(1)}" aria-label="{m.group(4)}"{m.group(3)}', head))



