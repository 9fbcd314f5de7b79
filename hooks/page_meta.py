"""What a content page tells search engines and link previews, with full URLs.

mkdocs-static-i18n writes language alternates as relative links (`./`,
`../en/training/`), which Lighthouse and search engines reject, and no
x-default; Material writes no Open Graph tags at all. This hook computes,
per page, the absolute canonical URL, the zh / en / x-default alternates and
the Open Graph and Twitter tags; overrides/partials/site-meta.html writes
them in the `site_meta` block of overrides/main.html. overrides/sitemap.xml
lists the same URLs and alternates.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, load_site, page_url, split_language, translation_path

OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}


@dataclass(frozen=True)
class HeadMeta:
    canonical: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default last
    properties: tuple[tuple[str, str], ...]  # Open Graph: (property, content)
    names: tuple[tuple[str, str], ...]  # <meta name>: (name, content)


def open_graph(kind: str, site_name: str, lang: str, title: str, description: str,
               url: str) -> tuple[tuple[str, str], ...]:
    """The Open Graph properties of a page or a short link."""
    return (
        ("og:type", kind),
        ("og:site_name", site_name),
        ("og:locale", OG_LOCALES[lang]),
        *(("og:locale:alternate", OG_LOCALES[other]) for other in LANGUAGES if other != lang),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
    )


def head_meta(site_url: str, src_uri: str, title: str, description: str, site_name: str) -> HeadMeta:
    """The head metadata of the page built from `src_uri` (`training.en.md`).

    Every page has its translation (hooks/translation_parity.py fails the
    build otherwise), so its alternates follow from its own path.
    """
    base, lang = split_language(src_uri)
    urls = {other: site_url + page_url(base, other) for other in LANGUAGES}
    alternates = (*((other, urls[other]) for other in LANGUAGES), ("x-default", urls[DEFAULT_LANGUAGE]))
    properties = open_graph("website" if base == "index.md" else "article", site_name, lang, title, description,
                            urls[lang])
    # No image: a "summary" card shows the title and description as text.
    names = (("twitter:card", "summary"), ("twitter:title", title), ("twitter:description", description))
    return HeadMeta(urls[lang], alternates, properties, names)


def sitemap_entries(site_url: str, src_uris: list[str]) -> list[HeadMeta]:
    """The sitemap's entries: every page in every language (each page has its
    translation), the default language first, with its alternates."""
    bases = sorted({split_language(uri)[0] for uri in src_uris}, key=lambda base: page_url(base, DEFAULT_LANGUAGE))
    return [head_meta(site_url, translation_path(base, lang), "", "", "") for lang in LANGUAGES for base in bases]


def fill_sitemap(context: dict, template_name: str, config: MkDocsConfig) -> None:
    """The sitemap template's entries: the pages mkdocs-static-i18n knows of,
    generated ones included (the A-Z index and such register there): the
    sitemap is where Material looks for pages it may preview."""
    if template_name != "sitemap.xml":
        return
    known = context.get("i18n_alternates") or {}
    src_uris = [file.src_uri for files in known.values() for file in files if file.src_uri.endswith(".md")]
    context["sitemap_entries"] = sitemap_entries(config.site_url or "",
                                                 src_uris or list(load_site(config.docs_dir).pages))


def page_head_meta(page: Page, config: MkDocsConfig) -> HeadMeta:
    meta = page.meta or {}
    title = str(meta.get("title") or page.title or config.site_name)
    description = str(meta.get("description") or config.site_description or "")
    return head_meta(config.site_url or "", page.file.src_uri, title, description, config.site_name)


