"""Reaching a term: the A–Z index (pinyin for Chinese), tags, See also,
abbreviation tooltips. Unit tests of the pure functions, assertions on the
one strict build, and one fault-injection build of the fixture site for the
data files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from jinja2 import Environment, FileSystemLoader
from mkdocs.exceptions import Abort

from abbreviations import CjkAbbrExtension, abbreviation_pattern, definitions, use_cjk_abbr
from glossary_docs import Site, glossary, link_from, load_site, parse_page
from glossary_extras import (
    Abbreviation,
    all_abbreviations,
    family_titles,
    is_abbreviation,
    parse_abbreviations,
    parse_tags,
    term_abbreviation,
    term_tags,
)
from see_also import line_problems, render_see_also
from term_index_pages import (
    A_Z_PAGES,
    BODY_MARKER,
    a_z_pages,
    group_id,
    grouped,
    index_entries,
    initial,
    md_escape,
    sort_key,
    tags_page,
)
from term_tags import add_tag_rows
from translation_parity import see_also_problems as parity_problems

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Environment(loader=FileSystemLoader(ROOT / "overrides"))
FRONT = "---\ntitle: {title}\ndescription: 术语。\n---\n\n# {title}\n\n"


def synthetic_site(zh: str, en: str, family: str = "training") -> Site:
    """One family page in both languages."""
    site = Site()
    site.pages[f"{family}.md"] = parse_page(f"{family}.md", FRONT.format(title="训练与微调") + zh)
    site.pages[f"{family}.en.md"] = parse_page(f"{family}.en.md", FRONT.format(title="Training") + en)
    return site


SITE = synthetic_site(
    "## 低秩适配（LoRA） {#lora}\n\n低秩适配是一种微调方法。\n\n**相关术语**：[[sft]]\n\n"
    "## 监督微调（SFT） {#sft}\n\n监督微调是用标注数据训练。\n\n**相关术语**：[[lora]]\n\n"
    "## 3D 卷积 {#conv-3d}\n\n3D 卷积是一种卷积。\n\n"
    "## MMLU（大规模多任务语言理解） {#mmlu}\n\nMMLU 是一个基准。\n\n"
    "## 长上下文微调 {#long-context}\n\n长上下文微调是一种训练。\n",
    "## Low-Rank Adaptation (LoRA) {#lora}\n\nLoRA is a fine-tuning method.\n\n**See also:** [[sft]]\n\n"
    "## Supervised Fine-Tuning (SFT) {#sft}\n\nSFT trains on labelled data.\n\n**See also:** [[lora]]\n\n"
    "## 3D Convolution {#conv-3d}\n\nA 3D convolution is a convolution.\n\n"
    "## MMLU (Massive Multitask Language Understanding) {#mmlu}\n\nMMLU is a benchmark.\n\n"
    "## Long-Context Fine-Tuning {#long-context}\n\nIt is training.\n")
TERMS = glossary(SITE)
FAMILIES = family_titles(SITE)


# --- Pinyin sorting and grouping -------------------------------------------------

@pytest.mark.parametrize("names, expected", [
    (["张量并行", "持续学习", "低秩适配", "奖励模型"], ["持续学习", "低秩适配", "奖励模型", "张量并行"]),
    # Latin names file under their letter, among the pinyin ones.
    (["注意力", "Transformer", "推理", "CNN 与 Transformer 混合架构", "持续学习"],
     ["持续学习", "CNN 与 Transformer 混合架构", "Transformer", "推理", "注意力"]),
    # Same toneless syllable: the tone decides (shī < shí < shǐ < shì).
    (["试验", "石头", "使用", "失败"], ["失败", "石头", "使用", "试验"]),
], ids=["pinyin", "latin-among-pinyin", "tones"])
def test_chinese_names_sort_by_pinyin(names, expected):
    assert sorted(names, key=lambda n: sort_key(n, "zh")) == expected


@pytest.mark.parametrize("name, letter", [
    ("低秩适配", "D"), ("自注意力", "Z"), ("Transformer", "T"), ("3D 卷积", "0–9"),
    # Words this field reads differently from pypinyin's default.
    ("微调", "W"), ("感知重采样器", "G"), ("长上下文", "C"), ("重参数化", "C"),
], ids=["di", "zi", "latin", "digit", "weitiao", "chongcaiyang", "changshangxiawen", "chongcanshuhua"])
def test_chinese_initials(name, letter):
    assert initial(name, "zh") == letter


def test_heteronyms_this_field_uses_are_read_right():
    assert sort_key("指令微调", "zh")[0] == (("zhi", 3), ("ling", 4), ("wei", 1), ("tiao", 2))
    assert sort_key("感知重采样器", "zh")[0][2] == ("chong", 2)
    assert sort_key("流水线并行", "zh")[0][-1] == ("xing", 2)


def test_english_sorts_word_by_word_ignoring_accents():
    names = ["Key-Value Cache", "KV-Cache Compression", "Fréchet Inception Distance", "FlashAttention"]
    assert sorted(names, key=lambda n: sort_key(n, "en")) == \
        ["FlashAttention", "Fréchet Inception Distance", "Key-Value Cache", "KV-Cache Compression"]
    assert initial("Fréchet Inception Distance", "en") == "F"


def test_index_has_an_entry_per_term_and_per_abbreviation():
    zh = index_entries(TERMS, "zh", FAMILIES)
    names = [(e.name, e.see) for e in zh]
    assert ("低秩适配（LoRA）", "") in names and ("LoRA", "低秩适配（LoRA）") in names
    assert ("SFT", "监督微调（SFT）") in names
    # A term named by its abbreviation needs no cross-reference.
    assert not any(e.see and e.name == "MMLU" for e in zh)
    groups = grouped(zh, "zh")
    assert list(groups)[0] == "0–9"
    assert [e.name for e in groups["L"]] == ["LoRA"]
    assert [e.name for e in groups["D"]] == ["低秩适配（LoRA）"]
    assert [e.name for e in groups["C"]] == ["长上下文微调"]  # cháng, not zhǎng
    en = grouped(index_entries(TERMS, "en", FAMILIES), "en")
    assert [e.name for e in en["L"]] == ["Long-Context Fine-Tuning", "LoRA", "Low-Rank Adaptation (LoRA)"]


def test_a_z_pages_link_every_term_and_letters_only_to_present_groups():
    pages = a_z_pages(TERMS, "zh", FAMILIES, TEMPLATES)
    assert list(pages) == [page for page, _, _ in A_Z_PAGES]
    first, second = pages["a-z.md"], pages["a-z/d-h.md"]
    bodies = "".join(page.body for page in pages.values())
    for term in TERMS:  # the synthetic terms file under 0–9, D, J and L
        assert f'href="../training/#{term.id}"' in bodies or f'href="../../training/#{term.id}"' in bodies
    # The first page holds 0–9; D is on the second, linked from both.
    assert '<a href="#digits">0–9</a>' in first.body
    assert '<h2 id="digits">0–9<a class="headerlink" href="#digits">&para;</a></h2>' in first.body
    assert '<a href="d-h/#d">D</a>' in first.body and '<a href="#d">D</a>' in second.body
    assert '<h2 id="d">D' in second.body and '<h2 id="d">' not in first.body
    assert '<a href="../#digits">0–9</a>' in second.body
    assert '<span class="glossary-letters__empty" aria-hidden="true">A</span>' in first.body
    # The Markdown part: title, introduction, the body's place; never indexed.
    assert all(page.markdown.endswith(BODY_MARKER + "\n") and "search:\n  exclude: true" in page.markdown
               for page in pages.values())
    assert "# 术语索引 D–H\n" in second.markdown and "](../tags.md)" in second.markdown
    # Links from a page one folder down go up a level.
    assert 'href="../../training/#lora"' in second.body


@pytest.mark.parametrize("page, target, expected", [
    ("a-z.md", "training/fine-tuning.md#lora", "../training/fine-tuning/#lora"),
    ("a-z/d-h.md", "training/fine-tuning.md#lora", "../../training/fine-tuning/#lora"),
    ("a-z/d-h.md", "a-z.md", "../"),
    ("tags.md", "training/index.md", "../training/"),
    ("terms.md", "evaluation.md#bleu", "../evaluation/#bleu"),
], ids=["flat-page", "one-folder-down", "up-to-first-page", "section-index", "flat-family"])
def test_generated_links_are_relative_urls_of_the_page(page, target, expected):
    assert link_from(page, target) == expected


def test_entries_are_escaped_so_they_render_as_written():
    site = synthetic_site("## 尖括号 <b> & 引号\"' {#angle}\n\n尖括号 <i>x</i> & y 是一种写法。\n",
                          "## Angle <b> & quote\"' {#angle}\n\nAngle <i>x</i> & y is a spelling.\n")
    body = "".join(page.body for page in a_z_pages(glossary(site), "en", family_titles(site), TEMPLATES).values())
    assert "Angle &lt;b&gt; &amp; quote&#34;&#39;</a>" in body
    assert "Angle &lt;i&gt;x&lt;/i&gt; &amp; y is a spelling." in body
    assert "<b>" not in body and "<i>" not in body


def test_summaries_are_escaped_so_they_render_as_written():
    text = "a (b) [c] $x$ *y* a|b <i> \\(z\\)"
    html = markdown.markdown(md_escape(text), extensions=["pymdownx.arithmatex"],
                             extension_configs={"pymdownx.arithmatex": {"generic": True}})
    assert "arithmatex" not in html and "<em>" not in html and "<i>" not in html
    assert html == "<p>" + md_escape(text) + "</p>"  # character references only
    assert group_id("0–9") == "digits" and group_id("#") == "other"


# --- Tags ---------------------------------------------------------------------------

TAGS_YML = """
training:
  zh: 训练
  en: Training
