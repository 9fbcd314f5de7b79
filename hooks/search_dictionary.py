"""Every name of a term, and a jieba dictionary made of the Chinese ones.

Material segments Chinese text with jieba when it writes the search index,
and the browser then splits a reader's query along the words it finds in
that index. jieba's general dictionary cuts 低秩适配 into 低 / 秩 / 适配 and
人类反馈强化学习 into four words, so a search for the term's name finds the
characters scattered over every page instead of the term. The glossary knows
its own vocabulary: this module collects each term's names (heading, the
abbreviation in parentheses, and the variants the definition lists after
又称 or "also called"), and writes the Chinese ones as a jieba user
dictionary before the search plugin loads it (`jieba_dict_user` in
mkdocs.yml). search_index.py puts the same names in the index, to rank results.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from files_io import write_if_changed
from glossary_docs import LANGUAGES, GlossaryTerm, TermText, glossary, load_site

log = logging.getLogger("mkdocs.plugins.glossary.search_dictionary")

_HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# The list of other names right after a term's name in its definition:
# 推测解码（又称投机解码、投机采样，speculative sampling）是……
# A reward model (RM, also called a preference model) takes ……
_FIRST_PAREN_RE = re.compile(r"[（(]([^（）()]+)[）)]")
_ARTICLE_RE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
_ONE_MORE_WORD_RE = re.compile(r"^\s+[a-z]+$")
_ITEM_SPLIT_RE = re.compile(r"[，、,；;“”\"]|\s+or\s+")
_LEAD_WORDS_RE = re.compile(
    r"^(?:(?:又称|也称|亦称|又译|偶译|也常简称|常简称|简称|俗称)\s*"
    r"|(?:also called|also known as|often just|often|also|or|aka|a|an|the)(?:\s+|$))+", re.IGNORECASE)
# "Flamingo 论文中称 GATED XATTN-DENSE 层": the name is what follows 称.
_CALLED_RE = re.compile(r"^.*?[中则]称\s*")
# A parenthesis that explains rather than names: （……，是隐私泄露的一种）.
_NOT_A_NAME_RE = re.compile(r"^(?:是|指|即|如|例如|包括|e\.g\.|i\.e\.)")
_MAX_VARIANT_WORDS = 6


def han_words(text: str) -> list[str]:
    """Runs of two or more Chinese characters: what jieba should keep whole."""
    return [run for run in _HAN_RUN_RE.findall(text) if len(run) >= 2]


def names_term(before: str, name: str) -> bool:
    """Whether the text before a definition's first parenthesis is the term's
    name: `Latent diffusion model (LDM)`, `The key-value (KV) cache`, but not
    `专家并行是在混合专家（MoE）`."""
    a, b = _ARTICLE_RE.sub("", before.strip()).casefold(), name.casefold()
    return a == b or (bool(a) and b.startswith(a)) or (
        a.startswith(b) and bool(_ONE_MORE_WORD_RE.match(a[len(b):])))


def variants(summary: str, short_name: str) -> tuple[str, ...]:
    """The other names a definition gives in parentheses right after the term's name."""
    match = _FIRST_PAREN_RE.search(summary)
    if not match or not names_term(summary[:match.start()], short_name):
        return ()
    found: list[str] = []
    for item in _ITEM_SPLIT_RE.split(match.group(1)):
        item = _LEAD_WORDS_RE.sub("", _CALLED_RE.sub("", item.strip())).strip(" '‘’")
        if (item and not item.isdigit() and not _NOT_A_NAME_RE.match(item)
                and len(item.split()) <= _MAX_VARIANT_WORDS):
            found.append(item)
    return tuple(found)


def names_in(text: TermText) -> tuple[str, ...]:
    """A term's names in one language: short name, aliases, then variants."""
    ordered = [text.short_name, *text.aliases, *variants(text.summary, text.short_name)]
    seen: dict[str, str] = {}
    for name in ordered:
        seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def term_names(term: GlossaryTerm) -> dict[str, tuple[str, ...]]:
    """Language -> the term's names in that language (missing translations left out)."""
    return {lang: names_in(term.text[lang]) for lang in LANGUAGES if lang in term.text}


def dictionary_words(terms: list[GlossaryTerm]) -> list[str]:
    """Every Chinese word of every term name, sorted, each once."""
    words: set[str] = set()
    for term in terms:
        for names in term_names(term).values():
            for name in names:
                words.update(han_words(name))
    return sorted(words)


def user_dictionary(words: list[str]) -> str:
    """jieba's user-dictionary format: one word a line. Without a frequency,
    jieba computes the lowest one that still keeps the word whole, so the
    glossary's names do not distort how the rest of the text is cut."""
    return "".join(f"{word}\n" for word in words)


def dictionary_path(configured: str, config_file: str) -> Path:
    """The configured path, relative to mkdocs.yml (not to the working folder)."""
    path = Path(configured)
    return path if path.is_absolute() else Path(config_file).parent / path


def write_dictionary(config: MkDocsConfig) -> None:
    """Write the term names where the search plugin's `jieba_dict_user`
    points (relative to mkdocs.yml), before the plugin loads the file."""
    search = config.plugins.get("search") or config.plugins.get("material/search")
    configured = search.config.get("jieba_dict_user") if search is not None else None
    if not configured:
        return
    path = dictionary_path(configured, config.config_file_path)
    site = load_site(config.docs_dir)
    # mkdocs-static-i18n runs on_config again for each language.
    words = site.derived("dictionary_words", lambda: dictionary_words(glossary(site)))
    if write_if_changed(path, user_dictionary(words)):
        log.debug(f"wrote {len(words)} term names to {path}")
    search.config["jieba_dict_user"] = str(path)  # type: ignore[union-attr]  # configured: search is on


