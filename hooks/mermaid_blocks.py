"""Mermaid blocks must hold a diagram mermaid knows, with an accessible title.

A mistyped diagram type only fails in the reader's browser, as an error box
in place of the figure; the build catches it instead. The accessible title
(`accTitle:`) is what a screen reader announces for the figure.
"""

from __future__ import annotations

import re

from glossary_docs import DocPage, Fence, Problem, Site

# The diagram keywords of mermaid 11 (the version package.json pins).
DIAGRAM_TYPES = frozenset({
    "architecture-beta", "block-beta", "C4Component", "C4Container", "C4Context",
    "C4Deployment", "C4Dynamic", "classDiagram", "classDiagram-v2", "erDiagram", "flowchart",
    "flowchart-elk", "gantt", "gitGraph", "graph", "journey", "kanban", "mindmap",
    "packet-beta", "pie", "quadrantChart", "radar-beta", "requirementDiagram",
    "sankey-beta", "sequenceDiagram", "stateDiagram", "stateDiagram-v2", "timeline",
    "treemap-beta", "xychart-beta", "zenuml",
})


def diagram_type(body: str) -> str | None:
    """The first word of a mermaid source, past its config block and comments."""
    lines = body.splitlines()
    index = 0
    if lines and lines[0].strip() == "---":  # a YAML config block
        index = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), len(lines))
    for line in lines[index:]:
        stripped = line.strip()
        if stripped and not stripped.startswith("%%"):
            return stripped.split()[0]
    return None


# What a diagram may not do (contributions are untrusted): reconfigure the
# renderer (an init directive or a config block can set themeCSS, which
# fetches from anywhere), bind clicks to links or callbacks, or put HTML
# in a label. diagrams.js sets the renderer to refuse them as well.
_DIRECTIVE_RE = re.compile(r"%%\s*\{")
_CLICK_RE = re.compile(r"^\s*(?:click|callback|link)\s", re.IGNORECASE)
_HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z!]")


def unsafe_problems(page: DocPage, fence: Fence) -> list[Problem]:
    problems = []
    lines = fence.body.splitlines()
    if lines and lines[0].strip() == "---":
        problems.append(Problem(page.path, fence.line + 1, "mermaid config block (---) is not allowed; the site "
                                                           "configures the renderer, remove the block"))
    for offset, line in enumerate(lines, start=1):
        where = fence.line + offset
        if _DIRECTIVE_RE.search(line):
            problems.append(Problem(page.path, where, "mermaid %%{init} directive is not allowed; remove it "
                                                      "(the site configures the renderer)"))
        elif _CLICK_RE.match(line):
            problems.append(Problem(page.path, where, "mermaid click/link lines are not allowed; link the "
                                                      "terms in the text instead"))
        elif _HTML_RE.search(line):
            problems.append(Problem(page.path, where, "HTML in a mermaid label is not allowed; write the label "
                                                      "as plain text (a line break is a new node or edge label)"))
    return problems


def mermaid_problems(page: DocPage, fence: Fence) -> list[Problem]:
    unsafe = unsafe_problems(page, fence)
    if unsafe:
        return unsafe
    kind = diagram_type(fence.body)
    if kind is None:
        return [Problem(page.path, fence.line, "mermaid block is empty; write the diagram, "
                                               "e.g. 'flowchart LR' and its nodes, or remove it")]
    if kind not in DIAGRAM_TYPES:
        return [Problem(page.path, fence.line, f'mermaid block starts with "{kind}", which is not '
                                               "a mermaid diagram type; start it with one of "
                                               "flowchart, sequenceDiagram, stateDiagram-v2, …")]
    if "accTitle:" not in fence.body:
        return [Problem(page.path, fence.line, "mermaid diagram has no accessible title; add a "
                                               "line 'accTitle: …' (and 'accDescr: …') after "
                                               f'"{kind}"')]
    return []


def check(site: Site, lang: str) -> list[Problem]:
    """Every mermaid block of the pass's language."""
    return [problem for page in site.language(lang) for fence in page.fences if fence.lang == "mermaid"
            for problem in mermaid_problems(page, fence)]
