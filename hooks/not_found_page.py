"""One 404 page for the whole site, Chinese first, with its language switch
pointing at the two home pages.

A static host serves a single /404.html for every missing path, whatever the
language. mkdocs-static-i18n renders the theme's 404.html in each language
pass, so the English pass would overwrite the Chinese one; and the language
switch in its header keeps the links of the last page built before it. This
hook keeps the default language's rendering and resets the switch.
overrides/404.html holds the page itself.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig

from glossary_docs import DEFAULT_LANGUAGE

TEMPLATE = "404.html"
# The language of the site name's second half in the page's header (the
# default language's name comes first, as the page is in it first).
OTHER_LANGUAGE = "en"

# The default language's rendering, reused by the other passes.
_rendered: dict[str, str] = {}


def home_alternates(alternates: list[dict], site_url: str) -> list[dict]:
    """Material's language-switch entries, each leading to its language's home.

    Root-relative (`/llm-glossary/en/`), as the 404 page is served at any depth."""
    base = urlsplit(site_url or "/").path.rstrip("/") + "/"
    return [{**entry, "link": base if entry.get("lang") == DEFAULT_LANGUAGE else f"{base}{entry.get('lang')}/"}
            for entry in alternates]


def reset_language_switch(template_name: str, config: MkDocsConfig) -> None:
    """The 404 page's language switch leads to the two home pages."""
    if template_name != TEMPLATE or not config.extra.get("alternate"):
        return
    # mkdocs-static-i18n resets the entries before the next page's context.
    config.extra["alternate"] = home_alternates(config.extra["alternate"], config.site_url or "")


def template_to_render(template: Template, template_name: str, config: MkDocsConfig) -> Template:
    """The other languages' passes render nothing for the 404 page: their
    rendering is replaced by the default language's (one_404_page), and the
    full theme template with the whole nav is the build's most costly page."""
    if template_name == TEMPLATE and _is_other_language(config) and TEMPLATE in _rendered:
        return template.environment.from_string("")
    return template


def _is_other_language(config: MkDocsConfig) -> bool:
    return config.theme.get("language", DEFAULT_LANGUAGE) != DEFAULT_LANGUAGE


def one_404_page(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The default language's 404 page, in every pass."""
    if template_name != TEMPLATE:
        return output
    if not _is_other_language(config):
        _rendered[TEMPLATE] = output
        return output
    return _rendered.get(TEMPLATE, output)


