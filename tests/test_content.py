"""The glossary's content: the rules every entry meets, every term in both
languages and in the lock, the inventories' levels, and no seed error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import written_terms
from content_rules import check as check_content
from content_rules import definition_problem, see_also_problem, source_problems
from glossary_docs import glossary, load_site, parse_page
from published_ids import parse_lock

ROOT = Path(__file__).resolve().parent.parent
SITE = load_site(ROOT / "docs")
TERMS = {term.id: term for term in glossary(SITE)}
WRITTEN = written_terms()


# --- the rules every entry meets (hooks/content_rules.py; the build applies
# them to every term, the fault tests to a broken fixture) ---------------------

def entry(body: str, lang: str = "zh", level: int = 2):
    path = "training/index.md" if lang == "zh" else "training/index.en.md"
    source = f"---\ntitle: T\ndescription: D\n---\n\n{'#' * level} 名称 {{#term}}\n\n{body}\n"
    return parse_page(path, source), source


@pytest.mark.parametrize("body, lang, expected", [
    ("低秩适配是一种方法。还有第二句。", "zh", "docs/training/index.md:6: term 'term' must open with a one-sentence "
     "definition (one Chinese sentence ending in 。, 10–220 characters), found '低秩适配是一种方法。还有第二句。'; "
     "write the definition as the first paragraph under the heading"),
    ("LoRA is a method", "en", "docs/training/index.en.md:6: term 'term' must open with a one-sentence definition "
     "(one English sentence ending in a full stop, 20–450 characters), found 'LoRA is a method'"),
    ("低秩适配（LoRA）是一种方法。", "en", "found '低秩适配（LoRA）是一种方法。'"),
    ("短。", "zh", "found '短。'"),
    ("名称是……（待补充：一句话定义）。", "zh", "docs/training/index.md:6: term 'term' still has the placeholder "
     "definition of scripts/new_term.py; write its one-sentence definition"),
    ("Name is … (to do: a one-sentence definition).", "en", "still has the placeholder definition"),
], ids=["two-sentences", "no-full-stop", "chinese-in-english", "too-short", "placeholder-zh", "placeholder-en"])
def test_a_term_opens_with_a_one_sentence_definition(body, lang, expected):
    page, _ = entry(body, lang)
    problem = definition_problem(page, page.terms[0])
    assert problem is not None and expected in str(problem), problem


def test_a_term_links_a_primary_source_or_its_parent_does():
    body = "低秩适配是一种参数高效的微调方法，名字够长了。\n\n**参考文献**：\n\n- 一本书\n"
    page, source = entry(body)
    assert [str(p) for p in source_problems(page, source)] == [
        "docs/training/index.md:6: term 'term' links no primary source; add a References list with the paper "
        "(arXiv, ACL Anthology, OpenReview, proceedings) or the official documentation it comes from"]
    cited = body.replace("- 一本书", "- [LoRA](https://arxiv.org/abs/2106.09685)")
    page, source = entry(cited + "\n### 子术语 {#sub}\n\n子术语是上面术语的一部分，够长。\n")
    assert source_problems(page, source) == []  # the sub-term relies on its parent's source


@pytest.mark.parametrize("see_also, expected", [
    ("", "docs/training/index.md:6: term 'term' lists 0 related terms; give it a See-also line of 1 to 8 "
     "(**相关术语**：[[a]]、[[b]])"),
    ("**相关术语**：" + "、".join(f"[[t{i}]]" for i in range(9)), "docs/training/index.md:10: term 'term' lists 9"),
], ids=["none", "nine"])
def test_a_term_has_a_see_also_line_of_one_to_eight(see_also, expected):
    page, _ = entry(f"低秩适配是一种参数高效的微调方法。\n\n{see_also}")
    problem = see_also_problem(page, page.terms[0])
    assert problem is not None and str(problem).startswith(expected), problem


def test_the_real_docs_meet_the_content_rules():
    assert [str(p) for lang in ("zh", "en") for p in check_content(SITE, lang, str(ROOT / "docs"))] == []


def test_every_term_is_written_in_both_languages_and_published():
    """The site's terms are the headings of its Markdown (read without
    hooks/), each in both languages, each id in the lock."""
    written = {term_id for terms in WRITTEN.values() for term_id, _ in terms}
    assert set(TERMS) == written, sorted(set(TERMS) ^ written)
    assert all(set(term.text) == {"zh", "en"} for term in TERMS.values())
    lock, problems = parse_lock((ROOT / "docs" / "published-ids.yml").read_text(encoding="utf-8"))
    assert problems == [] and written <= set(lock), sorted(written - set(lock))


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
def test_terms_follow_the_inventory_levels_and_parents():
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
