"""The formulas' own font: Noto Sans Math, cut down to what the site's
formulas draw.

Chromium lays MathML out natively, but stretchy brackets, accents placed on
their letter, big operators and the sizes of scripts come from the OpenType
MATH table of the formula's font. Without one it borrows glyphs from
whatever the system has: a serif italic beside sans-serif text, hats
floating above their letters, brackets that do not grow around a fraction.
Noto Sans Math (npm @fontsource/noto-sans-math, SIL OFL 1.1, no reserved
name) is a sans-serif face drawn to go with the Noto Sans / Roboto family
of the text.

Whole, the font is 270 KB; the formulas use some 170 characters of its
4,060 glyphs. After every language is built, this stage reads the MathML of
the built pages, and fontTools subsets the font to those characters, with
the MATH table and the size variants and assemblies they need, without
hinting (outlines at screen sizes need none), as WOFF2: 14 KB for the whole
site. Each family then gets a subset of that subset, with the characters of
its own pages (2-9 KB, one file shared by the family's pages in both
languages): the heaviest formula pages are a few KB under the 300 KB budget
only that way (PERFORMANCE.md). Upright Latin letters and digits are left
out on purpose: they fall back to the text's own font (extra.css names it
second), so that `softmax` and `2` in a formula are the letters of the
sentence around it.

Only pages with a formula name their family's file, in their head: a
preload link and the @font-face (font-display: swap, so text never waits
for it). Subsets are cached in .cache/ by the characters they hold, so a
rebuild reuses them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import re
from importlib.metadata import version
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import files_io
from short_links import built_pages

PACKAGE_FILE = "node_modules/@fontsource/noto-sans-math/files/noto-sans-math-latin-400-normal.woff2"
FONT_FAMILY = "Glossary Math"  # the name extra.css gives formulas
CACHE_FILE = ".cache/math-font.json"
CACHE_KEY = (f"fonttools {version('fonttools')}, "
             f"math_font {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]}")

_MATH_RE = re.compile(r"<math\b.*?</math>", re.DOTALL)
_ANNOTATION_RE = re.compile(r"<annotation\b.*?</annotation>", re.DOTALL)
_SINGLE_MI_RE = re.compile(r"<mi>([^<])</mi>")
_TAG_RE = re.compile(r"<[^>]*>")


def _italic_map() -> dict[str, str]:
    """MathML Core's italic mapping (text-transform: math-auto): what a
    one-letter <mi> is drawn as."""
    pairs = {chr(ord("A") + i): chr(0x1D434 + i) for i in range(26)}
    pairs |= {chr(ord("a") + i): chr(0x1D44E + i) for i in range(26)}
    pairs["h"] = "\u210e"  # the italic h is in Letterlike Symbols
    pairs |= {chr(0x391 + i): chr(0x1D6E2 + i) for i in range(25) if i != 0x11}
    pairs |= {chr(0x3B1 + i): chr(0x1D6FC + i) for i in range(25)}
    pairs |= {"\u0131": "\U0001d6a4", "\u0237": "\U0001d6a5", "\u03f4": "\U0001d6f3", "\u2207": "\U0001d6fb",
              "\u2202": "\U0001d715", "\u03f5": "\U0001d716", "\u03d1": "\U0001d717", "\u03f0": "\U0001d718",
              "\u03d5": "\U0001d719", "\u03f1": "\U0001d71a", "\u03d6": "\U0001d71b"}
    return pairs


ITALIC = _italic_map()


def characters(page_html: str) -> set[str]:
    """The characters the math font must hold to draw a page's MathML: its
    text (not the LaTeX annotations), the italic form of each one-letter
    <mi> (instead of the upright one), and the space (a font without it is
    not the formula's first
    available font). Upright ASCII letters and digits come from the text
    font."""
    found: set[str] = set()
    for match in _MATH_RE.finditer(page_html):
        mathml = _ANNOTATION_RE.sub("", match.group(0))
        found.update(ITALIC[letter] for letter in _SINGLE_MI_RE.findall(mathml) if letter in ITALIC)
        # A letter drawn only in italic needs no upright glyph (2 KB of Greek).
        mathml = _SINGLE_MI_RE.sub(lambda mi: "" if mi.group(1) in ITALIC else mi.group(0), mathml)
        found.update(html.unescape(_TAG_RE.sub("", mathml)))
    if not found:
        return found
    return {char for char in found if not (char.isascii() and char.isalnum()) and char not in "\n\t"} | {" "}


def subset(font: bytes, chars: set[str]) -> bytes:
    """`font` (WOFF2) cut down to `chars`, with their MATH variants, as WOFF2."""
    # Imported here: a rebuild takes the subset from the cache.
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = "woff2"
    # Script forms of primes and operators (ssty), flattened accents over
    # capitals (flac), dotless i and j under accents (dtls), and how marks
    # and pairs are placed; the font's other features serve no formula.
    options.layout_features = ["ssty", "flac", "dtls", "kern", "mark", "mkmk", "ccmp", "locl"]
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, licence: the OFL asks for them
    # The font's own date kept: the same characters give the same bytes on
    # every machine (saving would stamp the time of the build).
    face = TTFont(io.BytesIO(font), recalcTimestamp=False)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in chars))
    subsetter.subset(face)
    out = io.BytesIO()
    face.flavor = "woff2"
    face.save(out)
    return out.getvalue()


class _Cache(files_io.BuildCache):
    def __init__(self) -> None:
        super().__init__(CACHE_KEY, "woff2", lambda value: isinstance(value, str))

    def subset(self, font: bytes, chars: set[str]) -> bytes:
        name = hashlib.sha256(font + "".join(sorted(chars)).encode()).hexdigest()[:16]
        return base64.b64decode(self.get(name, lambda: base64.b64encode(subset(font, chars)).decode()))


_cache = _Cache()


# --- events --------------------------------------------------------------------

def font_path(page_url: str) -> str:
    """The site path of the math font of a page's family (the first folder
    of its URL, in either language): assets/fonts/math-training.woff2."""
    family = page_url.removeprefix("en/").split("/", 1)[0] or "home"
    return f"assets/fonts/math-{family}.woff2"


def head_links(page_html: str, page_url: str) -> str:
    """A page with a formula declares its family's math font, and asks for
    it with its stylesheets, before layout finds the first formula (the face
    swaps in less often)."""
    if "<math" not in page_html or "</head>" not in page_html:
        return page_html
    href = get_relative_url(font_path(page_url), page_url or ".")
    links = (f'<link rel="preload" href="{href}" as="font" type="font/woff2" crossorigin>'
             f'<style>@font-face{{font-family:"{FONT_FAMILY}";src:url({href}) format("woff2");'
             "font-display:swap}</style>")
    return page_html.replace("</head>", links + "</head>", 1)


def write_fonts(site_dir: Path, root: Path) -> dict[str, int]:
    """Each family's subset, for the formulas of its built pages; their sizes by site path."""
    by_font: dict[str, set[str]] = {}
    for page in built_pages(site_dir):
        if page.name != "index.html":
            continue
        text = page.read_text(encoding="utf-8")
        if "<math" in text:
            folder = page.parent.relative_to(site_dir).as_posix()
            url = "" if folder == "." else folder + "/"
            by_font.setdefault(font_path(url), set()).update(characters(text))
    if not by_font:
        return {}
    package = root / PACKAGE_FILE
    if not package.is_file():
        raise PluginError(f"{package} is missing; run `npm ci` (or `make build`, which runs it) to install "
                          "the front-end packages of package.json")
    _cache.open(root / CACHE_FILE)
    # The site's subset first: subsetting it again is four times faster than
    # the whole font (0.08 s a family).
    site_font = _cache.subset(package.read_bytes(), set().union(*by_font.values()))
    sizes = {}
    for path, chars in sorted(by_font.items()):
        font = _cache.subset(site_font, chars)
        files_io.write_if_changed(site_dir / path, font)
        sizes[path] = len(font)
    _cache.save()
    return sizes
