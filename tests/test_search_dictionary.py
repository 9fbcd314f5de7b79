"""Unit tests of hooks/search_dictionary.py: the names of a term and the jieba
user dictionary made of the Chinese ones."""

from __future__ import annotations

from pathlib import Path

import jieba
import pytest

from glossary_docs import GlossaryTerm, TermText, glossary, load_site
from search_dictionary import (
    dictionary_path,
    dictionary_words,
    han_words,
    names_in,
    names_term,
    term_names,
    user_dictionary,
    variants,
)

ROOT = Path(__file__).resolve().parent.parent


def text(name: str, short: str, aliases: tuple[str, ...], summary: str) -> TermText:
    return TermText(name, short, aliases, summary, "inference/#x")


def term(zh: TermText, en: TermText, term_id: str = "x") -> GlossaryTerm:
    return GlossaryTerm(term_id, "inference", 2, None, {"zh": zh, "en": en}, ())


SPECULATIVE = term(
    text("推测解码（Speculative Decoding）", "推测解码", ("Speculative Decoding",),
         "推测解码（又称投机解码、投机采样，speculative sampling）是一种自回归加速方法。"),
    text("Speculative Decoding", "Speculative Decoding", (),
         "Speculative decoding (also called speculative sampling) speeds up generation."))


@pytest.mark.parametrize("summary, short, expected", [
    ("推测解码（又称投机解码、投机采样，speculative sampling）是……", "推测解码",
     ("投机解码", "投机采样", "speculative sampling")),
    ("人类反馈强化学习（Reinforcement Learning from Human Feedback，RLHF，又称基于人类反馈的强化学习）是……",
     "人类反馈强化学习", ("Reinforcement Learning from Human Feedback", "RLHF", "基于人类反馈的强化学习")),
    ("词元（token，又译“令牌”“标记”）是……", "词元", ("token", "令牌", "标记")),
    ("价值对齐（Value Alignment，也常简称 AI 对齐）是……", "价值对齐", ("Value Alignment", "AI 对齐")),
    ("A reward model (RM, also called a preference model) takes……", "Reward Model",
     ("RM", "preference model")),
    ("The key-value (KV) cache keeps……", "Key-Value Cache", ("KV",)),
    ("A latent diffusion model (LDM) is……", "Latent Diffusion", ("LDM",)),
    ('Value alignment (often just "AI alignment") is……', "Value Alignment", ("AI alignment",)),
    ("Reward hacking (also called reward gaming or reward over-optimization) is……", "Reward Hacking",
     ("reward gaming", "reward over-optimization")),
    ("门控交叉注意力（gated cross-attention，Flamingo 论文中称 GATED XATTN-DENSE 层）是……", "门控交叉注意力",
     ("gated cross-attention", "GATED XATTN-DENSE 层")),
], ids=["又称", "name-abbreviation-又称", "又译-quotes", "也常简称", "also-called", "inside-the-name",
        "name-plus-one-word", "often-just", "or", "中称"])
def test_variants_are_the_names_in_the_parenthesis_after_the_name(summary, short, expected):
    assert variants(summary, short) == expected


@pytest.mark.parametrize("summary, short", [
    ("专家并行是在混合专家（MoE）模型中把不同专家放到不同设备上。", "专家并行"),
    ("稀疏激活指模型对每个输入只调用一小部分参数（约 10%）。", "稀疏激活"),
    ("Model selection is the process (see below) of choosing.", "Model Selection"),
], ids=["later-parenthesis", "no-names", "explanation"])
def test_a_parenthesis_that_does_not_follow_the_name_names_nothing(summary, short):
    assert variants(summary, short) == ()


def test_an_explanation_in_the_parenthesis_is_not_a_name():
    assert variants("训练数据提取（training-data extraction，又称训练数据提取攻击，是隐私泄露的一种）是……",
                    "训练数据提取") == ("training-data extraction", "训练数据提取攻击")


@pytest.mark.parametrize("before, name, expected", [
    ("推测解码", "推测解码", True),
    ("The key-value", "Key-Value Cache", True),
    ("A latent diffusion model", "Latent Diffusion", True),
    ("专家并行是在混合专家", "专家并行", False),
    ("Latent diffusion model is a", "Latent Diffusion", False),
])
def test_names_term(before, name, expected):
    assert names_term(before, name) is expected


def test_names_in_a_language_come_heading_first_each_once():
    assert names_in(SPECULATIVE.text["zh"]) == ("推测解码", "Speculative Decoding", "投机解码", "投机采样",
                                                "speculative sampling")
    assert term_names(SPECULATIVE)["en"] == ("Speculative Decoding", "speculative sampling")


def test_han_words_are_the_chinese_runs_of_two_or_more_characters():
    assert han_words("CNN 与 Transformer 混合架构") == ["混合架构"]
    assert han_words("KV 缓存压缩") == ["缓存压缩"]
    assert han_words("LoRA") == []


def test_dictionary_words_are_the_chinese_names_sorted_once():
    assert dictionary_words([SPECULATIVE, SPECULATIVE]) == ["投机解码", "投机采样", "推测解码"]


def test_user_dictionary_has_one_word_a_line_and_no_frequency():
    # jieba then computes the lowest frequency that keeps each word whole.
    assert user_dictionary(["低秩适配", "推测解码"]) == "低秩适配\n推测解码\n"


def test_dictionary_path_is_relative_to_mkdocs_yml(tmp_path):
    config_file = str(tmp_path / "mkdocs.yml")
    assert dictionary_path(".cache/d.txt", config_file) == tmp_path / ".cache/d.txt"
    assert dictionary_path("/abs/d.txt", config_file) == Path("/abs/d.txt")


# --- the real glossary -----------------------------------------------------------

REAL_WORDS = dictionary_words(glossary(load_site(ROOT / "docs")))


@pytest.mark.parametrize("word", ["人类反馈强化学习", "低秩适配", "推测解码", "键值缓存", "分组查询注意力",
                                  "混合专家模型", "投机解码"])
def test_the_glossary_names_are_in_the_dictionary(word):
    assert word in REAL_WORDS


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory):
    """jieba's default dictionary plus the glossary's, as the build loads it."""
    path = tmp_path_factory.mktemp("jieba") / "user_dict.txt"
    path.write_text(user_dictionary(REAL_WORDS), encoding="utf-8")
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(path))
    return tokenizer


@pytest.mark.parametrize("sentence, word", [
    ("人类反馈强化学习是先训练奖励模型的流程。", "人类反馈强化学习"),
    ("低秩适配是冻结预训练权重的微调方法。", "低秩适配"),
    ("用推测解码加速推理。", "推测解码"),
    ("键值缓存占用大量显存。", "键值缓存"),
    ("分组查询注意力把查询头分组。", "分组查询注意力"),
    ("又称投机解码、投机采样。", "投机解码"),
])
def test_names_stay_whole_words_in_running_text(segmenter, sentence, word):
    assert word in list(segmenter.cut(sentence))


def test_without_the_dictionary_jieba_cuts_the_names():
    # Why the dictionary exists: jieba's own dictionary splits these names.
    plain = jieba.Tokenizer()
    assert "低秩适配" not in list(plain.cut("低秩适配是冻结预训练权重的微调方法。"))
    assert "人类反馈强化学习" not in list(plain.cut("人类反馈强化学习是先训练奖励模型的流程。"))
