"""Preview cards: a 1200×630 PNG for every term and every page, in each language.

Chat apps and social sites show a large image when a link's page names one
(og:image), and a grey line of text when it does not. Each term gets a card
of its own, in each language (`assets/cards/zh/lora.png`), that its short
link names; each page gets one too (`assets/cards/en/pages/training.png`),
that the page names. A card shows the family, the site's name, the name in
the card's language (the other language's name under it), the one-sentence
definition (a page's description) and the short link.

Drawn at build time by Pillow, with Noto Sans SC and Noto Sans from npm
(@fontsource, in package-lock.json, their OFL licence beside them in
node_modules): nothing is fetched, and every machine draws the same card.
Material's social plugin would fetch its fonts from Google Fonts, and knows
pages, not terms. The WOFF files are read, not the WOFF2 ones: FreeType
reads WOFF with zlib alone, WOFF2 only when it was built with brotli.

A card is drawn once: it is kept in .cache/cards/ under the hash of what it
shows and of what draws it (this file, line_breaks.py, Pillow, the fonts),
and a build only copies it from there. A text that a font cannot draw is a
problem at its line in docs/, never a box on the card.

The cards are files, not pages: no sitemap or search index lists them, and
no page loads them (only its <meta> tags name them).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import time
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from files_io import LinkedFile
from glossary_docs import (
    LANGUAGES,
    FrontMatter,
    Problem,
    Site,
    family_of,
    is_family_root,
    page_url,
    parse_front_matter,
    split_language,
    split_name,
    translation_path,
)
from glossary_extras import family_titles
from line_breaks import Measure, wrap
from page_meta import CARD_SIZE, page_card_path, term_card_path
from short_links import short_links_of, short_path

WIDTH, HEIGHT = CARD_SIZE
CACHE_DIR = ".cache/cards"

# Words of the card itself, in each language: the label of a family's own page.
LABELS = {"zh": {"family": "术语族"}, "en": {"family": "Term family"}}


@dataclass(frozen=True)
class Card:
    """What one card shows, and where in docs/ its text comes from."""

    path: str  # site path: assets/cards/zh/lora.png
    lang: str
    label: str  # the family (a family's own page: "Term family")
    title: str  # the name in the card's language
    subtitle: str  # the name in the other language
    text: str  # the one-sentence definition, or the page's description
    link: str  # the short link (a page's own URL), without https://
    site_name: str
    source: str = ""  # docs/ path and line, for problems
    line: int = 1

    def drawn(self) -> tuple[str, ...]:
        """What the card shows: its cache key is made of this."""
        return (self.lang, self.label, self.title, self.subtitle, self.text, self.link, self.site_name)


def _shown_url(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def other_name(title: str, name: str, lang: str) -> str:
    """The name in the other language (`lang`), without what the title
    already shows: `Low-Rank Adaptation` under 低秩适配（LoRA）, nothing under
    RWKV."""
    short, aliases = split_name(name)
    shown = title.casefold()
    kept = [alias for alias in aliases if alias.casefold() not in shown]
    separator = "、" if lang == "zh" else ", "
    if short.casefold() in shown:
        return separator.join(kept)
    if not kept:
        return short
    return f"{short}（{separator.join(kept)}）" if lang == "zh" else f"{short} ({separator.join(kept)})"


def term_cards(site: Site, lang: str, site_url: str, site_name: str) -> list[Card]:
    """The card of every term in `lang`: its short link's name and text."""
    families = family_titles(site)
    other = next(code for code in LANGUAGES if code != lang)
    found = site.terms(lang)
    other_names = {term_id: term.name for term_id, (_, term) in site.terms(other).items()}
    cards = []
    for link in short_links_of(site, lang):
        page, term = found[link.id]
        family = families.get(family_of(page.base), {}).get(lang, "")
        subtitle = other_name(link.name, other_names[link.id], other) if link.id in other_names else ""
        cards.append(Card(term_card_path(link.id, lang), lang, family, link.name, subtitle,
                          link.summary, _shown_url(site_url + short_path(link.id, lang)), site_name,
                          page.path, term.line))
    return cards


