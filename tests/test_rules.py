"""Unit tests of the hooks' pure functions: one per rule, each with a bad
input and the exact message the build prints for it."""

from __future__ import annotations

from datetime import date

import pytest

from front_matter import front_matter_problems
from glossary_docs import Problem, Site, parse_page, split_language, translation_path
from heading_ids import heading_problems, site_id_problems
from mermaid_blocks import diagram_type, mermaid_problems
from term_links import link_problems, render_term_refs, term_targets, unknown_ref_problems
from translation_parity import id_parity_problems, missing_translations

FRONT = "---\ntitle: 训练\ndescription: 训练术语。\n---\n"


def page(path: str, body: str, front: str = FRONT):
    return parse_page(path, front + body)


def site_of(**pages: str) -> Site:
    site = Site()
    for path, body in pages.items():
        path = path.replace("_en", ".en").replace("__", "/") + ".md"
        site.pages[path] = page(path, body)
    return site


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in sorted(problems)]


# --- parsing -----------------------------------------------------------------

@pytest.mark.parametrize("path, expected", [
    ("training.md", ("training.md", "zh")),
    ("training.en.md", ("training.md", "en")),
    ("sub/index.en.md", ("sub/index.md", "en")),
], ids=["zh", "en", "nested-en"])
def test_split_language(path, expected):
    assert split_language(path) == expected
    assert translation_path(expected[0], expected[1]) == path


def test_parse_page_reads_terms_summaries_and_see_also():
    doc = page("training.md", "# 训练\n\n## 低秩适配（LoRA） {#lora}\n\n"
                              "低秩适配是一种**参数高效**微调方法，见 [[peft]]。\n第二行。\n\n更多。\n\n"
                              "```python\n## not a heading {#x}\n```\n\n"
                              "**相关术语**：[[peft]]、[[adapter|适配器]]\n\n### 子项 {#sub}\n\n子项定义。\n")
    assert [(t.id, t.level, t.name) for t in doc.terms] == [("lora", 2, "低秩适配（LoRA）"),
                                                            ("sub", 3, "子项")]
    lora = doc.terms[0]
    assert lora.summary == "低秩适配是一种参数高效微调方法，见 peft。第二行。"
    assert lora.related == ("peft", "adapter")
    assert lora.line == 7  # front matter counts: the file's own line numbers
    assert [h.id for h in doc.headings] == [None, "lora", "sub"]
    assert doc.fences[0].lang == "python"
    assert doc.term_refs == ((9, "peft"), (18, "peft"), (18, "adapter"))


# --- front matter --------------------------------------------------------------

@pytest.mark.parametrize("source, expected", [
    ("---\ntitle: [oops\ndescription: x\n---\n# T\n",
     ["docs/a.md:3: front matter is not valid YAML (expected ',' or ']', but got ':'); "
      "fix the YAML between the two --- lines"]),
    ("---\ntitel: T\ndescription: x\nreviewed: 2026-12\n---\n# T\n",
     ["docs/a.md:1: front matter has no 'title'; add 'title: …' (a non-empty string)",
      "docs/a.md:1: unknown front matter key 'titel'; use one of description, hide, icon, "
      "reviewed, search, status, tags, title"]),
    ("---\ntitle: T\ndescription: x\n---\n# T\n",
     ["docs/a.md:1: front matter has no 'reviewed'; add 'reviewed: YYYY-MM', the month this page "
      "was last checked against its sources"]),
    ("---\ntitle: T\ndescription: x\nreviewed: 2026-13\n---\n# T\n",
     ["docs/a.md:4: 'reviewed: 2026-13' is not a month; write it as YYYY-MM (e.g. reviewed: 2026-12), "
      "in quotes or not"]),
    ("---\ntitle: T\ndescription: x\nreviewed: 2026-12-01\n---\n# T\n",
     ["docs/a.md:4: 'reviewed: 2026-12-01' is not a month; write it as YYYY-MM (e.g. reviewed: 2026-12), "
      "in quotes or not"]),
    ("---\ntitle: T\ndescription: x\nreviewed: 2027-01\n---\n# T\n",
     ["docs/a.md:4: 'reviewed: 2027-01' is in the future; use the month the page was checked"]),
    ("---\ntitle: T\n# T\n",
     ["docs/a.md:1: front matter opened with --- is never closed; fix the YAML between the two "
      "--- lines"]),
    ("# T\n", ["docs/a.md:1: page has no front matter; start it with ---, title: and "
               "description: lines and a closing ---"]),
    ("---\n- a\n- b\n---\n", ["docs/a.md:2: front matter is not a mapping of keys to values; "
                              "fix the YAML between the two --- lines"]),
], ids=["invalid-yaml", "unknown-key-and-missing-title", "no-reviewed", "reviewed-month-13",
        "reviewed-full-date", "reviewed-in-the-future", "unclosed", "absent", "not-a-mapping"])
