"""Unit tests of the names-first search: the matcher of
docs/assets/javascripts/search-worker.js (pure functions, run under Node on a
small names index) and the names index (hooks/search_names.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from glossary_docs import GlossaryTerm, TermText
from search_names import names_index, short_definition

ROOT = Path(__file__).resolve().parent.parent
WORKER_JS = ROOT / "docs/assets/javascripts/search-worker.js"
NODE = shutil.which("node")

# A names index as hooks/search_names.py writes it (the English site's):
# [page, id, title, own names, the other language's names, variants, definition].
NAMES = {
    "pages": [["training/", "Training"], ["architecture/", "Architecture"], ["agents/", "Agents"],
              ["reasoning/", "Reasoning"]],
    "terms": [
        [0, "lora", "Low-Rank Adaptation (LoRA)", ["Low-Rank Adaptation", "LoRA"], ["低秩适配"], [], "LoRA is…"],
        [0, "qlora", "Quantized LoRA (QLoRA)", ["Quantized LoRA", "QLoRA"], ["量化低秩适配"], [], "QLoRA…"],
        [0, "adapter", "Adapter", ["Adapter"], ["适配器"], ["适配器模块"], "An adapter…"],
        [1, "moe", "Mixture of Experts (MoE)", ["Mixture of Experts", "MoE"], ["混合专家模型"],
         ["专家混合模型"], "A MoE…"],
        [1, "moe-expert", "Expert", ["Expert"], ["专家"], [], "An expert…"],
        [2, "ai-agent", "AI Agent", ["AI Agent"], ["智能体"], [], "An agent…"],
        [2, "agentic-workflow", "Agentic Workflow", ["Agentic Workflow"], ["智能体工作流"], [], "…"],
        [2, "coding-agent", "Coding Agent", ["Coding Agent"], ["编程智能体"], [], "…"],
        [3, "chain-of-thought", "Chain-of-Thought (CoT)", ["Chain-of-Thought", "CoT"], ["思维链"], [], "…"],
        [3, "hallucination", "Hallucination", ["Hallucination"], ["幻觉"], ["AI 幻觉"], "…"],
        [1, "speculative-decoding", "Speculative Decoding", ["Speculative Decoding"], ["推测解码"],
         ["投机解码", "speculative sampling"], "…"],
        [1, "llm", "Large Language Model (LLM)", ["Large Language Model", "LLM"], ["大语言模型"],
         ["大型语言模型"], "…"],
        [3, "retrieval", "Dense Retrieval", ["Dense Retrieval"], ["稠密检索"], [], "…"],
    ],
    "popular": [3, 0],
}

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is needed (README: the two commands)")


def run_js(body: str, data: object) -> object:
    """`body` (a function body over S = GlossarySearch, names = the loaded
    NAMES and `data`) evaluated under Node; its JSON result."""
    script = (f"globalThis.self = globalThis; require({json.dumps(str(WORKER_JS))});"
              "const S = self.GlossarySearch; const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "const names = S.loadNames(input.names); const data = input.data;"
              f"process.stdout.write(JSON.stringify((() => {{ {body} }})()));")
    result = subprocess.run([NODE, "-e", script], input=json.dumps({"names": NAMES, "data": data}),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def first_results(queries: list[str]) -> dict[str, list[str]]:
    """query -> the term results of the names answer, in the order shown."""
    return run_js("""const out = {}; for (const q of data) { const a = S.answer(names, q, null);
        out[q] = [].concat(...a.items.map(g => g.filter(d => d.location.includes('#')).map(d => d.location))); }
        return out;""", queries)


@pytest.mark.parametrize("a, b, near", [
    ("halucination", "hallucination", True),  # a letter dropped
    ("hallucinnation", "hallucination", True),  # one added
    ("hallucinatian", "hallucination", True),  # one replaced
    ("retreival", "retrieval", True),  # two neighbours swapped
    ("retreivel", "retrieval", False),  # two edits
    ("大型语言模型", "大语言模型", True),
])
def test_one_edit_is_near_two_are_not(a, b, near):
    assert run_js("return S.withinOne(data[0], data[1]);", [a, b]) is near


@pytest.mark.parametrize("query, first", [
    ("LoRA", "training/#lora"),  # an abbreviation
    ("low-rank adaptation", "training/#lora"),
    ("低秩适配", "training/#lora"),  # the other language's name
    ("mixture of experts", "architecture/#moe"),  # a stop word inside the name
    ("expert", "architecture/#moe-expert"),  # the exact name before the name that contains it
    ("agent", "agents/#ai-agent"),  # a whole word before the start of one (Agentic)
    ("halucination", "reasoning/#hallucination"),
    ("speculativ decoding", "architecture/#speculative-decoding"),
    ("retreival", "reasoning/#retrieval"),
    ("投机解码", "architecture/#speculative-decoding"),  # a variant the definition lists
    ("大型语言模型", "architecture/#llm"),
    ("大语言模形", "architecture/#llm"),  # one character off
    ("lora adapter", "training/#lora"),  # no term has it all: the earlier word first
])
def test_the_term_named_comes_first(query, first):
    assert first_results([query])[query][0] == first


def test_a_whole_word_ranks_names_in_order_of_fit():
    assert first_results(["agent"])["agent"] == ["agents/#ai-agent", "agents/#coding-agent",
                                                 "agents/#agentic-workflow"]


@pytest.mark.parametrize("query", ["of", "the", "of the"])
def test_stop_words_alone_find_nothing(query):
    assert first_results([query])[query] == []
    assert run_js("return S.fullQuery(data);", query) == ""


def test_stop_words_are_left_out_of_the_full_index_query():
    assert run_js("return S.fullQuery(data);", "mixture of experts") == "mixture experts"


def test_short_words_get_no_typo_allowance():
    # "cot" is one letter from "coy" and "cat"; four letters ("lora") are
    # one from "loss", "lorm": only five letters and more are forgiven.
    assert first_results(["cat", "lorb"]) == {"cat": [], "lorb": []}


def test_no_whole_name_says_so_and_offers_the_closest():
    answer = run_js("return S.answer(names, data, null);", "lora adapter")
    assert answer["gl"]["note"] == "closest"
    exact = run_js("return S.answer(names, data, null);", "LoRA")
    assert exact["gl"]["note"] is None


def test_a_chinese_query_shares_characters_only_when_no_name_is_it():
    # 低秩适配 is a name: QLoRA contains it and is shown, the Adapter (适配)
    # only shares two characters and is not.
    assert first_results(["低秩适配"])["低秩适配"] == ["training/#lora", "training/#qlora"]
    assert "training/#adapter" in first_results(["适配方法"])["适配方法"]


def test_a_chinese_partial_match_says_which_part_it_lacks():
    # Material lists the words a result lacks under it: not the whole query.
    answer = run_js("return S.answer(names, data, null);", "适配方法")
    adapter = next(d for g in answer["items"] for d in g if d["location"] == "training/#adapter")
    assert adapter["terms"] == {"适配": True, "方法": False}


def test_the_empty_box_suggests_the_popular_terms():
    answer = run_js("return S.answer(names, '', null);", None)
    assert answer["gl"]["note"] == "popular"
    assert [d["location"] for g in answer["items"] for d in g if "#" in d["location"]] == [
        "architecture/#moe", "training/#lora"]


def test_every_group_has_its_page_and_every_named_term_is_shown():
    answer = run_js("return S.answer(names, data, null);", "lora")
    group = answer["items"][0]
    assert {d["location"] for d in group} == {"training/", "training/#lora", "training/#qlora"}
    page = next(d for d in group if d["location"] == "training/")
    assert page["score"] == 0 and page["title"] == "Training"
    # Material folds what scores below the group's best: both names stay open.
    assert [d["score"] for d in group if "#" in d["location"]] == [3, 3]
    assert group[0]["title"] == "Low-Rank Adaptation (<mark>LoRA</mark>)"
    assert group[0]["text"] == "<p>LoRA is…</p>"


FULL = {"items": [
    [{"location": "reasoning/#chain-of-thought", "title": "Chain-of-Thought", "text": "<p>…of…</p>", "score": 9,
      "terms": {"mixture": False, "experts": False}},
     {"location": "reasoning/", "title": "Reasoning", "text": "", "score": 0, "terms": {}}],
    [{"location": "training/#adapter", "title": "Adapter", "text": "<p>lora <mark>adapter</mark></p>",
      "score": 8, "terms": {"mixture": False, "experts": True}},
     {"location": "training/", "title": "Training", "text": "", "score": 0, "terms": {}}],
    [{"location": "architecture/#moe", "title": "Mixture of Experts", "text": "<p><mark>MoE</mark> …</p>",
      "score": 1, "terms": {"mixture": True, "experts": True}},
     {"location": "architecture/#gating", "title": "Gating", "text": "<p>mixture experts</p>", "score": 5,
      "terms": {"mixture": True, "experts": True}}],
], "suggest": ["experts"]}


def test_the_full_index_answer_merges_names_first_then_all_words_then_part():
    answer = run_js("return S.answer(names, 'mixture of experts', data);", FULL)
    order = [d["location"] for g in answer["items"] for d in g if "#" in d["location"]]
    # The term named first (with the full index's text), then what holds
    # every word, then part; what holds none (Chain-of-Thought, by "of")
    # is dropped.
    assert order[:2] == ["architecture/#moe", "architecture/#gating"]
    assert "training/#adapter" in order and "reasoning/#chain-of-thought" not in order
    moe = answer["items"][0][0]
    assert moe["text"] == "<p><mark>MoE</mark> …</p>"
    assert answer["gl"] == {"state": "full", "query": "mixture of experts", "note": None}
    assert answer["suggest"] == ["experts"]


# --- hooks/search_names.py ----------------------------------------------------------

def _term(term_id: str, zh: tuple, en: tuple) -> GlossaryTerm:
    return GlossaryTerm(term_id, "training", 2, None, {
        "zh": TermText(*zh), "en": TermText(*en)}, ())


LORA = _term("lora", ("低秩适配（LoRA）", "低秩适配", ("LoRA",), "低秩适配（Low-Rank Adaptation，LoRA，又称低秩适应）是冻结预训练权重的方法。",
                      "training/#lora"),
             ("Low-Rank Adaptation (LoRA)", "Low-Rank Adaptation", ("LoRA",),
              "Low-Rank Adaptation (LoRA) is a method that trains $r \\ll d$ parameters.", "en/training/#lora"))


class _Site:
    """What names_index reads of a Site: each language's pages."""

    def __init__(self, pages):
        self.pages = pages

    def language(self, lang):
        return [p for p in self.pages if p.lang == lang]


