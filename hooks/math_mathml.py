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
import xml.etree.ElementTree as ET
from functools import lru_cache

from latex2mathml.converter import convert
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from glossary_docs import Problem, report

log = logging.getLogger("mkdocs.plugins.glossary.math_mathml")

_FORMULA_RE = re.compile(
    r'<(span|div) class="arithmatex">\\([(\[])(.*?)\\[)\]]</\1>', re.DOTALL)


MATHML_NS = "http://www.w3.org/1998/Math/MathML"


@lru_cache(maxsize=4096)  # both languages carry the same formulas
def latex_to_mathml(latex: str, display: str) -> str:
    """Compact MathML for `latex`, its source kept as an annotation.

    The LaTeX stays (shown by no browser): tools that do not speak MathML,
    and readers who copy the formula, get the source."""
    root = compact_mathml(convert(latex, display=display))
    body = list(root)
    if len(body) == 1:
        content = body[0]
    else:
        content = ET.Element("mrow")
        content.extend(body)
    for child in body:
        root.remove(child)
    semantics = ET.SubElement(root, "semantics")
    semantics.append(content)
    ET.SubElement(semantics, "annotation", encoding="application/x-tex").text = latex
    return ET.tostring(root, encoding="unicode")


def compact_mathml(mathml: str) -> ET.Element:
    """latex2mathml's output, parsed and made smaller without changing what
    it renders or how it is read: a formula page is mostly MathML, and
    latex2mathml writes it loosely (a third of the bytes, measured).

    - No xmlns (the HTML parser puts <math> in the MathML namespace) and no
      display="inline" (the default).
    - An <mrow> around a single element is that element (MathML Core).
    - \\mathrm{softmax}'s one <mi mathvariant="normal"> per letter becomes one
      <mi>softmax</mi>: upright by default, and read as a word, not spelled.
    - Characters as themselves, not as numeric references (ElementTree
      writes them so).
    """
    root = ET.fromstring(mathml.replace(f' xmlns="{MATHML_NS}"', "", 1))
    if root.get("display") == "inline":
        del root.attrib["display"]
    _compact(root)
    return root


def _compact(element: ET.Element) -> None:
    for child in element:
        _compact(child)
    children = list(element)
    if any((child.tail or "").strip() for child in children):
        return  # text between elements: not latex2mathml's output, left alone
    kept = [_unwrapped(child) for child in _words_merged(children)]
    if kept != children:
        for child in children:
            element.remove(child)
        element.extend(kept)


def _words_merged(children: list[ET.Element]) -> list[ET.Element]:
    """Runs of one-letter <mi mathvariant="normal"> as one <mi> each."""
    out: list[ET.Element] = []
    run: list[ET.Element] = []
    for child in [*children, None]:
        if child is not None and child.tag == "mi" and len(child) == 0 \
                and child.attrib == {"mathvariant": "normal"} \
                and len(child.text or "") == 1 and child.text.isalpha():
            run.append(child)
            continue
        if len(run) > 1:
            word = ET.Element("mi")
            word.text = "".join(letter.text for letter in run)
            out.append(word)
        else:
            out.extend(run)
        run = []
        if child is not None:
            out.append(child)
    return out


def _unwrapped(element: ET.Element) -> ET.Element:
    while (element.tag == "mrow" and not element.attrib and len(element) == 1
           and not (element.text or "").strip()):
        element = element[0]
    return element


def formulas_to_mathml(page_html: str) -> tuple[str, list[str]]:
    """Replace arithmatex output with MathML; also return the LaTeX that failed."""
    failed: list[str] = []

    def replace(match: re.Match) -> str:
        tag, latex = match.group(1), html.unescape(match.group(3)).strip()
        display = "block" if tag == "div" else "inline"
        try:
            mathml = latex_to_mathml(latex, display)
        except Exception:  # latex2mathml raises many types for bad input
            failed.append(latex)
            return match.group(0)
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
