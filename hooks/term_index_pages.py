"""Three pages generated from the glossary, in both languages: the A–Z index
(`a-z`), the tags (`tags`) and the bilingual term table (`terms`).

Written by hand they would fall behind the term pages; generated, they list
every term as its headings name it, link it by the id the build checks, and
cannot disagree between languages. The Chinese index sorts by the pinyin of
the Chinese name (pypinyin), grouped by initial; the English one by name.
Abbreviations (LoRA under L) have entries of their own that point to the term.

Each page's title and introduction are Markdown; its body (the entries,
hundreds of links) is HTML from a template under overrides/partials/,
linked by construction to the pages and ids the glossary lists. They are
added in on_files after mkdocs-static-i18n (priority -150): static-i18n
cannot take generated pages, so each pass adds its own language's page with
the file attributes the plugin gives the pages it picked.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from cjk_typography import is_cjk
from files_io import BuildCache
from glossary_docs import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    GlossaryTerm,
    Problem,
    Site,
    family_of,
    family_page,
    family_root,
    glossary,
    i18n_plugin,
    link_from,
    load_site,
    split_language,
    translation_path,
)
from glossary_extras import (
    Tag,
    TermRow,
    family_titles,
    nav_families,
    nav_pages,
    site_tags,
    term_abbreviation,
    term_rows,
    term_tags,
)

log = logging.getLogger("mkdocs.plugins.glossary.term_index_pages")

# The A–Z index is five pages, by fixed ranges of initials, so that each
# stays within the page-weight budget (306 terms with their definitions are
# some 140 KB of HTML in one page); fixed, so that an initial's address does
# not move when terms are added, and the same in both languages, so that the
# language switch finds the page. The ranges balance the two languages'
# initials as of 2026-12 (pinyin for Chinese). `a-z/#s` from before the
# split still reaches S (see a_z_pointers).
A_Z_PAGES = (("a-z.md", "0–9", "C"), ("a-z/d-h.md", "D", "H"), ("a-z/i-o.md", "I", "O"),
             ("a-z/p-s.md", "P", "S"), ("a-z/t-z.md", "T", "#"))
PAGES = (*(page for page, _, _ in A_Z_PAGES), "tags.md", "terms.md")

# Readings pypinyin's phrase dictionary gets wrong for this field's words
# (微调 is wēitiáo, not wēidiào; 重采样 is chóngcǎiyàng).
PHRASES = {
    "微调": [["wēi"], ["tiáo"]],
    "调优": [["tiáo"], ["yōu"]],
    "调参": [["tiáo"], ["cān"]],
    "重采样": [["chóng"], ["cǎi"], ["yàng"]],
    "重参数化": [["chóng"], ["cān"], ["shù"], ["huà"]],
    "重排序": [["chóng"], ["pái"], ["xù"]],
    "重训练": [["chóng"], ["xùn"], ["liàn"]],
    "长上下文": [["cháng"], ["shàng"], ["xià"], ["wén"]],
    "长文本": [["cháng"], ["wén"], ["běn"]],
}

LABELS: dict[str, dict[str, Any]] = {
    "zh": {
        "a-z.title": "术语索引",
        "a-z.description": "全部术语按汉语拼音排序，每条附一句话定义；LoRA、RLHF 等英文缩写也能直接查到。",
        "a-z.intro": "全部 {count} 个术语按汉语拼音排序（以英文开头的名称按字母排），每条附一句话定义。"
                     "英文缩写（如 LoRA）另有条目，指向对应术语。也可以[按标签浏览](tags.md)，"
                     "或查看[中英术语对照表](terms.md)。",
        "letters": "按首字母跳转",
        "a-z.elsewhere": "其余首字母在后面几页",
        "a-z.on": "见“{page}”",
        "see": "见",
        "digits": "0–9",
        "families.columns": ("术语族", "各页", "术语数"),
        "families.count": "收录 **{terms}** 个术语，分为 **{families}** 个术语族，中英文各一份。",
        "tags.title": "标签",
        "tags.description": "按主题浏览术语：每个术语族是一个标签，另有注意力、效率、偏好学习等跨术语族的主题标签。",
        "tags.intro": "每个术语都带有它所在术语族的标签，不少术语还有跨术语族的主题标签。"
                      "标签也显示在每个术语的标题下方。",
        "tags.bar": "全部标签",
        "tags.family": "术语族页面：{link}",
        "tags.count": "{count} 个术语",
        "terms.title": "中英术语对照表",
        "terms.description": "全部术语的中文名、英文名与缩写对照，可下载为 TSV 或 CSV。",
        "terms.intro": "全部 {count} 个术语的中文名、英文名和缩写，按汉语拼音排序；"
                       "名称链接到术语正文。",
        "terms.downloads": "下载：",
        "terms.tsv": "TSV（制表符分隔）",
        "terms.csv": "CSV（Excel 可直接打开）",
        "terms.llms": "给语言模型的站点摘要",
        "terms.llms-full": "全文",
        "terms.columns": ("中文", "English", "缩写", "术语族"),
    },
    "en": {
        "a-z.title": "A–Z Index",
        "a-z.description": "Every term in alphabetical order with its one-sentence definition; "
                           "abbreviations such as LoRA and RLHF have entries of their own.",
        "a-z.intro": "All {count} terms in alphabetical order, each with its one-sentence definition. "
                     "Abbreviations (such as LoRA) have entries of their own that point to the term. "
                     "You can also [browse by tag](tags.md) or open the "
                     "[Chinese–English term table](terms.md).",
        "letters": "Jump to a letter",
        "a-z.elsewhere": "The other initials are on the following pages",
        "a-z.on": "on {page}",
        "see": "see",
        "digits": "0–9",
        "tags.title": "Tags",
        "families.columns": ("Family", "Pages", "Terms"),
        "families.count": "**{terms}** terms in **{families}** families, each in English and Chinese.",
        "tags.description": "Browse the terms by topic: each family is a tag, and topic tags such as "
                            "attention, efficiency and preference learning cross the families.",
        "tags.intro": "Every term carries the tag of its family, and many carry topic tags that cross "
                      "families. Each term also shows its tags under its heading.",
        "tags.bar": "All tags",
        "tags.family": "Family page: {link}",
        "tags.count": "{count} terms",
        "terms.title": "Chinese–English Term Table",
        "terms.description": "Every term's Chinese name, English name and abbreviation, downloadable as TSV or CSV.",
        "terms.intro": "The Chinese name, English name and abbreviation of all {count} terms, in "
                       "alphabetical order; each name links to the term.",
        "terms.downloads": "Download: ",
        "terms.tsv": "TSV (tab-separated)",
        "terms.csv": "CSV (opens in Excel)",
        "terms.llms": "site summary for language models",
        "terms.llms-full": "full text",
        "terms.columns": ("English", "中文", "Abbreviation", "Family"),
    },
}


# --- Sorting and grouping ------------------------------------------------------

def _latin_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


_SYLLABLE_RE = re.compile(r"([a-z]+)([1-5])")


@functools.cache  # pypinyin is the slow part of the index; names repeat
def sort_key(name: str, lang: str) -> tuple:
    """Chinese: character by character, by pinyin then tone, as dictionaries
    order (shǐyòng before shìyàn); Latin words among them by their letters.
    English: word by word, accents ignored."""
    if lang == "zh":
        pairs: list[tuple[str, int]] = []
        for item in _readings(name):
            syllable = _SYLLABLE_RE.fullmatch(item)
            if syllable:
                pairs.append((syllable.group(1), int(syllable.group(2))))
            else:
                pairs += [(word, 0) for word in _latin_words(item)]
        return tuple(pairs), name
    return tuple((word, 0) for word in _latin_words(name)), name.casefold(), name


# A run of Chinese characters as pypinyin reads one (pypinyin.constants.RE_HANS,
# copied: importing pypinyin costs a third of a second, and a rebuild takes
# every reading from the cache; a unit test keeps the two equal).
HANS = (r"[\u3007\ue815-\ue864\ufa18\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002A6DF"
        r"\U0002A703-\U0002B73F\U0002B740-\U0002B81D\U0002B825-\U0002BF6E\U0002C029-\U0002CE93\U0002D016"
        r"\U0002D11B-\U0002EBD9\U0002F80A-\U0002FA1F\U00030000-\U0003134A\U000300F7-\U00031288\U00030EDD"
        r"\U00030EDE\U00031350-\U00032389]")
_HANS_RUN_RE = re.compile(f"((?:{HANS})+)")


def _readings(name: str) -> list[str]:
    """pypinyin's TONE3 readings of `name`, other text left as it is. The
    same as one lazy_pinyin call on the name (pypinyin, too, reads each run
    of Chinese characters on its own), but each run is read once: names
    share their words (注意力, 模型), and pypinyin costs 0.1 ms a call."""
    out: list[str] = []
    for index, part in enumerate(_HANS_RUN_RE.split(name)):
        if index % 2:
            out += _run_readings(part)
        elif part:
            out.append(part)
    return out


@functools.cache
def _run_readings(hans: str) -> tuple[str, ...]:
    return tuple(readings_cache.get(hans, lambda: _pinyin(hans)))


def _pinyin(hans: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin, load_phrases_dict

    if not _phrases_loaded:
        load_phrases_dict(PHRASES)
        _phrases_loaded.append(True)
    return lazy_pinyin(hans, style=Style.TONE3, neutral_tone_with_five=True)


_phrases_loaded: list[bool] = []
READINGS_FILE = ".cache/pinyin.json"
# Another pypinyin, or other corrections, read otherwise.
readings_cache = BuildCache(
    f"pypinyin {version('pypinyin')}, phrases {hashlib.sha256(repr(PHRASES).encode()).hexdigest()[:12]}",
    "pinyin", lambda value: isinstance(value, list) and all(isinstance(item, str) for item in value))


def initial(name: str, lang: str) -> str:
    """The index group of a name: A–Z, "0–9", or "#" for anything else."""
    words = sort_key(name, lang)[0]
    first = words[0][0][:1].upper() if words else ""
    if "A" <= first <= "Z":
        return first
    return "0–9" if first.isdigit() else "#"


def group_id(letter: str) -> str:
    return {"0–9": "digits", "#": "other"}.get(letter, letter.lower())


# --- The A–Z index --------------------------------------------------------------

@dataclass(frozen=True)
class IndexEntry:
    name: str  # what the entry is filed under
    target: str  # docs-relative link: training.md#lora
    summary: str  # the definition, or '' for a cross-reference
    family: str  # the family page's title
    see: str = ""  # for a cross-reference (LoRA -> 低秩适配（LoRA）): the term's name


def index_entries(terms: list[GlossaryTerm], lang: str, families: dict[str, dict[str, str]]) -> list[IndexEntry]:
    """One entry per term, named as its heading in `lang`, plus one per
    abbreviation filed under another name (LoRA, and in Chinese RLHF ...)."""
    entries = []
    for term in terms:
        text = term.text.get(lang)
        if text is None:
            continue
        target = f"{term.page}#{term.id}"
        family = families.get(term.family, {}).get(lang, term.family)
        entries.append(IndexEntry(text.name, target, text.summary, family))
        abbreviation = term_abbreviation(term)
        if abbreviation and abbreviation.text != text.short_name:
            entries.append(IndexEntry(abbreviation.text, target, "", family, see=text.name))
    return sorted(entries, key=lambda e: (sort_key(e.name, lang), e.see))


def grouped(entries: list[IndexEntry], lang: str) -> dict[str, list[IndexEntry]]:
    """Entries by initial, digits first, then A–Z, then anything else."""
    groups: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        groups.setdefault(initial(entry.name, lang), []).append(entry)
    order = ["0–9", *[chr(c) for c in range(ord("A"), ord("Z") + 1)], "#"]
    return {letter: groups[letter] for letter in order if letter in groups}


_MD_SPECIAL_RE = re.compile(r"[&<>\[\]\\`*_$|{}~]")


def md_escape(text: str) -> str:
    """Text as Markdown that renders as itself: no emphasis, link, HTML, math
    or table cell break. Character references, not backslashes: arithmatex
    reads `\\(` and `\\[` as the start of a formula."""
    return _MD_SPECIAL_RE.sub(lambda m: f"&#{ord(m.group(0))};", text)


# Paragraphs of text with links in them: the links are underlined there
# (glossary-navigation.css), not told apart by colour alone.
INTRO = "{: .glossary-intro }"
# Where a generated page's body goes: Markdown renders the title and the
# introduction, the body (hundreds of links) comes from its template.
BODY_MARKER = "<!-- glossary: generated body -->"


@dataclass(frozen=True)
class GeneratedPage:
    """A generated page: the Markdown MkDocs renders (front matter, title,
    introduction) and the HTML of the rest, from a template under
    overrides/partials/. The body's links are made here, to pages and ids
    the glossary itself lists, not resolved by MkDocs one by one (some 3,500
    links a build, a fifth of its Markdown time); the build test follows
    every one of them in the built site."""

    markdown: str
    body: str


def _front_matter(title: str, description: str) -> str:
    # JSON strings are YAML strings: no quoting rules to get wrong.
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n"
            "search:\n  exclude: true\nhide:\n  - toc\n---\n\n")


def letter_cells(letters: list[str], links: dict[str, str]) -> list[dict[str, str]]:
    """The bar of initials: each with terms links to its group (`links`),
    the others are shown but inert."""
    return [{"letter": letter, "href": links.get(letter, "")} for letter in letters]


ALL_INITIALS = ("0–9", *[chr(c) for c in range(ord("A"), ord("Z") + 1)], "#")


def a_z_page_of(letter: str) -> str:
    """The A–Z page (docs path, default language) that holds an initial."""
    position = ALL_INITIALS.index(letter)
    for page, first, last in A_Z_PAGES:
        if ALL_INITIALS.index(first) <= position <= ALL_INITIALS.index(last):
            return page
    return A_Z_PAGES[-1][0]


def _see_space(see: str, name: str) -> str:
    """见[低秩适配（LoRA）], 见 [Transformer], see [LoRA]: the sources' rule
    (content_rules.link_space_problems)."""
    return "" if not name or is_cjk(see[-1]) and is_cjk(name[0]) else " "


def a_z_pages(terms: list[GlossaryTerm], lang: str, families: dict[str, dict[str, str]],
              env: Environment) -> dict[str, GeneratedPage]:
    """The A–Z pages (docs path, default language -> page): each holds its
    range of initials; the letter bar links every initial, wherever it is."""
    labels = LABELS[lang]
    entries = index_entries(terms, lang, families)
    groups = grouped(entries, lang)
    count = sum(1 for e in entries if not e.see)
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    letters = (["0–9"] if "0–9" in groups else []) + letters + (["#"] if "#" in groups else [])
    template = env.get_template("partials/a-z-body.html")
    pages = {}
    for page, first, last in A_Z_PAGES:
        here = [letter for letter in groups if a_z_page_of(letter) == page]
        span = f"{first}–{last}" if last != "#" else f"{first}–Z"
        title = labels["a-z.title"] if page == A_Z_PAGES[0][0] else f"{labels['a-z.title']} {span}"
        links = {letter: (f"#{group_id(letter)}" if a_z_page_of(letter) == page else
                          f"{link_from(page, a_z_page_of(letter))}#{group_id(letter)}") for letter in groups}
        intro = labels["a-z.intro"].format(count=count, span=span)
        if page != A_Z_PAGES[0][0]:
            intro = intro.replace("](tags.md)", "](../tags.md)").replace("](terms.md)", "](../terms.md)")
        body = template.render(labels=labels, letters=letter_cells(letters, links), groups=[
            {"id": group_id(letter), "letter": letter,
             "entries": [{"name": e.name, "href": link_from(page, e.target), "summary": e.summary,
                          "family": e.family, "see": e.see, "space": _see_space(labels["see"], e.see)}
                         for e in groups[letter]]}
            for letter in here])
        markdown = "".join([_front_matter(title, labels["a-z.description"]), f"# {title}\n\n", intro,
                            f"\n{INTRO}\n\n", BODY_MARKER, "\n"])
        pages[page] = GeneratedPage(markdown, body)
    return pages


def a_z_pointers(terms: list[GlossaryTerm], lang: str) -> dict[str, str]:
    """Initial id -> its place (a link relative to /a-z/) for the initials
    that are not on the first A–Z page: `a-z/#s` was the address of S when
    the index was one page."""
    groups = grouped(index_entries(terms, lang, {}), lang)
    first = A_Z_PAGES[0][0]
    return {group_id(letter): posixpath.relpath(a_z_page_of(letter)[:-3], "a-z") + f"/#{group_id(letter)}"
            for letter in groups if a_z_page_of(letter) != first}


# --- Tags ------------------------------------------------------------------------

def list_name(term: GlossaryTerm, lang: str) -> str:
    """A term as the tags page lists it: its name, with its abbreviation if
    it has one, but not the other language's name the heading adds
    (参数规模, not 参数规模（Parameter Count）): the page lists some 600
    entries, and its weight has a budget."""
    text = term.text[lang]
    abbreviation = term_abbreviation(term)
    if abbreviation is None or abbreviation.text == text.short_name:
        return text.short_name
    return f"{text.short_name}（{abbreviation.text}）" if lang == DEFAULT_LANGUAGE else \
        f"{text.short_name} ({abbreviation.text})"


TAGS_PAGE = "tags.md"


def tags_page(terms: list[GlossaryTerm], tags: list[Tag], lang: str,
              families: dict[str, dict[str, str]], env: Environment) -> GeneratedPage:
    labels = LABELS[lang]
    by_tag: dict[str, list[GlossaryTerm]] = {tag.id: [] for tag in tags}
    tags_of = term_tags(terms, tags)  # once, not once per term (it reads every tag)
    for term in terms:
        if lang not in term.text:
            continue
        for tag_id in tags_of[term.id]:
            by_tag.setdefault(tag_id, []).append(term)
    used = [tag for tag in tags if by_tag.get(tag.id)]
    family_before, _, family_after = labels["tags.family"].partition("{link}")
    sections = []
    for tag in used:
        members = sorted(by_tag[tag.id], key=lambda t: sort_key(t.text[lang].name, lang))
        family = {}
        if tag.family:
            root = next((family_root(t.page) for t in members if t.family == tag.id), tag.id + "/index.md")
            family = {"href": link_from(TAGS_PAGE, root), "name": families.get(tag.id, tag.label)[lang]}
        sections.append({"id": tag.id, "label": tag.label[lang], "count": len(members), "family": family,
                         "terms": [{"name": list_name(t, lang), "href": link_from(TAGS_PAGE, f"{t.page}#{t.id}")}
                                   for t in members]})
    body = env.get_template("partials/tags-body.html").render(
        labels=labels, tags=sections, count_label=labels["tags.count"],
        family_label=(family_before, family_after))
    markdown = (_front_matter(labels["tags.title"], labels["tags.description"])
                + f"# {labels['tags.title']}\n\n{labels['tags.intro']}\n\n{BODY_MARKER}\n")
    return GeneratedPage(markdown, body)


# --- The term table -----------------------------------------------------------------

def relative_url(target: str, page: str) -> str:
    """Site-relative `target` (terms.tsv) as seen from the page at site-relative URL `page` (en/terms/)."""
    return posixpath.relpath(target, posixpath.dirname(page.rstrip("/") + "/x") or ".")


TERMS_PAGE = "terms.md"


def table_page(rows: list[TermRow], lang: str, families: dict[str, dict[str, str]], page: str,
               env: Environment) -> GeneratedPage:
    labels = LABELS[lang]
    other = next(x for x in LANGUAGES if x != lang)
    ordered = sorted(rows, key=lambda r: sort_key(getattr(r, lang), lang))
    downloads = " · ".join(
        f'<a href="{relative_url(name, page)}" download>{name}</a> {labels["terms." + key]}'
        for name, key in (("terms.tsv", "tsv"), ("terms.csv", "csv")))
    llms = " · ".join(f'<a href="{relative_url(name, page)}">{name}</a> {labels["terms." + key]}'
                      for name, key in (("llms.txt", "llms"), ("llms-full.txt", "llms-full")))
    body = env.get_template("partials/terms-body.html").render(columns=labels["terms.columns"], rows=[
        {"name": getattr(row, lang), "href": link_from(TERMS_PAGE, f"{row.page}#{row.id}"),
         "other": getattr(row, other), "abbreviation": row.abbreviation,
         "family": families.get(row.family, {}).get(lang, row.family),
         "family_href": link_from(TERMS_PAGE, family_root(row.page))} for row in ordered])
    markdown = "".join([_front_matter(labels["terms.title"], labels["terms.description"]),
                        f"# {labels['terms.title']}\n\n", labels["terms.intro"].format(count=len(rows)), "\n\n",
                        f'<p class="glossary-downloads">{labels["terms.downloads"]}{downloads}<br>{llms}</p>\n\n',
                        BODY_MARKER, "\n"])
    return GeneratedPage(markdown, body)


def fill_body(html_text: str, page: Page, bodies: dict[str, str]) -> str:
    """A generated page's body where its marker is."""
    body = bodies.get(page.file.src_uri)
    return html_text if body is None else html_text.replace(BODY_MARKER, body, 1)


