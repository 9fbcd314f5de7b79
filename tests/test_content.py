"""The glossary's content: every inventory term is present in both
languages, opens with a one-sentence definition and cites a primary source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from glossary_docs import glossary, load_site, translation_path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = yaml.safe_load((ROOT / "tests" / "expected_terms.yml").read_text(encoding="utf-8"))
SITE = load_site(ROOT / "docs")
TERMS = {term.id: term for term in glossary(SITE)}
# Page (docs-relative, default language) -> its terms, in page order.
EXPECTED_IDS = [(page, entry["id"], entry["level"])
                for page, entries in EXPECTED.items() for entry in entries]

# Papers and official documentation: where a primary source lives.
PRIMARY_SOURCE = re.compile(
    r"\]\((https?://(?:arxiv\.org/abs/|doi\.org/|aclanthology\.org/|openreview\.net/|"
    r"proceedings\.|papers\.nips\.cc/|proceedings\.neurips\.cc/|openaccess\.thecvf\.com/|"
    r"www\.usenix\.org/|dl\.acm\.org/|jmlr\.org/|proceedings\.mlr\.press/|ieeexplore\.ieee\.org/|"
    r"www\.nature\.com/|www\.pnas\.org/|link\.springer\.com/|huggingface\.co/docs|"
    r"github\.com/|docs\.|platform\.openai\.com/|cdn\.openai\.com/|openai\.com/|"
    r"www\.anthropic\.com/|opensource\.org/|genai\.owasp\.org/|owasp\.org/|ai\.google\.dev/|"
    r"ai\.meta\.com/|mistral\.ai/|developers\.google\.com/|modelcontextprotocol\.io/|"
    r"a2a-protocol\.org/|transformer-circuits\.pub/|nlp\.stanford\.edu/|incompleteideas\.net/|"
    r"modelscope\.cn|www\.deeplearningbook\.org|cloud\.google\.com/)[^)\s]*)\)")


def sections(path: str) -> dict[str, str]:
    """Term id -> the Markdown between its heading and the next heading."""
    text = (ROOT / "docs" / path).read_text(encoding="utf-8")
    parts = re.split(r"^#{2,4} .*\{#([a-z0-9-]+)\}\s*$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


@pytest.mark.parametrize("page, term_id, level", EXPECTED_IDS,
                         ids=[t for _, t, _ in EXPECTED_IDS])
def test_inventory_term_is_present_in_both_languages(page, term_id, level):
    term = TERMS.get(term_id)
    assert term is not None, f"{term_id} is missing from docs/{page}"
    assert (term.page, term.level) == (page, level)
    assert set(term.text) == {"zh", "en"}, f"{term_id} exists in one language only"


@pytest.mark.parametrize("page, term_id, level", EXPECTED_IDS,
                         ids=[t for _, t, _ in EXPECTED_IDS])
def test_term_opens_with_a_one_sentence_definition(page, term_id, level):
    term = TERMS[term_id]
    zh, en = term.text["zh"].summary, term.text["en"].summary
    assert zh.endswith("。") and zh.count("。") == 1, f"zh summary of {term_id}: {zh!r}"
    assert re.search(r"[\u4e00-\u9fff]", zh)
    assert en.endswith(".") and not re.search(r"[\u4e00-\u9fff]", en), f"en summary: {en!r}"
    assert 20 <= len(en) <= 450 and 10 <= len(zh) <= 220


@pytest.mark.parametrize("page", list(EXPECTED))
def test_each_term_cites_a_primary_source_in_both_languages(page):
    for path in (page, translation_path(page, "en")):
        found = sections(path)
        parent = None
        for entry in EXPECTED[page]:
            term_id = entry["id"]
            parent = term_id if entry["level"] == 2 else parent
            own = PRIMARY_SOURCE.search(found[term_id])
            # A sub-term is a labelled part of its parent: the parent's
            # sources count for it when it has none of its own.
            assert own or (entry["level"] > 2 and PRIMARY_SOURCE.search(found[parent])), \
                f"docs/{path}: {term_id} links no primary source"


@pytest.mark.parametrize("page", list(EXPECTED))
def test_each_term_has_see_also_links_in_both_languages(page):
    for entry in EXPECTED[page]:
        term = TERMS[entry["id"]]
        if entry["level"] == 2:
            assert 1 <= len(term.related) <= 8, f"{term.id} has no See-also line"
            assert all(related in TERMS for related in term.related)


SEED_ERRORS = ("52B Claude", "Claude 3 52B", "指数级增长", "grows exponentially",
               "11GB", "11 GB", "√Δt", "BERT-large 压缩为 6 层")
# What says that a quoted claim is wrong, in either language.
_REFUTATION = re.compile(r"没有(?:官方)?来源|不应引用|是错误的|并不(?:正确|准确)|不准确|"
                         r"no official source|should not be quoted|"
                         r"\b(?:is|are) (?:wrong|incorrect|inaccurate|false)\b|\bnot (?:true|correct|accurate)\b")


def refutes(line: str, wrong: str) -> bool:
    """Whether `line` quotes the error `wrong` to refute it: the error inside
    quotation marks, and a phrase saying that it is wrong."""
    quoted = re.search(rf"[\"“「‘]([^\"”」’]*{re.escape(wrong)}[^\"”」’]*)[\"”」’]", line)
    return quoted is not None and _REFUTATION.search(line) is not None


@pytest.mark.parametrize("line, wrong, exempt", [
    ('Anthropic has never published parameter counts for its Claude models, so figures such as '
     '"a 52B Claude 3" have no official source and should not be quoted.', "52B Claude", True),
    ("常见的“显存需求为 11GB”的说法并不准确。", "11GB", True),
    ("The 52B Claude model is not open, and its weights are not public.", "52B Claude", False),
    ('The "52B Claude" has more layers than any other model.', "52B Claude", False),
    ("微调需要 11GB 显存，误差很小。", "11GB", False),
    ("Compute grows exponentially, which is wrong to ignore.", "grows exponentially", False),
], ids=["quoted-and-refuted", "quoted-and-refuted-zh", "plain-repeat-with-not", "quoted-not-refuted",
        "plain-repeat-zh", "refuted-but-not-quoted"])
def test_seed_error_exemption_takes_only_a_quoted_refutation(line, wrong, exempt):
    # The exemption was any line with "not ", "never", 误 (误差, error) and the
    # like: the two plain repeats above went through.
    assert refutes(line, wrong) is exempt


def test_no_page_repeats_the_seed_errors():
    """The known errors of the seed texts (../shared/term-inventory.md). A
    correction may quote an error to refute it; a plain repeat may not."""
    text = "\n".join((ROOT / "docs" / p).read_text(encoding="utf-8") for p in SITE.pages)
    for wrong in SEED_ERRORS:
        hits = [line for line in text.splitlines() if wrong in line]
        assert all(refutes(line, wrong) for line in hits), (wrong, hits[:2])


INVENTORIES = [ROOT.parent / "shared" / name for name in ("term-inventory.md", "term-inventory-v2.md")]
_INVENTORY_LINE = re.compile(r"^- `([a-z0-9-]+)` — .*?(?:h3 under `([a-z0-9-]+)`)?\s*$")


def inventory_levels() -> dict[str, tuple[int, str | None]]:
    """Id -> (level, parent) of every term of the v2 inventory (h2 unless it
    says "h3 under `parent`")."""
    found = {}
    path = INVENTORIES[1]
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _INVENTORY_LINE.match(line)
        if match:
            found[match.group(1)] = (3 if match.group(2) else 2, match.group(2))
    return found


@pytest.mark.skipif(not INVENTORIES[1].exists(), reason="../shared (the inventories) is not beside the project")
def test_expected_terms_follow_the_inventory_levels_and_parents():
    """Every inventory id that the site has is at the inventory's level,
    under the inventory's parent."""
    levels = inventory_levels()
    assert len(levels) == 211
    for term_id, (level, parent) in levels.items():
        term = TERMS.get(term_id)
        if term is None:
            continue  # not written yet: scripts/inventory_status lists it
        assert term.level == level, f"{term_id}: h{term.level} on docs/{term.page}, the inventory says h{level}"
        if parent:
            assert term.parent == parent, f"{term_id} sits under {term.parent}, the inventory says {parent}"


def test_expected_terms_list_every_term_of_the_site():
    """tests/expected_terms.yml is the content tests' list: a term the site
    has but the list lacks would escape them."""
    listed = {term_id for _, term_id, _ in EXPECTED_IDS}
    assert set(TERMS) == listed, sorted(set(TERMS) ^ listed)
