"""What a content page tells search engines and link previews, with full URLs.

mkdocs-static-i18n writes language alternates as relative links (`./`,
`../en/training/`), which Lighthouse and search engines reject, and no
x-default; Material writes no Open Graph tags at all. This hook computes,
per page, the absolute canonical URL, the zh / en / x-default alternates,
the Open Graph and Twitter tags (with the page's preview card, drawn by
hooks/share_cards.py) and the document title; overrides/partials/site-meta.html
writes them in the `site_meta` block of overrides/main.html.
overrides/sitemap.xml lists the same URLs and alternates.

The document title is the page's own title, then the site's name in the
page's language ("训练与微调 - 大模型术语表"); the home page's is the site's
whole name. Material's own would repeat the site's name on the home page
(its title is the site's name) and add both languages' names everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, load_site, page_url, split_language, translation_path

OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}

# The preview card of every page and of every term (hooks/share_cards.py
# draws them): the size chat apps crop the least (1.91:1).
CARD_FOLDER = "assets/cards"
CARD_SIZE = (1200, 630)


@dataclass(frozen=True)
class HeadMeta:
    canonical: str
    alternates: tuple[tuple[str, str], ...]  # (hreflang, absolute URL), x-default last
    properties: tuple[tuple[str, str], ...]  # Open Graph: (property, content)
    names: tuple[tuple[str, str], ...]  # <meta name>: (name, content)
    title: str = ""  # the document's <title>


def term_card_path(term_id: str, lang: str) -> str:
    """Site path of a term's card: `assets/cards/zh/lora.png`."""
    return f"{CARD_FOLDER}/{lang}/{term_id}.png"


def page_card_path(src_uri: str) -> str:
    """Site path of a page's card, named by its URL: `training/fine-tuning.en.md`
    -> `assets/cards/en/pages/training/fine-tuning.png`; the home page's is
    `…/pages/index.png`."""
    base, lang = split_language(src_uri)
    return f"{CARD_FOLDER}/{lang}/pages/{page_url(base, DEFAULT_LANGUAGE).rstrip('/') or 'index'}.png"


def card_alt(name: str, text: str, lang: str) -> str:
    """What a card shows, in words (og:image:alt): the name and the definition."""
    return f"{name}{'：' if lang == 'zh' else ': '}{text}" if text else name


def card_properties(site_url: str, path: str, alt: str) -> tuple[tuple[str, str], ...]:
    """The Open Graph properties of a card: absolute URL, type, size, alt text."""
    width, height = CARD_SIZE
    return (("og:image", site_url + path), ("og:image:type", "image/png"),
            ("og:image:width", str(width)), ("og:image:height", str(height)), ("og:image:alt", alt))


def twitter_names(title: str, description: str) -> tuple[tuple[str, str], ...]:
    """X's card: the large image (it reads the image from og:image)."""
    names = (("twitter:card", "summary_large_image"),)
    return (*names, ("twitter:title", title), ("twitter:description", description)) if title else names


def site_name_in(site_name: str) -> str:
    """The site's name in the language of its pass: mkdocs.yml names the
    site in each language with that language's name first
    (`大模型术语表 · LLM Glossary`)."""
    return site_name.split(" · ")[0]


def document_title(title: str, site_name: str, home: bool) -> str:
    return site_name if home or not title else f"{title} - {site_name_in(site_name)}"


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
    home = base == "index.md"
    properties = (*open_graph("website" if home else "article", site_name, lang, title, description, urls[lang]),
                  *card_properties(site_url, page_card_path(src_uri), card_alt(title, description, lang)))
    return HeadMeta(urls[lang], alternates, properties, twitter_names(title, description),
                    document_title(title, site_name, home))


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


