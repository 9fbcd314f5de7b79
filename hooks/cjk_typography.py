"""Chinese typography and language marks, applied to a page's built HTML.

Rules that the sources cannot follow by themselves, because they concern
what the build puts side by side (a link's text and its brackets, a
formula and the comma after it), or what a browser needs told. (A stray
space between a link and the Chinese text around it is the sources' to
avoid: content_rules.link_space_problems refuses it, with PROSE_CJK.)

- A full-width bracket at either end of a link is set half-width (the
  font's `halt` feature): otherwise the link's underline runs under its
  empty half, past the visible bracket.
- A formula keeps the punctuation around it on its line: a line never
  starts with "，" after inline maths (the browser may break on either side
  of the formula's box).
- One punctuation style for the labels of a term's lists: "相关术语" / "See
  also" and "参考文献" / "References" stand without a colon, like the tag
  row's "标签" / "Tags" (run-in labels inside a paragraph, "**工作原理**：",
  keep theirs).
- Language marks: Chinese text on English pages carries lang="zh-Hans" (a
  browser otherwise draws it with the glyph shapes of the page's language's
  CJK font, often the Japanese ones: 直, 骨, 令), and on Chinese pages the
  references that are in English and the English phrases quoted in the
  prose (titles, "KV cache"; not a lone LoRA) carry lang="en" (screen
  readers switch voice).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Han with the CJK punctuation and full-width forms that go with it.
CJK = HAN + "\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
# The one home of the rule "no line starts with closing punctuation, none
# ends with opening punctuation" (GB/T 15834 and the usual 禁则): the HTML
# here, the preview cards (line_breaks) and the search snippets
# (search_text) read these sets, so that the three agree.
#
# Full-width brackets and quotation marks: half of each glyph is empty
# space, which the font's `halt` feature removes (halve_edge_brackets).
FULL_WIDTH_OPENING = "（《「『【〔〈〖｛［“‘"
FULL_WIDTH_CLOSING = "）》」』】〕〉〗｝］”’"
# No line starts with these: they close what the character before them
# began, or end its clause.
CLOSING = FULL_WIDTH_CLOSING + "，。、；：？！…—·％‰" + ",.;:?!)]}%"
# No line ends with these: they open what follows.
OPENING = FULL_WIDTH_OPENING + "([{"
# Chinese characters and full-width punctuation: text that sets no space
# beside Chinese ("是 模型并行" reads as a gap; between Chinese and Latin
# text, "使用 LoRA", the space is the convention).
PROSE_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_PROSE_CJK_RE = re.compile(f"[{PROSE_CJK}]")


def is_cjk(char: str) -> bool:
    """`char` is a Chinese character or full-width punctuation."""
    return bool(_PROSE_CJK_RE.fullmatch(char))


_LINK_TEXT_RE = re.compile(r"(<a (?![^>]*class=\"headerlink\")[^>]*>)([^<]+)(</a>)")


# The blocks whose links are underlined (extra.css): running text. A list
# item that is one link (the tags page, See-also chips, a page's list of
# terms) is a list of names, not running text: the tags page sets those in
# half-width punctuation by CSS, without a span per link (185 there).
_UNDERLINED_BLOCK_RE = re.compile(r"<(p|td|dd|li)\b([^>]*)>(.*?)</\1>", re.DOTALL)
_ONE_LINK_RE = re.compile(r"\s*<a [^>]*>[^<]*</a>\s*")


def halve_edge_brackets(html_text: str) -> str:
    """A full-width bracket that opens or closes the text of a link in
    running text, set half-width (<span class="gl-halt">)."""

    def block(match: re.Match) -> str:
        tag, attributes, inner = match.groups()
        if tag == "li" and _ONE_LINK_RE.fullmatch(inner):
            return match.group(0)
        return f"<{tag}{attributes}>{_halve(inner)}</{tag}>"

    return _UNDERLINED_BLOCK_RE.sub(block, html_text)


def _halve(html_text: str) -> str:

    def halve(match: re.Match) -> str:
        opening, text, closing = match.groups()
        if text[0] in FULL_WIDTH_OPENING:
            text = f'<span class="gl-halt">{text[0]}</span>{text[1:]}'
        if text[-1] in FULL_WIDTH_CLOSING:
            text = f'{text[:-1]}<span class="gl-halt">{text[-1]}</span>'
        return opening + text + closing

    return _LINK_TEXT_RE.sub(halve, html_text)


_MATH_PUNCTUATION_RE = re.compile(
    f"([{re.escape(OPENING)}]*)(<span class=\"arithmatex\">.*?</span>)([{re.escape(CLOSING)}]*)", re.DOTALL)


def keep_punctuation_with_math(html_text: str) -> str:
    """An inline formula and the brackets and punctuation touching it in
    one unbreakable span."""

    def keep(match: re.Match) -> str:
        before, formula, after = match.groups()
        if not before and not after:
            return formula
        return f'<span class="gl-nobr">{before}{formula}{after}</span>'

    return _MATH_PUNCTUATION_RE.sub(keep, html_text)


REFERENCE_LABELS = {"zh": "参考文献", "en": "References"}
_REFERENCES_RE = re.compile(
    f"<p><strong>({'|'.join(REFERENCE_LABELS.values())})[:：]?</strong>[:：]?</p>(\\s*<ul>.*?</ul>)?", re.DOTALL)
_ITEM_RE = re.compile(r"<li>(.*?)</li>", re.DOTALL)
_HAN_RE = re.compile(f"[{HAN}]")
_TAG_RE = re.compile(r"<[^>]*>")


def label_references(html_text: str, lang: str) -> str:
    """The References label without its colon; on a Chinese page, each
    reference with no Chinese in it marked as English."""

    def label(match: re.Match) -> str:
        listing = match.group(2) or ""
        if lang != "en":
            listing = _ITEM_RE.sub(lambda item: item.group(0) if _HAN_RE.search(_TAG_RE.sub("", item.group(1)))
                                   else f'<li lang="en">{item.group(1)}</li>', listing)
        return f"<p><strong>{match.group(1)}</strong></p>{listing}"

    return _REFERENCES_RE.sub(label, html_text)


# --- lang marks: the Chinese of English pages, the English of Chinese pages ----------

# Elements whose text is not prose to mark: code, maths, scripts, and any
# element that already says its language.
SKIPPED = frozenset({"script", "style", "code", "pre", "kbd", "samp", "math", "svg", "textarea", "title",
                     "option"})
_TOKEN_RE = re.compile(r"(<!--.*?-->|<[^>]+>)", re.DOTALL)
_TAG_NAME_RE = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
# Attributes (each after a space in the tag) whose element's text is left
# alone: a language already given, or a diagram's source, which mermaid
# reads as it stands.
_CHINESE_MARKED = ('lang="zh', 'class="mermaid"')
_LANG_MARKED = ('lang="', 'class="mermaid"')
# A run may hold Latin text inside full-width brackets: 低秩适配（LoRA）.
_CHINESE_RUN_RE = re.compile(f"(?:（[^（）]*）|[{CJK}])*[{HAN}](?:（[^（）]*）|[{CJK}])*")
# English inside Chinese prose: two words or more, one of them a word of
# the language (lowercase letters: "cache", "Attention"), not a row of
# acronyms (LoRA, "A100 GPU", "RLHF DPO"), which screen readers spell in
# any voice. Words may hold digits, hyphens, dots and apostrophes (GPT-3.5,
# don't), the words after the first may be numbers ("Llama 2"), and commas
# and colons may sit between them ("Scaling Laws: a Survey").
_WORD = r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*"
_ENGLISH_RUN_RE = re.compile(f"(?<![A-Za-z0-9_.\\-])(?=[A-Za-z]){_WORD}(?:[,:]? {_WORD})+(?![A-Za-z0-9_-])")
_LANGUAGE_WORD_RE = re.compile(r"(?<![A-Za-z])[A-Z]?[a-z]{2,}(?![A-Za-z])")


# SKIPPED elements as Markdown, Material and the hooks write them (lowercase).
_SKIPPED_TAG_RE = re.compile(f"<({'|'.join(sorted(SKIPPED))})[\\s/>]")


def _skipped_elements(html_text: str, marked: tuple[str, ...]) -> list[tuple[int, str]]:
    """(position, name) of each opening tag whose element's text is left
    alone, in order: found by searching for the few names and attributes,
    a tenth of the time of walking the page's ten thousand tags."""
    found = {}
    for match in _SKIPPED_TAG_RE.finditer(html_text):
        found[match.start()] = match.group(1)
    for attribute in marked:
        index = html_text.find(attribute)
        while index >= 0:
            start = html_text.rfind("<", 0, index)
            if html_text[index - 1].isspace() and html_text.find(">", start) > index:
                name = _TAG_NAME_RE.match(html_text, start)
                if name and html_text[start + 1] != "/":
                    found[start] = name.group(1).lower()
            index = html_text.find(attribute, index + 1)
    return sorted(found.items())