def _front_line(front: FrontMatter, key: str) -> int:
    for index, line in enumerate(front.lines):
        if line.startswith(f"{key}:"):
            return index + 2
    return 1


def page_cards(pages: dict[str, FrontMatter], site: Site, site_url: str, site_name: str) -> list[Card]:
    """The card of every page: `pages` maps its src_uri (`training/index.en.md`)
    to its front matter (title, description)."""
    families = family_titles(site)
    cards = []
    for src_uri, front in sorted(pages.items()):
        base, lang = split_language(src_uri)
        data = front.data or {}
        title, text = str(data.get("title") or site_name), str(data.get("description") or "")
        other = next(code for code in LANGUAGES if code != lang)
        other_page = site.pages.get(translation_path(base, other))  # generated pages: none
        subtitle = str((other_page.front_matter.data or {}).get("title") or "") if other_page else ""
        family = families.get(family_of(base), {}).get(lang, "")  # the home and index pages: none
        label = LABELS[lang]["family"] if is_family_root(base) and family else family
        line = _front_line(front, "description" if text else "title")
        cards.append(Card(page_card_path(src_uri), lang, label, title, subtitle, text,
                          _shown_url(site_url + page_url(base, lang)), site_name, src_uri, line))
    return cards


# --- fonts ---------------------------------------------------------------------

@dataclass(frozen=True)
class FontPackage:
    package: str  # the npm package: @fontsource/noto-sans-sc
    prefix: str  # its file names: files/noto-sans-sc-<subset>-<weight>-normal.woff
    name: str


SANS_SC = FontPackage("@fontsource/noto-sans-sc", "noto-sans-sc", "Noto Sans SC")
SANS = FontPackage("@fontsource/noto-sans", "noto-sans", "Noto Sans")
# Each language's own first; the other draws what the first has no glyph
# for (Noto Sans SC has no Greek: π0; Noto Sans no Han).
FONT_ORDER = {"zh": (SANS_SC, SANS), "en": (SANS, SANS_SC)}
REGULAR, BOLD = 400, 700

_RANGE_RE = re.compile(r"U\+([0-9a-fA-F]+)(?:-([0-9a-fA-F]+))?")


def unicode_ranges(text: str) -> list[tuple[int, int]]:
    """CSS unicode-range `U+0000-00FF,U+0131` as (first, last) code points."""
    return [(int(a, 16), int(b or a, 16)) for a, b in _RANGE_RE.findall(text)]