def test_front_matter_problems(source, expected):
    today = date(2026, 12, 1)
    assert messages(front_matter_problems(parse_page("a.md", source), today)) == expected


def test_front_matter_accepts_a_valid_page():
    front = "---\ntitle: 训练\ndescription: 训练术语。\nreviewed: 2026-12\n---\n"
    assert front_matter_problems(page("a.md", "# T\n", front), date(2026, 12, 1)) == []


# --- heading ids ----------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("## 低秩适配\n", ['docs/t.md:5: heading "低秩适配" has no id; add {#some-id} '
                       "(lowercase ASCII kebab-case) at its end"]),
    ("## LoRA {#LoRA_1}\n", ['docs/t.md:5: heading "LoRA" has id "LoRA_1", which is not '
                             "lowercase ASCII kebab-case; use letters, digits and hyphens, "
                             "starting with a letter"]),
    ("## A {#lora}\n\n### B {#lora}\n", ['docs/t.md:7: id "lora" is used twice in this page '
                                         "(first on line 5); give this heading an id of its own"]),
], ids=["no-id", "not-kebab-case", "twice-in-page"])
def test_heading_problems(body, expected):
    assert messages(heading_problems(page("t.md", body))) == expected


def test_h1_and_h5_may_omit_ids():
    assert heading_problems(page("t.md", "# 标题\n\n##### 小标题\n")) == []


def test_an_id_on_two_pages_is_reported_on_the_second():
    site = site_of(alignment="## A {#ppo}\n", training="\n## B {#ppo}\n")
    assert messages(site_id_problems(site.language("zh"))) == [
        'docs/training.md:6: id "ppo" is already used by docs/alignment.md:5; ids are unique '
        "across the site, choose another"]


# --- translation parity -----------------------------------------------------------

def test_missing_translation_names_the_file_to_create():
    site = site_of(training="## A {#a}\n", safety_en="## B {#b}\n", safety="## B {#b}\n")
    assert messages(missing_translations(site, "zh")) == [
        "docs/training.md:1: page has no English translation; create docs/training.en.md with "
        "the same headings and ids"]
    site = site_of(training_en="## A {#a}\n")
    assert messages(missing_translations(site, "en")) == [
        "docs/training.en.md:1: page has no Chinese translation; create docs/training.md with "
        "the same headings and ids"]


def test_an_id_missing_from_the_translation_is_named_on_each_side():
    zh = page("t.md", "## 甲 {#a}\n\n## 乙 {#b}\n")
    en = page("t.en.md", "## A {#a}\n\n## C {#c}\n")
    assert messages(id_parity_problems(zh, en)) == [
        'docs/t.md:7: id "b" is missing from docs/t.en.md; add the translated heading there '
        "with {#b}, or use the id that page has"]
    assert messages(id_parity_problems(en, zh)) == [
        'docs/t.en.md:7: id "c" is missing from docs/t.md; add the translated heading there '
        "with {#c}, or use the id that page has"]


def test_levels_and_order_must_match():
    zh = page("t.md", "## 甲 {#a}\n\n### 乙 {#b}\n")
    en = page("t.en.md", "## A {#a}\n\n## B {#b}\n")
    assert messages(id_parity_problems(zh, en)) == [
        'docs/t.md:7: heading "b" is h3 here but h2 in docs/t.en.md:7; use the same level in '
        "both languages"]
    zh = page("t.md", "## 甲 {#a}\n\n## 乙 {#b}\n")
    en = page("t.en.md", "## B {#b}\n\n## A {#a}\n")
    assert messages(id_parity_problems(zh, en)) == [
        'docs/t.md:5: headings are in another order in docs/t.en.md (here "a", there "b"); keep '
        "both languages in the same order"]


# --- mermaid ----------------------------------------------------------------------

@pytest.mark.parametrize("body, expected", [
    ("", "docs/d.md:5: mermaid block is empty; write the diagram, e.g. 'flowchart LR' and its "
         "nodes, or remove it"),
    ("flowchat LR\n  A --> B", 'docs/d.md:5: mermaid block starts with "flowchat", which is not '
                               "a mermaid diagram type; start it with one of flowchart, "
                               "sequenceDiagram, stateDiagram-v2, …"),
    ("flowchart LR\n  A --> B", "docs/d.md:5: mermaid diagram has no accessible title; add a line "
                                "'accTitle: …' (and 'accDescr: …') after \"flowchart\""),
], ids=["empty", "unknown-type", "no-accessible-title"])
def test_mermaid_problems(body, expected):
    doc = page("d.md", f"```mermaid\n{body}\n```\n")
    assert messages(mermaid_problems(doc, doc.fences[0])) == [expected]


def test_mermaid_type_skips_config_and_comments():
    assert diagram_type("---\ntitle: x\n---\n%% note\nflowchart TD\n") == "flowchart"


# --- term references and links ------------------------------------------------------

