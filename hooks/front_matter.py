"""Front matter must be valid YAML with known keys, title and description.

MkDocs on its own ignores a front matter block it cannot parse and keeps
unknown keys silently, so a typo (`titel:`) ships a page without its title.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from glossary_docs import DocPage, Problem, Site

# What a page may set: its title and summary (meta description, previews),
# Material's per-page switches, and tags for the tags listing.
ALLOWED_KEYS = frozenset({"title", "description", "reviewed", "hide", "search", "tags", "icon", "status"})
REQUIRED_KEYS = ("title", "description")
# How current a page is: the month its content was last checked against its
# sources, shown under its title (hooks/reviewed_date.py).
REVIEWED_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# Material's switches take only these values (a wrong type gave a Material
# traceback with no line; a title with markup landed raw in every nav).
HIDE_VALUES = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})
STATUS_VALUES = frozenset({"new", "deprecated"})
SEARCH_KEYS: dict[str, type | tuple[type, ...]] = {"exclude": bool, "boost": (int, float)}
_ICON_RE = re.compile(r"^(material|fontawesome/(?:brands|regular|solid)|octicons|simple)/[a-z0-9-]+$")
# Plain text only: titles and descriptions are written into the nav,
# <title>, meta tags and exports.
_MARKUP_RE = re.compile(r"[<>]")


def value_problems(page: DocPage) -> list[Problem]:
    """Front matter values of the wrong type or outside what Material and
    the site accept."""
    data = page.front_matter.data or {}
    problems = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(page.path, _key_line(page, key), message))

    for key in ("title", "description"):
        value = data.get(key)
        if isinstance(value, str) and _MARKUP_RE.search(value):
            problem(key, f"'{key}' holds markup ('{value[:40]}'); write plain text, without < or >")
    hide = data.get("hide")
    if hide is not None and not (isinstance(hide, list) and all(isinstance(v, str) for v in hide)
                                 and set(hide) <= HIDE_VALUES):
        problem("hide", f"'hide: {hide}' is not a list of {', '.join(sorted(HIDE_VALUES))}; "
                        "write e.g. hide: [navigation]")
    search = data.get("search")
    if search is not None and not (isinstance(search, dict) and all(
            key in SEARCH_KEYS and isinstance(value, SEARCH_KEYS[key]) and not (key == "boost" and value is True)
            for key, value in search.items())):
        problem("search", f"'search: {search}' must be a mapping of exclude (true/false) and boost (a number), "
                          "e.g. search: {exclude: true}")
    status = data.get("status")
    if status is not None and status not in STATUS_VALUES:
        problem("status", f"'status: {str(status)[:40]}' is not one of {', '.join(sorted(STATUS_VALUES))}")
    icon = data.get("icon")
    if icon is not None and not (isinstance(icon, str) and _ICON_RE.match(icon) and is_theme_icon(icon)):
        problem("icon", f"'icon: {str(icon)[:40]}' is not an icon of the theme; use a name such as "
                        "material/book-open-variant (see Material's icon search)")
    return problems


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
    return problems + value_problems(page)


def is_theme_icon(name: str) -> bool:
    """Whether Material ships the icon `name` (`material/book-open-variant`)."""
    import material

    return (Path(material.__file__).parent / "templates" / ".icons" / f"{name}.svg").is_file()


def check(site: Site, lang: str) -> list[Problem]:
    """The front matter of every page of the pass's language."""
    problems: list[Problem] = []
    for page in site.language(lang):
        problems += front_matter_problems(page)
    return problems
