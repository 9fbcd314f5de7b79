"""Downloads generated from the glossary at build time, at the site root:

- `terms.tsv`, `terms.csv`: the bilingual term table (id, 中文, English,
  abbreviation, family, tags, both URLs, both definitions). The CSV starts
  with a UTF-8 byte-order mark so that Excel shows the Chinese; the TSV does
  not (tools read it as plain UTF-8).
- `llms.txt` (https://llmstxt.org): the site for language models: what it
  is, then every term as `- [name](url): definition`, one section per family
  and language.
- `llms-full.txt`: every page in full, Markdown as written, with `[[id]]`
  references and links made absolute URLs.

The files are added to the Chinese pass only (the outer build writes the
site root; the English pass writes en/).
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re

from glossary_docs import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    TERM_REF_RE,
    GlossaryTerm,
    Site,
    family_page,
    glossary,
    load_site,
    page_url,
    rewrite_prose,
    split_language,
    translation_path,
)
from glossary_extras import (
    TABLE_COLUMNS,
    TermRow,
    family_titles,
    nav_families,
    nav_pages,
    read_data_file,
    site_tags,
    term_rows,
    term_tags,
)

EXPORTS = ("terms.tsv", "terms.csv", "llms.txt", "llms-full.txt")


# --- The term table --------------------------------------------------------------

# A spreadsheet runs a cell that starts with one of these as a formula
# (=HYPERLINK(...), +cmd|...): such a cell gets a leading apostrophe, which
# spreadsheets show as text and do not display.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(value: str) -> str:
    # A TSV field cannot hold a tab or a line break; definitions are one line anyway.
    return spreadsheet_safe(re.sub(r"[\t\r\n]+", " ", value))


def to_tsv(rows: list[TermRow], site_url: str) -> str:
    lines = ["\t".join(TABLE_COLUMNS)]
    lines += ["\t".join(_cell(v) for v in row.values(site_url)) for row in rows]
    return "\n".join(lines) + "\n"


def to_csv(rows: list[TermRow], site_url: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TABLE_COLUMNS)
    writer.writerows([spreadsheet_safe(value) for value in row.values(site_url)] for row in rows)
    return "\ufeff" + buffer.getvalue()


# --- llms.txt -------------------------------------------------------------------------

INTRO = {
    "title": "大模型术语表 · LLM Glossary",
    "summary": "A bilingual (Chinese / English) glossary of large-language-model terms: each term "
               "has a one-sentence definition, how it works, its limits and its primary sources. "
               "中英双语的大语言模型术语表。",
    "body": "Every term has the same id in both languages: the Chinese entry of `lora` is "
            "{zh_example}, the English one {en_example}. Below, each family of terms is listed "
            "in Chinese, then in English, as `[name](url): one-sentence definition`.",
}


def _link_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def llms_txt(terms: list[GlossaryTerm], families: dict[str, dict[str, str]],
             descriptions: dict[str, dict[str, str]], site_url: str,
             roots: dict[str, str] | None = None) -> str:
    """`roots`: each family's own page (training/index.md); a flat
    `<family>.md` where it is not given."""
    roots = roots or {}
    # A term in both languages (a missing translation is reported, not fatal here).
    complete = [t for t in terms if all(lang in t.text for lang in LANGUAGES)]
    example = next((t for t in complete if t.id == "lora"), complete[0] if complete else None)
    out = [f"# {INTRO['title']}\n\n> {INTRO['summary']}\n\n"]
    if example is not None:
        out.append(INTRO["body"].format(zh_example=site_url + example.text["zh"].url,
                                        en_example=site_url + example.text["en"].url) + "\n\n")
    out.append("## Downloads\n\n"
               f"- [Full text]({site_url}llms-full.txt): every page in full, Chinese then English, "
               "as Markdown\n"
               f"- [Term table, TSV]({site_url}terms.tsv): id, Chinese name, English name, "
               "abbreviation, family, tags, URLs and definitions of every term\n"
               f"- [Term table, CSV]({site_url}terms.csv): the same as CSV\n")
    for lang in LANGUAGES:
        for family, titles in families.items():
            members = [t for t in terms if t.family == family and lang in t.text]
            if not members:
                continue
            out.append(f"\n## {titles[lang]}\n\n")
            description = descriptions.get(family, {}).get(lang, "")
            out.append(f"- [{_link_text(titles[lang])}]({site_url}{page_url(roots.get(family, family + '.md'), lang)})"
                       f"{': ' + description if description else ''}\n")
            for term in members:
                text = term.text[lang]
                out.append(f"- [{_link_text(text.name)}]({site_url}{text.url}): {text.summary}\n")
    return "".join(out)


# --- llms-full.txt ------------------------------------------------------------------------

_FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)
_MD_LINK_RE = re.compile(r"(\]\()(<?)([^)\s>]+)(>?)")


def absolute_markdown(markdown: str, page_path: str, lang: str, site: Site, site_url: str) -> str:
    """A page's Markdown with `[[id]]` and relative links turned into absolute links
    to the pages in `lang` (code blocks are left as written)."""
    terms = site.terms(lang)
    page_dir = posixpath.dirname(page_path)

    def term(match: re.Match) -> str:
        ref, text = match.group(1).strip(), match.group(2)
        found = terms.get(ref)
        if found is None:
            return match.group(0)
        page, heading = found
        return f"[{(text or heading.name).strip()}]({site_url}{page_url(page.base, lang)}#{ref})"

    def link(match: re.Match) -> str:
        target = match.group(3)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
            return match.group(0)
        path, _, anchor = target.partition("#")
        if not path.endswith(".md"):
            return match.group(0)
        base = posixpath.normpath(posixpath.join(page_dir, path))
        url = site_url + page_url(base, lang) + (f"#{anchor}" if anchor else "")
        return f"{match.group(1)}{match.group(2)}{url}{match.group(4)}"

    def rewrite(line: str) -> str:
        if "[" not in line:  # most lines: no reference, no link
            return line
        return _MD_LINK_RE.sub(link, TERM_REF_RE.sub(term, line))

    return rewrite_prose(markdown, rewrite)


def llms_full_txt(site: Site, sources: dict[str, str], order: list[str], site_url: str) -> str:
    """Every page (`order`: default-language paths) in each language, each
    under a small header with its URL."""
    out = [f"# {INTRO['title']} — full text\n\n> {INTRO['summary']}\n\n"
           f"Index of terms: {site_url}llms.txt\n"]
    for lang in LANGUAGES:
        for base in order:
            path = translation_path(base, lang)
            page = site.pages.get(path)
            if page is None or path not in sources:
                continue
            data = page.front_matter.data or {}
            body = _FRONT_MATTER_RE.sub("", sources[path], count=1).strip()
            header = {"url": site_url + page_url(base, lang), "language": lang,
                      "title": data.get("title", ""), "description": data.get("description", "")}
            out.append("\n---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n"
                                          for k, v in header.items()) + "---\n\n")
            out.append(absolute_markdown(body, path, lang, site, site_url) + "\n")
    return "".join(out)


# --- The hook ---------------------------------------------------------------------------------

def exports(docs_dir: str, nav, site_url: str) -> dict[str, str]:
    """File name -> content of every export."""
    site = load_site(docs_dir)
    terms = glossary(site)
    families = nav_families(nav, family_titles(site))
    tags, _ = site_tags(site, docs_dir, nav)
    position = {family: index for index, family in enumerate(families)}
    # In reading order: the families as the nav lists them.
    rows = sorted(term_rows(terms, term_tags(terms, tags)), key=lambda row: position.get(row.family, len(position)))
    roots = {family: family_page(site.pages, family) for family in families}
    descriptions = {family: {lang: str((site.pages[translation_path(root, lang)].front_matter.data
                                        or {}).get("description", ""))
                             for lang in LANGUAGES if translation_path(root, lang) in site.pages}
                    for family, root in roots.items()}
    order = ["index.md", *[p for p in nav_pages(nav) if p in site.pages and p != "index.md"]]
    order += sorted(p for p in site.pages if p not in order and split_language(p)[1] == DEFAULT_LANGUAGE)
    sources = {path: read_data_file(docs_dir, path) for path in site.pages}
    return {
        "terms.tsv": to_tsv(rows, site_url),
        "terms.csv": to_csv(rows, site_url),
        "llms.txt": llms_txt(terms, families, descriptions, site_url, roots),
        "llms-full.txt": llms_full_txt(site, sources, order, site_url),
    }



