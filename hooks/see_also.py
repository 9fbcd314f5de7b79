"""Each term's "相关术语 / See also" line: checked, and rendered the same way
everywhere.

Contributors write `**相关术语**：[[a]]、[[b]]` / `**See also:** [[a]], [[b]]`;
term_links turns each `[[id]]` into a link (and reports unknown ids). This
hook makes sure the line holds nothing but term references, does not name the
term itself (translation_parity checks that both languages list the same
ids in the same order). In the HTML it replaces the paragraph by a labelled list of links named after
the terms (whatever text a `[[id|text]]` gave), styled as chips.
"""

from __future__ import annotations

import html
import re

from glossary_docs import SEE_ALSO_LABELS, SEE_ALSO_LINE_RE, TERM_REF_RE, DocPage, Problem, Site
from glossary_extras import read_data_file

_SEPARATORS_RE = re.compile(r"(?:[\s、，,;；]|\band\b|和)+")
# The line as Python-Markdown renders it.
_PARAGRAPH_RE = re.compile(f"<p><strong>(?:{'|'.join(SEE_ALSO_LABELS.values())})[:：]?</strong>[:：]?(.*?)</p>",
                           re.DOTALL)
_LINK_RE = re.compile(r'<a href="([^"]*)"[^>]*>.*?</a>', re.DOTALL)


def line_problems(page: DocPage, lines: list[str]) -> list[Problem]:
    """See-also lines with text besides references, or naming the term itself.
    (A term named twice is shown once.)"""
    problems = []
    for term in page.terms:
        if term.related_line is None:
            continue
        match = SEE_ALSO_LINE_RE.match(lines[term.related_line - 1].strip())
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


def check(site: Site, lang: str, docs_dir: str) -> tuple[dict[str, str], list[Problem]]:
    """Term id -> its name in `lang` (what a See-also item shows), and the
    See-also lines of this language that are more than a list of terms.
    (That both languages list the same terms is translation_parity's rule.)"""
    names = {term_id: term.name for term_id, (_, term) in site.terms(lang).items()}
    problems = []
    for page in site.language(lang):
        problems += line_problems(page, read_data_file(docs_dir, page.path).splitlines())
    return names, problems


def render_see_also(page_html: str, names: dict[str, str], lang: str) -> str:
    """Replace each See-also paragraph by a labelled list of its links, named
    after the terms. A paragraph with anything but links is left as written
    (line_problems reports it)."""
    if not any(f"<strong>{label}" in page_html for label in SEE_ALSO_LABELS.values()):
        return page_html

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
        label = SEE_ALSO_LABELS[lang]
        return (f'<div class="glossary-see-also"><strong class="glossary-see-also__label">{label}'
                f'</strong><ul class="glossary-see-also__list">{"".join(items.values())}</ul></div>')

    return _PARAGRAPH_RE.sub(replace, page_html)


_state: dict[str, object] = {}




