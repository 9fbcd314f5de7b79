"""Each term's "相关术语 / See also" line: checked, and rendered the same way
everywhere.

Contributors write `**相关术语**：[[a]]、[[b]]` / `**See also:** [[a]], [[b]]`;
term_links turns each `[[id]]` into a link (and reports unknown ids). This
hook makes sure the line holds nothing but term references, does not name the
term itself, and lists the same ids in the same order in both languages. In
the HTML it replaces the paragraph by a labelled list of links named after
the terms (whatever text a `[[id|text]]` gave), styled as chips.
"""

from __future__ import annotations

import html
import logging
import re

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from glossary_docs import (DEFAULT_LANGUAGE, LANGUAGES, TERM_REF_RE, DocPage, Problem, build_language, load_site,
                           report, split_language, translation_path)
from glossary_extras import read_data_file

log = logging.getLogger("mkdocs.plugins.glossary.see_also")

LABELS = {"zh": "相关术语", "en": "See also"}
_LINE_RE = re.compile(r"^\*\*(?:相关术语|See also)[:：]?\*\*[:：]?(.*)$")
_SEPARATORS_RE = re.compile(r"(?:[\s、，,;；]|\band\b|和)+")
_PARAGRAPH_RE = re.compile(r"<p><strong>(?:相关术语|See also)[:：]?</strong>[:：]?(.*?)</p>", re.DOTALL)
_LINK_RE = re.compile(r'<a href="([^"]*)"[^>]*>.*?</a>', re.DOTALL)


def line_problems(page: DocPage, lines: list[str]) -> list[Problem]:
    """See-also lines with text besides references, or naming the term itself.
    (A term named twice is shown once.)"""
    problems = []
    for term in page.terms:
        if term.related_line is None:
            continue
        match = _LINE_RE.match(lines[term.related_line - 1].strip())
        rest = _SEPARATORS_RE.sub("", TERM_REF_RE.sub("", match.group(1) if match else ""))
        if rest:
            problems.append(Problem(page.path, term.related_line,
                                    f"See-also line of '{term.id}' has text besides term references "
                                    f"('{rest[:40]}'); list only [[id]] references, separated by "
                                    f"{'、' if page.lang == 'zh' else 'commas'}"))
        if term.id in term.related:
            problems.append(Problem(page.path, term.related_line,
                                    f"See-also line of '{term.id}' names the term itself; remove "
                                    f"[[{term.id}]]"))
    return problems


def parity_problems(page: DocPage, other: DocPage) -> list[Problem]:
    """Terms whose See-also ids differ between `page` and its translation."""
    problems = []
    theirs = {term.id: term for term in other.terms}
    for term in page.terms:
        match = theirs.get(term.id)
        if match is None or match.related == term.related:
            continue  # a missing term is translation_parity's to report
        where = f"docs/{other.path}:{match.related_line or match.line}"
        problems.append(Problem(page.path, term.related_line or term.line,
                                f"See-also of '{term.id}' lists {', '.join(term.related) or 'nothing'} "
                                f"here but {', '.join(match.related) or 'nothing'} in {where}; list the "
                                "same terms in the same order in both languages"))
    return problems


def render_see_also(page_html: str, names: dict[str, str], lang: str) -> str:
    """Replace each See-also paragraph by a labelled list of its links, named
    after the terms. A paragraph with anything but links is left as written
    (line_problems reports it)."""

    def replace(match: re.Match) -> str:
        inner = match.group(1)
        links = _LINK_RE.findall(inner)
        leftover = _SEPARATORS_RE.sub("", re.sub(r"<[^>]+>", "", _LINK_RE.sub("", inner)))
        if not links or leftover:
            return match.group(0)
        items: dict[str, str] = {}
        for href in links:
            term_id = html.unescape(href).rpartition("#")[2]
            name = names.get(term_id)
            if name is None:
                return match.group(0)
            items.setdefault(term_id, f'<li><a href="{href}">{html.escape(name, quote=False)}</a></li>')
        label = LABELS[lang]
        return (f'<div class="glossary-see-also"><strong class="glossary-see-also__label">{label}'
                f'</strong><ul class="glossary-see-also__list">{"".join(items.values())}</ul></div>')

    return _PARAGRAPH_RE.sub(replace, page_html)


_state: dict[str, object] = {}


@mkdocs.plugins.event_priority(-150)  # after mkdocs-static-i18n picked this pass's pages
def on_files(files: Files, *, config: MkDocsConfig) -> None:
    lang = build_language(files)
    site = load_site(config.docs_dir)
    _state["names"] = {term_id: term.name for term_id, (_, term) in site.terms(lang).items()}
    problems = []
    for page in site.language(lang):
        lines = read_data_file(config.docs_dir, page.path).splitlines()
        problems += line_problems(page, lines)
        if lang == DEFAULT_LANGUAGE:  # compared once, from the default language
            for other_lang in LANGUAGES:
                other = site.pages.get(translation_path(page.base, other_lang))
                if other_lang != lang and other is not None:
                    problems += parity_problems(page, other)
    report(log, problems)


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if "<strong>相关术语" not in html_text and "<strong>See also" not in html_text:
        return None
    return render_see_also(html_text, _state["names"], split_language(page.file.src_uri)[1])
