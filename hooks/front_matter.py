"""Front matter must be valid YAML with known keys, title and description.

MkDocs on its own ignores a front matter block it cannot parse and keeps
unknown keys silently, so a typo (`titel:`) ships a page without its title.
"""

from __future__ import annotations

import re
from datetime import date

from glossary_docs import DocPage, Problem, Site

# What a page may set: its title and summary (meta description, previews),
# Material's per-page switches, and tags for the tags listing.
ALLOWED_KEYS = frozenset({"title", "description", "reviewed", "hide", "search", "tags", "icon", "status"})
REQUIRED_KEYS = ("title", "description")
# How current a page is: the month its content was last checked against its
# sources, shown under its title (hooks/reviewed_date.py).
REVIEWED_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def reviewed_month(value: object) -> tuple[int, int] | None:
    """`2026-12` -> (2026, 12); None for anything else (a full date too:
    YAML reads 2026-12-01 as a date, and the page states a month)."""
    match = REVIEWED_RE.match(value) if isinstance(value, str) else None
    return (int(match.group(1)), int(match.group(2))) if match else None


def reviewed_problem(page: DocPage, today: date) -> Problem | None:
    value = (page.front_matter.data or {}).get("reviewed")
    line = _key_line(page, "reviewed")
    if value is None:
        return Problem(page.path, line, "front matter has no 'reviewed'; add 'reviewed: YYYY-MM', the month "
                                        "this page was last checked against its sources")
    month = reviewed_month(value)
    if month is None:
        return Problem(page.path, line, f"'reviewed: {value}' is not a month; write it as YYYY-MM "
                                        "(e.g. reviewed: 2026-12), in quotes or not")
    if month > (today.year, today.month):
        return Problem(page.path, line, f"'reviewed: {value}' is in the future; use the month the page "
                                        "was checked")
    return None


def _key_line(page: DocPage, key: str) -> int:
    """The line of `key:` in the page's front matter (1 if it is absent)."""
    for number, line in enumerate(page.front_matter.lines, start=2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def front_matter_problems(page: DocPage, today: date | None = None) -> list[Problem]:
    front = page.front_matter
    if front.error:
        return [Problem(page.path, front.error_line or 1,
                        f"{front.error}; fix the YAML between the two --- lines")]
    problems = []
    if front.end_line == 0 or front.data is None:
        return [Problem(page.path, 1, "page has no front matter; start it with ---, "
                                      "title: and description: lines and a closing ---")]
    for key in sorted(set(front.data) - ALLOWED_KEYS):
        problems.append(Problem(page.path, 1, f"unknown front matter key '{key}'; "
                                              f"use one of {', '.join(sorted(ALLOWED_KEYS))}"))
    for key in REQUIRED_KEYS:
        value = front.data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(page.path, 1, f"front matter has no '{key}'; add "
                                                  f"'{key}: …' (a non-empty string)"))
    reviewed = reviewed_problem(page, today or date.today())
    if reviewed:
        problems.append(reviewed)
    return problems


def check(site: Site, lang: str) -> list[Problem]:
    """The front matter of every page of the pass's language."""
    problems: list[Problem] = []
    for page in site.language(lang):
        problems += front_matter_problems(page)
    return problems
