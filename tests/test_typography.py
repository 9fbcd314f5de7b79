"""Reading aids built into the pages: Chinese typography and language marks
(hooks/cjk_typography.py), the page's header, headings and term lists
(hooks/page_reading.py), the math font's characters (hooks/math_font.py),
the MathML mended for Chromium (hooks/math_mathml.py) and abbreviation
boundaries. Unit tests of pure functions, with the exact output."""

from __future__ import annotations

import pytest

import line_breaks
import search_text
from abbreviations import abbreviation_pattern
from cjk_typography import (
    CLOSING,
    FULL_WIDTH_CLOSING,
    FULL_WIDTH_OPENING,
    OPENING,
    halve_edge_brackets,
    keep_punctuation_with_math,
    label_references,
    mark_chinese,
    mark_english,
)
from content_rules import link_space_problems
from glossary_docs import parse_page
from math_font import characters
from math_mathml import latex_to_mathml
from page_reading import header_names, keep_icons_with_last_word, on_this_page, term_headings, title_width_em

# --- one set of punctuation that starts no line, one that ends none --------------------

def test_the_html_the_cards_and_the_snippets_share_one_set_of_line_start_and_end_punctuation():
    assert CLOSING == "）》」』】〕〉〗｝］”’，。、；：？！…—·％‰,.;:?!)]}%"
    assert OPENING == "（《「『【〔〈〖｛［“‘([{"
    assert set(FULL_WIDTH_CLOSING) < set(CLOSING) and set(FULL_WIDTH_OPENING) < set(OPENING)
    assert set(CLOSING) == line_breaks.CLOSING
    assert set(OPENING) == line_breaks.OPENING
    assert search_text.CLOSING is CLOSING and search_text.OPENING is OPENING


# --- spaces between a link and Chinese text, which the build refuses -------------------

def test_a_space_between_chinese_text_and_a_link_with_chinese_text_fails_the_build():
    source = ("---\ntitle: T\ndescription: D\n---\n\n参见 [[kv-cache]] 一节，或 [模型并行](#mp)。\n"
              "使用 [[lora]] 微调，见 [[kv-cache|缓存]]（和 [LoRA](#lora)）。\n"
              "`见 [[kv-cache]] 节` 与 ![图 ](a.png) 不算。\n\n```\n见 [[kv-cache]] 节\n```\n")
    page = parse_page("training/index.md", source)
    names = {"kv-cache": "键值缓存（KV Cache）", "lora": "LoRA"}
    fix = "in Chinese prose; remove it (Chinese text and a link whose text is Chinese join without a space)"
    assert [str(p) for p in link_space_problems(page, source, names)] == [
        f"docs/training/index.md:6: a space before the link [[kv-cache]] {fix}",
        f"docs/training/index.md:6: a space after the link [[kv-cache]] {fix}",
        f"docs/training/index.md:6: a space before the link [模型并行](#mp) {fix}",
        f"docs/training/index.md:7: a space before the link [[kv-cache|缓存]] {fix}",
    ]


# --- brackets at the edges of links ---------------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ('<p>见<a href="#qkv">查询、键和值（QKV）</a>。</p>',
     '<p>见<a href="#qkv">查询、键和值（QKV<span class="gl-halt">）</span></a>。</p>'),
    ('<td><a href="#b">《注意力就是一切》</a></td>',
     '<td><a href="#b"><span class="gl-halt">《</span>注意力就是一切<span class="gl-halt">》</span></a></td>'),
    ('<p><a href="#x">键值缓存</a></p>', '<p><a href="#x">键值缓存</a></p>'),
    # The ¶ permalink is no text link; a link with markup inside is left alone.
    ('<p><a class="headerlink" href="#x">）</a></p>', '<p><a class="headerlink" href="#x">）</a></p>'),
    ('<p><a href="#x"><code>x</code>）</a></p>', '<p><a href="#x"><code>x</code>）</a></p>'),
    # A list item that is one link is a name in a list, not running text.
    ('<ul><li><a href="#q">值（QKV）</a></li><li>用<a href="#k">键（K）</a></li></ul>',
     '<ul><li><a href="#q">值（QKV）</a></li><li>用<a href="#k">键（K<span class="gl-halt">）</span></a></li></ul>'),
    ('<dt><a href="#q">值（QKV）</a></dt>', '<dt><a href="#q">值（QKV）</a></dt>'),
], ids=["closing", "both", "none", "headerlink", "markup", "list-of-names", "index-entry"])
def test_full_width_brackets_at_a_links_edges_are_set_half_width(html, expected):
    assert halve_edge_brackets(html) == expected


