"""Every page exists in both languages, with the same heading ids, See-also
lists, diagrams and display formulas: the one home of the parity rules
(scripts/check_translations.py reports with the same functions).

mkdocs-static-i18n (fallback off) simply leaves a missing translation out;
with fallback on it would copy the other language's page in silently. Either
way the reader loses, so the build names what is missing instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, TERM_REF_RE, DocPage, Problem, Site, translation_path
from glossary_extras import read_data_file

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


def missing_translations(site: Site, lang: str) -> list[Problem]:
    """Pages of `lang` whose translation into another language is missing."""
    problems = []
    for page in site.language(lang):
        for other in LANGUAGES:
            wanted = translation_path(page.base, other)
            if other != lang and wanted not in site.pages:
                problems.append(Problem(page.path, 1,
                                        f"page has no {LANGUAGE_NAMES[other]} translation; "
                                        f"create docs/{wanted} with the same headings and ids"))
    return problems


def id_parity_problems(page: DocPage, other: DocPage) -> list[Problem]:
    """Ids of `page` that its translation `other` lacks, or has at another level.

    Each pass reports its own language's side; level and order are compared
    once, from the default language.
    """
    problems = []
    theirs = {h.id: h for h in other.headings if h.id}
    for heading in page.headings:
        if not heading.id:
            continue
        match = theirs.get(heading.id)
        if match is None:
            problems.append(Problem(page.path, heading.line,
                                    f'id "{heading.id}" is missing from docs/{other.path}; add the '
                                    f"translated heading there with {{#{heading.id}}}, or use the id "
                                    "that page has"))
        elif match.level != heading.level and page.lang == DEFAULT_LANGUAGE:
            problems.append(Problem(page.path, heading.line,
                                    f'heading "{heading.id}" is h{heading.level} here but '
                                    f"h{match.level} in docs/{other.path}:{match.line}; use the "
                                    "same level in both languages"))
    if page.lang == DEFAULT_LANGUAGE and not problems:
        mine = [h.id for h in page.headings if h.id]
        order = [h.id for h in other.headings if h.id]
        first = next((i for i, (a, b) in enumerate(zip(mine, order)) if a != b), None)
        # (Same ids, one list longer: an id repeated on one side, which
        # heading_ids reports; it made next() raise StopIteration here.)
        if first is not None:
            line = next(h.line for h in page.headings if h.id == mine[first])
            problems.append(Problem(page.path, line,
                                    f'headings are in another order in docs/{other.path} (here '
                                    f'"{mine[first]}", there "{order[first]}"); keep both '
                                    "languages in the same order"))
    return problems


def see_also_problems(page: DocPage, other: DocPage) -> list[Problem]:
    """Terms whose See-also ids differ between `page` and its translation."""
    problems = []
    theirs = {term.id: term for term in other.terms}
    for term in page.terms:
        match = theirs.get(term.id)
        if match is None or match.related == term.related:
            continue  # a missing term is id_parity_problems' to report
        where = f"docs/{other.path}:{match.related_line or match.line}"
        problems.append(Problem(page.path, term.related_line or term.line,
                                f"See-also of '{term.id}' lists {', '.join(term.related) or 'nothing'} "
                                f"here but {', '.join(match.related) or 'nothing'} in {where}; list the "
                                "same terms in the same order in both languages"))
    return problems


# --- what a translation can silently lose inside a term ---------------------------

_INLINE_CODE_RE = re.compile(r"(`+).+?\1")
_INLINE_MATH_RE = re.compile(r"(?<![\\$])\$(?![\s$])[^$\n]*?(?<![\s\\])\$(?!\$)")
_LINK_RE = re.compile(r"(?<!!)\[[^\]\n]*\]\([^)\s]+[^)]*\)|<a\s[^>]*href=")
_URL_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


@dataclass
class Section:
    """A term (or the page's text before its first term) in one language."""

    id: str  # the term id, or "" for the page's introduction
    level: int
    line: int
    han: int = 0  # Chinese characters
    words: int = 0  # Latin words
    links: int = 0  # [[id]] references, Markdown and HTML links
    display_formulas: int = 0
    inline_formulas: int = 0
    diagrams: int = 0


@dataclass
class PageStats:
    path: str
    lang: str
    sections: list[Section] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(getattr(s, name) for s in self.sections)

    @property
    def terms(self) -> list[Section]:
        return [s for s in self.sections if s.id]


def page_stats(page: DocPage, source: str) -> PageStats:
    """Count, per term section, what a translation is compared on (fenced
    code is where the build's parser found it: only its diagrams count)."""
    lines = source.splitlines()
    starts = {t.line: t for t in page.terms}
    fences = {fence.line: fence for fence in page.fences}
    fenced = {number for fence in page.fences for number in range(fence.line, fence.end + 1)}
    stats = PageStats(page.path, page.lang, [Section("", 1, 1)])
    section = stats.sections[0]
    in_display = False
    for number in range(page.front_matter.end_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if number in starts:
            term = starts[number]
            section = Section(term.id, term.level, term.line)
            stats.sections.append(section)
            continue
        if number in fenced:
            section.diagrams += number in fences and fences[number].lang == "mermaid"
            continue
        stripped = line.strip()
        if in_display:
            in_display = not stripped.endswith("$$")
            continue
        if stripped.startswith("$$"):
            section.display_formulas += 1
            in_display = not (len(stripped) > 2 and stripped.endswith("$$"))
            continue
        prose = _INLINE_CODE_RE.sub(" ", line)
        section.inline_formulas += len(_INLINE_MATH_RE.findall(prose))
        section.links += len(TERM_REF_RE.findall(prose)) + len(_LINK_RE.findall(prose))
        text = _URL_RE.sub(" ", _INLINE_MATH_RE.sub(" ", TERM_REF_RE.sub(" ", prose)))
        section.han += len(_HAN_RE.findall(text))
        section.words += len(_WORD_RE.findall(_HAN_RE.sub(" ", text)))
    return stats


def structure(page: DocPage, source: str) -> PageStats:
    """What a translation is compared on, per term section: its diagrams and
    display formulas (the statistics of page_stats are the report's; this
    is the build's, and reads each line once)."""
    starts = {t.line: t for t in page.terms}
    diagrams = {fence.line for fence in page.fences if fence.lang == "mermaid"}
    fenced = {number for fence in page.fences for number in range(fence.line, fence.end + 1)}
    stats = PageStats(page.path, page.lang, [Section("", 1, 1)])
    section = stats.sections[0]
    in_display = False
    for number, line in enumerate(source.splitlines(), start=1):
        if number <= page.front_matter.end_line:
            continue
        if number in starts:
            section = Section(starts[number].id, starts[number].level, number)
            stats.sections.append(section)
        elif number in fenced:
            section.diagrams += number in diagrams
        elif in_display:
            in_display = not line.rstrip().endswith("$$")
        elif line.lstrip().startswith("$$"):
            stripped = line.strip()
            section.display_formulas += 1
            in_display = not (len(stripped) > 2 and stripped.endswith("$$"))
    return stats


def content_problems(mine: PageStats, theirs: PageStats) -> list[Problem]:
    """Terms (and introductions) whose diagrams or display formulas differ in
    number between a page and its translation (same terms on both sides)."""
    if [s.id for s in mine.terms] != [s.id for s in theirs.terms]:
        return []  # id_parity_problems reports it
    found = []
    for a, b in zip([mine.sections[0], *mine.terms], [theirs.sections[0], *theirs.terms]):
        name = f"term '{a.id}'" if a.id else "the introduction"
        for attr, label in (("diagrams", "diagram"), ("display_formulas", "display formula")):
            if getattr(a, attr) != getattr(b, attr):
                found.append(Problem(mine.path, a.line, f"{name} has {getattr(a, attr)} {label}(s) here but "
                                                         f"{getattr(b, attr)} in docs/{theirs.path}:{b.line}; "
                                                         "translate every one"))
    return found


def check(site: Site, lang: str, docs_dir: str | Path) -> list[Problem]:
    """Every parity rule, for the pages of `lang`: each page has its
    translation with the same ids; from the default language (once), the
    same See-also lists, diagrams and display formulas in each term."""
    problems = missing_translations(site, lang)
    for page in site.language(lang):
        for other_lang in LANGUAGES:
            other = site.pages.get(translation_path(page.base, other_lang))
            if other_lang == lang or other is None:
                continue
            problems += id_parity_problems(page, other)
            if lang == DEFAULT_LANGUAGE:
                problems += see_also_problems(page, other)
                problems += content_problems(structure(page, read_data_file(docs_dir, page.path)),
                                             structure(other, read_data_file(docs_dir, other.path)))
    return problems