efficiency:
  zh: 效率
  en: Efficiency
  terms:
    - lora
    - nope
    - lora
Bad_Tag:
  zh: 坏
  en: Bad
half:
  zh: 半
  terms: [sft]
"""


def test_tags_file_is_checked_with_line_numbers():
    tags, problems = parse_tags(TAGS_YML, FAMILIES, {t.id for t in TERMS})
    assert [str(p) for p in problems] == [
        "docs/tags.yml:10: tag 'efficiency' lists 'nope', which is no term id; use the id of a heading",
        "docs/tags.yml:11: tag 'efficiency' lists 'lora' twice; remove one",
        "docs/tags.yml:12: tag 'Bad_Tag' is not lowercase ASCII kebab-case; rename it (it is the tag's "
        "anchor on the tags page)",
        "docs/tags.yml:15: tag 'half' has no en label; add 'en: …' (both languages show tags)",
    ]
    assert [t.id for t in tags] == ["training", "efficiency", "half"]
    assert tags[0].family and tags[0].label == {"zh": "训练", "en": "Training"}
    assert term_tags(TERMS, tags)["lora"] == ("training", "efficiency")
    assert term_tags(TERMS, tags)["conv-3d"] == ("training",)


def test_a_family_without_an_entry_is_a_tag_labelled_by_its_page_titles():
    tags, problems = parse_tags("", FAMILIES, {t.id for t in TERMS})
    assert problems == [] and [(t.id, t.label) for t in tags] == \
        [("training", {"zh": "训练与微调", "en": "Training"})]


def test_tags_page_lists_each_tag_with_its_terms():
    tags, _ = parse_tags(TAGS_YML, FAMILIES, {t.id for t in TERMS})
    page = tags_page(TERMS, tags, "en", FAMILIES, TEMPLATES)
    assert page.markdown.endswith("# Tags\n\n" + "Every term carries the tag of its family, and many carry topic "
                                  "tags that cross families. Each term also shows its tags under its heading."
                                  f"\n\n{BODY_MARKER}\n")
    assert '<a class="glossary-tag" href="#efficiency">Efficiency <small>1</small></a>' in page.body
    assert '<h2 id="efficiency">Efficiency' in page.body and '<h2 id="training">Training' in page.body
    efficiency = page.body.split('<h2 id="efficiency">')[1].split("<h2 ")[0]
    assert '<li><a href="../training/#lora">Low-Rank Adaptation (LoRA)</a></li>' in efficiency
    assert "Supervised" not in efficiency
    # The family tag links its page.
    assert ('<p class="glossary-intro">5 terms · Family page: <a href="../training/">Training</a></p>'
            in page.body)


def test_each_term_heading_gets_its_tag_row():
    tags, _ = parse_tags(TAGS_YML, FAMILIES, {t.id for t in TERMS})
    html = '<h2 id="lora">低秩适配<a class="headerlink" href="#lora">¶</a></h2>\n<p>定义。</p>\n<h2 id="x">X</h2>'
    out = add_tag_rows(html, term_tags(TERMS, tags), {t.id: t for t in tags}, "zh", "../tags/")
    assert out.startswith('<h2 id="lora">低秩适配<a class="headerlink" href="#lora">¶</a></h2>\n'
                          '<div class="glossary-term-tags"><span class="glossary-term-tags__label">标签</span> '
                          '<a class="glossary-tag" href="../tags/#training">训练</a> '
                          '<a class="glossary-tag" href="../tags/#efficiency">效率</a></div>\n<p>定义。</p>')
    assert out.endswith('<h2 id="x">X</h2>')  # not a term: no row


# --- See also -------------------------------------------------------------------------

def test_see_also_lines_hold_only_references_to_other_terms():
    source = (FRONT.format(title="训练") + "## 甲 {#a}\n\n甲是一。\n\n**相关术语**：[[b]]、[[a]]、[[b]]\n\n"
              "## 乙 {#b}\n\n乙是二。\n\n**相关术语**：[[a]]，以及更多。\n")
    doc = parse_page("training.md", source)
    assert [str(p) for p in line_problems(doc, source.splitlines())] == [
        "docs/training.md:12: See-also line of 'a' names the term itself; remove [[a]]",
        "docs/training.md:18: See-also line of 'b' has text besides term references ('以及更多。'); list "
        "only [[id]] references, separated by 、",
    ]


def test_see_also_ids_match_between_languages():
    zh = parse_page("training.md", FRONT.format(title="训练") + "## 甲 {#a}\n\n甲。\n\n**相关术语**：[[b]]、[[c]]\n")
    en = parse_page("training.en.md", FRONT.format(title="T") + "## A {#a}\n\nA.\n\n**See also:** [[c]], [[b]]\n")
    assert [str(p) for p in parity_problems(zh, en)] == [
        "docs/training.md:12: See-also of 'a' lists b, c here but c, b in docs/training.en.md:12; list "
        "the same terms in the same order in both languages"]
    assert parity_problems(zh, zh) == []


def test_see_also_paragraph_becomes_a_list_named_from_the_data():
    html = ('<p><strong>See also:</strong> <a href="./#lora">custom text</a>, '
            '<a href="../inference/#kv-cache">Key-Value Cache (KV Cache)</a></p>')
    out = render_see_also(html, {"lora": "Low-Rank Adaptation (LoRA)", "kv-cache": "Key-Value Cache (KV Cache)"},
                          "en")
    assert out == ('<div class="glossary-see-also"><strong class="glossary-see-also__label">See also</strong>'
                   '<ul class="glossary-see-also__list"><li><a href="./#lora">Low-Rank Adaptation (LoRA)</a></li>'
                   '<li><a href="../inference/#kv-cache">Key-Value Cache (KV Cache)</a></li></ul></div>')
    twice = '<p><strong>See also:</strong> <a href="./#lora">a</a>, <a href="./#lora">b</a></p>'
    assert render_see_also(twice, {"lora": "LoRA"}, "en").count("<li>") == 1
    untouched = "<p><strong>相关术语</strong>：<a href=\"./#lora\">LoRA</a> 等</p>"
    assert render_see_also(untouched, {"lora": "低秩适配"}, "zh") == untouched


# --- Abbreviations ---------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("LoRA", True), ("MoE", True), ("GSM8K", True), ("GPT-4V", True), ("KV Cache", True),
    ("Transformer", False), ("HellaSwag", False), ("PagedAttention", False), ("Stable Diffusion", False),
    ("KV-Cache Compression", False), ("KV 缓存压缩", False),
], ids=lambda v: str(v))
def test_what_counts_as_an_abbreviation(name, expected):
    assert is_abbreviation(name) is expected


def test_abbreviations_come_from_headings_in_both_languages():
    by_id = {t.id: t for t in TERMS}
    lora = term_abbreviation(by_id["lora"])
    assert (lora.text, lora.expansion) == ("LoRA", {"zh": "低秩适配", "en": "Low-Rank Adaptation"})
    assert lora.title("zh") == "低秩适配（Low-Rank Adaptation）" and lora.title("en") == "Low-Rank Adaptation"
    mmlu = term_abbreviation(by_id["mmlu"])
    assert mmlu.expansion == {"zh": "大规模多任务语言理解", "en": "Massive Multitask Language Understanding"}
    assert term_abbreviation(by_id["conv-3d"]) is None


def test_abbreviations_file_is_checked_and_cannot_repeat_a_heading():
    extra, problems = parse_abbreviations("KV: {zh: 键值, en: Key-Value}\nLoRA: {zh: 低秩, en: Low rank}\n"
                                          "GPU: {zh: 图形处理器}\n")
    assert [str(p) for p in problems] == [
        "docs/abbreviations.yml:3: abbreviation 'GPU' needs a full name in each language: GPU: {zh: …, en: …}"]
    found, more = all_abbreviations(TERMS, extra)
    assert [str(p) for p in more] == [
        "docs/abbreviations.yml:2: abbreviation 'LoRA' is already defined by the heading of term 'lora'; "
        "remove this entry"]
    assert {a.text for a in found} == {"LoRA", "SFT", "MMLU", "KV"}


ABBRS = {a.text: a for a in [Abbreviation("LoRA", {"zh": "低秩适配", "en": "Low-Rank Adaptation"}, "lora"),
                             Abbreviation("KV", {"zh": "键值", "en": "Key-Value"}, None),
                             Abbreviation("GPT", {"zh": "生成式预训练", "en": "Generative Pre-trained"}, None)]}


def render(text: str, lang: str = "zh") -> str:
    source = f"{text}\n\n{definitions(text, ABBRS, lang)}\n"
    return markdown.markdown(source, extensions=use_cjk_abbr(["abbr", "attr_list"], {}))


@pytest.mark.parametrize("text, expected", [
    ("用LoRA微调", '用<abbr title="低秩适配（Low-Rank Adaptation）">LoRA</abbr>微调'),
    ("把KV缓存放进显存", '把<abbr title="键值（Key-Value）">KV</abbr>缓存放进显存'),
    ("（LoRA）", '（<abbr title="低秩适配（Low-Rank Adaptation）">LoRA</abbr>）'),
    ("QLoRA 与 GPT-4", "QLoRA 与 GPT-4"),  # inside an ASCII word, or joined by a hyphen
], ids=["glued-before-and-after", "glued-kv", "fullwidth-parens", "not-inside-words"])
def test_abbreviations_in_chinese_text_get_their_tooltip(text, expected):
    assert render(text) == f"<p>{expected}</p>"


def test_links_code_and_headings_are_left_alone():
    html = render("## LoRA 简介\n\n见[LoRA](training.md#lora)与`LoRA`，再看LoRA。")
    assert "<h2>LoRA 简介</h2>" in html
    assert '<a href="training.md#lora">LoRA</a>' in html and "<code>LoRA</code>" in html
    assert html.count("<abbr") == 1


def test_links_written_as_inline_html_are_left_alone_too():
    # As term references render (term_links.render_term_refs).
    html = render('见<a href="../training/#lora">LoRA</a>与<a href="x/">用 LoRA 的 KV</a>，再看LoRA。')
    assert html == ('<p>见<a href="../training/#lora">LoRA</a>与<a href="x/">用 LoRA 的 KV</a>，'
                    '再看<abbr title="低秩适配（Low-Rank Adaptation）">LoRA</abbr>。</p>')


def test_english_pages_get_english_titles_and_own_definitions_win():
    assert render("Fine-tune with LoRA.", "en") == \
        '<p>Fine-tune with <abbr title="Low-Rank Adaptation">LoRA</abbr>.</p>'
    assert definitions("LoRA\n\n*[LoRA]: mine", ABBRS, "en") == ""


def test_stock_abbr_misses_glued_abbreviations_and_the_swap_is_idempotent():
    stock = markdown.markdown("用LoRA微调\n\n*[LoRA]: 低秩适配", extensions=["abbr"])
    assert "<abbr" not in stock  # the problem this hook solves
    swapped = use_cjk_abbr(["toc", "abbr"], {})
    assert swapped[0] == "toc" and isinstance(swapped[1], CjkAbbrExtension)
    assert use_cjk_abbr(swapped, {}) == swapped
    assert abbreviation_pattern(["KV", "KV Cache"]).findall("KV Cache 与 KV") == ["KV Cache", "KV"]


# --- The real site, built once ---------------------------------------------------------

DOCS = load_site(ROOT / "docs")
REAL_TERMS = glossary(DOCS)


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def anchors(text: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', text))


def resolve(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The built file and anchor a relative link of the page at `page_url` points to."""
    path, _, anchor = href.partition("#")
    target = (site / page_url / path).resolve()
    return (target / "index.html" if target.is_dir() else target), anchor


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_generated_pages_exist_in_both_languages_and_in_the_nav(site, lang):
    prefix = "" if lang == "zh" else "en/"
    titles = {"zh": ("术语索引", "标签", "中英术语对照表"), "en": ("A–Z Index", "Tags", "Chinese–English Term Table")}
    for name, title in zip(("a-z", "tags", "terms"), titles[lang]):
        page = html(site, f"{prefix}{name}/index.html")
        assert f'<html lang="{lang}"' in page and re.search(f"<h1[^>]*>{title}<", page)
        # In the nav of a family page, and the language menu points to the other language's page.
        assert f'href="../{name}/"' in html(site, f"{prefix}training/index.html")
        other = "en/" if lang == "zh" else ""
        assert re.search(rf'href="[^"]*{other}{name}/"[^>]*hreflang="{"en" if lang == "zh" else "zh"}"', page)


