"""`/glossary.json`: every term of the site, both languages, as data.

Tools, slides and other sites reuse the glossary without scraping it. The file
is written from docs/ on every build (never kept by hand), once, by the
default-language pass: it describes both languages.

Shape:
`{"terms": [{"id", "family", "zh": {"name", "aliases", "summary", "url"},
"en": {…}, "related": [ids]}]}`, urls site-relative with the anchor.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from glossary_docs import LANGUAGES, TERM_REF_RE, GlossaryTerm, Problem, Site, glossary, plain_text

log = logging.getLogger("mkdocs.plugins.glossary.glossary_export")

EXPORT_PATH = "glossary.json"

# `$r=8$` in a summary: previews, cards and the export show the formula as text.
_INLINE_MATH_RE = re.compile(r"(?<![\\$])\$([^$\n]+)\$")
_GREEK = dict(zip("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
                  "upsilon phi chi psi omega".split(), "αβγδεζηθικλμνξπρστυφχψω", strict=True))
_SYMBOLS = {"mid": " | ", "cdot": "·", "times": "×", "le": "≤", "ge": "≥", "approx": "≈", "top": "ᵀ"}
# Latin-1's superscripts only: every font has them (most lack ₜ or ⁹).
_SUPERSCRIPTS = {"1": "¹", "2": "²", "3": "³"}
_SCRIPT_RE = re.compile(r"([_^])(?:\{([^{}]*)\}|(\S))")


def math_text(latex: str) -> str:
    """An inline formula as text: `q_\\phi(z\\mid x)` -> `q_φ(z | x)`,
    `O(n^2)` -> `O(n²)`; other sub- and superscripts keep their mark
    (`x_t`, `x_(t-1)`)."""
    text = re.sub(r"\\([A-Za-z]+)", lambda m: _GREEK.get(m.group(1), _SYMBOLS.get(m.group(1), m.group(1))), latex)

    def script(match: re.Match) -> str:
        mark, body = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
        if mark == "^" and body and all(c in _SUPERSCRIPTS for c in body):
            return "".join(_SUPERSCRIPTS[c] for c in body)
        return mark + (body if len(body) == 1 else f"({body})")

    return re.sub(r" +", " ", _SCRIPT_RE.sub(script, text)).strip()


def readable_summary(markdown: str, names: dict[str, str]) -> str:
    """A summary as plain text, each `[[id]]` written as the term's name
    (as the page shows it), not as its id, and each formula as text."""
    def name(match: re.Match) -> str:
        ref, text = match.group(1).strip(), match.group(2)
        return text.strip() if text else names.get(ref, ref)

    # The formulas wait outside while the Markdown goes: an `_` in them is no emphasis.
    named = TERM_REF_RE.sub(name, markdown)
    formulas = [math_text(found) for found in _INLINE_MATH_RE.findall(named)]
    text = plain_text(_INLINE_MATH_RE.sub("\x00", named))
    return re.sub("\x00", lambda _: formulas.pop(0), text)


def readable_glossary(site: Site) -> list[GlossaryTerm]:
    """`glossary(site)`, with summaries that name the terms they refer to
    (the export and the short-link pages of each language ask)."""
    return list(site.derived("readable_glossary", lambda: tuple(_readable_glossary(site))))


def _readable_glossary(site: Site) -> list[GlossaryTerm]:
    terms = glossary(site)
    for lang in LANGUAGES:
        found = site.terms(lang)
        names = {term_id: term.name for term_id, (_, term) in found.items()}
        for index, term in enumerate(terms):
            if lang in term.text and term.id in found:
                source = found[term.id][1].summary_markdown
                text = replace(term.text[lang], summary=readable_summary(source, names))
                terms[index] = replace(term, text={**term.text, lang: text})
    return terms


def export_record(term: GlossaryTerm) -> dict:
    record: dict = {"id": term.id, "family": term.family}
    for lang in LANGUAGES:
        if lang in term.text:  # a missing translation is reported by translation_parity
            text = term.text[lang]
            record[lang] = {"name": text.name, "aliases": list(text.aliases),
                            "summary": text.summary, "url": text.url}
    record["related"] = list(term.related)
    return record


def glossary_json(terms: list[GlossaryTerm]) -> str:
    """The export, in page order; indented so that a diff of two builds reads."""
    data = {"terms": [export_record(term) for term in terms]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def add_export(files: Files, config: MkDocsConfig, site: Site) -> list[Problem]:
    """/glossary.json added to `files`; a hand-kept copy in docs/ is a problem."""
    problems = []
    hand_kept = files.get_file_from_path(EXPORT_PATH)
    if hand_kept is not None:
        problems.append(Problem(hand_kept.src_uri, 1, f"{EXPORT_PATH} is written by the build "
                                                      "(hooks/glossary_export.py) from the term "
                                                      "headings; delete this file"))
        files.remove(hand_kept)
    files.append(File.generated(config, EXPORT_PATH, content=glossary_json(readable_glossary(site))))
    return problems
