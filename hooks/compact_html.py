"""Pages without the theme's indentation.

Material's templates indent every line of a page, and a long family page
carries its navigation twice (the sidebar, and the drawer that holds the
page's table of contents on a phone): about 6 KB of spaces a page, a tenth
of what a reader downloads for the page itself. Outside the elements that
keep their whitespace, a line break and the whitespace after it render
exactly as a single line break does, so each becomes one line break and
nothing else changes: no attribute is unquoted, no tag is dropped, no markup
is re-serialised (htmlmin, which mkdocs-minify-plugin uses, re-parses each
page at about 20 ms; this is a regular expression, under 1 ms a page).
"""

from __future__ import annotations

import re

# Elements whose whitespace shows or is read: preformatted text, code
# (Material sets white-space: pre-wrap on it), keyboard keys, form text,
# scripts and styles, and mermaid sources (indentation is syntax in some
# diagram types).
_KEEP_RE = re.compile(
    r"<(pre|code|kbd|textarea|script|style)\b.*?</\1>"
    r'|<div\b[^>]*\bclass="mermaid"[^>]*>.*?</div>',
    re.DOTALL | re.IGNORECASE)
# Starts with a literal line break, so the engine skips to the next one
# (a leading [ \t]* made it try every position: three times slower).
_INDENT_RE = re.compile(r"\n\s+")


def collapse_indentation(html: str) -> str:
    """`html` with each line break and the whitespace after it made one line
    break, except inside the elements that keep their whitespace."""
    out, start = [], 0
    for kept in _KEEP_RE.finditer(html):
        out.append(_INDENT_RE.sub("\n", html[start:kept.start()]))
        out.append(kept.group())
        start = kept.end()
    out.append(_INDENT_RE.sub("\n", html[start:]))
    return "".join(out)