A_Z_URLS = ["a-z/" if page == "a-z.md" else page[:-3] + "/" for page, _, _ in A_Z_PAGES]


def a_z_articles(site, prefix: str) -> list[tuple[str, str]]:
    """(URL, article HTML) of each A–Z page, in order."""
    out = []
    for url in A_Z_URLS:
        page = html(site, f"{prefix}{url}index.html")
        out.append((url, page[page.index("<article"):page.index("</article>")]))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_index_link_lands_on_an_existing_term(site, lang):
    prefix = "" if lang == "zh" else "en/"
    links, see, bars = [], [], []
    for url, article in a_z_articles(site, prefix):
        for href in re.findall(r'<dt><a href="([^"]+)"', article):
            links.append((url, href))
        see += re.findall(r"<dd>(?:见 ?|see )<a href=\"([^\"]+)\"", article)
        # Every initial of the letter bar leads to its heading, on this page or another.
        bar = article[article.index('class="glossary-letters"'):].split("</nav>")[0]
        for href in re.findall(r'<a href="([^"]+)"', bar):
            target, anchor = resolve(site, f"{prefix}{url}", href)
            assert f'<h2 id="{anchor}"' in target.read_text(encoding="utf-8"), (url, href)
            bars.append(href)
    assert len(links) == len(REAL_TERMS)
    for url, href in links:
        target, anchor = resolve(site, f"{prefix}{url}", href)
        assert anchor in anchors(target.read_text(encoding="utf-8")), href
    assert len(see) >= 25  # LoRA, RLHF, MoE ... have entries of their own
    assert len(bars) >= 5 * 20


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_old_letter_links_of_the_one_page_index_still_lead_to_their_letter(site, lang):
    """`a-z/#s` was S's address before the index had five pages: the first
    page points each initial that moved to its page (moved-terms.js follows
    the pointer; without JavaScript the reader lands on it)."""
    prefix = "" if lang == "zh" else "en/"
    first = html(site, f"{prefix}a-z/index.html")
    moved = json.loads(re.search(r"data-moved='([^']+)'", first).group(1))
    assert len(moved) >= 15 and "s" in moved
    for letter, href in moved.items():
        assert f'<li id="{letter}"><a href="{href}" data-moved-term>' in first
        target, anchor = resolve(site, f"{prefix}a-z/", href)
        assert anchor == letter and f'<h2 id="{letter}"' in target.read_text(encoding="utf-8")


