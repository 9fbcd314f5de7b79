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
    pytest.param(append("training.md", "\n见 [坏链接](no-such-page.md)。\n"),
                 r"Doc file 'training\.md' contains a link 'no-such-page\.md', but the target is "
                 r"not found", id="broken-link"),
    pytest.param(append("training.md", "\n见 [[no-such-term]]。\n"),
                 r"docs/training\.md:\d+: term reference \[\[no-such-term\]\] names no term",
                 id="unknown-term-reference"),
    pytest.param(append("training.en.md", "\nSee [RLHF](alignment.md#no-such-anchor).\n"),
                 r"Doc file 'training\.en\.md' contains a link 'alignment\.md#no-such-anchor', but "
                 r"the doc 'alignment\.en\.md' does not contain an anchor '#no-such-anchor'",
                 id="missing-anchor"),
    pytest.param(append("training.md", '\n<a href="../alignment/#no-such-id">RLHF</a>\n'),
                 r"docs/training\.md:\d+: link '\.\./alignment/#no-such-id' points to anchor "
                 r"'#no-such-id'", id="missing-anchor-in-html-link"),
    pytest.param(append("training.md", "\n[English](alignment.en.md)\n"),
                 r"docs/training\.md:\d+: link 'alignment\.en\.md' points into the en translation; "
                 r"link to 'alignment\.md' instead", id="link-into-the-other-language"),
    pytest.param(remove("safety.en.md"),
                 r"docs/safety\.md:1: page has no English translation; create docs/safety\.en\.md",
                 id="missing-translation"),
    pytest.param(replace("training.en.md", "{#lora}", "{#low-rank-adaptation}"),
                 r'docs/training\.md:\d+: id "lora" is missing from docs/training\.en\.md',
                 id="id-mismatch"),
    pytest.param(replace("training.md", "{#adapter}", "{#lora}"),
                 r'docs/training\.md:\d+: id "lora" is used twice in this page',
                 id="duplicate-id-in-page"),
    pytest.param(append("alignment.md", "\n## 重复 {#lora}\n\n重复。\n"),
                 r'docs/training\.md:\d+: id "lora" is already used by docs/alignment\.md:\d+',
                 id="duplicate-id-across-pages"),
    pytest.param(append("training.md", "\n## 没有编号的标题\n\n正文。\n"),
                 r'docs/training\.md:\d+: heading "没有编号的标题" has no id; add \{#some-id\}',
                 id="heading-without-id"),
    pytest.param(replace("training.md", "title:", "title: [未闭合\ntitle2:"),
                 r"docs/training\.md:\d+: front matter is not valid YAML", id="malformed-front-matter"),
    pytest.param(replace("training.en.md", "title:", "titel:"),
                 r"docs/training\.en\.md:1: unknown front matter key 'titel'",
                 id="unknown-front-matter-key"),
    pytest.param(append("training.md", "\n```mermaid\nflowchat LR\n  A --> B\n```\n"),
                 r'docs/training\.md:\d+: mermaid block starts with "flowchat", which is not a '
                 r"mermaid diagram type", id="broken-mermaid"),
    pytest.param(append("training.en.md", "\n```mermaid\n\n```\n"),
                 r"docs/training\.en\.md:\d+: mermaid block is empty", id="empty-mermaid"),
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
    for path in ("training.md", "alignment.en.md"):
        append(path, "\n## 无编号\n\n[[nope]]\n")(project / "docs")
    remove("safety.en.md")(project / "docs")
    output = run_build(project, tmp_path / "site").stderr
    for expected in (r"docs/training\.md:\d+: heading \"无编号\" has no id",
                     r"docs/training\.md:\d+: term reference \[\[nope\]\]",
                     r"docs/alignment\.en\.md:\d+: heading \"无编号\" has no id",
                     r"docs/alignment\.en\.md:\d+: term reference \[\[nope\]\]",
                     r"docs/safety\.md:1: page has no English translation"):
        assert re.search(expected, output), expected
