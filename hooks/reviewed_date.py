"""Each page states how current it is: its front matter's `reviewed:` month
(checked by hooks/front_matter.py), shown under the page title in the page's
language: "审阅于 2026 年 12 月" / "Reviewed December 2026"."""

from __future__ import annotations

import calendar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from front_matter import reviewed_month
from glossary_docs import split_language

LABELS = {"zh": "审阅于 {year} 年 {month} 月", "en": "Reviewed {month_name} {year}"}


def reviewed_label(year: int, month: int, lang: str) -> str:
    return LABELS[lang].format(year=year, month=month, month_name=calendar.month_name[month])


def with_reviewed(html_text: str, year: int, month: int, lang: str, render) -> str:
    """The page's HTML with the review line right after its title (h1), or
    first when it has none."""
    line = render(datetime=f"{year:04d}-{month:02d}", label=reviewed_label(year, month, lang))
    end = html_text.find("</h1>")
    if end < 0:
        return line + html_text
    end += len("</h1>")
    return html_text[:end] + line + html_text[end:]


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    month = reviewed_month(page.meta.get("reviewed"))
    if month is None:
        return None
    template = config.theme.get_env().get_template("partials/reviewed.html")
    return with_reviewed(html_text, *month, split_language(page.file.src_uri)[1], template.render)