# --- The home pages' table of families -------------------------------------------------

FAMILIES_MARKER = "<!-- glossary: families -->"
# The home pages' first screen says how much the glossary holds.
COUNTS_MARKER = "<!-- glossary: counts -->"


def families_markdown(site, nav, lang: str) -> str:
    """The home page's table of families, from the nav and the pages: each
    family's page, its other pages, its number of terms."""
    labels = LABELS[lang]
    terms = glossary(site)
    families = nav_families(nav, family_titles(site))
    pages = [p for p in nav_pages(nav) if p in site.pages]
    head = labels["families.columns"]
    out = [f"| {' | '.join(head)} |\n| --- | --- | ---: |\n"]
    for family, titles in families.items():
        root = family_page(site.pages, family)
        others = [p for p in pages if family_of(p) == family and p != root]
        links = "、".join if lang == DEFAULT_LANGUAGE else ", ".join
        listed = links(f"[{md_escape(_title(site, p, lang))}]({p})" for p in others)
        count = sum(1 for t in terms if t.family == family and lang in t.text)
        out.append(f"| [{md_escape(titles[lang])}]({root}) | {listed or '—'} | {count} |\n")
    return "".join(out)


def _title(site, base: str, lang: str) -> str:
    page = site.pages.get(translation_path(base, lang)) or site.pages[base]
    return str((page.front_matter.data or {}).get("title", base))


