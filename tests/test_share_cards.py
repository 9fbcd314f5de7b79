"""Preview cards: line breaking, the cache key, the colours and the glyphs
(unit tests of hooks/line_breaks.py and hooks/share_cards.py), then the
cards and the tags that name them in the strict build of the real docs."""

from __future__ import annotations

import io
import json
import os
import re
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from glossary_docs import LANGUAGES, Problem, load_site
from glossary_export import readable_glossary
from line_breaks import CLOSING, OPENING, wrap
from page_meta import CARD_SIZE, card_alt, page_card_path, term_card_path
from share_cards import (
    BOLD,
    CACHE_DIR,
    REGULAR,
    TEXT_COLOURS,
    Card,
    CardCache,
    Fonts,
    _truetype,
    build_cards,
    cache_key,
    draw,
    glyph_problems,
    layout,
    other_name,
)
from test_sharing import SITE_URL, Head, built_path, read, sitemap_locations

ROOT = Path(__file__).resolve().parent.parent
FONTS = Fonts(ROOT / "node_modules")
TERMS = readable_glossary(load_site(ROOT / "docs"))


def width(text: str) -> float:
    """Every character one unit wide: the rules, without a font."""
    return float(len(text))


# --- unit: line breaking -------------------------------------------------------

@pytest.mark.parametrize("text, lang, line_width, expected", [
    ("甲乙丙丁，戊己", "zh", 4, ["甲乙丙", "丁，戊己"]),
    ("甲乙丙（丁）", "zh", 4, ["甲乙丙", "（丁）"]),
    ("甲乙丙“丁”戊", "zh", 4, ["甲乙丙", "“丁”戊"]),
    ("甲乙。）丙", "zh", 3, ["甲", "乙。）", "丙"]),
    ("模型LoRA方法", "zh", 5, ["模型", "LoRA方", "法"]),
    ("用 Transformer 架构", "zh", 12, ["用", "Transformer", "架构"]),
    ("one two three", "en", 7, ["one two", "three"]),
    ("low-rank adaptation", "en", 9, ["low-rank", "adaptatio", "n"]),
    ("abcdefghij", "en", 4, ["abcd", "efgh", "ij"]),
    ("", "en", 4, []),
], ids=["zh-no-comma-at-start", "zh-opening-goes-down", "zh-quotes", "zh-run-of-closing",
        "zh-latin-word-whole", "zh-space-breaks", "en-spaces", "en-hyphen-is-not-a-break",
        "en-word-wider-than-line", "empty"])
def test_wrap_breaks_where_the_language_allows(text, lang, line_width, expected):
    lines = wrap(text, lang, width, line_width, 5)
    assert lines == expected
    assert all(len(line) <= line_width for line in lines)


@pytest.mark.parametrize("text, lang, line_width, expected", [
    ("one two three four", "en", 9, ["one two…"]),
    ("one two three four", "en", 18, ["one two three four"]),
    ("甲乙丙丁戊己庚", "zh", 4, ["甲乙……"]),
    ("甲乙，丙丁戊己", "zh", 5, ["甲乙……"]),
    ("one ( two three", "en", 7, ["one…"]),
    ("one, two three", "en", 6, ["one…"]),
], ids=["en-ellipsis-after-a-word", "en-fits-no-ellipsis", "zh-ellipsis", "zh-no-comma-before-ellipsis",
        "no-opening-before-ellipsis", "en-no-comma-before-ellipsis"])
def test_a_text_too_long_ends_in_an_ellipsis(text, lang, line_width, expected):
    assert wrap(text, lang, width, line_width, 1) == expected


def test_a_long_chinese_definition_keeps_the_rules_on_every_line():
    text = next(term.text["zh"].summary for term in TERMS if term.id == "rlhf")
    lines = wrap(text * 3, "zh", width, 17, 4)
    assert len(lines) == 4 and lines[-1].endswith("……")
    assert all(len(line) <= 17 for line in lines)
    assert not [line for line in lines if line[0] in CLOSING]
    assert not [line for line in lines[:-1] if line[-1] in OPENING]


# --- unit: what a card shows ------------------------------------------------------

CARD = Card("assets/cards/zh/lora.png", "zh", "训练与微调", "低秩适配（LoRA）", "Low-Rank Adaptation",
            "低秩适配（LoRA）是冻结预训练权重、只训练一对低秩矩阵的参数高效微调方法。",
            "llm-glossary.github.io/llm-glossary/t/lora/", "大模型术语表 · LLM Glossary", "training/index.md", 12)


