"""Unit tests of hooks/search_text.py: what search shows of a page's text."""

from __future__ import annotations

import pytest

from search_text import CELL, ROW_END, ROW_START, drop_search_only, for_search, plain_formula, tidy_text


@pytest.mark.parametrize("latex, plain", [
    ("K", "K"),
    ("O(n^2)", "O(n²)"),
    (r"W_0\in\mathbb{R}^{d\times k}", "W₀∈ℝ^(d×k)"),
    (r"\mathcal{L}_{\text{DPO}}", "L_DPO"),
    (r"\pi_\theta(y \mid x)", "π_θ(y | x)"),
    (r"QK^\top", "QKᵀ"),
    (r"\frac{\alpha}{r}", "α/r"),
    (r"\mathbf{x} + \unknowncommand{y}", "x + y"),
])
def test_a_formula_reads_as_plain_text_without_latex_commands(latex, plain):
    assert plain_formula(latex) == plain


def test_search_reads_a_formula_and_table_rows_that_the_page_does_not_keep():
    page = ('<p>the model generates <span data-search-exclude="formula" class="arithmatex">\\(K\\)</span> '
            'answers</p><table><tr><th>a</th><th>b</th></tr></table>')
    marked = for_search(page)
    assert '\\(K\\)</span><span data-search-only hidden>K</span> answers' in marked
    assert f"<th><span data-search-only hidden>{ROW_START}</span>a<span data-search-only hidden>{CELL}</span>" in marked
    assert drop_search_only(marked) == page


def test_the_index_text_breaks_no_line_before_closing_punctuation():
    text = "模型\u200b，\u200b再\u200b（\u200bLoRA\u200b）\u200b。 matrix , LoRA"
    assert tidy_text(text) == "模型，\u200b再\u200b（LoRA）。 matrix, LoRA"


def test_the_index_text_keeps_the_space_before_a_dash_and_a_middle_dot():
    # Brackets of every shape, dashes and dots are the site's sets (cjk_typography).
    text = "见\u200b〔\u200b注\u200b〕\u200b—— a — b · c\u200b—"
    assert tidy_text(text) == "见\u200b〔注〕—— a — b · c—"


def test_table_rows_become_blocks_of_cells():
    text = f" {ROW_START} 方法 {CELL} 显存 {ROW_END} {ROW_START}LoRA{CELL}少{ROW_END}"
    assert tidy_text(text) == " <p>方法 · 显存</p> <p>LoRA · 少</p>"
