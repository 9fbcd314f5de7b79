"""What a page shows its reader around the content, on a phone as on a
desktop: the last build stage of a page (on_post_page, after the search
index has read the content, so none of this is indexed twice).

- The header: the site's name is never cut mid-word on a phone (its
  other-language half is a span narrow screens hide), and once the page's
  title replaces it (Material swaps them as the page scrolls, and a shared
  link opens the page scrolled), the site's name stays above the title,
  small: a reader who arrives from a link knows where they are.
- Term headings keep their ¶ and copy button on their last line, with the
  heading's last word (a lone icon on a line of its own, indented by the
  hidden ¶, looked like a stray mark).
- Under each term heading, its name in the other language: English pages
  show the Chinese name (searching 低秩适配 on /en/ finds LoRA, and now shows
  why), Chinese pages the English name where the heading does not have it.
- At the top of a family page, the list of its terms: on a phone the
  table of contents is two taps away, inside the menu.
- Chinese typography and language marks (cjk_typography: the Chinese of
  English pages, the English phrases of Chinese pages), and the math
  font's preload (math_font).
"""

from __future__ import annotations

import html
import re

import cjk_typography
import math_font
from glossary_docs import DEFAULT_LANGUAGE, Site, glossary, is_family

LABELS = {
    "zh": {"on-page": "本页术语", "other": "英文"},
    "en": {"on-page": "On this page", "other": "Chinese"},
}
OTHER_LANG = {"zh": "en", "en": "zh-Hans"}

_TERM_HEADING_RE = re.compile(
    r'(<h([2-4]) id="([^"]+)"[^>]*>)(.*?)(<a class="headerlink"[^>]*>[^<]*</a><button [^>]*></button>)(</h\2>)',
    re.DOTALL)
# The heading's last unbreakable piece: a word (with the brackets around
# it) or its last Chinese character (with the punctuation after it).
_OPENING = re.escape(cjk_typography.OPENING)
_LAST_WORD_RE = re.compile(
    f"(?:[{_OPENING}]*[^\\s{_OPENING}{cjk_typography.HAN}]+"
    f"|[{cjk_typography.HAN}][^\\s{cjk_typography.HAN}]*)$")


def keep_icons_with_last_word(heading_text: str, icons: str) -> str:
    """The heading's text with its last word and `icons` (¶ and copy button)
    in one unbreakable span; a heading that ends in markup keeps it as is."""
    match = _LAST_WORD_RE.search(heading_text)
    if not match or "<" in match.group(0) or ">" in match.group(0):
        return heading_text + icons
    return f'{heading_text[:match.start()]}<span class="gl-heading-end">{match.group(0)}{icons}</span>'


def other_names(site: Site) -> dict[str, dict[str, str]]:
    """Term id -> language -> the name to show under its heading on that
    language's pages, from the glossary (the other language's heading); none
    where the heading already carries it."""
    def compute() -> dict[str, dict[str, str]]:
        names: dict[str, dict[str, str]] = {}
        for term in glossary(site):
            zh, en = term.text.get("zh"), term.text.get("en")
            if zh is None or en is None:
                continue
            names[term.id] = {"en": zh.name}
            if en.short_name.casefold() not in zh.name.casefold():
                names[term.id]["zh"] = en.name
        return names

    return site.derived("page_reading.other_names", compute)


def term_headings(page_html: str, names: dict[str, dict[str, str]], lang: str) -> str:
    """Each term heading with its icons kept on its last line, followed by
    its name in the other language."""
    label = LABELS.get(lang, LABELS["en"])["other"]
    other = OTHER_LANG.get(lang, DEFAULT_LANGUAGE)

    def heading(match: re.Match) -> str:
        opening, _, term_id, text, icons, closing = match.groups()
        out = opening + keep_icons_with_last_word(text, icons) + closing
        name = names.get(term_id, {}).get(lang)
        if name:
            out += (f'\n<div class="gl-other-name">{label} '
                    f'<span lang="{other}">{html.escape(name, quote=False)}</span></div>')
        return out

    return _TERM_HEADING_RE.sub(heading, page_html)


