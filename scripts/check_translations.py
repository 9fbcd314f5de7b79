#!/usr/bin/env python3
"""Print a parity report of the two languages and fail on a structural mismatch.

    python scripts/check_translations.py            # docs/ of this project
    python scripts/check_translations.py --docs DIR

One row per page: its terms, its length (Chinese characters, English words,
and their ratio), its links, formulas and diagrams, in each language. The
build already refuses a page without translation or with other heading ids
(hooks/translation_parity.py); this report compares what a translation can
silently lose inside a term: a diagram, a display formula, a See-also entry.

Exit status 1 on a structural mismatch, listed as `docs/<file>:<line>: …`:
a page without its translation, terms that differ in id, level or order, or a
term whose diagrams, display formulas or See-also ids differ. Lengths, links
and inline formulas differ legitimately between languages: they are shown,
with a note when they differ a lot, but do not fail.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The hooks folder is not a package: MkDocs puts it on sys.path for the
# hooks, and this script reads the docs with the same parser as the build.
sys.path.insert(0, str(ROOT / "hooks"))

from glossary_docs import (DEFAULT_LANGUAGE, LANGUAGES, TERM_REF_RE, DocPage, Problem,  # noqa: E402
                           load_site, translation_path)

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
_INLINE_CODE_RE = re.compile(r"(`+).+?\1")
_INLINE_MATH_RE = re.compile(r"(?<![\\$])\$(?![\s$])[^$\n]*?(?<![\s\\])\$(?!\$)")
_LINK_RE = re.compile(r"(?<!!)\[[^\]\n]*\]\([^)\s]+[^)]*\)|<a\s[^>]*href=")
_URL_RE = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
# A length ratio outside this range (English words per Chinese character)
# is worth a look: typical full translations here are about 0.5–0.9.
RATIO_RANGE = (0.35, 1.3)


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
    related: tuple[str, ...] = ()


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
    """Count, per term section, what the report compares (fenced code is
    where the build's parser found it: only its diagrams count)."""
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
            section = Section(term.id, term.level, term.line, related=term.related)
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


def mismatches(zh: PageStats, en: PageStats) -> list[Problem]:
    """Structural differences between a page and its translation."""
    mine = [(s.id, s.level) for s in zh.terms]
    theirs = [(s.id, s.level) for s in en.terms]
    if mine != theirs:
        first = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b), min(len(mine), len(theirs)))
        here = zh.terms[first] if first < len(zh.terms) else None
        there = en.terms[first] if first < len(en.terms) else None
        describe = (lambda s: f"'{s.id}' (h{s.level})" if s else "no term")
        return [Problem(zh.path, here.line if here else 1,
                         f"terms differ from docs/{en.path}: term {first + 1} is {describe(here)} here and "
                         f"{describe(there)} there (line {there.line if there else '-'}); give both "
                         "languages the same headings, ids, levels and order")]
    found = []
    for a, b in zip([zh.sections[0], *zh.terms], [en.sections[0], *en.terms]):
        name = f"term '{a.id}'" if a.id else "the introduction"
        for attr, label in (("diagrams", "diagram"), ("display_formulas", "display formula")):
            if getattr(a, attr) != getattr(b, attr):
                found.append(Problem(zh.path, a.line, f"{name} has {getattr(a, attr)} {label}(s) here but "
                                                       f"{getattr(b, attr)} in docs/{en.path}:{b.line}; "
                                                       "translate every one"))
        if a.related != b.related:
            found.append(Problem(zh.path, a.line, f"{name} lists See-also {', '.join(a.related) or 'nothing'} "
                                                   f"here but {', '.join(b.related) or 'nothing'} in "
                                                   f"docs/{en.path}:{b.line}; list the same terms in the "
                                                   "same order"))
    return found


@dataclass
class Report:
    rows: list[tuple[str, PageStats | None, PageStats | None]]
    problems: list[Problem]
    notes: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(docs: Path) -> Report:
    site = load_site(docs)
    rows, problems, notes = [], [], []
    bases = sorted({p.base for p in site.pages.values()}, key=lambda b: (b != "index.md", b))
    for base in bases:
        stats = {}
        for lang in LANGUAGES:
            path = translation_path(base, lang)
            page = site.pages.get(path)
            if page is None:
                other = next(translation_path(base, x) for x in LANGUAGES if translation_path(base, x) in site.pages)
                problems.append(Problem(other, 1, f"page has no {LANGUAGE_NAMES[lang]} translation; "
                                                   f"create docs/{path}"))
                stats[lang] = None
            else:
                stats[lang] = page_stats(page, (docs / path).read_text(encoding="utf-8"))
        zh, en = stats.get(DEFAULT_LANGUAGE), stats.get("en")
        rows.append((base, zh, en))
        if zh is None or en is None:
            continue
        problems += mismatches(zh, en)
        ratio = en.total("words") / zh.total("han") if zh.total("han") else 0
        if zh.total("han") and not RATIO_RANGE[0] <= ratio <= RATIO_RANGE[1]:
            notes.append(f"docs/{en.path}: {en.total('words')} English words for {zh.total('han')} Chinese "
                         f"characters (ratio {ratio:.2f}); is one language much shorter?")
        if zh.total("links") != en.total("links"):
            notes.append(f"docs/{en.path}: {en.total('links')} links, docs/{zh.path}: {zh.total('links')}")
        if zh.total("inline_formulas") != en.total("inline_formulas"):
            notes.append(f"docs/{en.path}: {en.total('inline_formulas')} inline formulas, docs/{zh.path}: "
                         f"{zh.total('inline_formulas')}")
    return Report(rows, sorted(set(problems)), notes)


def format_report(report: Report) -> str:
    head = ("page", "terms zh/en", "zh chars", "en words", "ratio", "links zh/en", "formulas zh/en",
            "diagrams zh/en")
    table = [head]

    def pair(zh: PageStats | None, en: PageStats | None, value) -> str:
        return f"{value(zh) if zh else '-'}/{value(en) if en else '-'}"

    for base, zh, en in report.rows:
        ratio = f"{en.total('words') / zh.total('han'):.2f}" if zh and en and zh.total("han") else "-"
        table.append((base, pair(zh, en, lambda s: len(s.terms)),
                      str(zh.total("han")) if zh else "-", str(en.total("words")) if en else "-", ratio,
                      pair(zh, en, lambda s: s.total("links")),
                      pair(zh, en, lambda s: s.total("display_formulas") + s.total("inline_formulas")),
                      pair(zh, en, lambda s: s.total("diagrams"))))
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
             for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    out = ["Translation parity (Chinese ↔ English)", "", *lines, ""]
    if report.notes:
        out += ["Worth a look (not failures):", *[f"  {note}" for note in report.notes], ""]
    if report.problems:
        out += [f"{len(report.problems)} structural mismatch(es):", *map(str, report.problems)]
    else:
        out.append("No structural mismatch.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="the docs folder (default: docs/)")
    args = parser.parse_args(argv)
    report = check(args.docs)
    print(format_report(report))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
