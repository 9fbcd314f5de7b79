"""Each page states how current it is: its front matter's `reviewed:` month
(checked by hooks/front_matter.py), shown under the page title in the page's
language: "审阅于 2026 年 12 月" / "Reviewed December 2026"."""

from __future__ import annotations

import calendar
from functools import lru_cache

from jinja2 import Environment

from front_matter import reviewed_month

LABELS = {"zh": "审阅于 {year} 年 {month} 月", "en": "Reviewed {month_name} {year}"}


def reviewed_label(year: int, month: int, lang: str) -> str:
    return LABELS[lang].format(year=year, month=month, month_name=calendar.month_name[month])


def with_reviewed(html_text: str, line: str) -> str:
    """The page's HTML with the review line right after its title (h1), or
    first when it has none."""
    end = html_text.find("</h1>")
    if end < 0:
        return line + html_text
    end += len("</h1>")
    return html_text[:end] + line + html_text[end:]


def add_reviewed(html_text: str, reviewed: object, lang: str, env: Environment) -> str:
    """The page with its review month under the title (front_matter checks the value)."""
    month = reviewed_month(reviewed)
    if month is None:
        return html_text
    return with_reviewed(html_text, _line(env, *month, lang))


@lru_cache(maxsize=64)  # a handful of months, on every page
def _line(env: Environment, year: int, month: int, lang: str) -> str:
    return env.get_template("partials/reviewed.html").render(
        datetime=f"{year:04d}-{month:02d}", label=reviewed_label(year, month, lang))
