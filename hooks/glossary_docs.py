"""Read the glossary's Markdown sources into plain data.

Not a hook (it has no events): the hook modules beside it import it. Every
function here is pure except `load_site`, which reads docs/ and caches the
result by file modification time, so that the two passes of a bilingual build
(and every rebuild of `mkdocs serve`) parse each file once.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from mkdocs.utils import get_relative_url

from files_io import SourceError, cached_read

T = TypeVar("T")

# libyaml's loader when PyYAML has it (its wheels do): the same results as
# the pure-Python one, about ten times faster. Its error messages are
# vaguer, so a text it refuses is parsed again by the pure-Python loader
# for the message (safe_yaml_node).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_yaml_node(text: str) -> tuple[object, yaml.Node | None]:
    """The data of a YAML text and its node tree (for line numbers), like
    yaml.safe_load; raises yaml.YAMLError with PyYAML's own message."""
    try:
        return _yaml_node(text, SafeLoader)
    except yaml.YAMLError:
        if SafeLoader is yaml.SafeLoader:
            raise
        return _yaml_node(text, yaml.SafeLoader)  # raises again, with the clearer message


def _yaml_node(text: str, loader_class: type) -> tuple[object, yaml.Node | None]:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# An explicit id as written in `{#lora}`; ids are people's links, so they
# stay lowercase ASCII kebab-case and start with a letter.
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ATTR_LIST_RE = re.compile(r"[ \t]*\{:?[ \t]*([^}]*)\}[ \t]*$")
_FENCE_RE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[ \t]*([\w+-]*)")
# `[[lora]]` or `[[lora|custom text]]`: a reference to a term by id.
# No `[` inside: from each `[[` the match gives up at the next `[`, so a line
# of `[[[[…` costs its length, not its length squared (it took minutes).
TERM_REF_RE = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]")
# A term's See-also line: `**相关术语**：[[a]]、[[b]]` / `**See also:** [[a]], [[b]]`.
SEE_ALSO_LABELS = {"zh": "相关术语", "en": "See also"}
SEE_ALSO_LINE_RE = re.compile(f"^\\*\\*(?:{'|'.join(SEE_ALSO_LABELS.values())})[:：]?\\*\\*[:：]?(.*)$")
_MD_LINK_RE = re.compile(r"!?\[([^\[\]]*)\]\([^)]*\)")
_MD_TARGET_RE = re.compile(r"\]\(<?([^)\s>]+)")
_HTML_HREF_RE = re.compile(r"<a\s[^<>]*?href=[\"']([^\"']*)[\"']")
_MD_MARKUP_RE = re.compile(r"[*_`]+")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_SPACE_RE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    text: str
    id: str | None


@dataclass(frozen=True)
class Fence:
    line: int  # the opening ``` line
    lang: str
    body: str
    end: int  # the closing line (the file's last line if it never closes)


@dataclass(frozen=True)
class Term:
    """A heading of level 2-4 and what follows it up to the next heading."""

    id: str
    level: int
    name: str
    line: int
    summary: str
    related: tuple[str, ...]
    related_line: int | None = None
    # The summary as written, `[[id]]` references included: previews and the
    # export name the referenced terms instead of printing their ids.
    summary_markdown: str = ""


@dataclass(frozen=True)
class FrontMatter:
    data: dict | None
    error: str | None
    error_line: int | None
    end_line: int  # the line of the closing `---` (0 when there is none)
    lines: tuple[str, ...] = ()  # the lines between the two `---`


@dataclass(frozen=True)
class DocPage:
    path: str  # relative to docs/, POSIX: "training.en.md"
    base: str  # the page without language: "training.md"
    lang: str
    front_matter: FrontMatter
    headings: tuple[Heading, ...]
    fences: tuple[Fence, ...]
    terms: tuple[Term, ...]
    term_refs: tuple[tuple[int, str], ...]  # (line, id) of every [[id]]
    html_links: tuple[tuple[int, str], ...] = ()  # (line, href) of <a href> in raw HTML
    md_links: tuple[tuple[int, str], ...] = ()  # (line, target) of [text](target)


