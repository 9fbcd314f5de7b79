"""What search shows of a page's text: snippets that read as prose.

Material's indexer keeps a section's text as its HTML showed it, and the
result list prints it back. Three things made those snippets hard to read:

- Inline formulas are left out of the index (search_index.py marks them:
  their LaTeX is noise to search), which left holes: "the SFT model
  generates  answers", "where  is the reward model". A formula now leaves
  its plain reading behind, a search-only span (`$K$` -> K, `$O(n^2)$` ->
  O(n²)) that the page itself drops again after the indexer has read it
  (drop_search_only, on_post_page). LaTeX commands never become words.
- Material segments Chinese with zero-width spaces (jieba's cuts), and a
  line may break at any of them: a snippet line could start with ， or 。.
  The spaces next to punctuation that must not start (or end) a line are
  removed from the index's text; punctuation separates words anyway.
- A table became one run of cell text. Each row is now its own paragraph of
  the snippet, its cells joined by " · " (marks added to the page for the
  indexer, removed again on_post_page).
"""

from __future__ import annotations

import re

from cjk_typography import CLOSING, OPENING

# --- formulas as plain text -----------------------------------------------------

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ",
    "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
    "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ",
    "Omega": "Ω", "cdot": "·", "times": "×", "div": "÷", "pm": "±", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "ll": "≪", "gg": "≫", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "∼", "propto": "∝",
    "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩", "infty": "∞",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "mapsto": "↦", "sum": "Σ",
    "prod": "∏", "int": "∫", "partial": "∂", "nabla": "∇", "forall": "∀", "exists": "∃", "cdots": "⋯",
    "ldots": "…", "dots": "…", "top": "ᵀ", "mid": "|", "|": "‖", "lVert": "‖", "rVert": "‖",
    "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "odot": "⊙", "oplus": "⊕", "otimes": "⊗", "circ": "∘", "star": "⋆", "ast": "∗", "emptyset": "∅",
    "{": "{", "}": "}", "%": "%", "_": "_", "#": "#", "&": "&",
}
# Named functions: written as their name.
_FUNCTIONS = {"log", "ln", "exp", "max", "min", "arg", "argmax", "argmin", "sin", "cos", "tan", "tanh",
              "det", "dim", "sup", "inf", "lim", "Pr", "softmax", "sgn", "mod", "operatorname"}
_SPACING = {",", ";", ":", "!", " ", "quad", "qquad", "left", "right", "big", "Big", "bigg", "Bigg",
            "displaystyle", "textstyle", "limits", "nolimits"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}
_FONT_RE = re.compile(r"\\(?:mathrm|text|textrm|textit|textbf|mathbf|mathit|mathsf|mathtt|boldsymbol|bm|"
                      r"mathcal|mathscr|mathfrak|operatorname\*?|mathbb)\s*\{([^{}]*)\}")
_FRAC_RE = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SQRT_RE = re.compile(r"\\sqrt\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")
_COMMAND_RE = re.compile(r"\\([A-Za-z]+|.)")
_SCRIPT_RE = re.compile(r"([_^])\s*(\{[^{}]*\}|\\[A-Za-z]+|[^{}\s\\])")
_SUPERSCRIPTS = str.maketrans("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ")
_SUBSCRIPTS = str.maketrans("0123456789+-=()aeoxhklmnpstijruv", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ")
_CARET, _UNDERSCORE = "\x01", "\x02"
_SUPERSCRIPT_CHARS = set("0123456789+-=()niᵀ")
_SUBSCRIPT_CHARS = set("0123456789+-=()aeoxhklmnpstijruv")


def _font(match: re.Match) -> str:
    inner = match.group(1)
    if match.group(0).startswith("\\mathbb"):
        return "".join(_BLACKBOARD.get(c, c) for c in inner)
    return inner


def _command(match: re.Match) -> str:
    name = match.group(1)
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if name in _FUNCTIONS:
        return name
    if name in _SPACING:
        return " " if name in ("quad", "qquad", " ", ";", ":") else ""
    return ""  # an unknown command: its name is no word of the text


def _script(match: re.Match) -> str:
    mark, body = match.group(1), match.group(2)
    if body.startswith("{"):
        body = body[1:-1]
    body = _COMMAND_RE.sub(_command, body).replace(" ", "")
    # A caret or underscore that stays is written as a placeholder until the
    # end: the next round of _SCRIPT_RE must not read it again.
    if mark == "^":
        if body and set(body) <= _SUPERSCRIPT_CHARS:
            return body.translate(_SUPERSCRIPTS)
        return _CARET + (body if len(body) == 1 else f"({body})")
    if body and set(body) <= _SUBSCRIPT_CHARS:
        return body.translate(_SUBSCRIPTS)
    return _UNDERSCORE + body


def plain_formula(latex: str) -> str:
    """A formula as plain text, for snippets: Greek letters and operators as
    their characters, fractions as a/b, digit exponents as superscripts;
    the names of LaTeX commands never appear (\\mathcal{L} -> L)."""
    text = latex.strip()
    for _ in range(8):  # innermost braces first: \frac{\alpha}{\sqrt{r}}
        before = text
        text = _FONT_RE.sub(_font, text)
        text = _SQRT_RE.sub(lambda m: f"√{m.group(1)}" if len(m.group(1)) == 1 else f"√({m.group(1)})", text)
        text = _FRAC_RE.sub(lambda m: f"{_grouped(m.group(1))}/{_grouped(m.group(2))}", text)
        if text == before:
            break
    for _ in range(8):  # innermost scripts first: ^{n \times d_{model}}
        text, count = _SCRIPT_RE.subn(_script, text)
        if not count:
            break
    text = _COMMAND_RE.sub(_command, text)
    text = text.replace("{", "").replace("}", "").replace("~", " ").replace(_CARET, "^").replace(_UNDERSCORE, "_")
    return re.sub(r"\s+", " ", text).strip()


def _grouped(part: str) -> str:
    return part if len(part) <= 1 or re.fullmatch(r"\\?[A-Za-z0-9]+", part) else f"({part})"


_INLINE_MATH_RE = re.compile(r"\$(?!\$)((?:\\.|[^$\\\n])+?)\$|\\\((.+?)\\\)")


def plain_formulas(text: str) -> str:
    """Text whose inline formulas ($…$ or \\(…\\)) read as plain text."""
    return _INLINE_MATH_RE.sub(lambda m: plain_formula(m.group(1) or m.group(2)), text)


# --- what the indexer reads, and the page does not keep --------------------------

# A span only the indexer reads: hidden, and dropped from the page after
# (drop_search_only). The attribute is the one home of the marker.
SEARCH_ONLY = "data-search-only"
_SEARCH_ONLY_RE = re.compile(f'<span {SEARCH_ONLY} hidden>[^<]*</span>')
_INLINE_ARITHMATEX_RE = re.compile(r'(<span\b[^>]*\bclass="arithmatex"[^>]*>\\\((.*?)\\\)</span>)', re.DOTALL)
# Table rows as the indexer should see them: each row one block of the
# snippet, its cells apart. Private-use characters, which no text holds.
ROW_START, CELL, ROW_END = "\ue000", "\ue001", "\ue002"
_TR_RE = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
_CELL_RE = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.DOTALL)


