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
    (r"\foo x", r"uses \foo, which latex2mathml does not know"),
], ids=["style", "href", "class", "unknown-command", "made-up-command"])
def test_a_formula_may_not_style_link_or_use_unknown_commands(latex, expected):
    with pytest.raises(UnsafeFormula, match="^formula '.*' " + expected.replace("\\", "\\\\")):
        latex_to_mathml(latex, "inline")


def test_arg_is_an_operator_name_not_an_unknown_command():
    assert "<mi>arg</mi>" in latex_to_mathml(r"\arg\min_x f", "inline")


def test_standard_formulas_convert():
    assert latex_to_mathml(r"\mathrm{arg}\max_{a} \frac{1}{2} \hat{A}_t", "block").startswith(
        '<math display="block">')


def front(text: str):
    from glossary_docs import parse_page

    return parse_page("training/index.md", f"---\n{text}\n---\n\n# T\n")


@pytest.mark.parametrize("front_matter, expected", [
    ("title: '<img src=x onerror=alert(1)>'\ndescription: d",
     "docs/training/index.md:2: 'title' holds markup ('<img src=x onerror=alert(1)>'); write plain text"),
    ("title: t\ndescription: 'a <b>b</b>'", "docs/training/index.md:3: 'description' holds markup"),
    ("title: t\ndescription: d\nstatus: 'new\" onmouseover=\"alert(1)'",
     "docs/training/index.md:4: 'status: new\" onmouseover=\"alert(1)' is not one of deprecated, new"),
    ("title: t\ndescription: d\nsearch: true", "docs/training/index.md:4: 'search: True' must be a mapping"),
    ("title: t\ndescription: d\nsearch: {boost: high}", "docs/training/index.md:4: 'search: {'boost': 'high'}'"),
    ("title: t\ndescription: d\nhide: navigation", "docs/training/index.md:4: 'hide: navigation' is not a list"),
    ("title: t\ndescription: d\nhide: [everything]", "docs/training/index.md:4: 'hide: ['everything']'"),
    ("title: t\ndescription: d\nicon: ../../../etc/passwd", "docs/training/index.md:4: 'icon: ../../../etc/passwd' "
                                                            "is not an icon of the theme"),
    ("title: t\ndescription: d\nicon: material/no-such-icon-here", "'icon: material/no-such-icon-here' is not"),
], ids=["title-markup", "description-markup", "status", "search-type", "search-value", "hide-type", "hide-value",
        "icon-path", "icon-unknown"])
def test_front_matter_values_are_checked(front_matter, expected):
    from front_matter import value_problems

    found = [str(p) for p in value_problems(front(front_matter))]
    assert found and expected in found[0], found


def test_valid_front_matter_values_pass():
    from front_matter import value_problems

    page = front("title: t\ndescription: d\nhide: [navigation, toc]\nsearch: {exclude: true, boost: 2}\n"
                 "status: new\nicon: material/book-open-variant")
    assert value_problems(page) == []


@pytest.mark.parametrize("body, expected", [
    ('%%{init: {"themeCSS": ".x{background:url(https://evil.example)}"}}%%\nflowchart LR\n  A --> B',
     "docs/training/index.md:10: mermaid %%{init} directive is not allowed"),
    ("---\nconfig:\n  themeCSS: x\n---\nflowchart LR\n  A --> B", "docs/training/index.md:10: mermaid config block"),
    ('flowchart LR\n  accTitle: t\n  A --> B\n  click A "https://evil.example"',
     "docs/training/index.md:13: mermaid click/link lines are not allowed"),
    ('flowchart LR\n  accTitle: t\n  A["<img src=x onerror=alert(1)>"] --> B',
     "docs/training/index.md:12: HTML in a mermaid label is not allowed"),
], ids=["init-directive", "config-block", "click", "html-label"])
def test_a_diagram_may_not_configure_the_renderer_link_or_hold_html(body, expected):
    from glossary_docs import parse_page
    from mermaid_blocks import mermaid_problems

    page = parse_page("training/index.md", SOURCE + f"\n```mermaid\n{body}\n```\n")
    found = [str(p) for fence in page.fences for p in mermaid_problems(page, fence)]
    assert found and found[0].startswith(expected), found


@pytest.mark.parametrize("path, expected", [
    ("llms.txt", "the site summary for language models (hooks/term_exports.py) is written by the build"),
    ("terms.csv", "the term table export (hooks/term_exports.py) is written by the build"),
    ("sitemap.xml", "the sitemap is written by the build"),
    ("404.html", "the site's one 404 page (overrides/404.html) is written by the build"),
    ("CNAME", "a hosting configuration file is not part of the docs (it would change how the site is served)"),
    ("robots.txt", "a hosting configuration file is not part of the docs (it would change how the site is served)"),
    ("search/search_index.json", "search/ holds the search index"),
    ("assets/vendor/mermaid/mermaid.esm.min.mjs", "assets/vendor/ holds the vendored front-end packages (npm)"),
    ("en/index.md", "en/ holds the en site"),
], ids=["llms", "csv", "sitemap", "404", "cname", "robots", "search", "vendor", "en-folder"])
def test_reserved_paths(tmp_path, path, expected):
    from mkdocs.structure.files import File

    from reserved_paths import problems

    (tmp_path / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / path).write_text("x", encoding="utf-8")
    file = File(path, str(tmp_path / "docs"), str(tmp_path / "site"), True)
    found = [str(p) for p in problems([file], str(tmp_path / "docs"), [])]
    assert found == [f"docs/{path}:1: docs/{path} is on a reserved path: {expected}; rename or remove it"]


def test_a_docs_file_may_not_replace_a_theme_file(tmp_path):
    from mkdocs.structure.files import File

    from reserved_paths import problems

    theme = tmp_path / "theme"
    (theme / "assets/javascripts").mkdir(parents=True)
    (theme / "assets/javascripts/bundle.0123abcd.min.js").write_text("x", encoding="utf-8")
    (tmp_path / "docs/assets/javascripts").mkdir(parents=True)
    (tmp_path / "docs/assets/javascripts/bundle.0123abcd.min.js").write_text("x", encoding="utf-8")
    (tmp_path / "docs/assets/javascripts/own.js").write_text("x", encoding="utf-8")
    files = [File(p, str(tmp_path / "docs"), str(tmp_path / "site"), True)
             for p in ("assets/javascripts/bundle.0123abcd.min.js", "assets/javascripts/own.js")]
    assert [str(p) for p in problems(files, str(tmp_path / "docs"), [str(theme)])] == [
        "docs/assets/javascripts/bundle.0123abcd.min.js:1: docs/assets/javascripts/bundle.0123abcd.min.js is on a "
        "reserved path: it would replace the theme's own assets/javascripts/bundle.0123abcd.min.js; rename or "
        "remove it"]


def test_a_clean_page_is_read_once_and_a_dirty_one_every_time(monkeypatch):
    import safe_html

    reads = []
    monkeypatch.setattr(safe_html, "violations", lambda html: reads.append(html) or real(html))
    real = violations
    clean, dirty = "<p>clean, once</p>", '<p onclick="x()">dirty</p>'
    assert problems(clean, "a.md", "") == [] and problems(clean, "a.md", "") == []
    assert len(problems(dirty, "a.md", "")) == 1 and len(problems(dirty, "a.md", "")) == 1
    assert reads == [clean, dirty, dirty]