def test_term_refs_render_in_the_page_language_and_unknown_ones_are_named():
    site = site_of(training="## 低秩适配（LoRA） {#lora}\n",
                   training_en="## Low-Rank Adaptation (LoRA) {#lora}\n")
    zh, en = term_targets(site, "zh"), term_targets(site, "en")
    source = "见 [[lora]]、[[lora|LoRA]] 和 `[[lora]]`。\n```\n[[lora]]\n```"
    assert render_term_refs(source, "alignment.md", zh) == (
        '见 <a href="../training/#lora">低秩适配（LoRA）</a>、<a href="../training/#lora">LoRA</a> 和 `[[lora]]`。\n'
        "```\n[[lora]]\n```")
    assert render_term_refs("See [[lora]].", "sub/x.en.md", en) == (
        'See <a href="../../training/#lora">Low-Rank Adaptation (LoRA)</a>.')
    assert render_term_refs("[[lora]]", "index.md", zh) == '<a href="training/#lora">低秩适配（LoRA）</a>'
    doc = page("alignment.md", "见 [[lora]] 与 [[qlora]]。\n")
    assert messages(unknown_ref_problems(doc, zh)) == [
        "docs/alignment.md:5: term reference [[qlora]] names no term; use the id of an existing "
        "heading (docs/published-ids.yml lists them all) or add the term"]


@pytest.mark.parametrize("body, expected", [
    ('<a href="../training/#lora">ok</a> <a href="#rlhf">top</a> <a href="https://x.org">x</a> '
     '<a href="../assets/a.css">css</a> [ok](training.md#lora)\n', []),
    ('<a href="../training/#qlora">x</a>\n',
     ["docs/alignment.md:5: link '../training/#qlora' points to anchor '#qlora', which that page "
      "does not have; use an existing heading id"]),
    ('<a href="#nowhere">x</a>\n',
     ["docs/alignment.md:5: link '#nowhere' points to anchor '#nowhere', which this page does "
      "not have; use an existing heading id"]),
    ('<a href="../trainig/">x</a>\n',
     ["docs/alignment.md:5: link '../trainig/' points to no page of the site; write the path as "
      "the built site has it (e.g. ../training/#lora), or use a Markdown link"]),
    ("[x](training.en.md#lora)\n",
     ["docs/alignment.md:5: link 'training.en.md#lora' points into the en translation; link to "
      "'training.md' instead (each reader is sent to their own language)"]),
], ids=["valid", "missing-anchor", "missing-own-anchor", "missing-page", "other-language-file"])
def test_link_problems(body, expected):
    pages = {"alignment/": {"rlhf"}, "training/": {"lora"}, "": set()}
    doc = page("alignment.md", body + "\n## RLHF {#rlhf}\n")
    assert messages(link_problems(doc, "alignment/", pages, {"assets/a.css"})) == expected


# --- formulas -------------------------------------------------------------------------

def test_formulas_become_mathml_with_their_latex_kept():
    from math_mathml import formulas_to_mathml

    html, failed = formulas_to_mathml('<p><span class="arithmatex">\\(a&lt;b\\)</span></p>'
                                      '<div class="arithmatex">\\[\n\\frac{QK^\\top}{\\sqrt{d_k}}\n\\]</div>')
    assert failed == []
    assert ('<span class="arithmatex"><math><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>'
            '<annotation encoding="application/x-tex">a&lt;b</annotation></semantics></math></span>') in html
    assert ('<div class="arithmatex"><math display="block"><semantics><mfrac><mrow><mi>Q</mi>'
            '<msup><mi>K</mi><mo>⊤</mo></msup></mrow><msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>'
            '</mfrac><annotation encoding="application/x-tex">') in html
    assert "\\(" not in html and "\\[" not in html


@pytest.mark.parametrize(("latex", "expected"), [
    ("x", "<mi>x</mi>"),
    # \mathrm words: one <mi>, upright by default, read as a word.
    (r"\mathrm{softmax}(x)", '<mrow><mi>softmax</mi><mo stretchy="false">(</mo><mi>x</mi>'
                             '<mo stretchy="false">)</mo></mrow>'),
    # An italic letter next to an upright word stays a letter of its own.
    (r"\mathrm{KL} x", "<mrow><mi>KL</mi><mi>x</mi></mrow>"),
    # Characters as themselves, < still escaped; single-element <mrow>s gone.
    (r"a_{i} \leq \sqrt{b}", "<mrow><msub><mi>a</mi><mi>i</mi></msub><mo>≤</mo>"
                              "<msqrt><mi>b</mi></msqrt></mrow>"),
], ids=["letter", "upright-word", "word-then-italic", "characters-and-mrows"])
def test_mathml_is_compact(latex, expected):
    from math_mathml import latex_to_mathml

    assert latex_to_mathml(latex, "inline") == (
        f"<math><semantics>{expected}<annotation encoding=\"application/x-tex\">"
        f"{latex.replace('<', '&lt;')}</annotation></semantics></math>")
