"""Formulas become MathML at build time: no script, no CDN.

pymdownx.arithmatex (generic mode) wraps each formula as `\\(…\\)` in a span
or `\\[…\\]` in a div; latex2mathml turns the LaTeX into MathML, which the
browser lays out natively and screen readers read. A page of formulas then
weighs what its text weighs, and renders before any script runs. The
browser draws it with the site's own math font (math_font).

Converting is the costliest thing the hooks do (about 0.2 ms a formula,
300 distinct formulas), so the results are kept between builds in
.cache/mathml.json, valid for one version of latex2mathml and of this file:
a rebuild under `make serve` converts only the formulas that changed.
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import files_io
from glossary_docs import Problem

_FORMULA_RE = re.compile(
    r'<(span|div) class="arithmatex">\\([(\[])(.*?)\\[)\]]</\1>', re.DOTALL)


# What the MathML of a formula may carry: the presentation attributes
# latex2mathml writes for standard LaTeX. \style, \href, \class and the
# like would put a style (that can fetch from another origin), a link or the
# theme's classes on the page; a formula that needs them is refused.
MATHML_ATTRIBUTES = frozenset({
    "encoding", "stretchy", "fence", "form", "width", "height", "depth", "display", "minsize", "maxsize",
    "accent", "accentunder", "mathvariant", "linethickness", "separator", "lspace", "rspace", "movablelimits",
    "largeop", "symmetric", "columnalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "frame",
    "displaystyle", "scriptlevel", "notation", "open", "close", "separators", "voffset", "xmlns",
})


class UnsafeFormula(ValueError):
    """A formula whose MathML would carry an attribute pages may not have."""


_UNKNOWN_COMMAND_RE = re.compile(r"^\\[A-Za-z]+$")


def check_mathml(root: ET.Element, latex: str) -> None:
    """Refuse what a formula may not put on a page, and a command latex2mathml
    does not know (it would show as text: `\\cssId`)."""
    for element in root.iter():
        text = (element.text or "").strip()
        if element.tag != "annotation" and _UNKNOWN_COMMAND_RE.match(text):
            raise UnsafeFormula(f"formula '{latex[:60]}' uses {text}, which latex2mathml does "
                                "not know; write it with standard LaTeX commands")
        unsafe = sorted(set(element.attrib) - MATHML_ATTRIBUTES)
        if unsafe:
            raise UnsafeFormula(f"formula '{latex[:60]}' sets {', '.join(unsafe)} on its MathML "
                                "(\\style, \\href, \\class, \\cssId); write it with standard commands only")


@lru_cache(maxsize=4096)  # both languages carry the same formulas
def latex_to_mathml(latex: str, display: str) -> str:
    """Compact MathML for `latex`, its source kept as an annotation.

    The LaTeX stays (shown by no browser): tools that do not speak MathML,
    and readers who copy the formula, get the source."""
    # Imported here: a rebuild finds every formula in the cache and never needs it.
    from latex2mathml.converter import convert_to_element

    root = compact_mathml(convert_to_element(latex, display=display))
    check_mathml(root, latex)
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


def compact_mathml(root: ET.Element) -> ET.Element:
    """latex2mathml's <math> element, made smaller without changing what it
    renders or how it is read: a formula page is mostly MathML, and
    latex2mathml writes it loosely (a third of the bytes, measured).

    - No xmlns (the HTML parser puts <math> in the MathML namespace) and no
      display="inline" (the default).
    - An <mrow> around a single element is that element (MathML Core).
    - \\mathrm{softmax}'s one <mi mathvariant="normal"> per letter becomes one
      <mi>softmax</mi>: upright by default, and read as a word, not spelled.
    - Characters as themselves: latex2mathml keeps them as numeric
      references (`&#x00028;` for a parenthesis) in the elements' text.

    And what MathML Core (Chromium) draws otherwise than TeX (for_mathml_core).
    """
    root.attrib.pop("xmlns", None)
    if root.get("display") == "inline":
        del root.attrib["display"]
    for element in root.iter():
        if element.text and "&#" in element.text:
            element.text = html.unescape(element.text)
    for_mathml_core(root)
    _compact(root)
    return root


# \hat and \tilde as latex2mathml writes them: the ASCII ^ and ~, which a
# math font draws at the height of a caret and a dash, floating above the
# letter. The spacing accents are what MathML Core places on the letter's
# top-accent point (and stretches, for \widehat); measured side by side in
# Chromium with the site's math font.
ACCENTS = {"^": "\u02c6", "~": "\u02dc"}
# A name in upright letters is an operator in TeX (\log, \min,
# \operatorname{clip}): a thin space on each side, except next to an opening
# bracket, an operator, or the edge of the formula. latex2mathml writes them
# as <mi>log</mi> (no space in MathML: "logp") or <mo>min</mo> (a thick
# operator space on both sides: "min (d, k)").
_THIN = "0.1667em"
_OPENERS = frozenset("([{|\u2016\u27e8\u2308\u230a")
_SCRIPTED = frozenset({"msub", "msup", "msubsup", "munder", "mover", "munderover"})


# The standard operator names latex2mathml 3.81 prints with their backslash
# (checked over every name of LaTeX's list); any other `\word` left as text
# is a command it does not know, which check_mathml refuses.
_NAMES_WITH_BACKSLASH = frozenset({"arg"})


def for_mathml_core(root: ET.Element) -> None:
    """latex2mathml's output, mended where Chromium would draw it otherwise
    than TeX: accents (ACCENTS), space around operator names, and `\\arg`,
    which latex2mathml prints with its backslash."""
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in list(root.iter()):
        text = element.text or ""
        if element.tag == "mover" and len(element) == 2 and element[1].tag == "mo" \
                and (element[1].text or "") in ACCENTS:
            element[1].text = ACCENTS[element[1].text or ""]
        if element.tag == "mi" and text[1:] in _NAMES_WITH_BACKSLASH and text.startswith("\\"):
            element.text = text = text[1:]
        if element.tag in ("mi", "mo") and _is_name(element):
            _space_operator_name(element, parents)


def _is_name(element: ET.Element) -> bool:
    """An operator name as latex2mathml writes it (before the words of
    \\mathrm are merged, which stay names of quantities: no space)."""
    while element.tag in _SCRIPTED and len(element):
        element = element[0]
    text = element.text or ""
    return (element.tag in ("mi", "mo") and len(element) == 0 and len(text) > 1 and text.isascii()
            and text.isalpha() and set(element.attrib) <= {"lspace", "rspace"})


def _space_operator_name(element: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    # An operator with limits or scripts (\max_\theta) is spaced as a whole.
    atom = element
    while atom in parents and parents[atom].tag in _SCRIPTED and parents[atom][0] is atom:
        atom = parents[atom]
    parent = parents.get(atom)
    siblings = list(parent) if parent is not None else []
    index = siblings.index(atom) if atom in siblings else -1
    before = siblings[index - 1] if index > 0 else None
    after = siblings[index + 1] if 0 <= index < len(siblings) - 1 else None
    # Two names in a row (\\arg\\max) share one thin space: the second's.
    space_before = before is not None and (before.tag not in ("mo", "mspace") or _is_name(before))
    space_after = after is not None and not _opens(after) and not _is_name(after)
    if element.tag == "mo":
        element.set("lspace", _THIN if space_before else "0")
        element.set("rspace", _THIN if space_after else "0")
        return
    if parent is None:
        return
    if space_after:
        parent.insert(index + 1, ET.Element("mspace", width=_THIN))
    if space_before:
        parent.insert(index, ET.Element("mspace", width=_THIN))


def _opens(element: ET.Element) -> bool:
    while element.tag == "mrow" and len(element):
        element = element[0]
    return element.tag == "mo" and (element.text or "") in _OPENERS


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
                and len(child.text or "") == 1 and (child.text or "").isalpha():
            run.append(child)
            continue
        if len(run) > 1:
            word = ET.Element("mi")
            word.text = "".join(letter.text or "" for letter in run)
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


def formulas_to_mathml(page_html: str, to_mathml: Callable[[str, str], str] = latex_to_mathml,
                       ) -> tuple[str, list[tuple[str, str | None]]]:
    """Replace arithmatex output with MathML; also return the LaTeX that
    failed, each with why (None: latex2mathml could not read it)."""
    failed: list[tuple[str, str | None]] = []

    def replace(match: re.Match) -> str:
        tag, latex = match.group(1), html.unescape(match.group(3)).strip()
        display = "block" if tag == "div" else "inline"
        try:
            mathml = to_mathml(latex, display)
        except UnsafeFormula as unsafe:
            failed.append((latex, str(unsafe)))
            return match.group(0)
        except Exception:  # latex2mathml raises many types for bad input
            failed.append((latex, None))
            return match.group(0)
        if tag == "div":
            return f'<div class="arithmatex">{mathml}</div>'
        return f'<span class="arithmatex">{mathml}</span>'

    return _FORMULA_RE.sub(replace, page_html), failed


# --- the cache between builds ---------------------------------------------------

CACHE_FILE = ".cache/mathml.json"
# Another latex2mathml, or another version of this file, converts otherwise.
CACHE_KEY = (f"latex2mathml {version('latex2mathml')}, "
             f"math_mathml {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]}")


def read_cache(text: str, key: str = CACHE_KEY) -> dict[str, object]:
    return files_io.read_cache(text, key, "mathml")


def cache_text(entries: dict[str, object], key: str = CACHE_KEY) -> str:
    return files_io.cache_text(entries, key, "mathml")


class _Cache(files_io.BuildCache):
    """The previous build's conversions, and this build's."""

    def __init__(self) -> None:
        super().__init__(CACHE_KEY, "mathml", lambda value: isinstance(value, str))

    def mathml(self, latex: str, display: str) -> str:
        return self.get(f"{display} {latex}", lambda: latex_to_mathml(latex, display))


_cache = _Cache()


# --- events --------------------------------------------------------------------

def open_cache(path: Path) -> None:
    """Start a build with the previous build's conversions (at `path`)."""
    _cache.open(path)


def to_mathml(html_text: str, src_uri: str, source: str) -> tuple[str, list[Problem]]:
    """A page's formulas as MathML, and a problem for each that cannot be converted."""
    if 'class="arithmatex"' not in html_text:
        return html_text, []
    converted, failed = formulas_to_mathml(html_text, _cache.mathml)
    return converted, [Problem(src_uri, _line_of(source, latex),
                               why or f"formula '{latex[:60]}' is not LaTeX that latex2mathml can render; "
                                      "fix it or rewrite it with standard commands") for latex, why in failed]


def save_cache() -> None:
    """Write this build's conversions back (once, after every language)."""
    _cache.save()






def _line_of(source: str, latex: str) -> int:
    index = source.find(latex.splitlines()[0]) if latex else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 1