# --- formulas and the punctuation around them -----------------------------------------

MATH = '<span class="arithmatex"><math><mi>x</mi></math></span>'


@pytest.mark.parametrize(("html", "expected"), [
    (f"用 {MATH}，再", f'用 <span class="gl-nobr">{MATH}，</span>再'),
    (f"（{MATH}）。", f'<span class="gl-nobr">（{MATH}）。</span>'),
    (f"the rank {MATH}, then", f'the rank <span class="gl-nobr">{MATH},</span> then'),
    (f"设 {MATH} 为", f"设 {MATH} 为"),
    (f"〔{MATH}〕——", f'<span class="gl-nobr">〔{MATH}〕——</span>'),
], ids=["comma", "brackets", "english", "alone", "dash"])
def test_a_formula_keeps_its_punctuation_on_its_line(html, expected):
    assert keep_punctuation_with_math(html) == expected


# --- labels ---------------------------------------------------------------------------

def test_reference_labels_lose_their_colon_and_english_references_are_marked():
    html = ('<p><strong>参考文献</strong>：</p>\n<ul>\n<li>Hu, E. J. et al. (2022). LoRA. '
            '<abbr title="图形处理器">GPU</abbr></li>\n<li>苏剑林（2021）。旋转式位置编码。</li>\n</ul>')
    assert label_references(html, "zh") == (
        '<p><strong>参考文献</strong></p>\n<ul>\n<li lang="en">Hu, E. J. et al. (2022). LoRA. '
        '<abbr title="图形处理器">GPU</abbr></li>\n<li>苏剑林（2021）。旋转式位置编码。</li>\n</ul>')
    assert label_references("<p><strong>References:</strong></p>\n<ul>\n<li>Hu</li>\n</ul>", "en") == \
        "<p><strong>References</strong></p>\n<ul>\n<li>Hu</li>\n</ul>"


# --- lang on the Chinese of English pages ---------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ("<p>Chinese: 低秩适配（LoRA）.</p>", '<p>Chinese: <span lang="zh-Hans">低秩适配（LoRA）</span>.</p>'),
    ('<abbr title="低秩适配">LoRA</abbr>', '<abbr title="低秩适配">LoRA</abbr>'),
    ("<code>词元</code><pre>词</pre><script>'词'</script>", "<code>词元</code><pre>词</pre><script>'词'</script>"),
    ('<a lang="zh" href="/">中文<b>版</b></a> 完',
     '<a lang="zh" href="/">中文<b>版</b></a> <span lang="zh-Hans">完</span>'),
    ("<p>No Chinese here.</p>", "<p>No Chinese here.</p>"),
], ids=["text", "attribute", "code-and-scripts", "already-marked", "none"])
def test_chinese_on_english_pages_carries_its_language(html, expected):
    assert mark_chinese(html) == expected


# --- lang on the English of Chinese pages ---------------------------------------------

