"""Contributions are untrusted: what a page's HTML, a formula, a diagram or
a front matter may hold (unit tests of the rules; the fault tests build a
fixture site with each payload)."""

from __future__ import annotations

import pytest

from math_mathml import UnsafeFormula, latex_to_mathml
from safe_html import problems, violations

SOURCE = "---\ntitle: T\n---\n\n## 术语 {#term}\n\n正文。\n"


@pytest.mark.parametrize("html, expected", [
    ('<p>x</p><script>alert(1)</script>', "raw HTML element <script> is not allowed in a page"),
    ('<script src="https://evil.example/x.js"></script>', "raw HTML element <script>"),
    ('<p><img src="https://evil.example/x.png" alt=""></p>', 'image from "https://evil.example/x.png"'),
    ('<p><img src="//evil.example/x.png" alt=""></p>', 'image from "//evil.example/x.png"'),
    ('<iframe src="https://evil.example"></iframe>', "raw HTML element <iframe>"),
    ('<embed src="x.swf">', "raw HTML element <embed>"),
    ('<object data="x"></object>', "raw HTML element <object>"),
    ('<p onclick="alert(1)">x</p>', 'attribute onclick="alert(1)" on <p>'),
    ('<svg onload="alert(1)"></svg>', "raw HTML element <svg>"),
    ('<p><a href="javascript:alert(1)">x</a></p>', 'link to "javascript:alert(1)"'),
    ('<p><a href=" JavaScript:alert(1)">x</a></p>', 'link to " JavaScript:alert(1)"'),
    ('<style>body{background:url(https://evil.example)}</style>', "raw HTML element <style>"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example">', "raw HTML element <meta>"),
    ('<base href="https://evil.example/">', "raw HTML element <base>"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "raw HTML element <link>"),
    ('<form action="https://evil.example"><input></form>', "raw HTML element <form>"),
    ('<p style="display:none">x</p>', 'attribute style="display:none" on <p>'),
    ('<td style="color: red">x</td>', 'style="color: red" on <td>'),
    ('<h2 id="x" onmouseover="alert(1)">x</h2>', 'attribute onmouseover="alert(1)" on <h2>'),
], ids=["inline-script", "external-script", "foreign-image", "protocol-relative-image", "iframe", "embed",
        "object", "on-attribute", "svg-onload", "javascript-link", "javascript-link-spaced", "style-element",
        "meta-refresh", "base", "link", "form", "style-attribute", "table-style", "attr-list-handler"])
def test_what_a_page_may_not_hold(html, expected):
    found = [f"{v.what} is not allowed in a page; {v.fix}" for v in violations(html)]
    assert found and found[0].startswith(expected), found


@pytest.mark.parametrize("html", [
    '<h2 id="lora">低秩适配<a class="headerlink" href="#lora" title="">¶</a></h2>',
    '<p><a href="../training/#lora">LoRA</a>, <a href="https://arxiv.org/abs/2106.09685">paper</a>, '
    '<a href="mailto:a@b.c">mail</a></p>',
    '<table><thead><tr><th style="text-align: left;">a</th></tr></thead><tbody><tr><td '
    'style="text-align: right;">1</td></tr></tbody></table>',
    '<p><img src="../assets/x.png" alt="x"></p>',
    '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
    '<details class="tip" open><summary>s</summary><p>x</p></details>',
    '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
    '<div class="mermaid">flowchart LR\n  A --&gt; B</div>',
    '<span class="arithmatex">\\(x\\)</span>',
    '<p><abbr title="Low-Rank Adaptation">LoRA</abbr> <span class="keys"><kbd class="key-ctrl">Ctrl</kbd></span></p>',
    '<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre></div>',
], ids=["heading-permalink", "links", "aligned-table", "own-image", "admonition", "details", "footnote",
        "mermaid", "formula", "abbr-keys", "code"])
def test_what_markdown_and_the_extensions_write_is_allowed(html):
    assert violations(html) == []


def test_a_problem_names_the_source_line():
    source = SOURCE + "\n<script>alert(1)</script>\n"
    assert [str(p) for p in problems("<script>alert(1)</script>", "training/index.md", source)] == [
        "docs/training/index.md:9: raw HTML element <script> is not allowed in a page; write it in Markdown, "
        "or leave it out (pages may not carry script, style, frames, forms or embedded media)"]


@pytest.mark.parametrize("latex, expected", [
    (r"\style{background:url(https://evil.example)}{x}", "sets style on its MathML"),
    (r"\href{javascript:alert(1)}{x}", "sets href on its MathML"),
    (r"\class{md-header}{x}", "sets class on its MathML"),
    (r"\cssId{a}{x}", r"uses \cssId, which latex2mathml does not know"),
    (r"\arg\min_x f", r"uses \arg, which latex2mathml does not know"),
], ids=["style", "href", "class", "unknown-command", "arg"])
def test_a_formula_may_not_style_link_or_use_unknown_commands(latex, expected):
    with pytest.raises(UnsafeFormula, match="^formula '.*' " + expected.replace("\\", "\\\\")):
        latex_to_mathml(latex, "inline")


def test_standard_formulas_convert():
    assert latex_to_mathml(r"\mathrm{arg}\max_{a} \frac{1}{2} \hat{A}_t", "block").startswith(
        '<math display="block">')
