"""Short links: `/t/<id>/` (Chinese) and `/en/t/<id>/` (English) for every term.

Each is one small generated page that previews the term itself (og:title is
its name, og:description its one-sentence definition, og:image its card from
hooks/share_cards.py) and sends the reader on
to the heading, `../../<family>/#<id>`: by meta refresh, so that it works
without JavaScript, and by `location.replace`, so that Back does not land on
the redirect. The pages are plain HTML files, not Markdown, rendered from
overrides/short-link.html: they are in no navigation, no search index and no
sitemap.

Every term heading also gets a copy-link button (wired by
assets/javascripts/sharing.js) that copies the term's short link.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, Template
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from content_policy import with_policy
from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, GlossaryTerm, Problem, Site
from glossary_export import readable_glossary
from page_meta import HeadMeta, card_alt, card_properties, document_title, open_graph, term_card_path, twitter_names

# The site path reserved for short links, in each language.
PREFIX = "t"
SCRIPT = "assets/javascripts/short-link.js"
LABELS = {
    "zh": {"copy": "复制短链接", "go": "前往术语", "permalink": "此术语的永久链接"},
    "en": {"copy": "Copy short link", "go": "Go to the term", "permalink": "Permanent link to this term"},
}


def short_path(term_id: str, lang: str) -> str:
    """Site-relative path of a short link: `t/lora/`, `en/t/lora/`."""
    path = f"{PREFIX}/{term_id}/"
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def redirect_target(target: str, here: str) -> str:
    """`en/training/#lora` seen from `en/t/lora/`: `../../training/#lora`.

    Relative, so that the redirect works wherever the site is served (a
    GitHub Pages sub-path, `mkdocs serve`, a local copy); "" is the home page."""
    path, _, anchor = target.partition("#")
    return get_relative_url(path or "./", here) + (f"#{anchor}" if anchor else "")


def short_link_page(link: ShortLink, site_url: str, site_name: str, template: Template) -> str:
    """The redirect page of one short link, with the term's own preview tags."""
    here = short_path(link.id, link.lang)
    target = redirect_target(link.target, here)
    properties = (*open_graph("article", site_name, link.lang, link.name, link.summary, site_url + here),
                  *card_properties(site_url, term_card_path(link.id, link.lang),
                                   card_alt(link.name, link.summary, link.lang)))
    meta = HeadMeta(site_url + here, (), properties, twitter_names("", ""),
                    document_title(link.name, site_name, home=False))
    # Jinja drops a template's last line break; the page keeps it.
    return with_policy(template.render(link=link, target=target, meta=meta, site_name=site_name,
                                       labels=LABELS.get(link.lang, LABELS["en"]),
                                       script=get_relative_url(SCRIPT, here)) + "\n")


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






_HEADING_RE = re.compile(r'(<h([2-4])\b[^>]*?\bid="([^"]+)"[^>]*>.*?)(</h\2>)', re.DOTALL)


def add_copy_buttons(page_html: str, urls: dict[str, str], lang: str) -> str:
    """A copy-link button at the end of each term heading (after the ¶ permalink).

    The button is a real <button>, named in the page's language, and so is
    the ¶ permalink. Neither has a title: Material's content.tooltips mounts
    a tooltip for every titled element at load (on a long page, tens of
    milliseconds of a phone's main thread each batch), and a title bubble
    covered the tag row. Headings that are not terms get none.
    """
    if "<h" not in page_html or not urls:
        return page_html
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




def short_links_of(site: Site, lang: str) -> list[ShortLink]:
    """The short links of one language of the site (the preview cards show
    the same name and text)."""
    fallbacks = {page.base: str((page.front_matter.data or {}).get("description", ""))
                 for page in site.language(lang)}
    return short_links(readable_glossary(site), lang, fallbacks)


def pages(site: Site, lang: str, site_url: str, site_name: str,
          env: Environment) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Term id -> its absolute short link in `lang`, and (path, HTML) of
    each short-link page."""
    links = short_links_of(site, lang)
    urls = {link.id: site_url + short_path(link.id, link.lang) for link in links}
    template = env.get_template("short-link.html")
    return urls, [(short_path(link.id, lang) + "index.html", short_link_page(link, site_url, site_name, template))
                  for link in links]


def built_pages(site: Path) -> list[Path]:
    """The HTML files of the built site but the short-link pages (t/<id>/,
    en/t/<id>/): those are most of its files and style themselves, and
    hold no formula."""
    skipped = {site / PREFIX, *(site / lang / PREFIX for lang in LANGUAGES)}
    pages = []
    for folder, subfolders, names in os.walk(site):
        subfolders[:] = [name for name in subfolders if Path(folder, name) not in skipped]
        pages += [Path(folder, name) for name in names if name.endswith(".html")]
    return sorted(pages)