@pytest.mark.parametrize(("html", "expected"), [
    ("<p>论文《Attention Is All You Need》提出了它。</p>",
     '<p>论文《<span lang="en">Attention Is All You Need</span>》提出了它。</p>'),
    ("<p>即 KV cache，又称 GPT-4 Technical Report: Part 2 里的说法。</p>",
     '<p>即 <span lang="en">KV cache</span>，又称 <span lang="en">GPT-4 Technical Report: Part 2</span> 里的说法。</p>'),
    # Lone words and rows of acronyms are left alone.
    ("<p>用 LoRA 在 A100 GPU 上微调 Transformer，RLHF DPO 都行。</p>",
     "<p>用 LoRA 在 A100 GPU 上微调 Transformer，RLHF DPO 都行。</p>"),
    # Code, maths, attributes, link addresses and elements that say their
    # language are not prose to mark; a link's text is.
    ('<code>top p sampling</code><math><mi>soft max</mi></math><a href="#key value" title="Key Value">键值</a>',
     '<code>top p sampling</code><math><mi>soft max</mi></math><a href="#key value" title="Key Value">键值</a>'),
    ('<a href="https://arxiv.org/abs/1706.03762">Attention Is All You Need</a><li lang="en">Vaswani et al.</li>',
     '<a href="https://arxiv.org/abs/1706.03762"><span lang="en">Attention Is All You Need</span></a>'
     '<li lang="en">Vaswani et al.</li>'),
    ('<div class="mermaid">flowchart LR\n  A[Reward Model] --> B</div>',
     '<div class="mermaid">flowchart LR\n  A[Reward Model] --> B</div>'),
    # An element that says its language ends at its own closing tag, past
    # nested ones of its name; an empty element hides nothing.
    ('<span lang="zh">甲 <span>Key Value</span> 乙 Top P</span> Key Value <br/><code/>Top P',
     '<span lang="zh">甲 <span>Key Value</span> 乙 Top P</span> <span lang="en">Key Value</span> <br/><code/>'
     '<span lang="en">Top P</span>'),
], ids=["title", "phrases", "acronyms-and-words", "code-maths-attributes", "link-text-and-lang", "diagram",
        "nested-and-empty"])
def test_english_on_chinese_pages_carries_its_language(html, expected):
    assert mark_english(html) == expected


# --- headings, the header, the list of terms ------------------------------------------

ICONS = '<a class="headerlink" href="#x">&para;</a><button type="button" class="gl-copy-link"></button>'


@pytest.mark.parametrize(("text", "kept"), [
    ("Low-Rank Adaptation (LoRA)", "(LoRA)"),
    ("低秩适配（LoRA）", "配（LoRA）"),
    ("重采样", "样"),
    ("P-Tuning", "P-Tuning"),
    ("KV 缓存压缩", "缩"),
], ids=["english", "chinese-with-abbreviation", "chinese", "one-word", "mixed"])
def test_heading_icons_stay_with_the_last_word(text, kept):
    assert keep_icons_with_last_word(text, ICONS) == (
        f'{text[:-len(kept)]}<span class="gl-heading-end">{kept}{ICONS}</span>')


def test_term_heading_shows_the_other_languages_name():
    html = f'<h2 id="lora">Low-Rank Adaptation (LoRA){ICONS}</h2>\n<p>Definition.</p>'
    names = {"lora": {"en": "低秩适配（LoRA）"}}
    assert term_headings(html, names, "en") == (
        f'<h2 id="lora">Low-Rank Adaptation <span class="gl-heading-end">(LoRA){ICONS}</span></h2>\n'
        '<div class="gl-other-name">Chinese <span lang="zh-Hans">低秩适配（LoRA）</span></div>\n<p>Definition.</p>')
    # A heading without the copy button is no term heading: left alone.
    assert term_headings("<h2 id=\"x\">X</h2>", names, "en") == "<h2 id=\"x\">X</h2>"


def test_family_page_lists_its_terms_under_its_title():
    html = ('<h1 id="t">训练<a class="headerlink" href="#t">&para;</a></h1>'
            '<p class="glossary-reviewed">审阅于</p>\n<h2 id="a">')
    assert on_this_page(html, [("peft", "参数高效微调（PEFT）"), ("lora", "低秩适配（LoRA）")], "zh") == (
        html[:-len('\n<h2 id="a">')] + '\n<nav class="gl-on-page" aria-labelledby="gl-on-page"><span id="gl-on-page" '
        'class="gl-on-page__label">本页术语</span><ul><li><a href="#peft">参数高效微调（PEFT）</a></li>'
        '<li><a href="#lora">低秩适配（LoRA）</a></li></ul></nav>\n<h2 id="a">')
    assert on_this_page(html, [("peft", "PEFT")], "zh") == html  # one term: the heading is the list


