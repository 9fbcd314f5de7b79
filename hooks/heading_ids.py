"""Every h2-h4 heading carries an explicit ASCII id, unique on the site.

Ids are the addresses people share (`training/#lora`): Python-Markdown would
derive `_1`, `_2` from Chinese headings, and those change whenever a heading
is added above. So each heading names its id, and no id means two things.
"""

from __future__ import annotations

from glossary_docs import ID_RE, DocPage, Problem, Site


def heading_problems(page: DocPage) -> list[Problem]:
    """Missing, malformed and repeated ids within one page."""
    problems = []
    seen: dict[str, int] = {}
    for heading in page.headings:
        if heading.id is None:
            if 2 <= heading.level <= 4:
                problems.append(Problem(page.path, heading.line,
                                        f'heading "{heading.text}" has no id; add {{#some-id}} '
                                        "(lowercase ASCII kebab-case) at its end"))
            continue
        if not ID_RE.match(heading.id):
            problems.append(Problem(page.path, heading.line,
                                    f'heading "{heading.text}" has id "{heading.id}", which is not '
                                    "lowercase ASCII kebab-case; use letters, digits and hyphens, "
                                    "starting with a letter"))
        if heading.id in seen:
            problems.append(Problem(page.path, heading.line,
                                    f'id "{heading.id}" is used twice in this page (first on line '
                                    f"{seen[heading.id]}); give this heading an id of its own"))
        else:
            seen[heading.id] = heading.line
    return problems


def site_id_problems(pages: list[DocPage]) -> list[Problem]:
    """An id on two pages of one language names two terms: links become ambiguous."""
    problems = []
    owner: dict[str, tuple[str, int]] = {}
    for page in sorted(pages, key=lambda p: p.path):
        for heading in page.headings:
            if heading.id is None:
                continue
            first = owner.setdefault(heading.id, (page.path, heading.line))
            if first[0] != page.path:
                problems.append(Problem(page.path, heading.line,
                                        f'id "{heading.id}" is already used by docs/{first[0]}:'
                                        f"{first[1]}; ids are unique across the site, choose "
                                        "another"))
    return problems


def check(site: Site, lang: str) -> list[Problem]:
    """Every heading id of the pass's language: present, well formed, unique."""
    pages = site.language(lang)
    problems = site_id_problems(pages)
    for page in pages:
        problems += heading_problems(page)
    return problems


def unchecked_headings(toc_headings: list[tuple[int, str, str]], page: DocPage, source: str) -> list[Problem]:
    """Headings the Markdown renderer made (the page's TOC: level, id, title)
    that the build's own reading of the source did not see: a setext heading
    (a line underlined with === or ---), one inside an admonition or a list,
    one without a space after its #. Their ids and translations would escape
    every check, so each must be written as an ATX heading at a line's start."""
    seen = {h.id for h in page.headings if h.id}
    problems = []
    for level, heading_id, title in toc_headings:
        if 2 <= level <= 4 and heading_id not in seen:
            index = source.find(title.split("¶")[0].strip()[:30]) if title else -1
            line = source.count("\n", 0, index) + 1 if index >= 0 else 1
            problems.append(Problem(page.path, line,
                                    f'heading "{title[:40]}" is not written as "## {title[:20]} {{#some-id}}" at the '
                                    "start of a line (a setext heading, or one inside an admonition or list), so "
                                    "the build cannot check its id and translation; rewrite it so"))
    return problems