def add_letter_pointers(html_text: str, page: Page, site: Site, env: Environment) -> str:
    """The first A–Z page ends with a pointer to each initial on the other
    pages, anchored by the initial's id: an old `a-z/#s` link lands on it
    without JavaScript, and moved-terms.js sends it on (main.html loads it
    for page.meta["moved_terms"])."""
    base, lang = split_language(page.file.src_uri)
    if base != A_Z_PAGES[0][0] or not page.file.generated_by:
        return html_text
    pointers = a_z_pointers(glossary(site), lang)
    if not pointers:
        return html_text
    page.meta["moved_terms"] = pointers
    labels = LABELS[lang]
    titles = {p: f"{labels['a-z.title']} {first}–{'Z' if last == '#' else last}" for p, first, last in A_Z_PAGES}
    # A pointer's link is relative to a-z/: `d-h/#d` is on a-z/d-h.md.
    moves = [{"id": letter_id, "name": letter_id.upper() if len(letter_id) == 1 else letter_id, "href": href,
              "page": titles[f"a-z/{href.split('/')[0]}.md"]}
             for letter_id, href in pointers.items()]
    listing = env.get_template("partials/moved-terms.html").render(
        labels={"heading": labels["a-z.elsewhere"], "moved": labels["a-z.on"]}, moves=moves)
    return html_text + listing


