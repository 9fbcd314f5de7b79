"""Tags, abbreviations and the bilingual term table, as plain data.

Not a hook (it has no events): the navigation and export hooks import it.
The term pages stay the source of truth (names, summaries, See-also ids come
from `glossary_docs.glossary`); two small files beside them hold what a page
cannot say about itself:

- `docs/tags.yml`: tags that group terms across families, with a label in
  each language. Every family page is a tag of its own (its terms carry it
  without being listed); an entry with the family's name gives it a short
  label and may add terms of other families.
- `docs/abbreviations.yml`: abbreviations that are not the name of a term
  (KV, LLM, GPU ...). Those of terms (LoRA, RLHF, MoE ...) come from the
  headings: `低秩适配（LoRA）` / `Low-Rank Adaptation (LoRA)`.

Both are excluded from the site (`exclude_docs` in mkdocs.yml) and read with
their line numbers, so that a mistake is reported as `docs/tags.yml:12: ...`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

from files_io import SourceError, read_text
from glossary_docs import (
    DEFAULT_LANGUAGE,
    ID_RE,
    LANGUAGES,
    GlossaryTerm,
    Problem,
    Site,
    family_of,
    glossary,
    is_family_root,
    safe_yaml_node,
)

TAGS_FILE = "tags.yml"
ABBREVIATIONS_FILE = "abbreviations.yml"

# An abbreviation as written in a heading: mostly capitals, no spaces
# (LoRA, MoE, GSM8K, GPT-4V), optionally followed by one word (KV Cache).
_ABBR_TOKEN_RE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")


# --- Tags --------------------------------------------------------------------

@dataclass(frozen=True)
class Tag:
    id: str
    label: dict[str, str]  # language -> label: {"zh": "训练", "en": "Training"}
    terms: tuple[str, ...]  # term ids listed in tags.yml (a family's own terms are implied)
    family: bool  # a family page's tag
    line: int = 0  # where tags.yml defines it (0: a family without an entry)


def _line_numbers(root: yaml.Node | None) -> dict[tuple[str, ...], int]:
    """Line of every mapping key and sequence item, by its path of keys and
    indexes (("training", "terms", "0") for the first item under it)."""
    lines: dict[tuple[str, ...], int] = {}

    def walk(node, path: tuple[str, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines.setdefault((*path, str(key.value)), key.start_mark.line + 1)
                walk(value, (*path, str(key.value)))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, str(index))] = item.start_mark.line + 1

    walk(root, ())
    return lines


def _load_yaml(text: str, path: str) -> tuple[dict, dict[tuple[str, ...], int], list[Problem]]:
    """The data of a YAML file, the line of each key, and what is wrong with
    it; one parse (the node tree gives both the data and the lines). The
    problems are a new list on every call: callers add their own to it."""
    data, lines, problems = _parsed_yaml(text, path)
    return data, lines, list(problems)


# Several stages read the same file in each language pass: parsed once.
# What comes back is only read (the problems are copied by _load_yaml: a
# cached list that callers appended to leaked one build's problems into the
# next in the same process, as in `mkdocs serve`).
@lru_cache(maxsize=16)
def _parsed_yaml(text: str, path: str) -> tuple[dict, dict[tuple[str, ...], int], tuple[Problem, ...]]:
    try:
        data, root = safe_yaml_node(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, {}, (Problem(path, mark.line + 1 if mark else 1,
                                f"not valid YAML ({getattr(error, 'problem', None) or error}); "
                                "fix the syntax"),)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, {}, (Problem(path, 1, "must be a mapping of keys to entries; see the comment "
                                         "at the top of the file"),)
    return data, _line_numbers(root), ()


def parse_tags(text: str, families: dict[str, dict[str, str]], term_ids: set[str],
               path: str = TAGS_FILE) -> tuple[list[Tag], list[Problem]]:
    """Tags from the text of tags.yml; `families` maps each family to its page
    titles (the default labels of family tags). Family tags come first, in
    `families` order, then the others in file order."""
    data, lines, problems = _load_yaml(text, path)
    tags: dict[str, Tag] = {}
    for tag_id, entry in data.items():
        tag_id = str(tag_id)
        line = lines.get((tag_id,), 1)
        if not ID_RE.match(tag_id):
            problems.append(Problem(path, line, f"tag '{tag_id}' is not lowercase ASCII kebab-case; "
                                                "rename it (it is the tag's anchor on the tags page)"))
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(path, line, f"tag '{tag_id}' must be a mapping with zh:, en: "
                                                "and terms:"))
            continue
        unknown = sorted(set(map(str, entry)) - {"zh", "en", "terms"})
        if unknown:
            problems.append(Problem(path, line, f"tag '{tag_id}' has unknown key(s) "
                                                f"{', '.join(unknown)}; use zh, en and terms"))
        family = tag_id in families
        label = {}
        for lang in LANGUAGES:
            value = entry.get(lang)
            if isinstance(value, str) and value.strip():
                label[lang] = value.strip()
            elif family:
                label[lang] = families[tag_id][lang]
            else:
                problems.append(Problem(path, line, f"tag '{tag_id}' has no {lang} label; add "
                                                    f"'{lang}: …' (both languages show tags)"))
                label[lang] = tag_id
        listed = entry.get("terms") or []
        if not isinstance(listed, list):
            problems.append(Problem(path, lines.get((tag_id, "terms"), line),
                                    f"terms of tag '{tag_id}' must be a list of term ids"))
            listed = []
        seen: list[str] = []
        for index, term_id in enumerate(map(str, listed)):
            item_line = lines.get((tag_id, "terms", str(index)), line)
            if term_id not in term_ids:
                problems.append(Problem(path, item_line, f"tag '{tag_id}' lists '{term_id}', which "
                                                         "is no term id; use the id of a heading"))
            elif term_id in seen:
                problems.append(Problem(path, item_line, f"tag '{tag_id}' lists '{term_id}' twice; "
                                                         "remove one"))
            else:
                seen.append(term_id)
        tags[tag_id] = Tag(tag_id, label, tuple(seen), family, line)
    ordered = [tags.get(f) or Tag(f, dict(titles), (), True) for f, titles in families.items()]
    ordered += [tag for tag in tags.values() if not tag.family]
    return ordered, problems


def nav_families(nav, families: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Families in the order of mkdocs.yml's nav (the reading order), others after."""
    order: list[str] = []

    def walk(items) -> None:
        for item in items or []:
            values = item.values() if isinstance(item, dict) else [item]
            for value in values:
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str) and value.endswith(".md") and is_family_root(value) \
                        and family_of(value) in families and family_of(value) not in order:
                    order.append(family_of(value))

    walk(nav)
    order += [f for f in families if f not in order]
    return {f: families[f] for f in order}


