"""Fault injection: copy the project, break one thing, build strictly, and
expect the build to fail with a message naming the file (and the fix)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project, run_build


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


FAULTS = [
    pytest.param(append("training/index.md", "\n见 [坏链接](no-such-page.md)。\n"),
                 r"Doc file 'training/index\.md' contains a link 'no-such-page\.md', but the target "
                 r"'training/no-such-page\.md' is not found", id="broken-link"),
    pytest.param(append("training/index.md", "\n见 [[no-such-term]]。\n"),
                 r"docs/training/index\.md:\d+: term reference \[\[no-such-term\]\] names no term",
                 id="unknown-term-reference"),
    pytest.param(append("training/index.en.md", "\nSee [RLHF](../alignment/index.md#no-such-anchor).\n"),
                 r"Doc file 'training/index\.en\.md' contains a link '\.\./alignment/index\.md#no-such-anchor', "
                 r"but the doc 'alignment/index\.en\.md' does not contain an anchor '#no-such-anchor'",
                 id="missing-anchor"),
    pytest.param(append("training/index.md", '\n<a href="../alignment/#no-such-id">RLHF</a>\n'),
                 r"docs/training/index\.md:\d+: link '\.\./alignment/#no-such-id' points to anchor "
                 r"'#no-such-id'", id="missing-anchor-in-html-link"),
    pytest.param(append("training/index.md", "\n[English](../alignment/index.en.md)\n"),
                 r"docs/training/index\.md:\d+: link '\.\./alignment/index\.en\.md' points into the en "
                 r"translation; link to '\.\./alignment/index\.md' instead", id="link-into-the-other-language"),
    pytest.param(remove("safety/index.en.md"),
                 r"docs/safety/index\.md:1: page has no English translation; create docs/safety/index\.en\.md",
                 id="missing-translation"),
    pytest.param(replace("training/index.en.md", "{#lora}", "{#low-rank-adaptation}"),
                 r'docs/training/index\.md:\d+: id "lora" is missing from docs/training/index\.en\.md',
                 id="id-mismatch"),
    pytest.param(replace("training/index.md", "{#adapter}", "{#lora}"),
                 r'docs/training/index\.md:\d+: id "lora" is used twice in this page',
                 id="duplicate-id-in-page"),
    pytest.param(append("alignment/index.md", "\n## 重复 {#lora}\n\n重复。\n"),
                 r'docs/training/index\.md:\d+: id "lora" is already used by docs/alignment/index\.md:\d+',
                 id="duplicate-id-across-pages"),
    pytest.param(append("training/index.md", "\n## 没有编号的标题\n\n正文。\n"),
                 r'docs/training/index\.md:\d+: heading "没有编号的标题" has no id; add \{#some-id\}',
                 id="heading-without-id"),
    pytest.param(replace("training/index.md", "title:", "title: [未闭合\ntitle2:"),
                 r"docs/training/index\.md:\d+: front matter is not valid YAML", id="malformed-front-matter"),
    pytest.param(replace("training/index.en.md", "title:", "titel:"),
                 r"docs/training/index\.en\.md:1: unknown front matter key 'titel'",
                 id="unknown-front-matter-key"),
    pytest.param(append("training/index.md", "\n```mermaid\nflowchat LR\n  A --> B\n```\n"),
                 r'docs/training/index\.md:\d+: mermaid block starts with "flowchat", which is not a '
                 r"mermaid diagram type", id="broken-mermaid"),
    pytest.param(append("training/index.en.md", "\n```mermaid\n\n```\n"),
                 r"docs/training/index\.en\.md:\d+: mermaid block is empty", id="empty-mermaid"),
]


@pytest.mark.parametrize("inject, expected", FAULTS)
def test_fault_fails_the_build_with_a_named_message(tmp_path, inject, expected):
    project = copy_project(tmp_path / "project")
    inject(project / "docs")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert re.search(expected, output), output[-3000:]
    assert "Aborted with" in output


def test_all_problems_of_a_build_are_reported_together(tmp_path):
    project = copy_project(tmp_path / "project")
    for path in ("training/index.md", "alignment/index.en.md"):
        append(path, "\n## 无编号\n\n[[nope]]\n")(project / "docs")
    remove("safety/index.en.md")(project / "docs")
    output = run_build(project, tmp_path / "site").stderr
    for expected in (r"docs/training/index\.md:\d+: heading \"无编号\" has no id",
                     r"docs/training/index\.md:\d+: term reference \[\[nope\]\]",
                     r"docs/alignment/index\.en\.md:\d+: heading \"无编号\" has no id",
                     r"docs/alignment/index\.en\.md:\d+: term reference \[\[nope\]\]",
                     r"docs/safety/index\.md:1: page has no English translation"):
        assert re.search(expected, output), expected


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


def test_published_links_review_dates_and_spelling_are_guarded(tmp_path):
    """The rules of the published-id lock, the `reviewed:` month and the
    -ize spelling, each broken once, reported together by one build."""
    project = copy_project(tmp_path / "project")
    docs = project / "docs"
    # A published id disappears (renamed in both languages, references too).
    for path in ("training/index.md", "training/index.en.md"):
        replace(path, "{#prompt-tuning}", "{#soft-prompt-tuning}")(docs)
    for file in docs.rglob("*.md"):
        file.write_text(file.read_text(encoding="utf-8").replace("[[prompt-tuning", "[[soft-prompt-tuning"),
                        encoding="utf-8")
    # A term moves to another page without its redirect.
    move_section("ewc", "training/continual-learning.md", "training/fine-tuning.md")(docs)
    # No review month on one page, a malformed one on another.
    replace("safety/index.md", "reviewed: 2026-12\n", "")(docs)
    replace("ecosystem/index.en.md", "reviewed: 2026-12", "reviewed: 2026-13")(docs)
    # British spelling on an English page.
    append("systems/index.en.md", "\nThe kernels are optimised for the GPU.\n")(docs)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for expected in (
            r"docs/published-ids\.yml:\d+: term 'prompt-tuning' was published at training/#prompt-tuning "
            r"but no zh page has a heading \{#prompt-tuning\} any more; restore the heading",
            r"docs/training/index\.md:\d+: term 'soft-prompt-tuning' is not in docs/published-ids\.yml; "
            r"run `python scripts/id_lock\.py --update` to add it",
            r"docs/training/fine-tuning\.md:\d+: term 'ewc' moved here from training/continual-learning/#ewc "
            r"without a redirect; run `python scripts/id_lock\.py --update`",
            r"docs/training/fine-tuning\.en\.md:\d+: term 'ewc' moved here",
            r"docs/safety/index\.md:1: front matter has no 'reviewed'; add 'reviewed: YYYY-MM'",
            r"docs/ecosystem/index\.en\.md:4: 'reviewed: 2026-13' is not a month; write it as YYYY-MM",
            r'docs/systems/index\.en\.md:\d+: "optimised" uses -ise; write "optimized"'):
        assert re.search(expected, output), (expected, output[-3000:])
