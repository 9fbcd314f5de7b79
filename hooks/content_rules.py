"""What every term entry must have, checked by the build for every term, in
both languages (README, "Add or fix a term"):

- a one-sentence definition right under its heading (the previews, short
  links and exports show it);
- a link to a primary source: a paper (arXiv, ACL Anthology, OpenReview,
  proceedings, a journal) or official documentation; a sub-term (h3, h4)
  may rely on the sources of the term above it;
- a See-also line of one to eight terms (h2 terms; term_links checks that
  each id exists, translation_parity that both languages list the same).

The family pages' introductions, the home pages and the generated pages
hold no terms and are not checked for these. Every Chinese page is checked
for stray spaces around its links (link_space_problems).
"""

from __future__ import annotations

import re

from cjk_typography import is_cjk
from glossary_docs import TERM_REF_RE, DocPage, Problem, Site, Term, is_family
from glossary_extras import read_data_file

# Papers and official documentation: where a primary source lives.
PRIMARY_SOURCE_RE = re.compile(
    r"\]\((https?://(?:arxiv\.org/abs/|doi\.org/|aclanthology\.org/|openreview\.net/|"
    r"proceedings\.|papers\.nips\.cc/|proceedings\.neurips\.cc/|openaccess\.thecvf\.com/|"
    r"www\.usenix\.org/|dl\.acm\.org/|jmlr\.org/|proceedings\.mlr\.press/|ieeexplore\.ieee\.org/|"
    r"www\.nature\.com/|www\.pnas\.org/|link\.springer\.com/|huggingface\.co/docs|"
    r"github\.com/|docs\.|platform\.openai\.com/|cdn\.openai\.com/|openai\.com/|"
    r"www\.anthropic\.com/|opensource\.org/|genai\.owasp\.org/|owasp\.org/|ai\.google\.dev/|"
    r"ai\.meta\.com/|mistral\.ai/|developers\.google\.com/|modelcontextprotocol\.io/|"
    r"a2a-protocol\.org/|transformer-circuits\.pub/|nlp\.stanford\.edu/|incompleteideas\.net/|"
    r"modelscope\.cn|www\.deeplearningbook\.org|cloud\.google\.com/)[^)\s]*)\)")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
# Characters of a definition: long enough to say something, short enough
# for a preview card.
DEFINITION_LENGTH = {"zh": (10, 220), "en": (20, 450)}
SEE_ALSO_RANGE = (1, 8)
# What scripts/new_term.py writes where the contributor's text goes: an
# entry that still holds one is not written yet.
PLACEHOLDERS = {"zh": "待补充：", "en": "to do:"}


def definition_problem(page: DocPage, term: Term) -> Problem | None:
    """The term's first paragraph is not one sentence of its page's language."""
    text = term.summary
    if PLACEHOLDERS[page.lang] in text:
        return Problem(page.path, term.line,
                       f"term '{term.id}' still has the placeholder definition of scripts/new_term.py; "
                       "write its one-sentence definition")
    low, high = DEFINITION_LENGTH[page.lang]
    if page.lang == "zh":
        ok = text.endswith("。") and text.count("。") == 1 and bool(_HAN_RE.search(text))
        shape = "one Chinese sentence ending in 。"
    else:
        ok = text.endswith(".") and not _HAN_RE.search(text)
        shape = "one English sentence ending in a full stop"
    if ok and low <= len(text) <= high:
        return None
    found = f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'" if text else "nothing"
    return Problem(page.path, term.line,
                   f"term '{term.id}' must open with a one-sentence definition ({shape}, "
                   f"{low}–{high} characters), found {found}; write the definition as the first "
                   "paragraph under the heading")


def sections(page: DocPage, source: str) -> dict[str, str]:
    """Term id -> its Markdown, from its heading to the next heading."""
    lines = source.splitlines()
    starts = sorted(h.line for h in page.headings)
    found = {}
    for term in page.terms:
        end = next((line for line in starts if line > term.line), len(lines) + 1)
        found[term.id] = "\n".join(lines[term.line:end - 1])
    return found


