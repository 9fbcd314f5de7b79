"""Material's markup that the W3C Nu HTML Checker rejects, fixed in each page.

tests/test_valid_html.py runs the checker (vnu-jar, from npm) over every
built page and expects no error. What it found in Material 9.8's templates:

- The drawer and search toggles are checkboxes with `autocomplete="off"`,
  an attribute HTML allows on text-like inputs only. Browsers ignore it
  there; the attribute goes.
- The table of contents' title is a `<label for="__toc">`, but the
  `__toc` checkbox it names is only written when the page is a link of the
  navigation, not on a section's index page (navigation.indexes) or a
  generated page outside it: there the label names nothing, and is left a
  plain label.

The toggles are matched exactly: when Material writes them otherwise (it
fixed them, or changed them), the build stops and says so, rather than
shipping the error again unseen or keeping a fix that fixes nothing.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

TOGGLES = tuple(f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">'
                for name in ("drawer", "search"))
TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def fix_theme_markup(page_html: str, page: str) -> str:
    """The page (`page`: its path, for the message) without the markup above."""
    for toggle in TOGGLES:
        if toggle not in page_html:
            raise PluginError(f"{page}: Material no longer writes {toggle}; check its new markup with "
                              "tests/test_valid_html.py and update or remove the fix in hooks/valid_html.py")
        page_html = page_html.replace(toggle, toggle.replace(' autocomplete="off"', ""), 1)
    if TOC_LABEL in page_html and 'id="__toc"' not in page_html:
        page_html = page_html.replace(TOC_LABEL, '<label class="md-nav__title">')
    return page_html
