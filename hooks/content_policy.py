"""A Content-Security-Policy and a referrer policy on every page.

The site loads everything from itself, so the browser is told to refuse
anything else: scripts only from the site's own files and the theme's few
inline scripts (by their hashes, computed here for each page, as the
theme's inline scripts vary with the page's depth), no plugins, no frames,
no <base>, forms only to the site. Should a contribution slip something past
the build's checks (safe_html.py, mermaid_blocks.py, math_mathml.py), the
reader's browser still would not run or fetch it. `script-src` has neither
'unsafe-inline' nor 'unsafe-eval'; styles allow inline style, which the
theme's markup and the rendered diagrams use and which cannot run script.

A meta tag, not a header: a static host (GitHub Pages) sets no headers.
`frame-ancestors` and reporting need a header and are not here.
"""

from __future__ import annotations

import base64
import hashlib
import re

REFERRER = "strict-origin-when-cross-origin"
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    # fonts, fetches and workers fall back to default-src: the site itself.
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("frame-src", "'none'"),
    ("form-action", "'self'"),
)
# An inline script (no src) that the browser runs: no type, or a JavaScript one.
_INLINE_SCRIPT_RE = re.compile(
    r"<script(?![^>]*\ssrc=)(?![^>]*\stype=\"(?!text/javascript|module)[^\"]*\")[^>]*>(.*?)</script>", re.DOTALL)
_CHARSET_RE = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)


def script_hashes(page_html: str) -> list[str]:
    """The CSP source of each inline script of a page, in page order."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
            for body in dict.fromkeys(_INLINE_SCRIPT_RE.findall(page_html))]


def policy(hashes: list[str]) -> str:
    return "; ".join(f"{name} {value}{''.join(' ' + h for h in hashes) if name == 'script-src' else ''}"
                     for name, value in DIRECTIVES)


def meta_tags(page_html: str) -> str:
    return (f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes(page_html))}">'
            f'<meta name="referrer" content="{REFERRER}">')


def with_policy(page_html: str) -> str:
    """The page with its policies right after its charset (before any
    script), or nothing changed when it has no charset tag to follow."""
    match = _CHARSET_RE.search(page_html)
    if match is None:
        return page_html
    return page_html[:match.end()] + meta_tags(page_html) + page_html[match.end():]
