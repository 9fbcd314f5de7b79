"""One English spelling convention: -ize (and -yze), as most ML papers and
the Oxford and American dictionaries write it.

Fails the build on an -ise/-isation/-yse spelling in an English page's prose
(`docs/training.en.md:42: "optimised" uses -ise; write "optimized"`). Words
that are -ise in every convention (advise, exercise, noise, otherwise,
supervised ...) are allowed, and so is the References list, whose titles are
quoted as their authors spelled them. Code, links and formulas are not prose.
"""

from __future__ import annotations

import re

from glossary_docs import DocPage, Problem, Site
from glossary_extras import read_data_file

# -ise endings and what they become; the longest ending is tried first.
_ENDINGS = (("isations", "izations"), ("isation", "ization"), ("ising", "izing"), ("ised", "ized"),
            ("isers", "izers"), ("iser", "izer"), ("ises", "izes"), ("ise", "ize"),
            ("ysing", "yzing"), ("ysed", "yzed"), ("yses", "yzes"), ("yse", "yze"))
_WORD_RE = re.compile(r"\b[A-Za-z][a-z]*(?:is(?:ations?|ing|ed|ers?|es|e)|ys(?:ing|ed|es|e))\b")
# Words spelled -ise (or -yse) in every convention, matched as the end of the
# word's -ise form: "supervise" covers self-supervised, "wise" pairwise.
ALWAYS_ISE = frozenset("""
advertise advise apprise chastise circumcise comprise compromise concise demise despise devise
disguise enterprise excise exercise expertise franchise improvise incise merchandise premise precise
promise reprise revise supervise surmise surprise televise treatise wise noise praise cruise bruise
paradise valise chemise tortoise porpoise turquoise
""".split())
# Short ones, matched whole (as endings they would let "summarise" through).
ALWAYS_ISE_WORDS = frozenset("rise arise raise prise guise poise mise vise anise denise louise elise".split())
# Nouns in -ysis are not verbs: analysis, analyses (its plural) stay.
ALWAYS_YSE = frozenset({"analyses", "paralyses", "hydrolyses", "syntheses"})
_SKIP_RE = re.compile(r"`[^`]*`|\$[^$]*\$|\]\([^)]*\)|\[\[[^\]]*\]\]|https?://\S+|\{[^}]*\}")
_REFERENCES_RE = re.compile(r"^\*\*References[:：]?\*\*")


def ize_spelling(word: str) -> str | None:
    """The -ize spelling of an -ise word, or None when the word is fine."""
    lower = word.lower()
    if lower in ALWAYS_YSE:
        return None
    for ending, replacement in _ENDINGS:
        if lower.endswith(ending):
            stem = lower[: -len(ending)]
            base = stem + ("yse" if ending.startswith("y") else "ise")
            if base in ALWAYS_ISE_WORDS or any(base.endswith(allowed) for allowed in ALWAYS_ISE):
                return None
            return word[: -len(ending)] + replacement
    return None


def spelling_problems(path: str, source: str, fenced: set[int]) -> list[Problem]:
    """Every -ise spelling in the prose of one English page (`fenced`: the
    line numbers inside code fences)."""
    problems = []
    in_references = False
    for number, line in enumerate(source.splitlines(), start=1):
        if number in fenced:
            continue
        stripped = line.strip()
        if _REFERENCES_RE.match(stripped):
            in_references = True
            continue
        # The list ends at the first line that is neither an item, its
        # continuation, nor blank.
        if in_references and (not stripped or stripped.startswith("- ") or line.startswith("  ")):
            continue
        in_references = False
        prose = _SKIP_RE.sub(" ", line)
        for match in _WORD_RE.finditer(prose):
            fixed = ize_spelling(match.group(0))
            if fixed:
                problems.append(Problem(path, number, f'"{match.group(0)}" uses -ise; write "{fixed}" '
                                                      "(the site spells -ize, see README)"))
    return problems


def page_problems(page: DocPage, source: str) -> list[Problem]:
    fenced = {n for fence in page.fences for n in range(fence.line, fence.end + 1)}
    end = page.front_matter.end_line
    return [p for p in spelling_problems(page.path, source, fenced) if p.line > end]


def check(site: Site, lang: str, docs_dir: str) -> list[Problem]:
    """Every -ise spelling of the English pages (in the English pass)."""
    if lang != "en":
        return []
    problems: list[Problem] = []
    for page in site.language("en"):
        problems += page_problems(page, read_data_file(docs_dir, page.path))
    return problems