class Fonts:
    """The subset files of the font packages in node_modules, by code point."""

    def __init__(self, node_modules: Path) -> None:
        self.root = node_modules
        self.subsets: dict[FontPackage, dict[int, str]] = {}
        for font in (SANS_SC, SANS):
            folder = node_modules / font.package
            try:
                ranges = json.loads((folder / "unicode.json").read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise PluginError(f"{folder}/unicode.json cannot be read ({error}); run `npm ci` (or `make "
                                  "build`, which runs it) to install the font packages of package.json") from error
            by_point: dict[int, str] = {}
            for subset, spec in ranges.items():
                for first, last in unicode_ranges(spec):
                    for point in range(first, last + 1):
                        by_point.setdefault(point, subset.strip("[]"))
            self.subsets[font] = by_point
        self._files: dict[tuple[str, str, int], Path | None] = {}
        self._widths: dict[tuple[str, str, int, int], float] = {}

    def file_for(self, char: str, lang: str, weight: int) -> Path | None:
        key = (char, lang, weight)
        if key not in self._files:
            self._files[key] = next((self._file(font, self.subsets[font][ord(char)], weight)
                                     for font in FONT_ORDER[lang] if ord(char) in self.subsets[font]), None)
        return self._files[key]

    def _file(self, font: FontPackage, subset: str, weight: int) -> Path:
        return self.root / font.package / "files" / f"{font.prefix}-{subset}-{weight}-normal.woff"

    def width(self, text: str, lang: str, weight: int, size: int) -> float:
        """The advance width of `text`: the sum of its characters' (the
        BASIC layout neither kerns nor shapes, so a run is no narrower)."""
        total = 0.0
        for char in text:
            key = (char, lang, weight, size)
            found = self._widths.get(key)
            if found is None:
                path = self.file_for(char, lang, weight)
                found = self._widths[key] = _truetype(path, size).getlength(char) if path else 0.0
            total += found
        return total

    def missing(self, text: str, lang: str) -> list[str]:
        """The characters of `text` that no font of the card has."""
        return sorted({char for char in text if self.file_for(char, lang, REGULAR) is None})

    def runs(self, text: str, lang: str, weight: int) -> list[tuple[str, Path]]:
        """`text` cut where the font file changes."""
        runs: list[tuple[str, Path]] = []
        for char in text:
            path = self.file_for(char, lang, weight)
            if path is None:
                continue  # reported by missing()
            if runs and runs[-1][1] == path:
                runs[-1] = (runs[-1][0] + char, path)
            else:
                runs.append((char, path))
        return runs


def _package_version(folder: Path) -> str:
    try:
        return str(json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version"))
    except (OSError, ValueError):
        return "?"


@cache
def _truetype(path: Path, size: int):
    from PIL import ImageFont

    # BASIC layout, not raqm: the same advance widths wherever Pillow was
    # built (raqm is optional), and neither script needs shaping.
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def measure_with(fonts: Fonts, lang: str, weight: int, size: int) -> Measure:
    def measure(text: str) -> float:
        return fonts.width(text, lang, weight, size)

    return measure


# --- the design ------------------------------------------------------------------

# Colours (sRGB). Every text colour is at least 4.5:1 against its background
# (WCAG AA for body text); tests/test_share_cards.py computes the ratios.
BACKGROUND = (255, 255, 255)
INK = (26, 28, 46)  # name and definition
MUTED = (84, 90, 117)  # the other language's name, the site's name
ACCENT = (48, 63, 159)  # the family (Material's indigo 700, the site's primary)
BAND = (40, 53, 147)  # the footer band (indigo 800)
ON_BAND = (255, 255, 255)
TEXT_COLOURS = ((INK, BACKGROUND), (MUTED, BACKGROUND), (ACCENT, BACKGROUND), (ON_BAND, BAND))

MARGIN = 72
TOP = 76  # baseline of the family / site-name row
BAND_HEIGHT = 92
# The name: the largest size at which it fits on one line, else two lines.
NAME_SIZES = (72, 64, 56)
NAME_WRAPPED_SIZES = (56, 50, 44)
SUBTITLE_SIZE = 34
TEXT_SIZE = {"zh": 33, "en": 32}
TEXT_LEADING = {"zh": 1.62, "en": 1.5}
SMALL_SIZE = 27
LINK_SIZES = (30, 28, 26, 24, 22, 20)


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    baseline: float
    size: int
    weight: int
    colour: tuple[int, int, int]


def layout(card: Card, fonts: Fonts) -> list[Line]:
    """Every line of text on the card, placed: nothing runs past the margins
    or into the band, whatever the length of the name or the text."""
    lang, width = card.lang, WIDTH - 2 * MARGIN
    lines: list[Line] = []

    def measure(size: int, weight: int = REGULAR) -> Measure:
        return measure_with(fonts, lang, weight, size)

    small = measure(SMALL_SIZE, BOLD)
    site_width = min(small(card.site_name), width / 2)
    site = wrap(card.site_name, lang, small, site_width, 1)[0]
    lines.append(Line(site, WIDTH - MARGIN - small(site), TOP, SMALL_SIZE, BOLD, MUTED))
    if card.label:
        label_width = width - site_width - 40
        lines.append(Line(wrap(card.label, lang, small, label_width, 1)[0], MARGIN, TOP, SMALL_SIZE, BOLD, ACCENT))

    y: float = TOP + 40
    name_lines, size = _fit_name(card.title, lang, measure, width)
    for text in name_lines:
        y += size * 1.22
        lines.append(Line(text, MARGIN, y - size * 0.22, size, BOLD, INK))
    if card.subtitle:
        y += SUBTITLE_SIZE * 1.5
        lines.append(Line(wrap(card.subtitle, lang, measure(SUBTITLE_SIZE), width, 1)[0], MARGIN,
                          y - SUBTITLE_SIZE * 0.3, SUBTITLE_SIZE, REGULAR, MUTED))

    text_size = TEXT_SIZE[lang if lang in TEXT_SIZE else "en"]
    leading = text_size * TEXT_LEADING[lang if lang in TEXT_LEADING else "en"]
    bottom = HEIGHT - BAND_HEIGHT - 16
    y += 22
    room = max(1, int((bottom - y) // leading))
    for text in wrap(card.text, lang, measure(text_size), width, room) if card.text else []:
        y += leading
        lines.append(Line(text, MARGIN, y - (leading - text_size) / 2 - text_size * 0.12, text_size, REGULAR, INK))

    for link_size in LINK_SIZES:
        if measure(link_size)(card.link) <= width or link_size == LINK_SIZES[-1]:
            break
    link = wrap(card.link, "en", measure(link_size), width, 1)[0]
    lines.append(Line(link, MARGIN, HEIGHT - BAND_HEIGHT / 2 + link_size * 0.36, link_size, REGULAR, ON_BAND))
    return lines


def _fit_name(name: str, lang: str, measure, width: float) -> tuple[list[str], int]:
    """The name on one line at the largest size that fits, else on two lines
    (cut with an ellipsis at the smallest size if even that is too long)."""
    for size in NAME_SIZES:
        if measure(size, BOLD)(name) <= width:
            return [name], size
    for size in NAME_WRAPPED_SIZES:
        lines = wrap(name, lang, measure(size, BOLD), width, 2)
        if not lines[-1].endswith(("…", "……")):
            return lines, size
    return lines, NAME_WRAPPED_SIZES[-1]


def _palette() -> list[int]:
    """The card's colours and the anti-aliasing steps between each text
    colour and its background: a palette PNG of a few dozen colours."""
    colours: list[tuple[int, int, int]] = []
    for fg, bg in TEXT_COLOURS:
        for step in range(16):
            colour = tuple(round(b + (f - b) * step / 15) for f, b in zip(fg, bg, strict=True))
            if colour not in colours:
                colours.append(colour)  # type: ignore[arg-type]
    return [channel for colour in colours for channel in colour]


def draw(card: Card, fonts: Fonts) -> bytes:
    """The card as a palette PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, HEIGHT - BAND_HEIGHT, WIDTH, HEIGHT), fill=BAND)
    canvas.rectangle((0, 0, WIDTH, 10), fill=BAND)
    for line in layout(card, fonts):
        x = line.x
        for run, path in fonts.runs(line.text, card.lang, line.weight):
            font = _truetype(path, line.size)
            canvas.text((x, line.baseline), run, font=font, fill=line.colour, anchor="ls")
            x += fonts.width(run, card.lang, line.weight, line.size)
    palette = Image.new("P", (1, 1))
    palette.putpalette(_palette())
    out = io.BytesIO()
    # zlib's default level: a tenth of the time of level 9 for 8 % more bytes.
    image.quantize(palette=palette, dither=Image.Dither.NONE).save(out, "PNG", compress_level=6)
    return out.getvalue()


# --- cache and files --------------------------------------------------------------

_HERE = Path(__file__).resolve().parent


@cache
def _render_key(fonts_key: str) -> str:
    """What draws a card: another version of any of these draws otherwise."""
    sources = b"".join((_HERE / name).read_bytes() for name in ("share_cards.py", "line_breaks.py"))
    return f"Pillow {version('Pillow')}, {fonts_key}, code {hashlib.sha256(sources).hexdigest()[:12]}"


def cache_key(card: Card, render_key: str) -> str:
    """The name of a card in the cache: the hash of what it shows and of
    what draws it (not of its path: two cards that look alike are one file)."""
    data = json.dumps([render_key, *card.drawn()], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def glyph_problems(card: Card, fonts: Fonts) -> list[Problem]:
    missing = fonts.missing(card.title + card.subtitle + card.text + card.label + card.site_name, card.lang)
    if not missing:
        return []
    chars = ", ".join(f"“{char}” (U+{ord(char):04X})" for char in missing)
    names = " and ".join(font.name for font in FONT_ORDER[card.lang])
    return [Problem(card.source, card.line,
                    f"the preview card {card.path} cannot draw {chars}: {names} have no glyph for it; "
                    "write it another way (a common equivalent, or its name in words), or add a font "
                    "that has it to FONT_ORDER in hooks/share_cards.py")]


class CardCache:
    """The folder of drawn cards, and which of them this build used.

    A card no build used for KEEP_DAYS leaves the folder: `make serve` and
    `make build` draw cards for two site URLs (the short link differs), and
    each keeps the other's while a contributor alternates between them."""

    KEEP_DAYS = 14

    def __init__(self) -> None:
        self.used: set[str] = set()

    def path(self, root: Path, card: Card, fonts_key: str) -> Path:
        return root / CACHE_DIR / f"{cache_key(card, _render_key(fonts_key))}.png"

    def prune(self, root: Path, now: float) -> None:
        folder, day = root / CACHE_DIR, 86400
        if not self.used or not folder.is_dir():
            return
        for path in folder.glob("*.png"):
            age = now - path.stat().st_mtime
            if path.name in self.used:
                if age > day:
                    os.utime(path)  # the date of its last use, at most a day old
            elif age > self.KEEP_DAYS * day:
                path.unlink()
        self.used = set()


_cards = CardCache()


@cache
def _fonts(node_modules: Path) -> Fonts:
    return Fonts(node_modules)


def _fonts_key(node_modules: Path) -> str:
    return ", ".join(f"{font.package} {_package_version(node_modules / font.package)}" for font in (SANS_SC, SANS))


def build_cards(cards: list[Card], root: Path, drawing: bool = True) -> tuple[dict[str, Path], list[Problem]]:
    """Site path -> the cached PNG of each card, drawing those not in the
    cache yet (unless not `drawing`); a card whose text a font cannot draw
    is a problem instead."""
    node_modules = root / "node_modules"
    fonts_key = _fonts_key(node_modules)
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    for card in cards:
        path = _cards.path(root, card, fonts_key)
        if not path.is_file():
            fonts = _fonts(node_modules)
            card_problems = glyph_problems(card, fonts)
            if card_problems or not drawing:
                problems += card_problems
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole or not at all: an interrupted build leaves no
            # half card that later builds would copy.
            partial = path.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(draw(card, fonts))
            os.replace(partial, path)
        _cards.used.add(path.name)
        found[card.path] = path
    return found, problems


def add_cards(files: Files, config: MkDocsConfig, site: Site, lang: str, drawing: bool = True) -> list[Problem]:
    """The cards of this language's terms and pages, added to `files`
    (after the generated pages, which have cards too). A pass whose sources
    already have problems fails anyway: `drawing=False` checks the cards'
    glyphs but draws none (seconds that a failing build need not spend)."""
    site_url, site_name = config.site_url or "", config.site_name
    pages: dict[str, FrontMatter] = {}
    for file in files.documentation_pages():
        if split_language(file.src_uri)[1] != lang:
            continue
        doc = site.pages.get(file.src_uri)
        pages[file.src_uri] = doc.front_matter if doc else parse_front_matter(
            (file.content_string if file.generated_by else "").splitlines())
    cards = term_cards(site, lang, site_url, site_name) + page_cards(pages, site, site_url, site_name)
    found, problems = build_cards(cards, Path(config.config_file_path).parent, drawing)
    for dest, path in found.items():
        files.append(LinkedFile.generated(config, dest, abs_src_path=str(path)))
    return problems


def prune_cache(config: MkDocsConfig) -> None:
    """After every language: the cards no build has used for a while leave .cache/."""
    _cards.prune(Path(config.config_file_path).parent, time.time())
