"""Drop the theme's CSS rules that nothing on the site can use.

Material's stylesheet carries every component it offers (content tabs,
cards, admonitions of twelve kinds, blog, keyboard-key glyphs, …): 134 KB,
the heaviest file of a page after the search index. After both languages are
built, this hook removes each rule whose selectors all name a class that
appears in no built page and no shipped script, and each palette rule for a
colour the site does not use. A class a script adds at run time is named in
that script, so it is kept; classes inside :not(), :is(), :where() and :has()
are not required (a selector matches without them). Then each custom
property (`--md-admonition-icon--bug: url(data:…)`) that no remaining rule,
page, script or site stylesheet reads is dropped too: Material declares an
icon for every component on :root. A component whose class names the
bundle's script holds but that this configuration never shows (content
tabs without pymdownx.tabbed, code annotations without
content.code.annotate, the version selector without extra.version) is
dropped as well: its names in the script are code that never runs here.
The pruned file gets a
name of its own content hash, and the pages are pointed at it, so a browser
never keeps a stale copy under the old name.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import files_io
from short_links import built_pages

K = TypeVar("K")

log = logging.getLogger("mkdocs.plugins.glossary.unused_css")

_BRACE_RE = re.compile(r"[{};]")
_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_FUNCTIONAL_RE = re.compile(r":(?:not|is|where|has|matches)\((?:[^()]|\([^()]*\))*\)")
_PALETTE_RE = re.compile(r"\[data-md-color-(primary|accent)=([\w-]+)\]")
_HTML_CLASS_RE = re.compile(r"""class=["']([^"']*)["']""")
_HTML_PALETTE_RE = re.compile(r"""data-md-color-(primary|accent)=["']([\w-]+)["']""")
_JS_WORD_RE = re.compile(r"[_a-zA-Z][\w-]*")
_VAR_RE = re.compile(r"var\(\s*(--[\w-]+)")
_JS_PROPERTY_RE = re.compile(r"--[\w-]+")  # setProperty("--md-tooltip-x", …)
_DECLARATION_TOKEN_RE = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[();]""")
_DECLARES_PROPERTY_RE = re.compile(r"(?:^|;)\s*--")
STYLESHEET_RE = re.compile(r"^(main|palette)\.[0-9a-f]+\.min\.css$")


@dataclass(frozen=True)
class Usage:
    """What the built site can style: class names and palette colours."""

    classes: frozenset[str]
    palette: frozenset[tuple[str, str]]
    # Custom properties read outside the theme's sheets (var() in a page or
    # a site stylesheet, any --name a script mentions).
    properties: frozenset[str] = frozenset()


def usage(html_pages: list[str], scripts: list[str], stylesheets: Sequence[str] = ()) -> Usage:
    classes: set[str] = set()
    palette: set[tuple[str, str]] = set()
    properties: set[str] = set()
    for html in html_pages:
        for value in _HTML_CLASS_RE.findall(html):
            classes.update(value.split())
        palette.update(_HTML_PALETTE_RE.findall(html))
        properties.update(_VAR_RE.findall(html))
    for script in scripts:
        classes.update(_JS_WORD_RE.findall(script))
        properties.update(_JS_PROPERTY_RE.findall(script))
    for sheet in stylesheets:
        properties.update(_VAR_RE.findall(sheet))
    return Usage(frozenset(classes), frozenset(palette), frozenset(properties))


# Material's components that only a setting turns on: (the setting, the
# prefix of the class names of its markup). The names are in the bundle's
# script either way; without the setting, no page has that markup.
SWITCHED_COMPONENTS = (
    ("markdown_extensions: pymdownx.tabbed", "tabbed-"),
    ("theme.features: content.code.annotate", "md-annotation"),
    ("extra.version", "md-version"),
)


def components_off(markdown_extensions: Sequence[str], features: Sequence[str],
                   extra: Mapping[str, object]) -> tuple[str, ...]:
    """The class-name prefixes of the SWITCHED_COMPONENTS that this
    configuration leaves off."""
    on = {"markdown_extensions: pymdownx.tabbed": "pymdownx.tabbed" in markdown_extensions,
          "theme.features: content.code.annotate": "content.code.annotate" in features,
          "extra.version": bool(extra.get("version"))}
    return tuple(prefix for setting, prefix in SWITCHED_COMPONENTS if not on[setting])


def without_components(used: Usage, prefixes: Sequence[str]) -> Usage:
    """`used` without the class names of components that are off."""
    if not prefixes:
        return used
    kept = frozenset(name for name in used.classes if not name.startswith(tuple(prefixes)))
    return Usage(kept, used.palette, used.properties)


def selector_is_used(selector: str, used: Usage) -> bool:
    bare = _FUNCTIONAL_RE.sub("", selector)
    if any(match not in used.palette for match in _PALETTE_RE.findall(bare)):
        return False
    return all(name in used.classes for name in _CLASS_RE.findall(bare))


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs of a stylesheet; `;`-ended at-rules
    (@charset, @import) come back with a body of None."""
    out: list[tuple[str, str | None]] = []
    index, depth, start = 0, 0, 0
    for match in _BRACE_RE.finditer(css):
        char, at = match.group(), match.start()
        if depth == 0 and char == ";":
            if css[index:at].lstrip().startswith("@"):
                out.append((css[index:at + 1].strip(), None))
                index = at + 1
        elif char == "{":
            if depth == 0:
                start = at
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                out.append((css[index:start].strip(), css[start + 1:at]))
                index = at + 1
    return out


def prune_css(css: str, used: Usage) -> str:
    """`css` without the rules no page can use (recursing into @media and co.)."""
    def rule(prelude: str, body: str) -> str | None:
        selectors = [s for s in _split_selectors(prelude) if selector_is_used(s, used)]
        return f"{','.join(selectors)}{{{body}}}" if selectors else None

    return _rewrite_rules(css, rule)


def _rewrite_rules(css: str, rule: Callable[[str, str], str | None]) -> str:
    """`css` with each style rule replaced by `rule(prelude, body)` (None:
    dropped), inside @media, @supports, @container and @layer too; other
    at-rules (@font-face, @keyframes, @page…) stay as they are, and a
    conditional group left empty goes."""
    kept = []
    for prelude, body in _blocks(css):
        if body is None:
            kept.append(prelude)
        elif prelude.startswith(("@media", "@supports", "@container", "@layer")):
            inner = _rewrite_rules(body, rule)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")
        elif (text := rule(prelude, body)) is not None:
            kept.append(text)
    return "".join(kept)


def drop_unread_properties(sheets: dict[K, str], read: frozenset[str]) -> dict[K, str]:
    """`sheets` without the custom-property declarations that nothing reads:
    not `read` (from outside) nor a var() left in any of them. Repeated until
    nothing changes, since a dropped declaration may have been the only
    reader of another property."""
    while True:
        reads = set(read)
        for css in sheets.values():
            reads.update(_VAR_RE.findall(css))
        pruned = {name: _without_properties(css, reads) for name, css in sheets.items()}
        if pruned == sheets:
            return pruned
        sheets = pruned


def _without_properties(css: str, reads: set[str]) -> str:
    def rule(prelude: str, body: str) -> str | None:
        if not _DECLARES_PROPERTY_RE.search(body):
            return f"{prelude}{{{body}}}"
        declarations = [d for d in _declarations(body)
                        if not d.lstrip().startswith("--") or d.split(":", 1)[0].strip() in reads]
        return f"{prelude}{{{';'.join(declarations)}}}" if declarations else None

    return _rewrite_rules(css, rule)


def _declarations(body: str) -> list[str]:
    """Split a rule's body on the semicolons that end declarations (not those
    inside a quoted data: URL or a function)."""
    parts, depth, start = [], 0, 0
    for token in _DECLARATION_TOKEN_RE.finditer(body):
        char = token.group()
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == ";" and depth == 0:
            parts.append(body[start:token.start()])
            start = token.end()
    parts.append(body[start:])
    return [part for part in parts if part.strip()]


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list on top-level commas (not those inside :is(…))."""
    if "(" not in prelude:  # most selectors: no character-by-character walk
        return [part for part in prelude.split(",") if part.strip()]
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return [part for part in parts if part.strip()]


# After every language is built (mkdocs-static-i18n builds the others at
# -100 of the outer pass) and after the search index is split (-200).
def prune_site(site: Path, off: Sequence[str] = ()) -> None:
    """The theme's stylesheets without what no page or script of the built
    site can use (nor the components `off`, see components_off), renamed
    by their new content, and the pages pointed at them."""
    # Read as Latin-1: every byte one character, so the ASCII this hook reads
    # and writes (class names, var() names, the stylesheet's file name) is
    # intact, the Chinese text goes back byte for byte, and no UTF-8 is
    # decoded or encoded (decoding the real site's 1.6 MB of pages took
    # 18 ms, Latin-1 takes 1 ms).
    html = {page: text for page in built_pages(site)
            if "stylesheets/main." in (text := page.read_bytes().decode("latin-1"))}
    # Scripts that run in the page (not the search worker's lunr files, nor
    # mermaid, which styles its own SVG).
    scripts = [p.read_text(encoding="utf-8")
               for p in (site / "assets" / "javascripts").glob("*.js")]
    stylesheets = site / "assets" / "stylesheets"
    theme = {sheet: match for sheet in sorted(stylesheets.glob("*.css"))
             if (match := STYLESHEET_RE.match(sheet.name))}
    own = [p.read_text(encoding="utf-8") for p in sorted(stylesheets.glob("*.css")) if p not in theme]
    used = without_components(usage(list(html.values()), scripts, own), off)
    pruned_sheets = drop_unread_properties(
        {sheet: prune_css(sheet.read_text(encoding="utf-8"), used) for sheet in theme},
        used.properties)
    renames = {}
    for sheet, match in theme.items():
        pruned = pruned_sheets[sheet]
        digest = hashlib.sha256(pruned.encode()).hexdigest()[:8]
        target = sheet.with_name(f"{match.group(1)}.{digest}.min.css")
        if target != sheet:
            files_io.write_if_changed(target, pruned)
            sheet.unlink()
            sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
            renames[sheet.name] = target.name
    for page, text in html.items():
        new = text
        for old, fresh in renames.items():
            new = new.replace(old, fresh)
        if new != text:
            files_io.write_if_changed(page, new.encode("latin-1"))