@functools.cache
def _same_name_re(name: str) -> re.Pattern[str]:
    return re.compile(f"<(/?)({re.escape(name)})(?=[\\s/>])[^>]*>", re.IGNORECASE)


def _mark_runs(html_text: str, mark: Callable[[str], str], marked: tuple[str, ...]) -> str:
    """`html_text` with `mark` applied to its text; tags, attributes, and the
    text of SKIPPED elements and of elements with a `marked` attribute are
    left as they are."""
    out: list[str] = []
    position = 0
    for start, name in _skipped_elements(html_text, marked):
        tag_end = html_text.find(">", start)
        if start < position or html_text[tag_end - 1] == "/":  # inside an earlier one, or empty
            continue
        out.append(_mark_text(html_text[position:start], mark))
        end, depth = len(html_text), 1
        for tag in _same_name_re(name).finditer(html_text, tag_end + 1):
            if tag.group(1):
                depth -= 1
            elif not tag.group(0).endswith("/>"):
                depth += 1
            if depth == 0:
                end = tag.end()
                break
        out.append(html_text[start:end])
        position = end
    out.append(_mark_text(html_text[position:], mark))
    return "".join(out)


def _mark_text(html_text: str, mark: Callable[[str], str]) -> str:
    """`mark` applied to the text between the tags of `html_text`."""
    tokens = _TOKEN_RE.split(html_text)
    tokens[::2] = [mark(token) if token.strip() else token for token in tokens[::2]]
    return "".join(tokens)