@dataclass
class Site:
    """Every Markdown page of docs/, by path.

    Pages are not changed after loading (load_site makes a new Site when a
    file changes), so what is derived from them is computed once: the hooks
    ask for the same term maps many times per build.
    """

    pages: dict[str, DocPage] = field(default_factory=dict)
    unreadable: tuple[Problem, ...] = ()  # pages load_site could not read
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def language(self, lang: str) -> list[DocPage]:
        return [p for p in self.pages.values() if p.lang == lang]

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What `compute` derives from these pages, computed once per Site
        (each language's pass of a build asks again)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def terms(self, lang: str) -> dict[str, tuple[DocPage, Term]]:
        """Term id -> (page, term) in one language; the first wins on clashes."""
        def compute() -> dict[str, tuple[DocPage, Term]]:
            found: dict[str, tuple[DocPage, Term]] = {}
            for page in sorted(self.language(lang), key=lambda p: p.path):
                for term in page.terms:
                    found.setdefault(term.id, (page, term))
            return found

        return self.derived(("terms", lang), compute)


def split_language(path: str) -> tuple[str, str]:
    """`training.en.md` -> (`training.md`, `en`); `training.md` -> (…, `zh`)."""
    stem, dot, ext = path.rpartition(".")
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE and stem.endswith("." + lang):
            return stem[: -len(lang) - 1] + dot + ext, lang
    return path, DEFAULT_LANGUAGE


def translation_path(base: str, lang: str) -> str:
    if lang == DEFAULT_LANGUAGE:
        return base
    stem, dot, ext = base.rpartition(".")
    return f"{stem}.{lang}{dot}{ext}"


def parse_front_matter(lines: list[str]) -> FrontMatter:
    """Parse a leading `---` block strictly (MkDocs ignores broken YAML)."""
    if not lines or lines[0].rstrip() != "---":
        return FrontMatter({}, None, None, 0)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            block = "\n".join(lines[1:index])
            try:
                data = safe_yaml_node(block)[0] if block.strip() else {}
            except yaml.YAMLError as error:
                mark = getattr(error, "problem_mark", None)
                line = mark.line + 2 if mark is not None else 1
                problem = getattr(error, "problem", None) or str(error).splitlines()[0]
                return FrontMatter(None, f"front matter is not valid YAML ({problem})", line, index + 1)
            if not isinstance(data, dict):
                return FrontMatter(None, "front matter is not a mapping of keys to values", 2, index + 1)
            return FrontMatter(data, None, None, index + 1, tuple(lines[1:index]))
    return FrontMatter(None, "front matter opened with --- is never closed", 1, 0)


def parse_heading(line: str, number: int) -> Heading | None:
    match = _HEADING_RE.match(line)
    if not match:
        return None
    level, text = len(match.group(1)), match.group(2)
    attrs = _ATTR_LIST_RE.search(text)
    heading_id = None
    if attrs:
        text = text[: attrs.start()].rstrip()
        for token in attrs.group(1).split():
            if token.startswith("#"):
                heading_id = token[1:]
    return Heading(number, level, text.strip(), heading_id)


def rewrite_prose(markdown: str, rewrite) -> str:
    """`markdown` with `rewrite(line)` applied to every line outside fenced
    code (the fences and what they hold stay as they are)."""
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if fence is None:
            opened = _FENCE_RE.match(line) if ("```" in line or "~~~" in line) else None
            if opened:
                fence = opened.group(2)
            else:
                line = rewrite(line)
        elif stripped.startswith(fence) and not stripped.strip(fence[0]):
            fence = None
        out.append(line)
    return "\n".join(out)


def plain_text(markdown: str) -> str:
    """Inline Markdown to text, for names and summaries."""
    text = TERM_REF_RE.sub(lambda m: m.group(2) or m.group(1), markdown)
    text = _MD_LINK_RE.sub(lambda m: m.group(1), text)
    text = _MD_MARKUP_RE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    # A line break inside Chinese text is not a space.
    return _CJK_SPACE_RE.sub("", text)


def parse_page(path: str, source: str) -> DocPage:
    """Parse one Markdown file (its text) into headings, fences and terms."""
    base, lang = split_language(path)
    lines = source.splitlines()
    front = parse_front_matter(lines)
    headings: list[Heading] = []
    fences: list[Fence] = []
    refs: list[tuple[int, str]] = []
    html_links: list[tuple[int, str]] = []
    md_links: list[tuple[int, str]] = []
    # Paragraph lines (outside fences) by line number, for summaries.
    text_lines: list[tuple[int, str]] = []
    fence: tuple[str, str, int, list[str]] | None = None
    for index in range(front.end_line, len(lines)):
        number, line = index + 1, lines[index]
        if fence is not None:
            marker, lang_name, start, body = fence
            if line.strip().startswith(marker[0] * len(marker)) and not line.strip().strip(marker[0]):
                fences.append(Fence(start, lang_name, "\n".join(body), number))
                fence = None
            else:
                body.append(line)
            continue
        # Cheap substring tests first: this loop sees every line of the site
        # on every build, and most lines are plain prose.
        opened = _FENCE_RE.match(line) if ("```" in line or "~~~" in line) else None
        if opened:
            fence = (opened.group(2), opened.group(3).lower(), number, [])
            continue
        heading = parse_heading(line, number) if line.startswith("#") else None
        if heading:
            headings.append(heading)
            text_lines.append((number, ""))
            continue
        if "[[" in line:
            refs.extend((number, m.group(1).strip()) for m in TERM_REF_RE.finditer(line))
        if "<a" in line:
            html_links.extend((number, href) for href in _HTML_HREF_RE.findall(line))
        if "](" in line:
            md_links.extend((number, target) for target in _MD_TARGET_RE.findall(line))
        text_lines.append((number, line))
    if fence is not None:
        fences.append(Fence(fence[2], fence[1], "\n".join(fence[3]), len(lines)))
    return DocPage(path, base, lang, front, tuple(headings), tuple(fences),
                   _terms(headings, text_lines), tuple(refs), tuple(html_links), tuple(md_links))


def _terms(headings: list[Heading], text_lines: list[tuple[int, str]]) -> tuple[Term, ...]:
    terms = []
    numbers = [number for number, _ in text_lines]
    for position, heading in enumerate(headings):
        if not 2 <= heading.level <= 4 or not heading.id:
            continue
        end = headings[position + 1].line if position + 1 < len(headings) else 10**9
        section = text_lines[bisect_right(numbers, heading.line):bisect_left(numbers, end)]
        related: tuple[str, ...] = ()
        related_line = None
        for number, text in section:
            see_also = SEE_ALSO_LINE_RE.match(text.strip())
            if see_also:
                related = tuple(m.group(1).strip() for m in TERM_REF_RE.finditer(see_also.group(1)))
                related_line = number
        first = _first_paragraph(section)
        terms.append(Term(heading.id, heading.level, plain_text(heading.text), heading.line,
                          plain_text(first), related, related_line, first))
    return tuple(terms)


def _first_paragraph(section: list[tuple[int, str]]) -> str:
    paragraph: list[str] = []
    for _, text in section:
        stripped = text.strip()
        if not stripped:
            if paragraph:
                break
            continue
        if not paragraph and stripped.startswith(("$$", "|", "<", "!!!", "*[", "- ", "1. ", "**")):
            return ""
        paragraph.append(stripped)
    return " ".join(paragraph)


_sites: dict[str, Site] = {}


def load_site(docs_dir: str | Path) -> Site:
    """All pages of docs_dir; a file is re-parsed only when it changed, and
    the same Site (with what was derived from it) comes back while none did.
    A page that is not readable text is left out, with its problem in
    `unreadable`."""
    root = Path(docs_dir)
    pages: dict[str, DocPage] = {}
    unreadable: list[Problem] = []
    for file in sorted(root.rglob("*.md")):
        path = file.relative_to(root).as_posix()
        try:
            pages[path] = cached_read(file, "page", functools.partial(parse_page, path))
        except SourceError as error:
            unreadable.append(Problem(path, error.line, f"page {error.message}"))
    site = _sites.get(str(root))
    if site is None or site.pages.keys() != pages.keys() or any(
            site.pages[path] is not page for path, page in pages.items()):
        site = _sites[str(root)] = Site(pages, unreadable=tuple(unreadable))
    return site


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the docs, as the build reports it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"docs/{self.path}:{self.line}: {self.message}"


def report(log, problems: list[Problem]) -> None:
    """Log every problem as a warning (strict mode then fails the build once)."""
    for problem in sorted(set(problems)):
        log.warning(str(problem))


# --- The glossary as data: one record per term id, both languages -----------

_PAREN_RE = re.compile(r"^(.*?)\s*[（(]([^（）()]+)[）)]\s*$")


@dataclass(frozen=True)
class TermText:
    """A term in one language."""

    name: str  # the heading as written: 低秩适配（LoRA）
    short_name: str  # without the parenthesised part: 低秩适配
    aliases: tuple[str, ...]  # abbreviations and other names: ("LoRA",)
    summary: str  # the one-sentence definition
    url: str  # site-relative, with the anchor: training/#lora, en/training/#lora


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    family: str  # the family (section) the page belongs to: training
    level: int
    parent: str | None  # the h2 a sub-term (h3/h4) belongs to
    text: dict[str, TermText]
    related: tuple[str, ...]
    page: str = ""  # the page without language: training/fine-tuning.md


@cache
def split_name(name: str) -> tuple[str, tuple[str, ...]]:
    """`低秩适配（LoRA）` -> (`低秩适配`, (`LoRA`,)); `Mixture of Experts (MoE)` likewise."""
    match = _PAREN_RE.match(name)
    if not match or not match.group(1):
        return name, ()
    aliases = tuple(a.strip() for a in re.split(r"[,，、/;；]| or ", match.group(2)) if a.strip())
    return match.group(1).strip(), aliases


def i18n_plugin(config) -> Any:
    """mkdocs-static-i18n's plugin object: the state this build reads from it
    (current_language, building, default_language, all_languages,
    i18n_files_per_language) has no type information."""
    return config.plugins["i18n"]


def is_family(page: DocPage) -> bool:
    """Term pages are every page but the home page."""
    return page.base != "index.md"


def family_of(base: str) -> str:
    """The family (navigation section) of a page: its folder, `training` for
    training/fine-tuning.md and training/index.md (and training.md, a family
    of one page, as synthetic sites and old layouts have it)."""
    return base.split("/", 1)[0] if "/" in base else base[:-3]


def family_root(page_base: str) -> str:
    """The section index page of the family a page belongs to:
    training/fine-tuning.md -> training/index.md (a flat page is its own)."""
    return f"{page_base.split('/', 1)[0]}/index.md" if "/" in page_base else page_base


def family_page(bases, family: str) -> str:
    """The page of `family` among the page paths `bases`: its section index
    (training/index.md), or a flat training.md."""
    return f"{family}.md" if f"{family}.md" in bases else f"{family}/index.md"


def is_family_root(base: str) -> bool:
    """Whether a page is its family's own page (the section index)."""
    return base != "index.md" and (base.endswith("/index.md") and base.count("/") == 1 or "/" not in base)


def page_url(base: str, lang: str) -> str:
    """Site-relative URL of a page (directory URLs): training.md -> training/."""
    stem = base[:-3]
    path = "" if stem == "index" else (stem[:-6] if stem.endswith("/index") else stem) + "/"
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def link_from(page: str, target: str) -> str:
    """The URL of `target` (a docs path with an optional #id:
    training/fine-tuning.md#lora) as written on the page at docs path
    `page`. Both languages' pages mirror each other's folders, so the
    relative URL is the same in either."""
    path, _, anchor = target.partition("#")
    url = get_relative_url(page_url(path, DEFAULT_LANGUAGE), page_url(page, DEFAULT_LANGUAGE))
    return url + (f"#{anchor}" if anchor else "")


def glossary(site: Site) -> list[GlossaryTerm]:
    """Every term of the site, in page order, with its text in each language.

    A term missing from a language is left out of that language's text
    (translation_parity reports it); related ids come from the default
    language's See-also line.
    """
    return list(site.derived("glossary", lambda: tuple(_glossary(site))))


def _glossary(site: Site) -> list[GlossaryTerm]:
    by_lang = {lang: site.terms(lang) for lang in LANGUAGES}
    terms = []
    for page in sorted(site.language(DEFAULT_LANGUAGE), key=lambda p: p.path):
        if not is_family(page):
            continue
        parent = None
        for term in page.terms:
            parent = term.id if term.level == 2 else parent
            text = {}
            for lang in LANGUAGES:
                found = by_lang[lang].get(term.id)
                if found:
                    short, aliases = split_name(found[1].name)
                    text[lang] = TermText(found[1].name, short, aliases, found[1].summary,
                                          f"{page_url(page.base, lang)}#{term.id}")
            terms.append(GlossaryTerm(term.id, family_of(page.base), term.level,
                                      None if term.level == 2 else parent, text, term.related, page.base))
    return terms