_PAGE_TOP_RE = re.compile(r'(<h1 [^>]*>.*?</h1>)(\s*<p class="glossary-reviewed">.*?</p>)?', re.DOTALL)


def on_this_page(page_html: str, terms: list[tuple[str, str]], lang: str) -> str:
    """The list of a page's terms (id, name), under its title and review line."""
    if len(terms) < 2:
        return page_html
    label = LABELS.get(lang, LABELS["en"])["on-page"]
    items = "".join(f'<li><a href="#{term_id}">{html.escape(name, quote=False)}</a></li>' for term_id, name in terms)
    listing = (f'<nav class="gl-on-page" aria-labelledby="gl-on-page"><span id="gl-on-page" '
               f'class="gl-on-page__label">{label}</span><ul>{items}</ul></nav>')
    return _PAGE_TOP_RE.sub(lambda match: match.group(0) + "\n" + listing, page_html, count=1)


# What fits on one line of a phone's header at the title's size: about 11
# em (178 px at 16 px), less a margin for wide letters. A longer title is
# set a size smaller, on two lines (extra.css).
HEADER_LINE_EM = 10.0


def title_width_em(title: str) -> float:
    """The width of `title` in em, estimated: a Chinese character or
    full-width mark is 1 em, anything else about half (0.53 em on average
    in the system sans-serif fonts, measured over the site's titles)."""
    return sum(1.0 if cjk_typography.is_cjk(char) else 0.55 for char in title)


def header_names(page_html: str, site_name: str, page_title: str, *, both: str | None = None) -> str:
    """The header's site name split where it changes language, and the
    page-title topic with the site's name above it; a title longer than a
    phone's header line marked `gl-header-topic--long`. `both`, the other
    half's language, keeps both halves on every screen (the 404 page, which
    speaks both languages), the other half on a line of its own on a phone."""
    own, sep, other = site_name.partition(" · ")
    if not sep:
        return page_html
    e = html.escape
    if both:
        other_half = (f'<span class="gl-header-other" lang="{e(both)}"><span class="gl-header-sep"> · </span>'
                      f"{e(other)}</span>")
    else:
        other_half = f'<span class="gl-header-other"> · {e(other)}</span>'
    page_html = re.sub(
        r'(<div class="md-header__topic)(">\s*<span class="md-ellipsis">\s*)' + re.escape(e(site_name)),
        lambda match: f'{match.group(1)}{" gl-header-both" if both else ""}{match.group(2)}{e(own)}{other_half}',
        page_html, count=1)
    if page_title.strip() in ("", own, site_name):
        return page_html
    long = " gl-header-topic--long" if title_width_em(page_title) > HEADER_LINE_EM else ""
    return re.sub(r'<div class="md-header__topic" data-md-component="header-topic">(\s*)(<span class="md-ellipsis">)',
                  lambda match: f'<div class="md-header__topic gl-header-topic{long}" data-md-component="header-topic">'
                                f'{match.group(1)}<span class="gl-header-site">{e(own)}</span>{match.group(2)}',
                  page_html, count=1)


_ARTICLE_RE = re.compile(r"(<article\b.*?</article>)", re.DOTALL)
_BODY_RE = re.compile(r"(<body\b.*</body>)", re.DOTALL)


def finish(page_html: str, *, src_uri: str, page_url: str, page_title: str, lang: str, site: Site,
           site_name: str) -> str:
    """Every part of this stage, for one built page."""
    page_html = math_font.head_links(page_html, page_url)
    page_html = header_names(page_html, site_name, page_title)
    doc = site.pages.get(src_uri)
    if doc is not None and is_family(doc):
        page_html = on_this_page(page_html, [(t.id, t.name) for t in doc.terms if t.level == 2], lang)
        page_html = term_headings(page_html, other_names(site), lang)
    page_html = _ARTICLE_RE.sub(lambda match: cjk_typography.typeset(match.group(1), lang), page_html, count=1)
    mark = cjk_typography.mark_chinese if lang == "en" else cjk_typography.mark_english
    return _BODY_RE.sub(lambda match: mark(match.group(1)), page_html, count=1)
