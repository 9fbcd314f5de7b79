"""Short links: `/t/<id>/` (Chinese) and `/en/t/<id>/` (English) for every term.

Each is one small generated page that previews the term itself (og:title is
its name, og:description its one-sentence definition) and sends the reader on
to the heading, `../../<family>/#<id>`: by meta refresh, so that it works
without JavaScript, and by `location.replace`, so that Back does not land on
the redirect. The pages are plain HTML files, not Markdown: they are in no
navigation, no search index and no sitemap.

Every term heading also gets a copy-link button (wired by
assets/javascripts/sharing.js) that copies the term's short link.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from dataclasses import dataclass

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from glossary_docs import (DEFAULT_LANGUAGE, GlossaryTerm, Problem, build_language, load_site, report,
                           split_language)
from glossary_export import readable_glossary

log = logging.getLogger("mkdocs.plugins.glossary.short_links")

# The site path reserved for short links, in each language.
PREFIX = "t"
OG_LOCALES = {"zh": "zh_CN", "en": "en_US"}
LABELS = {
    "zh": {"copy": "复制短链接", "go": "前往术语", "permalink": "此术语的永久链接"},
    "en": {"copy": "Copy short link", "go": "Go to the term", "permalink": "Permanent link to this term"},
}


def short_path(term_id: str, lang: str) -> str:
    """Site-relative path of a short link: `t/lora/`, `en/t/lora/`."""
    path = f"{PREFIX}/{term_id}/"
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def relative_url(target: str, from_dir: str) -> str:
    """`en/training/#lora` seen from `en/t/lora/`: `../../training/#lora`.

    Relative, so that the redirect works wherever the site is served (a
    GitHub Pages sub-path, `mkdocs serve`, a local copy)."""
    path, _, anchor = target.partition("#")
    relative = posixpath.relpath(path or ".", from_dir.rstrip("/") or ".")
    directory = path == "" or path.endswith("/")  # "" is the home page
    relative = "./" if relative == "." else relative + ("/" if directory else "")
    return relative + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class ShortLink:
    """What a short-link page says: the term in one language, and where it is."""

    id: str
    lang: str
    name: str
    summary: str
    target: str  # site-relative, with the anchor: en/training/#lora


def short_links(terms: list[GlossaryTerm], lang: str, fallbacks: dict[str, str]) -> list[ShortLink]:
    """The short links of one language. A term without a summary (its first
    paragraph is not prose) previews its family page's description instead."""
    links = []
    for term in terms:
        text = term.text.get(lang)
        if text is None:
            continue  # reported by translation_parity
        summary = text.summary or fallbacks.get(term.page, "")
        links.append(ShortLink(term.id, lang, text.name, summary, text.url))
    return links


def short_link_page(link: ShortLink, site_url: str, site_name: str) -> str:
    """The redirect page of one short link, with the term's own preview tags."""
    here = short_path(link.id, link.lang)
    target = relative_url(link.target, here)
    others = [other for other in OG_LOCALES if other != link.lang]
    e = html.escape
    labels = LABELS.get(link.lang, LABELS["en"])
    tags = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{e(link.name)} - {e(site_name)}</title>",
        f'<meta name="description" content="{e(link.summary)}">',
        # The term's heading is what search engines index; this page only redirects.
        '<meta name="robots" content="noindex">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{e(site_name)}">',
        f'<meta property="og:locale" content="{OG_LOCALES.get(link.lang, link.lang)}">',
        *[f'<meta property="og:locale:alternate" content="{OG_LOCALES[other]}">' for other in others],
        f'<meta property="og:title" content="{e(link.name)}">',
        f'<meta property="og:description" content="{e(link.summary)}">',
        # The short link itself: a preview service that follows og:url (Facebook
        # does) then keeps describing the term, not the family page.
        f'<meta property="og:url" content="{e(site_url + here)}">',
        '<meta name="twitter:card" content="summary">',
        f'<meta http-equiv="refresh" content="0; url={e(target)}">',
        f"<script>location.replace({_js_string(target)})</script>",
        "<style>body{font:1rem/1.6 system-ui,sans-serif;max-width:40rem;margin:3rem auto;"
        "padding:0 1rem;color-scheme:light dark}</style>",
    ]
    return (f'<!doctype html>\n<html lang="{e(link.lang)}">\n<head>\n' + "\n".join(tags)
            + "\n</head>\n<body>\n"
            + f"<p>{e(site_name)}</p>\n"
            + f"<h1>{e(link.name)}</h1>\n"
            + f"<p>{e(link.summary)}</p>\n"
            + f'<p><a href="{e(target)}">{e(labels["go"])} →</a></p>\n'
            + "</body>\n</html>\n")


def _js_string(value: str) -> str:
    """A JavaScript string literal that cannot close the <script> element."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return f'"{escaped}"'


_HEADING_RE = re.compile(r'(<h([2-4])\b[^>]*?\bid="([^"]+)"[^>]*>.*?)(</h\2>)', re.DOTALL)


def add_copy_buttons(page_html: str, urls: dict[str, str], lang: str) -> str:
    """A copy-link button at the end of each term heading (after the ¶ permalink).

    The button is a real <button>, named in the page's language, and so is
    the ¶ permalink. Neither has a title: Material's content.tooltips mounts
    a tooltip for every titled element at load (on a long page, tens of
    milliseconds of a phone's main thread each batch), and a title bubble
    covered the tag row. Headings that are not terms get none.
    """
    labels = LABELS.get(lang, LABELS["en"])
    e = html.escape

    def button(match: re.Match) -> str:
        url = urls.get(match.group(3))
        if url is None:
            return match.group(0)
        heading = match.group(1).replace('<a class="headerlink" href=',
                                         f'<a class="headerlink" aria-label="{e(labels["permalink"])}" href=', 1)
        return (f'{heading}<button type="button" class="gl-copy-link" '
                f'data-short-link="{e(url)}" aria-label="{e(labels["copy"])}"></button>{match.group(4)}')

    return _HEADING_RE.sub(button, page_html)


def reserved_path_problems(files: Files, lang: str) -> list[Problem]:
    """A page of docs/ at t/… would collide with the short links."""
    prefix = short_path("", lang).rstrip("/")
    return [Problem(file.src_uri, 1, f"the site path {prefix}/ is reserved for short links "
                                     f"(/{prefix}/<id>/); rename or move this file")
            for file in files if file.url.startswith(prefix + "/")]


# Per pass: term id -> its absolute short link, for on_page_content.
_state: dict[str, dict[str, str]] = {"urls": {}}


@mkdocs.plugins.event_priority(-150)  # after mkdocs-static-i18n picked this pass's pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    lang = build_language(files)
    report(log, reserved_path_problems(files, lang))
    site = load_site(config.docs_dir)
    fallbacks = {page.base: str((page.front_matter.data or {}).get("description", ""))
                 for page in site.language(lang)}
    links = short_links(readable_glossary(site), lang, fallbacks)
    site_url = config.site_url or ""
    _state["urls"] = {link.id: site_url + short_path(link.id, link.lang) for link in links}
    for link in links:
        page = short_link_page(link, site_url, config.site_name)
        files.append(File.generated(config, short_path(link.id, lang) + "index.html", content=page))
    return files


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if '<h' not in html_text or not _state["urls"]:
        return None
    return add_copy_buttons(html_text, _state["urls"], split_language(page.file.src_uri)[1])