def nav_pages(nav) -> list[str]:
    """Every Markdown page of mkdocs.yml's nav, in reading order."""
    order: list[str] = []

    def walk(items) -> None:
        for item in items or []:
            for value in (item.values() if isinstance(item, dict) else [item]):
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str) and value.endswith(".md") and value not in order:
                    order.append(value)

    walk(nav)
    return order


def family_titles(site: Site) -> dict[str, dict[str, str]]:
    """Family -> language -> the title of its own (section index) page, in
    page order."""
    titles: dict[str, dict[str, str]] = {}
    for page in sorted(site.pages.values(), key=lambda p: p.base):
        if not is_family_root(page.base) or not page.base.endswith(".md"):
            continue
        family = family_of(page.base)
        title = (page.front_matter.data or {}).get("title")
        titles.setdefault(family, {})[page.lang] = title if isinstance(title, str) else family
    for family, by_lang in titles.items():
        for lang in LANGUAGES:
            by_lang.setdefault(lang, by_lang.get(DEFAULT_LANGUAGE, family))
    return titles


def site_tags(site: Site, docs_dir: str | Path, nav) -> tuple[list[Tag], list[Problem]]:
    """docs/tags.yml, read once per build for every stage that shows tags,
    with the family tags in the nav's reading order."""
    text = read_data_file(docs_dir, TAGS_FILE)
    families = nav_families(nav, family_titles(site))
    return site.derived(("tags", text, repr(nav)),
                        lambda: parse_tags(text, families, {t.id for t in glossary(site)}))


