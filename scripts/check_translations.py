#!/usr/bin/env python3
"""Print a parity report of the two languages and fail on a structural mismatch.

    python scripts/check_translations.py            # docs/ of this project
    python scripts/check_translations.py --docs DIR

One row per page: its terms, its length (Chinese characters, English words,
and their ratio), its links, formulas and diagrams, in each language. The
problems are the build's own (hooks/translation_parity.py, the one home of
the parity rules), so this script and `mkdocs build` always agree.

Exit status 1 on a structural mismatch, listed as `docs/<file>:<line>: …`:
a page without its translation, terms that differ in id, level or order, or a
term whose diagrams, display formulas or See-also ids differ. Lengths, links
and inline formulas differ legitimately between languages: they are shown,
with a note when they differ a lot, but do not fail.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The hooks folder is not a package: MkDocs puts it on sys.path for the
# hooks, and this script reads the docs with the same parser as the build.
sys.path.insert(0, str(ROOT / "hooks"))

from glossary_docs import DEFAULT_LANGUAGE, LANGUAGES, Problem, load_site, translation_path  # noqa: E402
from translation_parity import PageStats, page_stats  # noqa: E402
from translation_parity import check as parity_problems  # noqa: E402

# A length ratio outside this range (English words per Chinese character)
# is worth a look: typical full translations here are about 0.5–0.9.
RATIO_RANGE = (0.35, 1.3)


@dataclass
class Report:
    rows: list[tuple[str, PageStats | None, PageStats | None]]
    problems: list[Problem]
    notes: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(docs: Path) -> Report:
    """The report of docs/: the build's own parity rules (hooks/
    translation_parity.py) for its problems, and the statistics around them."""
    site = load_site(docs)
    problems = [p for lang in LANGUAGES for p in parity_problems(site, lang, docs)]
    rows, notes = [], []
    bases = sorted({p.base for p in site.pages.values()}, key=lambda b: (b != "index.md", b))
    for base in bases:
        stats: dict[str, PageStats | None] = {}
        for lang in LANGUAGES:
            page = site.pages.get(translation_path(base, lang))
            stats[lang] = page_stats(page, (docs / page.path).read_text(encoding="utf-8")) if page else None
        zh, en = stats.get(DEFAULT_LANGUAGE), stats.get("en")
        rows.append((base, zh, en))
        if zh is None or en is None:
            continue
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
