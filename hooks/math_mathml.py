"""Formulas become MathML at build time: no script, no font, no CDN.

pymdownx.arithmatex (generic mode) wraps each formula as `\\(…\\)` in a span
or `\\[…\\]` in a div; latex2mathml turns the LaTeX into MathML, which the
browser lays out natively and screen readers read. A page of formulas then
weighs what its text weighs, and renders before any script runs.
"""

from __future__ import annotations

import html
import logging
import re
from functools import lru_cache

from latex2mathml.converter import convert
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from glossary_docs import Problem, report

log = logging.getLogger("mkdocs.plugins.glossary.math_mathml")

_FORMULA_RE = re.compile(
    r'<(span|div) class="arithmatex">\\([(\[])(.*?)\\[)\]]</\1>', re.DOTALL)


@lru_cache(maxsize=4096)  # both languages carry the same formulas
def _convert(latex: str, display: str) -> str:
    return convert(latex, display=display)


def formulas_to_mathml(page_html: str) -> tuple[str, list[str]]:
    """Replace arithmatex output with MathML; also return the LaTeX that failed."""
    failed: list[str] = []

    def replace(match: re.Match) -> str:
        tag, latex = match.group(1), html.unescape(match.group(3)).strip()
        display = "block" if tag == "div" else "inline"
        try:
            mathml = _convert(latex, display)
        except Exception:  # latex2mathml raises many types for bad input
            failed.append(latex)
            return match.group(0)
        # The LaTeX stays as an annotation (shown by no browser): tools that
        # do not speak MathML, and readers who copy the formula, get the source.
        opening, _, inner = mathml.partition(">")
        inner = inner[: -len("</math>")]
        mathml = (f"{opening}><semantics><mrow>{inner}</mrow><annotation encoding="
                  f'"application/x-tex">{html.escape(latex)}</annotation></semantics></math>')
        if tag == "div":
            return f'<div class="arithmatex">{mathml}</div>'
        return f'<span class="arithmatex">{mathml}</span>'

    return _FORMULA_RE.sub(replace, page_html), failed


def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if 'class="arithmatex"' not in html_text:
        return None
    converted, failed = formulas_to_mathml(html_text)
    source = page.file.content_string
    report(log, [Problem(page.file.src_uri, _line_of(source, latex),
                         f"formula '{latex[:60]}' is not LaTeX that latex2mathml can render; "
                         "fix it or rewrite it with standard commands") for latex in failed])
    return converted


def _line_of(source: str, latex: str) -> int:
    index = source.find(latex.splitlines()[0]) if latex else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 1
