"""Abbreviations show their full name on hover, in both languages.

The abbreviations are those the term headings give (`低秩适配（LoRA）` /
`Low-Rank Adaptation (LoRA)`) and those of docs/abbreviations.yml (KV, GPU
...). Each page gets the definitions of the abbreviations it uses, in its
language, as Python-Markdown's abbr extension reads them (`*[LoRA]: …`);
Material's `content.tooltips` then draws the tooltip.

The abbr extension finds an abbreviation between two `\\b` word boundaries;
in Python's Unicode regexes a Chinese character is a word character, so
`用LoRA微调` has no boundary and no tooltip. This hook swaps in the same
extension with boundaries that only ASCII letters, digits, `_` and `-` break
(`GPT-4` is not `GPT`), and that leaves links, code, headings and existing
`<abbr>` alone (a link has its own preview; a heading spells the name out).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, AtomicString

from glossary_docs import Problem, Site, glossary
from glossary_extras import ABBREVIATIONS_FILE, Abbreviation, all_abbreviations, parse_abbreviations, read_data_file

_WORD = "A-Za-z0-9_-"
# Elements whose text is never an abbreviation to explain.
SKIPPED_TAGS = frozenset({"a", "abbr", "code", "pre", "kbd", "script", "style", "math",
                          "h1", "h2", "h3", "h4", "h5", "h6"})
_DEFINITION_RE = re.compile(r"^\*\[([^\]]+)\]:", re.MULTILINE)


def abbreviation_pattern(texts) -> re.Pattern:
    """Any of `texts`, longest first, not inside an ASCII word; a Chinese
    character next to it is a boundary. A dot followed by a letter or digit
    continues the word: `LLM.int8()` is a name of its own, not LLM."""
    alternatives = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    return re.compile(f"(?<![{_WORD}])(?:{alternatives})(?![{_WORD}]|\\.[A-Za-z0-9])")


class CjkAbbrTreeprocessor(AbbrTreeprocessor):
    """abbr's tree processor with CJK-aware boundaries, skipping SKIPPED_TAGS."""

    RE: re.Pattern[str]  # set by run() before iter_element is called

    def _matches(self, text: str) -> list[re.Match]:
        """The abbreviations in `text`, last first, but none in the text of
        a link written as inline HTML: term references are
        (term_links.render_term_refs), and a link is never explained twice."""
        found = list(self.RE.finditer(text))
        if found and STX in text:  # an inline-HTML placeholder starts with it
            links, start = [], -1
            for placeholder in HTML_PLACEHOLDER_RE.finditer(text):
                raw = str(self.md.htmlStash.rawHtmlBlocks[int(placeholder.group(1))])
                if raw.startswith("<a "):
                    start = placeholder.end()
                elif raw == "</a>" and start >= 0:
                    links.append((start, placeholder.start()))
                    start = -1
            found = [m for m in found if not any(a <= m.start() < b for a, b in links)]
        return found[::-1]

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None) -> None:
        if not isinstance(el.tag, str) or el.tag not in SKIPPED_TAGS:
            for child in reversed(el):
                self.iter_element(child, el)
            if el.text and not isinstance(el.text, AtomicString):
                text = el.text
                for match in self._matches(text):
                    if self.abbrs[match.group(0)]:
                        el.insert(0, self.create_element(self.abbrs[match.group(0)], match.group(0),
                                                         text[match.end():]))
                        text = text[:match.start()]
                el.text = text
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            tail = el.tail
            index = list(parent).index(el) + 1
            for match in self._matches(tail):
                if self.abbrs[match.group(0)]:
                    parent.insert(index, self.create_element(self.abbrs[match.group(0)], match.group(0),
                                                             tail[match.end():]))
                    tail = tail[:match.start()]
            el.tail = tail

    def run(self, root: etree.Element) -> None:
        if not self.abbrs:
            return
        self.RE = abbreviation_pattern(self.abbrs)
        self.iter_element(root)
        first_use_only(root)


# A new term section starts at these: each explains its abbreviations once.
SECTION_TAGS = frozenset({"h2", "h3", "h4"})


def first_use_only(root: etree.Element) -> None:
    """Keep the <abbr> of each abbreviation's first use in each term section
    and unwrap the others to plain text. Six dotted underlines a paragraph
    read as noise, and each <abbr> is a tooltip Material's bundle mounts at
    load (on a long page, a third of its script time)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    seen: set[str] = set()
    repeats = []
    for el in root.iter():
        if el.tag in SECTION_TAGS:
            seen = set()
        elif el.tag == "abbr":
            if el.text in seen:
                repeats.append(el)
            seen.add(el.text or "")
    for el in repeats:
        parent = parents[el]
        index = list(parent).index(el)
        text = (el.text or "") + (el.tail or "")
        if index == 0:
            parent.text = (parent.text or "") + text
        else:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + text
        parent.remove(el)


class CjkAbbrExtension(AbbrExtension):
    """Python-Markdown's abbr extension with CjkAbbrTreeprocessor."""

    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(CjkAbbrTreeprocessor(md, self.abbrs), "abbr", 7)  # type: ignore[attr-defined]


def use_cjk_abbr(extensions: list, configs: dict) -> list:
    """The extension list with `abbr` replaced by CjkAbbrExtension (idempotent:
    mkdocs-static-i18n runs on_config again for each language)."""
    return [CjkAbbrExtension(**configs.get("abbr", {})) if ext == "abbr" else ext for ext in extensions]


_TOKEN_RE = re.compile(f"[{_WORD}]+")


def definitions(markdown: str, abbreviations: dict[str, Abbreviation], lang: str,
                multiword: tuple[Abbreviation, ...] | None = None) -> str:
    """abbr definitions (`*[LoRA]: 低秩适配（Low-Rank Adaptation）`) for the
    abbreviations the text uses and does not define itself. `multiword`: those
    with a space (KV Cache), if the caller has them at hand."""
    own = set(_DEFINITION_RE.findall(markdown))
    if multiword is None:
        multiword = tuple(a for text, a in abbreviations.items() if " " in text)
    # The page's words looked up, not one search per abbreviation: a glossary
    # of thousands of terms has thousands of abbreviations.
    found = {word for word in _TOKEN_RE.findall(markdown) if word in abbreviations}
    found |= {a.text for a in multiword if a.text in markdown}
    used = [abbreviations[text] for text in found - own]
    if not used:
        return ""
    return "\n".join(f"*[{a.text}]: {a.title(lang)}" for a in sorted(used, key=lambda a: a.text))


@dataclass(frozen=True)
class AbbreviationState:
    """A pass's abbreviations: every one by its text, and those with a space."""

    by_text: dict[str, Abbreviation]
    multiword: tuple[Abbreviation, ...]


def load(site: Site, docs_dir: str) -> tuple[AbbreviationState, list[Problem]]:
    """The abbreviations of the term headings and docs/abbreviations.yml,
    and what is wrong with the file."""
    extra, problems = parse_abbreviations(read_data_file(docs_dir, ABBREVIATIONS_FILE))
    found, more = all_abbreviations(glossary(site), extra)
    state = AbbreviationState({a.text: a for a in found}, tuple(a for a in found if " " in a.text))
    return state, problems + more


def append_definitions(markdown: str, state: AbbreviationState, lang: str) -> str:
    """The page's Markdown with the definitions of the abbreviations it uses."""
    block = definitions(markdown, state.by_text, lang, state.multiword)
    return f"{markdown.rstrip()}\n\n{block}\n" if block else markdown




