"""Fault injection: copy the fixture site (tests/fixtures/mini: two families,
training and alignment, in two languages), break it, build it strictly
in-process with the real mkdocs.yml and hooks, and expect the build to fail
with a message naming the file (and the fix).

Faults that do not mask each other share a build: each group below is one
build, and each fault of it is one test, named by its id, that looks for its
own message in that build's log. Every message is one that only its fault
produces (an id, a file or a text no other fault of the group touches).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

STRICT_ABORT = r"^Aborted with \d+ warnings in strict mode!$"

# Two headings with one id (a fault below) make two short-link pages of it,
# and MkDocs warns (DeprecationWarning) that the second replaces the first;
# `mkdocs build` logs that as an INFO line, not a warning of the build.
pytestmark = pytest.mark.filterwarnings("ignore:To replace an existing file:DeprecationWarning")


def append(path: str, text: str):
    def inject(docs: Path) -> None:
        with (docs / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return inject


def replace(path: str, old: str, new: str, count: int = 1):
    def inject(docs: Path) -> None:
        file = docs / path
        source = file.read_text(encoding="utf-8")
        assert old in source, f"fixture text {old!r} not in {path}"
        file.write_text(source.replace(old, new, count), encoding="utf-8")
    return inject


def remove(path: str):
    return lambda docs: (docs / path).unlink()


@dataclass(frozen=True)
class Fault:
    id: str
    group: str  # the build it shares with the other faults of its group
    inject: Callable[[Path], None]
    expected: str  # a regular expression for its message


FAULTS = [
    # Links and blocks added to the training page, in both languages: each its
    # own line, none changes what the others are checked against.
    Fault("broken-link", "links-and-blocks",
          append("training/index.md", "\n见[坏链接](no-such-page.md)。\n"),
          r"Doc file 'training/index\.md' contains a link 'no-such-page\.md', but the target "
          r"'training/no-such-page\.md' is not found"),
    Fault("unknown-term-reference", "links-and-blocks",
          append("training/index.md", "\n见 [[no-such-term]]。\n"),
          r"docs/training/index\.md:\d+: term reference \[\[no-such-term\]\] names no term"),
    Fault("missing-anchor", "links-and-blocks",
          append("training/index.en.md", "\nSee [RLHF](../alignment/index.md#no-such-anchor).\n"),
          r"Doc file 'training/index\.en\.md' contains a link '\.\./alignment/index\.md#no-such-anchor', "
          r"but the doc 'alignment/index\.en\.md' does not contain an anchor '#no-such-anchor'"),
    Fault("missing-anchor-in-html-link", "links-and-blocks",
          append("training/index.md", '\n<a href="../alignment/#no-such-id">RLHF</a>\n'),
          r"docs/training/index\.md:\d+: link '\.\./alignment/#no-such-id' points to anchor "
          r"'#no-such-id'"),
    Fault("space-around-a-link-in-chinese", "links-and-blocks",
          append("training/index.md", "\n另见 [[reward-model]]。\n"),
          r"docs/training/index\.md:\d+: a space before the link \[\[reward-model\]\] in Chinese prose; remove it"),
    Fault("link-into-the-other-language", "links-and-blocks",
          append("training/index.md", "\n[English](../alignment/index.en.md)\n"),
          r"docs/training/index\.md:\d+: link '\.\./alignment/index\.en\.md' points into the en "
          r"translation; link to '\.\./alignment/index\.md' instead"),
    Fault("heading-without-id", "links-and-blocks",
          append("training/index.md", "\n## 没有编号的标题\n\n正文。\n"),
          r'docs/training/index\.md:\d+: heading "没有编号的标题" has no id; add \{#some-id\}'),
    Fault("broken-mermaid", "links-and-blocks",
          append("training/index.md", "\n```mermaid\nflowchat LR\n  A --> B\n```\n"),
          r'docs/training/index\.md:\d+: mermaid block starts with "flowchat", which is not a '
          r"mermaid diagram type"),
    Fault("empty-mermaid", "links-and-blocks",
          append("training/index.en.md", "\n```mermaid\n\n```\n"),
          r"docs/training/index\.en\.md:\d+: mermaid block is empty"),
    # Ids and front matter, on different pages and languages.
    Fault("id-mismatch", "ids-and-front-matter",
          replace("training/index.en.md", "{#lora}", "{#low-rank-adaptation}"),
          r'docs/training/index\.md:\d+: id "lora" is missing from docs/training/index\.en\.md'),
    Fault("duplicate-id-across-pages", "ids-and-front-matter",
          append("alignment/index.md", "\n## 重复 {#lora}\n\n重复。\n"),
          r'docs/training/index\.md:\d+: id "lora" is already used by docs/alignment/index\.md:\d+'),
    Fault("unknown-front-matter-key", "ids-and-front-matter",
          replace("training/index.en.md", "title:", "titel:"),
          r"docs/training/index\.en\.md:1: unknown front matter key 'titel'"),
    # Another id fault on the training page (with the first group's it would
    # make "lora" the id of two Chinese headings, one message hiding in the
    # other's), broken YAML there, and a page that lost its translation (the
    # first two groups link into that translation).
    Fault("duplicate-id-in-page", "pages-and-translations",
          replace("training/index.md", "{#adapter}", "{#lora}"),
          r'docs/training/index\.md:\d+: id "lora" is used twice in this page'),
    Fault("malformed-front-matter", "pages-and-translations",
          replace("training/index.md", "title:", "title: [未闭合\ntitle2:"),
          r"docs/training/index\.md:\d+: front matter is not valid YAML"),
    Fault("missing-translation", "pages-and-translations",
          remove("alignment/index.en.md"),
          r"docs/alignment/index\.md:1: page has no English translation; create docs/alignment/index\.en\.md"),
    # Contributions that would run script or reach another origin (each its
    # own line or page: the allowlist reports every violation of a page).
    Fault("inline-script", "hostile",
          append("training/index.md", "\n<script>alert(1)</script>\n"),
          r"docs/training/index\.md:\d+: raw HTML element <script> is not allowed in a page"),
    Fault("foreign-image", "hostile",
          append("training/index.md", "\n![x](https://evil.example/x.png)\n"),
          r'docs/training/index\.md:\d+: image from "https://evil\.example/x\.png" is not allowed'),
    Fault("iframe", "hostile",
          append("training/index.md", '\n<iframe src="https://evil.example"></iframe>\n'),
          r"docs/training/index\.md:\d+: raw HTML element <iframe> is not allowed"),
    Fault("javascript-link", "hostile",
          append("training/index.md", "\n[x](javascript:alert(1))\n"),
          r'docs/training/index\.md:\d+: link to "javascript:alert\(1\)" is not allowed'),
    Fault("meta-refresh", "hostile",
          append("training/index.md", '\n<meta http-equiv="refresh" content="0; url=https://evil.example">\n'),
          r"docs/training/index\.md:\d+: raw HTML element <meta> is not allowed"),
    Fault("attr-list-handler", "hostile",
          append("training/index.en.md", "\n[x](#lora){ onclick=alert(1) }\n"),
          r'docs/training/index\.en\.md:\d+: attribute onclick="alert\(1\)" on <a> is not allowed'),
    Fault("heading-markup", "hostile",
          replace("alignment/index.md", "## 人类反馈强化学习（RLHF） {#rlhf}",
                  "## <img src=x onerror=alert(1)> 人类反馈强化学习（RLHF） {#rlhf}"),
          r'docs/alignment/index\.md:\d+: image from "x"|attribute onerror="alert\(1\)" on <img>'),
    Fault("title-markup", "hostile",
          replace("alignment/index.en.md", "title:", "title: '<img src=x onerror=alert(1)>'\ntitle_old:"),
          r"docs/alignment/index\.en\.md:2: 'title' holds markup"),
    Fault("status-injection", "hostile",
          replace("training/index.en.md", "reviewed:", "status: 'new\" onmouseover=\"alert(1)'\nreviewed:"),
          r"docs/training/index\.en\.md:\d+: 'status: new\" onmouseover=\"alert\(1\)' is not one of"),
    Fault("mermaid-init", "hostile",
          append("alignment/index.en.md", '\n```mermaid\n%%{init: {"themeCSS": ".x{background:url(https://evil.example)}"}}%%\n'
                                         "flowchart LR\n  accTitle: t\n  A --> B\n```\n"),
          r"docs/alignment/index\.en\.md:\d+: mermaid %%\{init\} directive is not allowed"),
    Fault("latex-style", "hostile",
          append("alignment/index.en.md", "\nThe weight $\\style{background:url(https://evil.example)}{x}$.\n"),
          r"docs/alignment/index\.en\.md:\d+: formula '\\style\{background:url\(https://evil\.example\)\}\{x\}' "
          r"sets style on its MathML"),
    Fault("setext-heading", "hostile",
          append("training/index.en.md", "\nSetext Heading\n--------------\n\nBody.\n"),
          r'docs/training/index\.en\.md:\d+: heading "Setext Heading" is not written as'),
    Fault("reserved-path", "hostile",
          lambda docs: (docs / "llms.txt").write_text("mine\n", encoding="utf-8"),
          r"docs/llms\.txt:1: docs/llms\.txt is on a reserved path"),
    Fault("theme-asset", "hostile",
          lambda docs: ((docs / "assets/javascripts").mkdir(parents=True, exist_ok=True),
                        (docs / "assets/javascripts" / THEME_BUNDLE).write_text("x", encoding="utf-8")),
          r"docs/assets/javascripts/bundle\.[0-9a-f]+\.min\.js:1: .* would replace the theme's own"),
    Fault("repeated-id-at-the-end", "hostile",
          append("training/index.md", "\n## 重复的提示微调 {#prompt-tuning}\n\n重复。\n"),
          r'docs/training/index\.md:\d+: id "prompt-tuning" is used twice in this page'),
]
# Material's bundle, whose path a docs/ file may not take.
THEME_BUNDLE = next(p.name for p in (Path(__import__("material").__file__).parent / "templates/assets/javascripts")
                    .glob("bundle.*.min.js"))
GROUPS = sorted({fault.group for fault in FAULTS})


@pytest.fixture(scope="module")
def group_build(mini_build):
    """group name -> the one build of the fixture with all of its faults."""
    builds = {}

    def get(group: str):
        if group not in builds:
            builds[group] = mini_build(*(f.inject for f in FAULTS if f.group == group), name=group)
        return builds[group]

    return get


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.id for fault in FAULTS])
def test_fault_fails_the_build_with_a_named_message(group_build, fault):
    build = group_build(fault.group)
    assert isinstance(build.error, Abort), build.output[-3000:]
    assert re.search(STRICT_ABORT, str(build.error)), build.error
    assert re.search(fault.expected, build.log), build.output[-3000:]


def test_unreadable_files_stop_the_build_with_their_line(mini_build):
    """Bad input gets a message, never a traceback or a hang: bytes that are
    not UTF-8, and a page of one 30,000-character line of `[[` (the regexes
    took minutes over it), both named before the build stops."""
    def bad_bytes(docs: Path) -> None:
        (docs / "training/index.en.md").write_bytes(
            (docs / "training/index.en.md").read_bytes().replace(b"Adapter {#adapter}", b"Adapter \xff {#adapter}"))

    build = mini_build(bad_bytes, append("alignment/index.md", "\n" + "[[" * 15000 + "\n"),
                       lambda docs: (docs / "tags.yml").write_bytes(b"x: \xfe\n"), name="unreadable")
    # The hook raises PluginError; MkDocs logs its message and aborts.
    assert isinstance(build.error, Abort), build.output[-3000:]
    for expected in (r"docs/training/index\.en\.md:29: page is not UTF-8 \(byte 0xff\); save the file as UTF-8",
                     r"docs/alignment/index\.md:\d+: page has a line of 30,000 characters \(the limit is 4,000\)",
                     r"docs/tags\.yml:1: file is not UTF-8 \(byte 0xfe\)"):
        assert re.search(expected, build.log), (expected, build.output[-3000:])
    assert "3 file(s) of docs/ cannot be read as text; see the warnings above" in build.log


def test_a_page_with_a_byte_order_mark_builds(mini_build):
    """An editor's BOM is not a page without front matter any more."""
    def with_bom(docs: Path) -> None:
        for path in ("training/index.md", "training/index.en.md"):
            (docs / path).write_bytes(b"\xef\xbb\xbf" + (docs / path).read_bytes())

    build = mini_build(with_bom, name="bom")
    assert build.error is None and build.warnings == [], build.output[-3000:]