def test_chinese_index_is_in_pinyin_order(site):
    names = []
    for _, article in a_z_articles(site, ""):
        names += [re.sub(r"<[^>]+>", "", n) for n in re.findall(r"<dt>(.*?)</dt>", article)]
    assert names == sorted(names, key=lambda n: sort_key(n, "zh"))
    assert names.index("低秩适配（LoRA）") < names.index("监督微调（SFT）") < names.index("LoRA")


def test_every_term_is_on_the_tags_page_under_its_family(site):
    for prefix, lang in (("", "zh"), ("en/", "en")):
        page = html(site, f"{prefix}tags/index.html")
        for term in REAL_TERMS:
            section = page.split(f'<h2 id="{term.family}">')[1].split("<h2 ")[0]
            assert f'#{term.id}"' in section, (lang, term.id)


def test_term_table_lists_every_term_and_links_the_downloads(site):
    for prefix in ("", "en/"):
        page = html(site, f"{prefix}terms/index.html")
        assert page.count("<tr>") == len(REAL_TERMS) + 1
        for name in ("terms.tsv", "terms.csv", "llms.txt", "llms-full.txt"):
            href = re.search(rf'href="([^"]*{re.escape(name)})"', page).group(1)
            assert resolve(site, f"{prefix}terms/", href)[0] == (site / name).resolve()
    assert "<td>LoRA</td>" in html(site, "terms/index.html")