def counts_markdown(site, nav, lang: str) -> str:
    """How many families and terms the glossary has (one language's count)."""
    families = nav_families(nav, family_titles(site))
    return LABELS[lang]["families.count"].format(families=len(families), terms=len(glossary(site)))


SEARCH_MARKER = "<!-- glossary: search -->"
SEARCH_LABELS = {
    "zh": {"label": "搜索术语", "placeholder": "中文名、英文名或缩写", "submit": "搜索"},
    "en": {"label": "Search the terms", "placeholder": "e.g. LoRA, 低秩适配", "submit": "Search"},
}


def fill_search_form(html_text: str, lang: str, env: Environment) -> str:
    """The home page's search box where its marker is (after safe_html has
    read the page: a contribution may hold no form, the build may)."""
    if SEARCH_MARKER not in html_text:
        return html_text
    form = env.get_template("partials/home-search.html").render(labels=SEARCH_LABELS[lang])
    return html_text.replace(SEARCH_MARKER, form)


def fill_families(markdown: str, site: Site, nav, lang: str) -> str:
    """The home page's counts and family table, where their markers are."""
    if COUNTS_MARKER in markdown:
        markdown = markdown.replace(COUNTS_MARKER, counts_markdown(site, nav, lang))
    if FAMILIES_MARKER not in markdown:
        return markdown
    return markdown.replace(FAMILIES_MARKER, families_markdown(site, nav, lang))