def test_the_fixture_site_builds_strictly_without_a_warning(mini_build):
    """The control of every fault test: unbroken, the fixture builds, with
    both languages and the generated pages."""
    build = mini_build(name="clean")
    assert build.error is None, build.output[-3000:]
    assert build.warnings == []
    for page in ("index.html", "en/index.html", "training/index.html", "en/alignment/index.html",
                 "a-z/index.html", "en/tags/index.html", "terms/index.html", "t/lora/index.html",
                 "glossary.json", "404.html"):
        assert (build.site / page).is_file(), page


def test_one_warning_fails_the_build_as_it_fails_the_command_line(mini_build):
    """In-process, strict mode counts warnings through the handler build()
    adds to the `mkdocs` logger, as `mkdocs build --strict` does: one is
    enough."""
    build = mini_build(append("training/index.md", "\n见[坏链接](no-such-page.md)。\n"), name="one-warning")
    assert len(build.warnings) == 1, build.warnings
    assert isinstance(build.error, Abort) and str(build.error) == "Aborted with 1 warnings in strict mode!"


def test_all_problems_of_a_build_are_reported_together(mini_build):
    build = mini_build(append("training/index.md", "\n## 无编号\n\n[[nope]]\n"),
                       append("alignment/index.en.md", "\n## 无编号\n\n[[nope]]\n"),
                       remove("training/index.en.md"), name="together")
    assert isinstance(build.error, Abort), build.output[-3000:]
    for expected in (r"docs/training/index\.md:\d+: heading \"无编号\" has no id",
                     r"docs/training/index\.md:\d+: term reference \[\[nope\]\]",
                     r"docs/alignment/index\.en\.md:\d+: heading \"无编号\" has no id",
                     r"docs/alignment/index\.en\.md:\d+: term reference \[\[nope\]\]",
                     r"docs/training/index\.md:1: page has no English translation"):
        assert re.search(expected, build.log), expected


