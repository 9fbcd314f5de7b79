"""Contributions are untrusted input: a page's HTML may hold only what
Markdown and the project's extensions make of plain text.

Terms arrive as pull requests of Markdown, and Markdown passes raw HTML and
attr_list attributes through. Readers were promised no script from a pull
request and no request to another origin, so the build reads the HTML each
page renders to (before the build adds its own markup) with Python's HTML
parser and refuses, naming the file and line:

- elements other than those Markdown, tables, footnotes, definition lists,
  admonitions, details, keys, highlight, arithmatex and mermaid fences
  produce (no script, style, iframe, object, embed, meta, base, link, form,
  svg, input ...);
- attributes other than `id` and `class` (what attr_list may set) and the
  few those extensions write themselves (`href`, `src`, `alt`, `title`, the
  tables' `style="text-align: …"`); so no `on*`, no `style`;
- URLs that are not http(s), `mailto:`, relative or a fragment; an image
  (`src`) must be on the site itself.

The line of a problem is found in the page's Markdown source by the
offending text; when the text is not there verbatim (an attribute set by
attr_list), the line of the first heading or 1.

A page whose HTML this version of the rules found clean is not read again
while its HTML stays the same: .cache/safe-html.json keeps the hashes of
the clean pages (reading every page was a tenth of a rebuild).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from files_io import BuildCache
from glossary_docs import Problem

# What Python-Markdown and the configured extensions write.
ALLOWED_TAGS = frozenset("""
a abbr b blockquote br code dd del details div dl dt em h1 h2 h3 h4 h5 h6 hr i img kbd li mark ol p pre
s span strong sub summary sup table tbody td tfoot th thead tr u ul
""".split())
GLOBAL_ATTRIBUTES = frozenset({"id", "class"})
ATTRIBUTES = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "title"}),
    "ol": frozenset({"start"}),
    "td": frozenset({"style", "colspan", "rowspan"}),
    "th": frozenset({"style", "colspan", "rowspan"}),
    "details": frozenset({"open"}),
}
# The tables extension aligns a column with exactly this style.
_TABLE_STYLE_RE = re.compile(r"^text-align: (?:left|right|center);$")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


@dataclass(frozen=True)
class Violation:
    what: str  # e.g. `<script>`, `onclick="…"`
    fix: str
    needle: str  # text to look for in the source, for the line


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Violation] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(Violation(f"raw HTML element <{tag}>", "write it in Markdown, or leave it out "
                                        "(pages may not carry script, style, frames, forms or embedded media)",
                                        f"<{tag}"))
            return
        allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                self.found.append(Violation(f'attribute {name}="{value[:40]}" on <{tag}>',
                                            "remove it (only id and class may be set on an element)", name))
            elif name == "style" and not _TABLE_STYLE_RE.match(value):
                self.found.append(Violation(f'style="{value[:40]}" on <{tag}>', "remove the style attribute",
                                            "style"))
            elif name == "href" and not _safe_link(value):
                self.found.append(Violation(f'link to "{value[:60]}"', "link with http(s)://, mailto: or a "
                                            "relative path", value[:30]))
            elif name == "src" and not _own_file(value):
                self.found.append(Violation(f'image from "{value[:60]}"', "put the image under docs/ and link it "
                                            "relatively (the site loads nothing from another origin)", value[:30]))

    handle_startendtag = handle_starttag


def _safe_link(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in _SAFE_SCHEMES if parts.scheme else True


def _own_file(url: str) -> bool:
    parts = urlsplit(url.strip())
    return not parts.scheme and not parts.netloc and not url.strip().startswith("//")


def violations(page_html: str) -> list[Violation]:
    """What in a page's rendered HTML contributions may not put there."""
    reader = _Reader()
    reader.feed(page_html)
    reader.close()
    return reader.found


def _line_of(source: str, needle: str) -> int:
    index = source.find(needle) if needle else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


CACHE_FILE = ".cache/safe-html.json"
# Other rules (another version of this file) read every page again.
clean_pages = BuildCache(f"safe_html {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]}", "clean",
                         lambda value: value is True)


def problems(page_html: str, src_uri: str, source: str) -> list[Problem]:
    """A page's violations, each with the line of the source that holds it."""
    digest = hashlib.sha256(page_html.encode()).hexdigest()[:32]
    if clean_pages.known(digest):
        return []
    found = [Problem(src_uri, _line_of(source, v.needle), f"{v.what} is not allowed in a page; {v.fix}")
             for v in violations(page_html)]
    if not found:
        clean_pages.put(digest, True)
    return found