def test_see_also_is_a_list_of_links_that_resolve(site):
    for family in {t.family for t in REAL_TERMS}:
        for prefix in ("", "en/"):
            page = html(site, f"{prefix}{family}/index.html")
            assert "<p><strong>相关术语" not in page and "<p><strong>See also" not in page
            for block in re.findall(r'<div class="glossary-see-also">.*?</div>', page):
                for href in re.findall(r'href="([^"]+)"', block):
                    target, anchor = resolve(site, f"{prefix}{family}/", href)
                    assert anchor in anchors(target.read_text(encoding="utf-8")), (family, href)
    lora = html(site, "training/index.html").split('id="lora"')[1]
    related = re.search(r'<ul class="glossary-see-also__list">(.*?)</ul>', lora).group(1)
    assert re.findall(r'#([a-z0-9-]+)"', related) == list({t.id: t for t in REAL_TERMS}["lora"].related)


def test_term_headings_show_their_tags(site):
    page = html(site, "training/index.html")
    row = re.search(r'id="lora".*?</h2>\n(<div class="glossary-term-tags">.*?</div>)', page, re.S).group(1)
    assert '<a class="glossary-tag" href="../tags/#training">训练</a>' in row
    assert "tags/#efficiency" in row


def test_abbreviations_carry_their_full_name_in_each_language(site):
    zh, en = html(site, "inference/index.html"), html(site, "en/inference/index.html")
    assert '<abbr title="键值（Key-Value）">KV</abbr>' in zh
    assert '<abbr title="Key-Value">KV</abbr>' in en
    assert '<abbr title="低秩适配（Low-Rank Adaptation）">LoRA</abbr>' in html(site, "training/index.html")
    # Never inside a link or a heading.
    for page in (zh, en):
        assert not re.search(r"<a [^>]*>[^<]*<abbr", page)
        assert not re.search(r"<h[1-6][^>]*>[^<]*<abbr", page)