def move_section(term_id: str, source: str, target: str):
    """Cut a term's section (its heading up to the next heading of its level)
    from `source` and append it to `target`, in both languages."""
    def inject(docs: Path) -> None:
        for lang_suffix in (".md", ".en.md"):
            src = docs / (source[:-3] + lang_suffix)
            lines = src.read_text(encoding="utf-8").split("\n")
            start = next(i for i, line in enumerate(lines) if line.endswith(f"{{#{term_id}}}"))
            level = len(lines[start]) - len(lines[start].lstrip("#"))
            end = next((i for i in range(start + 1, len(lines))
                        if re.match(rf"^#{{1,{level}}} ", lines[i])), len(lines))
            src.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
            dst = docs / (target[:-3] + lang_suffix)
            dst.write_text(dst.read_text(encoding="utf-8") + "\n\n" + "\n".join(lines[start:end]) + "\n",
                           encoding="utf-8")
    return inject


def rename_term(old: str, new: str):
    """A term's id changed in both languages, and every reference to it."""
    def inject(docs: Path) -> None:
        for path in ("training/index.md", "training/index.en.md"):
            replace(path, f"{{#{old}}}", f"{{#{new}}}")(docs)
        for file in docs.rglob("*.md"):
            file.write_text(file.read_text(encoding="utf-8").replace(f"[[{old}", f"[[{new}"), encoding="utf-8")
    return inject