@pytest.mark.parametrize("title, name, lang, expected", [
    ("低秩适配（LoRA）", "Low-Rank Adaptation (LoRA)", "en", "Low-Rank Adaptation"),
    ("Few-Shot Prompting", "少样本提示（Few-Shot Prompting）", "zh", "少样本提示"),
    ("Video Swin Transformer", "Video Swin Transformer（视频 Swin Transformer）", "zh", "视频 Swin Transformer"),
    ("RWKV", "RWKV", "zh", ""),
    ("专家混合", "Mixture of Experts (MoE)", "en", "Mixture of Experts (MoE)"),
], ids=["drops-the-abbreviation", "drops-the-english", "only-the-translation", "nothing-new", "all-new"])
def test_the_other_name_leaves_out_what_the_title_shows(title, name, lang, expected):
    assert other_name(title, name, lang) == expected


def test_cache_key_is_what_the_card_shows_and_what_draws_it():
    key = cache_key(CARD, "render 1")
    assert key == cache_key(CARD, "render 1")
    moved = Card("assets/cards/zh/other.png", *[getattr(CARD, f) for f in
                                                 ("lang", "label", "title", "subtitle", "text", "link", "site_name")],
                 "elsewhere.md", 99)
    assert cache_key(moved, "render 1") == key  # the same picture is one file
    assert cache_key(CARD, "render 2") != key  # another Pillow, font or code draws anew
    for field in ("label", "title", "subtitle", "text", "link", "site_name"):
        changed = Card(**{**CARD.__dict__, field: getattr(CARD, field) + "x"})
        assert cache_key(changed, "render 1") != key, field


def test_a_card_is_drawn_once_then_copied_from_the_cache(tmp_path):
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    assert build_cards([CARD], tmp_path, drawing=False) == ({}, [])  # a failing pass draws nothing
    assert not (tmp_path / CACHE_DIR).exists()
    found, problems = build_cards([CARD], tmp_path)
    cached = found[CARD.path]
    assert problems == [] and cached.parent == tmp_path / CACHE_DIR and cached.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    drawn_at = cached.stat().st_mtime_ns
    assert build_cards([CARD], tmp_path, drawing=False) == (found, [])
    assert cached.stat().st_mtime_ns == drawn_at
    assert [p.name for p in cached.parent.iterdir()] == [cached.name]  # no partial file left


def test_cards_no_build_used_for_two_weeks_leave_the_cache(tmp_path):
    folder = tmp_path / CACHE_DIR
    folder.mkdir(parents=True)
    now = time.time()
    for name, days in {"used-old": 20, "used-new": 0.5, "unused-old": 20, "unused-new": 3}.items():
        (folder / f"{name}.png").write_bytes(b"")
        os.utime(folder / f"{name}.png", (now - days * 86400,) * 2)
    cards = CardCache()
    cards.used = {"used-old.png", "used-new.png"}
    cards.prune(tmp_path, now)
    assert sorted(p.name for p in folder.iterdir()) == ["unused-new.png", "used-new.png", "used-old.png"]
    assert (folder / "used-old.png").stat().st_mtime > now - 86400  # its last use, recorded
    assert cards.used == set()


def luminance(colour: tuple[int, int, int]) -> float:
    channels = [c / 255 for c in colour]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("foreground, background", TEXT_COLOURS, ids=["ink", "muted", "accent", "on-band"])
def test_every_text_colour_has_contrast_of_at_least_4_5(foreground, background):
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_a_character_no_font_has_is_a_problem_with_its_line_and_a_fix():
    card = Card(**{**CARD.__dict__, "text": "象形文字 𓀀 不在字体里。"})
    problems = glyph_problems(card, FONTS)
    assert problems == [Problem("training/index.md", 12, problems[0].message)]
    assert "“𓀀” (U+13000)" in problems[0].message and "Noto Sans SC and Noto Sans" in problems[0].message
    assert "write it another way" in problems[0].message and "FONT_ORDER" in problems[0].message
    assert glyph_problems(CARD, FONTS) == []


def test_greek_comes_from_noto_sans_where_noto_sans_sc_has_none():
    assert FONTS.missing("π0 模型", "zh") == []
    assert "noto-sans-greek" in FONTS.file_for("π", "zh", REGULAR).name


def glyph(char: str, path: Path) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((8, 64), char, font=_truetype(path, 64), fill=255, anchor="ls")
    return image.tobytes()