def test_english_pages_have_the_sitemap_previews_need(site):
    assert html(site, "en/sitemap.xml") == html(site, "sitemap.xml")
    assert "navigation.instant.preview" in html(site, "training/index.html")


def test_data_files_are_not_published(site):
    assert not (site / "tags.yml").exists() and not (site / "abbreviations.yml").exists()


# --- Fault injection: the data files, and See-also lines -----------------------------

def test_mistakes_in_tags_abbreviations_and_see_also_fail_the_build_together(mini_build):
    """On the fixture site (tests/fixtures/mini), built in-process."""
    def break_data_files(docs: Path) -> None:
        with (docs / "tags.yml").open("a", encoding="utf-8") as handle:
            handle.write("\nbroken-tag:\n  zh: 坏\n  en: Broken\n  terms:\n    - no-such-term\n")
        with (docs / "abbreviations.yml").open("a", encoding="utf-8") as handle:
            handle.write("LoRA: {zh: 低秩, en: Low rank}\n")
        training = (docs / "training/index.en.md").read_text(encoding="utf-8")
        first = re.search(r"^\*\*See also:\*\* \[\[(\S+?)\]\], \[\[(\S+?)\]\]", training, re.M)
        swapped = f"**See also:** [[{first.group(2)}]], [[{first.group(1)}]]"
        (docs / "training/index.en.md").write_text(training.replace(first.group(0), swapped, 1), encoding="utf-8")

    build = mini_build(break_data_files, name="data-files")
    assert isinstance(build.error, Abort), build.output[-3000:]
    for expected in (r"docs/tags\.yml:\d+: tag 'broken-tag' lists 'no-such-term', which is no term id",
                     r"docs/abbreviations\.yml:\d+: abbreviation 'LoRA' is already defined by the heading of "
                     r"term 'lora'",
                     r"docs/training/index\.md:\d+: See-also of '[a-z-]+' lists .* in docs/training/index\.en\.md:\d+"):
        assert re.search(expected, build.log), (expected, build.output[-3000:])
