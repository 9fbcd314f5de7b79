"""Where a line of a preview card may break, and how a text is cut to fit.

Not a hook (it has no events): hooks/share_cards.py draws the lines. The
rules are those of the two languages, not of a width in characters:

- English breaks at spaces only; a word wider than the whole line (a long
  URL) is the one thing cut between letters, so that nothing overflows.
- Chinese breaks between any two characters, except before closing
  punctuation (，。、）》” …: it stays on the line of the character before)
  and after opening punctuation (（《“ …: it goes down with the one after).
  A run of Latin letters and digits inside Chinese text (LoRA, GPT-4) is a
  word and is not cut, and a space is a break.
- A text longer than its lines ends in an ellipsis on the last line (…… in
  Chinese, … in English), after a whole word or character, never after a
  comma or an opening bracket.

Widths come from a `measure(text) -> float` function (the font's advance
widths on the card), so that the rules are tested with any measure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import cjk_typography

Measure = Callable[[str], float]

ELLIPSIS = {"zh": "……", "en": "…"}

# No line starts with closing punctuation nor ends with opening punctuation:
# the sets the page's own typography and the search snippets use too.
CLOSING = set(cjk_typography.CLOSING)
OPENING = set(cjk_typography.OPENING)
# A clause mark that the ellipsis replaces rather than follows.
_TRAILING = "，、；：,;:—- "

# Characters that break on either side in Chinese text: Han characters,
# CJK punctuation and full-width forms, and the quotation marks and dashes
# that Chinese sets in full width.
_CJK_CHARS = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_ATOM_RE = re.compile(f"(\\s+)|([{_CJK_CHARS}“”‘’…—·])|([^\\s{_CJK_CHARS}“”‘’…—·]+)")


@dataclass(frozen=True)
class Unit:
    """Text that never breaks inside; `space` when a space comes before it."""

    text: str
    space: bool = False


def units(text: str, lang: str) -> list[Unit]:
    """The text as units, with a break allowed between any two of them."""
    if lang != "zh":
        return [Unit(word, index > 0) for index, word in enumerate(text.split())]
    found: list[Unit] = []
    space = glue = False
    for match in _ATOM_RE.finditer(text):
        spaces, cjk, word = match.groups()
        if spaces:
            space, glue = bool(found), False
            continue
        atom = cjk or word
        if found and not space and (glue or atom[0] in CLOSING):
            found[-1] = Unit(found[-1].text + atom, found[-1].space)
        else:
            found.append(Unit(atom, space))
        space, glue = False, atom[-1] in OPENING
    return found


def _joined(line: list[Unit]) -> str:
    return "".join((" " if unit.space and index else "") + unit.text for index, unit in enumerate(line))


def _split_wide(unit: Unit, measure: Measure, width: float) -> list[Unit]:
    """A unit wider than a whole line, cut between characters."""
    pieces, current = [], ""
    for char in unit.text:
        if current and measure(current + char) > width:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return [Unit(piece, unit.space and index == 0) for index, piece in enumerate(pieces)]


def wrap(text: str, lang: str, measure: Measure, width: float, max_lines: int) -> list[str]:
    """`text` in at most `max_lines` lines no wider than `width`; the last
    one ends in an ellipsis when the text does not fit."""
    lines: list[list[Unit]] = []
    line: list[Unit] = []
    for unit in units(text, lang):
        for piece in (_split_wide(unit, measure, width) if measure(unit.text) > width else [unit]):
            if line and measure(_joined([*line, piece])) > width:
                lines.append(line)
                line = [Unit(piece.text)]
            else:
                line.append(piece if line else Unit(piece.text))
    if line:
        lines.append(line)
    if len(lines) <= max_lines:
        return [_joined(line) for line in lines]
    kept = [_joined(line) for line in lines[:max_lines - 1]]
    return [*kept, with_ellipsis(lines[max_lines - 1], lang, measure, width)]


def with_ellipsis(line: list[Unit], lang: str, measure: Measure, width: float) -> str:
    """The line, shortened by whole units until it fits with the ellipsis,
    without a clause mark or an opening bracket before the ellipsis."""
    mark = ELLIPSIS.get(lang, ELLIPSIS["en"])
    kept = list(line)
    while kept:
        text = _joined(kept).rstrip(_TRAILING)
        while text and text[-1] in OPENING:
            text = text[:-1].rstrip(_TRAILING)
        if text and measure(text + mark) <= width:
            return text + mark
        kept.pop()
    return mark