def test_chinese_glyphs_are_drawn_not_boxes():
    """Each character of a Chinese name comes from Noto Sans SC with its own
    shape: a missing glyph would be the font's .notdef box, the same for all."""
    text = "大模型术语表低秩适配"
    shapes = []
    for char in text:
        path = FONTS.file_for(char, "zh", BOLD)
        assert path is not None and path.name.startswith("noto-sans-sc-")
        shape = glyph(char, path)
        assert 400 < sum(value > 128 for value in shape) < 3000, char  # ink, and not a filled block
        shapes.append(shape)
    notdef = glyph("\ue000", FONTS.file_for("大", "zh", BOLD))  # a private-use point: no glyph
    assert len(set(shapes)) == len(text) and notdef not in shapes


@pytest.mark.parametrize("card", [
    CARD,
    Card(**{**CARD.__dict__, "title": "数据清洗与质量过滤（Data Cleaning & Quality Filtering）" * 2,
            "text": CARD.text * 6, "subtitle": "Data Cleaning and Quality Filtering" * 3}),
    Card(**{**CARD.__dict__, "lang": "en", "title": "Bidirectional Encoder Representations from Transformers (BERT)",
            "text": "word " * 300, "link": "example.org/" + "x" * 200}),
], ids=["short", "long-zh", "long-en"])
def test_nothing_on_a_card_runs_past_its_margins(card):
    for line in layout(card, FONTS):
        right = line.x + FONTS.width(line.text, card.lang, line.weight, line.size)
        assert line.x >= 0 and right <= CARD_SIZE[0] - 60, line
        assert line.size <= line.baseline <= CARD_SIZE[1], line
    image = Image.open(io.BytesIO(draw(card, FONTS)))
    assert image.size == CARD_SIZE and image.mode == "P"


# --- the build -----------------------------------------------------------------

def expected_cards() -> list[str]:
    return [term_card_path(term.id, lang) for term in TERMS for lang in LANGUAGES]


def test_every_term_has_its_card_in_both_languages_at_1200_by_630(site):
    for path in expected_cards():
        file = site / path
        assert file.is_file(), path
        assert file.stat().st_size <= 100 * 1024, path
        with Image.open(file) as image:
            assert image.size == CARD_SIZE and image.mode == "P", path


def test_every_page_and_short_link_names_its_card_with_absolute_tags(site):
    named = set()
    pages = [(location[len(SITE_URL):], "page") for location in sitemap_locations(site)]
    links = [(f"{'' if lang == 'zh' else 'en/'}t/{term.id}/", "link") for term in TERMS for lang in LANGUAGES]
    for path, kind in pages + links:
        head = Head(read(site, built_path(path)))
        image = head.one("og:image")
        assert image.startswith(SITE_URL) and image.endswith(".png"), path
        card = image[len(SITE_URL):]
        assert (site / card).is_file(), path
        assert (head.one("og:image:width"), head.one("og:image:height")) == ("1200", "630")
        assert head.one("og:image:type") == "image/png"
        lang = head.lang
        assert head.one("og:image:alt") == card_alt(head.one("og:title"), head.one("og:description"), lang)
        assert head.one("twitter:card") == "summary_large_image"
        if kind == "link":
            assert card == term_card_path(path.rstrip("/").rsplit("/", 1)[1], lang)
        named.add(card)
    on_disk = {p.relative_to(site).as_posix() for p in (site / "assets/cards").rglob("*.png")}
    assert on_disk == named  # no card that nothing names
    assert len(on_disk) == len(expected_cards()) + len(pages)


def test_page_cards_are_named_by_the_page_url(site):
    head = Head(read(site, "en/training/fine-tuning/index.html"))
    assert head.one("og:image") == SITE_URL + page_card_path("training/fine-tuning.en.md")
    assert head.one("og:image") == SITE_URL + "assets/cards/en/pages/training/fine-tuning.png"
    assert Head(read(site, "index.html")).one("og:image") == SITE_URL + "assets/cards/zh/pages/index.png"


def test_cards_are_in_no_sitemap_and_no_search_index(site):
    for sitemap in ("sitemap.xml", "en/sitemap.xml"):
        assert ".png" not in read(site, sitemap)
    for index in site.rglob("search_index.json"):
        locations = [doc["location"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]
        assert not [loc for loc in locations if "assets/cards" in loc or loc.endswith(".png")]


def test_no_page_loads_a_card(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href)="[^"]*assets/cards/', text), page