def _only(text: str) -> str:
    return f"<span {SEARCH_ONLY} hidden>{text}</span>"


def _unescape(html_text: str) -> str:
    return html_text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def for_search(page_html: str) -> str:
    """The page's HTML with what the indexer should read besides: the plain
    reading of each inline formula (the formula itself is left out of the
    index), and marks that keep table rows and cells apart."""
    page_html = _INLINE_ARITHMATEX_RE.sub(
        lambda m: m.group(1) + _only(_escape(plain_formula(_unescape(m.group(2))))), page_html)

    def row(match: re.Match) -> str:
        tr = match.group(0)
        cells = list(_CELL_RE.finditer(tr))
        out, position = [], 0
        for index, cell in enumerate(cells):
            start = _only(ROW_START) if index == 0 else ""
            end = _only(ROW_END) if index == len(cells) - 1 else _only(CELL)
            out += [tr[position:cell.start()], cell.group(1), start, cell.group(2), end, cell.group(3)]
            position = cell.end()
        return "".join(out) + tr[position:]

    return _TR_RE.sub(row, page_html)


def drop_search_only(page_html: str) -> str:
    """The page without what only the indexer was to read."""
    return _SEARCH_ONLY_RE.sub("", page_html) if SEARCH_ONLY in page_html else page_html


# --- the index's text, for reading ----------------------------------------------------

# Punctuation that must not start a line, and that must not end one (the
# sets of cjk_typography). Material's zero-width spaces, which are nothing
# but break points, go before any of it; a real space goes too, except
# before a dash or a middle dot, which English and the site's separators
# set apart ("a — b", "LoRA · QLoRA").
_UNSPACED = "".join(c for c in CLOSING if c not in "—·")
_BREAK_BEFORE_CLOSING_RE = re.compile(f"\u200b+(?=[{re.escape(CLOSING)}])|[\u200b ]+(?=[{re.escape(_UNSPACED)}])"
                                      f"|(?<=[{re.escape(OPENING)}])\u200b+")
_ROW_RE = re.compile(f"{ROW_START}(.*?){ROW_END}", re.DOTALL)
_CELL_SPLIT_RE = re.compile(f"\\s*{CELL}\\s*")
_SPACES_RE = re.compile(r"[ \u200b]*\s[ \u200b]*\s[\s\u200b]*")


def tidy_text(text: str) -> str:
    """A section's text from the index, for the result list: no line break
    before closing punctuation or after opening punctuation, a table row
    per block with its cells apart, no run of spaces."""
    text = _BREAK_BEFORE_CLOSING_RE.sub("", text)

    def row(match: re.Match) -> str:
        cells = [c.strip(" \u200b") for c in _CELL_SPLIT_RE.split(match.group(1))]
        return "<p>" + " · ".join(c for c in cells if c) + "</p>"

    text = _ROW_RE.sub(row, text)
    return _SPACES_RE.sub(" ", text)