def source_problems(page: DocPage, source: str) -> list[Problem]:
    """Terms that link no primary source (a sub-term: nor does its parent)."""
    found = sections(page, source)
    problems = []
    parent: Term | None = None
    for term in page.terms:
        if term.level == 2:
            parent = term
        if PRIMARY_SOURCE_RE.search(found[term.id]):
            continue
        if term.level > 2 and parent is not None and PRIMARY_SOURCE_RE.search(found[parent.id]):
            continue
        problems.append(Problem(page.path, term.line,
                                f"term '{term.id}' links no primary source; add a References list with the "
                                "paper (arXiv, ACL Anthology, OpenReview, proceedings) or the official "
                                "documentation it comes from"))
    return problems


def see_also_problem(page: DocPage, term: Term) -> Problem | None:
    low, high = SEE_ALSO_RANGE
    if term.level != 2 or low <= len(term.related) <= high:
        return None
    label = "**相关术语**：[[a]]、[[b]]" if page.lang == "zh" else "**See also:** [[a]], [[b]]"
    return Problem(page.path, term.related_line or term.line,
                   f"term '{term.id}' lists {len(term.related)} related terms; give it a See-also line "
                   f"of {low} to {high} ({label})")


def check(site: Site, lang: str, docs_dir: str) -> list[Problem]:
    """Every term of the pages of `lang`."""
    problems: list[Problem] = []
    names = {term_id: term.name for term_id, (_, term) in site.terms(lang).items()}
    for page in site.language(lang):
        problems += placeholder_problems(page, read_data_file(docs_dir, page.path))
        if lang == "zh":
            problems += link_space_problems(page, read_data_file(docs_dir, page.path), names)
        if not is_family(page) or not page.terms:
            continue
        for term in page.terms:
            problems += [p for p in (definition_problem(page, term), see_also_problem(page, term)) if p]
        problems += source_problems(page, read_data_file(docs_dir, page.path))
    return problems


def placeholder_problems(page: DocPage, source: str) -> list[Problem]:
    """Lines that still hold new_term.py's or move_term.py's placeholder
    (a new page's description and introduction, a skeleton's References)."""
    marker = PLACEHOLDERS[page.lang]
    return [Problem(page.path, number, f"line still holds the placeholder '{marker}' of scripts/new_term.py "
                                       "or scripts/move_term.py; write the text")
            for number, line in enumerate(source.splitlines(), start=1) if marker in line.lower()]


# --- spaces around links in Chinese prose -----------------------------------------------

# A term reference, or a Markdown link that is not an image.
_LINK_RE = re.compile(TERM_REF_RE.pattern + r"|(?<!!)\[([^\[\]\n]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*"
                      r'(?:\s+"[^"]*")?\)')
_INLINE_CODE_RE = re.compile(r"(`+).+?\1")
_MARKUP_RE = re.compile(r"[*_`~]+")


def link_space_problems(page: DocPage, source: str, names: dict[str, str]) -> list[Problem]:
    """Spaces between Chinese text and a link or [[id]] whose text is
    Chinese on that side: "是 [[tensor-parallelism]]" reads as a gap in
    Chinese prose (between Chinese and Latin text, "使用 [[lora]]" where the
    term's name is LoRA, the space is the convention). `names` gives each
    term's name, the text of [[id]]."""
    code = {number for fence in page.fences for number in range(fence.line, fence.end + 1)}
    problems: list[Problem] = []
    for number, line in enumerate(source.splitlines(), start=1):
        if number <= page.front_matter.end_line or number in code or "[" not in line:
            continue
        # Inline code is blanked, not removed: the columns stay the same.
        text = _INLINE_CODE_RE.sub(lambda match: "`" * len(match.group(0)), line)
        for match in _LINK_RE.finditer(text):
            ref, ref_text, link_text = match.groups()
            shown = _MARKUP_RE.sub("", (ref_text or names.get(ref.strip(), "")) if ref else link_text)
            if not shown:
                continue
            before, after = text[:match.start()], text[match.end():]
            sides = (("before", before.endswith(" ") and is_cjk(before.rstrip(" ")[-1:]) and is_cjk(shown[0])),
                     ("after", after.startswith(" ") and is_cjk(after.lstrip(" ")[:1]) and is_cjk(shown[-1])))
            link = match.group(0) if len(match.group(0)) <= 40 else match.group(0)[:39] + "…"
            problems += [Problem(page.path, number,
                                 f"a space {side} the link {link} in Chinese prose; remove it (Chinese text "
                                 "and a link whose text is Chinese join without a space)")
                         for side, spaced in sides if spaced]
    return problems