class _Page:
    def __init__(self, base, lang, title, refs=()):
        from glossary_docs import FrontMatter

        self.base, self.lang, self.headings = base, lang, ()
        self.front_matter = FrontMatter({"title": title}, None, None, 0)
        self.term_refs = tuple((1, r) for r in refs)


def test_names_index_lists_every_name_in_both_languages():
    site = _Site([_Page("training/index.md", "zh", "训练", ["lora"]), _Page("training/index.md", "en", "Training")])
    zh = names_index(site, [LORA], "zh")
    assert zh["pages"] == [["training/", "训练"]]
    # Each name once: the other language's LoRA, and the variant that is its
    # English name, are there already.
    assert zh["terms"] == [[0, "lora", "低秩适配（LoRA）", ["低秩适配", "LoRA"], ["Low-Rank Adaptation"],
                            ["低秩适应"], "低秩适配是冻结预训练权重的方法。"]]
    assert zh["popular"] == [0]
    en = names_index(site, [LORA], "en")
    assert en["pages"] == [["training/", "Training"]]  # relative to en/
    assert en["terms"][0][2] == "Low-Rank Adaptation (LoRA)"
    # The names after the term's name are in the title; formulas read as text.
    assert en["terms"][0][6] == "Low-Rank Adaptation is a method that trains r ≪ d parameters."


@pytest.mark.parametrize("lang, summary, expected", [
    ("zh", "短的定义。", "短的定义。"),
    ("zh", "甲" * 30 + "，" + "乙" * 40 + "。", "甲" * 30 + "…"),  # cut after the clause
    ("en", "word " * 40, ("word " * 20).strip() + "…"),  # 100 characters
])
def test_a_definition_is_cut_after_a_clause_or_word(lang, summary, expected):
    assert short_definition(summary, lang) == expected


@pytest.mark.parametrize("lang, summary, name, expected", [
    ("zh", "推测解码（又称投机解码）是一种加速方法。", "推测解码", "推测解码是一种加速方法。"),
    ("en", "A reward model (RM) takes a prompt.", "Reward Model", "A reward model takes a prompt."),
    ("zh", "专家并行是在混合专家（MoE）模型中。", "专家并行", "专家并行是在混合专家（MoE）模型中。"),  # not its names
])
def test_a_definition_leaves_out_the_names_its_title_shows(lang, summary, name, expected):
    assert short_definition(summary, lang, name) == expected