# --- The hook ----------------------------------------------------------------------------

def page_sources(docs_dir: str, nav, env: Environment, languages=LANGUAGES) -> dict[str, GeneratedPage]:
    """Generated page src (`a-z.md`, `a-z.en.md` ...) -> the page, for `languages`."""
    site = load_site(docs_dir)
    terms = glossary(site)
    families = nav_families(nav, family_titles(site))
    tags, _ = site_tags(site, docs_dir, nav)
    rows = term_rows(terms, term_tags(terms, tags))
    sources = {}
    for lang in languages:
        prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        suffix = "" if lang == DEFAULT_LANGUAGE else f".{lang}"
        for page, generated in a_z_pages(terms, lang, families, env).items():
            sources[page[:-3] + f"{suffix}.md"] = generated
        sources[f"tags{suffix}.md"] = tags_page(terms, tags, lang, families, env)
        sources[f"terms{suffix}.md"] = table_page(rows, lang, families, f"{prefix}terms/", env)
    return sources


def _i18n_file(config: MkDocsConfig, src_uri: str, lang: str, content: str) -> File:
    """A generated page with the attributes mkdocs-static-i18n gives the pages
    it picked (url under en/, locale, alternates for the language menu)."""
    from mkdocs_static_i18n.suffix import create_i18n_file

    i18n = i18n_plugin(config)
    # Not-in-nav: mkdocs.yml lists them, but a project that leaves them out of
    # its nav (scripts/bench.py's synthetic one) still builds strictly.
    generated = File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    file = create_i18n_file(generated, lang, i18n.default_language, i18n.all_languages, config)
    file.content_string = content
    file.generated_by = "hooks/term_index_pages.py"
    return file