def term_tags(terms: list[GlossaryTerm], tags: list[Tag]) -> dict[str, tuple[str, ...]]:
    """Term id -> its tag ids: its family first, then the others in tag order."""
    result: dict[str, list[str]] = {term.id: [term.family] for term in terms}
    for tag in tags:
        for term_id in tag.terms:
            if term_id in result and tag.id not in result[term_id]:
                result[term_id].append(tag.id)
    return {term_id: tuple(ids) for term_id, ids in result.items()}


# --- Abbreviations ------------------------------------------------------------

@dataclass(frozen=True)
class Abbreviation:
    text: str  # as written in running text: LoRA
    expansion: dict[str, str]  # language -> full name: {"zh": "低秩适配", "en": "Low-Rank Adaptation"}
    term: str | None  # the term it names, if any
    line: int = 0  # where abbreviations.yml defines it

    def title(self, lang: str) -> str:
        """The tooltip: the full name; in Chinese, with the English one too."""
        own, english = self.expansion[lang], self.expansion["en"]
        if lang == "en" or own == english:
            return own
        return f"{own}（{english}）"


@cache  # asked for every name of every term, by several hooks
def is_abbreviation(name: str) -> bool:
    """`LoRA`, `MoE`, `GSM8K`, `KV Cache` are; `Transformer`, `HellaSwag`,
    `PagedAttention`, `Stable Diffusion` are not."""
    words = name.split()
    if not 1 <= len(words) <= 2 or not _ABBR_TOKEN_RE.match(words[0]):
        return False
    letters = [c for c in words[0] if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals < 2 or capitals * 2 < len(letters):
        return False
    return len(words) == 1 or words[1][:1].isupper()


def term_abbreviation(term: GlossaryTerm) -> Abbreviation | None:
    """The abbreviation a term's headings give, with its expansion in each
    language: `低秩适配（LoRA）` + `Low-Rank Adaptation (LoRA)`, or
    `MMLU（大规模多任务语言理解）` + `MMLU (Massive Multitask …)`."""
    if set(term.text) != set(LANGUAGES):
        return None
    abbreviation = None
    for lang in ("en", *[x for x in LANGUAGES if x != "en"]):
        text = term.text[lang]
        for name in (text.short_name, *text.aliases):
            if is_abbreviation(name):
                abbreviation = abbreviation or name
    if abbreviation is None:
        return None
    expansion = {}
    for lang in LANGUAGES:
        text = term.text[lang]
        names = [n for n in (text.short_name, *text.aliases) if n != abbreviation and not is_abbreviation(n)]
        if not names:
            return None
        expansion[lang] = names[0]
    return Abbreviation(abbreviation, expansion, term.id)


def parse_abbreviations(text: str, path: str = ABBREVIATIONS_FILE) -> tuple[list[Abbreviation], list[Problem]]:
    """Abbreviations from the text of abbreviations.yml (`KV: {zh: 键值, en: Key-Value}`)."""
    data, lines, problems = _load_yaml(text, path)
    found = []
    for key, entry in data.items():
        key = str(key)
        line = lines.get((key,), 1)
        if not key.strip() or "\n" in key:
            problems.append(Problem(path, line, f"abbreviation '{key}' is empty or spans lines"))
            continue
        if not isinstance(entry, dict) or any(not isinstance(entry.get(lang), str) or
                                              not entry[lang].strip() for lang in LANGUAGES):
            problems.append(Problem(path, line, f"abbreviation '{key}' needs a full name in each "
                                                f"language: {key}: {{zh: …, en: …}}"))
            continue
        found.append(Abbreviation(key, {lang: entry[lang].strip() for lang in LANGUAGES}, None, line))
    return found, problems


def all_abbreviations(terms: list[GlossaryTerm], extra: list[Abbreviation],
                      path: str = ABBREVIATIONS_FILE) -> tuple[list[Abbreviation], list[Problem]]:
    """Those of the terms, then those of abbreviations.yml; a term's heading
    wins, and a file entry that repeats one is reported (it would go stale)."""
    found: dict[str, Abbreviation] = {}
    problems = []
    for term in terms:
        abbreviation = term_abbreviation(term)
        if abbreviation and abbreviation.text not in found:
            found[abbreviation.text] = abbreviation
    for abbreviation in extra:
        if abbreviation.text in found:
            owner = found[abbreviation.text]
            where = f"the heading of term '{owner.term}'" if owner.term else "an earlier entry"
            problems.append(Problem(path, abbreviation.line,
                                    f"abbreviation '{abbreviation.text}' is already defined by {where}; "
                                    "remove this entry"))
            continue
        found[abbreviation.text] = abbreviation
    return list(found.values()), problems


# --- The bilingual term table --------------------------------------------------

TABLE_COLUMNS = ("id", "zh", "en", "abbreviation", "family", "tags", "zh_url", "en_url",
                 "zh_summary", "en_summary")


@dataclass(frozen=True)
class TermRow:
    """One term, as the term table, the TSV/CSV downloads and llms.txt give it."""

    id: str
    zh: str
    en: str
    abbreviation: str
    family: str
    tags: tuple[str, ...]
    zh_url: str  # site-relative: training/#lora
    en_url: str
    zh_summary: str
    en_summary: str
    page: str = ""  # the page without language: training/fine-tuning.md (not a column)

    def values(self, site_url: str = "") -> list[str]:
        """Column values, URLs made absolute with site_url."""
        return [self.id, self.zh, self.en, self.abbreviation, self.family, ",".join(self.tags),
                site_url + self.zh_url, site_url + self.en_url, self.zh_summary, self.en_summary]


def term_rows(terms: list[GlossaryTerm], tags: dict[str, tuple[str, ...]]) -> list[TermRow]:
    """Every term present in both languages, in page order. Names are without
    the abbreviation, which has its own column."""
    rows = []
    for term in terms:
        if set(term.text) != set(LANGUAGES):
            continue  # translation_parity reports it
        abbreviation = term_abbreviation(term)
        zh, en = term.text["zh"], term.text["en"]
        names = abbreviation.expansion if abbreviation else {"zh": zh.short_name, "en": en.short_name}
        rows.append(TermRow(term.id, names["zh"], names["en"], abbreviation.text if abbreviation else "",
                            term.family, tags.get(term.id, (term.family,)), zh.url, en.url,
                            zh.summary, en.summary, term.page))
    return rows


# --- Loading, cached by modification time ---------------------------------------

DATA_FILES = (TAGS_FILE, ABBREVIATIONS_FILE, "published-ids.yml")


def unreadable_data_files(docs_dir: str | Path) -> list[Problem]:
    """The data files of docs/ that are not text the build can read."""
    problems = []
    for name in DATA_FILES:
        try:
            read_data_file(docs_dir, name)
        except SourceError as error:
            problems.append(Problem(name, error.line, f"file {error.message}"))
    return problems


def read_data_file(docs_dir: str | Path, name: str) -> str:
    """The text of docs/<name> ('' when it does not exist), re-read only when it changed."""
    file = Path(docs_dir) / name
    return read_text(file) if file.is_file() else ""