def test_header_keeps_the_site_name_whole_and_above_the_page_title():
    html = ('<div class="md-header__topic">\n  <span class="md-ellipsis">\n    大模型术语表 · LLM Glossary\n'
            '  </span>\n</div>\n<div class="md-header__topic" data-md-component="header-topic">\n'
            '  <span class="md-ellipsis">\n    训练与微调\n  </span>')
    assert header_names(html, "大模型术语表 · LLM Glossary", "训练与微调") == (
        '<div class="md-header__topic">\n  <span class="md-ellipsis">\n    大模型术语表'
        '<span class="gl-header-other"> · LLM Glossary</span>\n  </span>\n</div>\n'
        '<div class="md-header__topic gl-header-topic" data-md-component="header-topic">\n  '
        '<span class="gl-header-site">大模型术语表</span><span class="md-ellipsis">\n    训练与微调\n  </span>')
    # The home page's title is the site's name: not said twice.
    assert "gl-header-site" not in header_names(html, "大模型术语表 · LLM Glossary", "大模型术语表")
    # A title longer than a phone's header line is marked, to be set on two.
    assert '<div class="md-header__topic gl-header-topic gl-header-topic--long" data-md-component' in header_names(
        html, "大模型术语表 · LLM Glossary", "Reinforcement Learning and Verifiable Rewards")
    # The 404 page keeps both halves, the other one in its language.
    assert header_names(html, "大模型术语表 · LLM Glossary", "", both="en").startswith(
        '<div class="md-header__topic gl-header-both">\n  <span class="md-ellipsis">\n    大模型术语表'
        '<span class="gl-header-other" lang="en"><span class="gl-header-sep"> · </span>LLM Glossary</span>\n  </span>')


@pytest.mark.parametrize(("title", "width"), [("训练与微调", 5.0), ("Evaluation", 5.5), ("Transformer 之外", 8.6)])
def test_a_titles_width_is_estimated_in_em(title, width):
    assert title_width_em(title) == pytest.approx(width)


# --- the math font --------------------------------------------------------------------

def test_math_font_holds_what_the_formulas_draw_but_not_upright_letters_and_digits():
    page = ('<p><math><mrow><mi>x</mi><mo>=</mo><mi>softmax</mi><mn>2</mn><mi>θ</mi></mrow>'
            '<annotation encoding="application/x-tex">\\theta</annotation></math></p>')
    # x and θ are drawn italic only (MathML Core's math-auto); "softmax", "2"
    # and the LaTeX annotation come from elsewhere or nowhere.
    assert characters(page) == {"𝑥", "=", "𝜃", " "}
    assert characters("<math><mo>θ</mo><mi>θ</mi></math>") == {"θ", "𝜃", " "}  # upright too, as an <mo>
    assert characters("<p>No formula.</p>") == set()


# --- MathML for Chromium --------------------------------------------------------------

@pytest.mark.parametrize(("latex", "expected"), [
    (r"\hat{A}", '<mover accent="true"><mi>A</mi><mo>ˆ</mo></mover>'),
    (r"\tilde{x}", '<mover><mi>x</mi><mo stretchy="false">˜</mo></mover>'),
    (r"\log p", '<mrow><mi>log</mi><mspace width="0.1667em" /><mi>p</mi></mrow>'),
    (r"\min(a, b)", '<mrow><mo lspace="0" rspace="0">min</mo><mo stretchy="false">(</mo><mi>a</mi><mo>,</mo>'
                    '<mi>b</mi><mo stretchy="false">)</mo></mrow>'),
    (r"\arg\max_\theta f", '<mrow><mi>arg</mi><msub><mo lspace="0.1667em" rspace="0.1667em">max</mo>'
                           "<mi>θ</mi></msub><mi>f</mi></mrow>"),
], ids=["hat", "tilde", "log", "min", "argmax"])
def test_mathml_is_mended_where_chromium_would_draw_it_otherwise_than_tex(latex, expected):
    assert latex_to_mathml(latex, "inline") == (
        f'<math><semantics>{expected}<annotation encoding="application/x-tex">{latex}</annotation>'
        "</semantics></math>")


# --- abbreviations --------------------------------------------------------------------

def test_an_abbreviation_followed_by_a_dot_and_a_letter_is_part_of_a_longer_name():
    pattern = abbreviation_pattern(["LLM", "GPU"])
    assert [m.group(0) for m in pattern.finditer("LLM.int8() 与 LLM。GPU. 用LLM做")] == ["LLM", "GPU", "LLM"]