def add_pages(files: Files, config: MkDocsConfig, lang: str,
              env: Environment) -> tuple[dict[str, str], list[Problem]]:
    """Add this language's generated pages to `files` (and to the i18n
    plugin's list of the language's pages, which its sitemap reads): their
    bodies by src_uri, for fill_body, and the problem of a hand-written
    file in their place."""
    sources = page_sources(config.docs_dir, config.nav, env, (lang,))
    i18n = i18n_plugin(config)
    problems = []
    for base in PAGES:
        alternates = {}
        for other in LANGUAGES:
            src = base if other == DEFAULT_LANGUAGE else f"{base[:-3]}.{other}.md"
            # The other language's page is only a URL for the language menu here.
            alternates[other] = _i18n_file(config, src, other, sources[src].markdown if src in sources else "")
        page = alternates[lang]
        page.alternates = alternates  # type: ignore[attr-defined]  # as mkdocs-static-i18n sets it
        if page.src_uri in files.src_uris:
            problems.append(Problem(page.src_uri, 1, "this page is generated from the term pages by "
                                                     "hooks/term_index_pages.py; delete the file"))
            continue
        files.append(page)
        i18n.i18n_files_per_language.setdefault(lang, []).append(page)
    return {src: generated.body for src, generated in sources.items()}, problems