def test_published_links_review_dates_and_spelling_are_guarded(mini_build):
    """The rules of the published-id lock, the `reviewed:` month and the
    -ize spelling, each broken once, reported together by one build."""
    build = mini_build(
        # A published id disappears (renamed in both languages, references too).
        rename_term("prompt-tuning", "soft-prompt-tuning"),
        # A term moves to another page without its redirect.
        move_section("reward-model", "alignment/index.md", "training/index.md"),
        # No review month on one page, a malformed one on another.
        replace("alignment/index.md", "reviewed: 2026-12\n", ""),
        replace("training/index.en.md", "reviewed: 2026-12", "reviewed: 2026-13"),
        # British spelling on an English page.
        append("alignment/index.en.md", "\nThe kernels are optimised for the GPU.\n"),
        name="published")
    assert isinstance(build.error, Abort), build.output[-3000:]
    for expected in (
            r"docs/published-ids\.yml:\d+: term 'prompt-tuning' was published at training/#prompt-tuning "
            r"but no zh page has a heading \{#prompt-tuning\} any more; restore the heading",
            r"docs/training/index\.md:\d+: term 'soft-prompt-tuning' is not in docs/published-ids\.yml; "
            r"run `python scripts/id_lock\.py --update` to add it",
            r"docs/training/index\.md:\d+: term 'reward-model' moved here from alignment/#reward-model "
            r"without a redirect; run `python scripts/id_lock\.py --update`",
            r"docs/training/index\.en\.md:\d+: term 'reward-model' moved here",
            r"docs/alignment/index\.md:1: front matter has no 'reviewed'; add 'reviewed: YYYY-MM'",
            r"docs/training/index\.en\.md:4: 'reviewed: 2026-13' is not a month; write it as YYYY-MM",
            r'docs/alignment/index\.en\.md:\d+: "optimised" uses -ise; write "optimized"'):
        assert re.search(expected, build.log), (expected, build.output[-3000:])


def test_a_build_leaves_nothing_behind_for_the_next_in_the_same_process(mini_build):
    """Two in-process builds share every module of hooks/ and their caches.
    A build whose tags.yml lists a term its pages no longer have (the
    fixture's tags.yml lists prompt-tuning) must not make the next build of
    the unbroken site fail (see glossary_extras._load_yaml in conftest.py)."""
    broken = mini_build(rename_term("prompt-tuning", "soft-prompt-tuning"), name="leak-broken")
    assert any("tag 'efficiency' lists 'prompt-tuning', which is no term id" in w for w in broken.warnings)
    clean = mini_build(name="leak-clean")
    assert clean.error is None and clean.warnings == [], clean.output[-3000:]