def mark_chinese(html_text: str) -> str:
    """Each run of Chinese in the text of `html_text` (an English page's
    body) in a <span lang="zh-Hans">; attributes, code, maths and elements
    that carry a Chinese lang are left as they are."""
    if not _HAN_RE.search(html_text):
        return html_text

    def mark(text: str) -> str:
        if not _HAN_RE.search(text):
            return text
        return _CHINESE_RUN_RE.sub(lambda run: f'<span lang="zh-Hans">{run.group(0)}</span>', text)

    return _mark_runs(html_text, mark, _CHINESE_MARKED)


def mark_english(html_text: str) -> str:
    """Each run of English words in the text of `html_text` (a Chinese
    page's body) in a <span lang="en">, so that screen readers read it in
    an English voice: phrases and titles quoted in Chinese prose, not a
    lone word or acronym (LoRA), nor code, maths, links' addresses or
    attributes, nor elements that carry a lang."""

    def mark(text: str) -> str:
        return _ENGLISH_RUN_RE.sub(lambda run: f'<span lang="en">{run.group(0)}</span>'
                                   if _LANGUAGE_WORD_RE.search(run.group(0)) else run.group(0), text)

    return _mark_runs(html_text, mark, _LANG_MARKED)


def typeset(article_html: str, lang: str) -> str:
    """Every rule of this module, for a page's article in `lang`."""
    article_html = label_references(article_html, lang)
    article_html = keep_punctuation_with_math(article_html)
    if lang == "en":
        return article_html
    return halve_edge_brackets(article_html)
