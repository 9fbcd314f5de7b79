"""The downloads generated at build time: the term table as TSV and CSV, and
llms.txt / llms-full.txt. Each must give back the glossary data it was made
from (round trip), and the built site must serve every term as the docs
write it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import written_term, written_terms
from glossary_docs import Site, glossary, load_site, parse_page
from glossary_extras import TABLE_COLUMNS, TermRow, family_titles, term_rows, term_tags
from term_exports import absolute_markdown, llms_full_txt, llms_txt, to_csv, to_tsv

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.org/glossary/"
FRONT = "---\ntitle: {title}\ndescription: {description}\n---\n\n# {title}\n\n"

# How a reader of llms.txt reads it: the round trip the tests check.
_LLMS_ITEM_RE = re.compile(r"^- \[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)(?:: (.*))?$")


def parse_llms_txt(text: str) -> list[tuple[str, str, str, str]]:
    """(section, name, url, notes) of every list item."""
    items, section = [], ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        match = _LLMS_ITEM_RE.match(line)
        if match:
            name = re.sub(r"\\(.)", r"\1", match.group(1))
            items.append((section, name, match.group(2), match.group(3) or ""))
    return items

SITE = Site()
SITE.pages["training.md"] = parse_page("training.md", FRONT.format(title="训练", description="训练术语。") +
                                       "## 低秩适配（LoRA） {#lora}\n\n低秩适配是一种方法，含\t制表符与 \"引号\"、逗号。\n\n"
                                       "见 [[sft]] 和 [监督微调](training.md#sft)。\n\n"
                                       "## 监督微调（SFT） {#sft}\n\n监督微调是训练。\n\n```python\n[[lora]]\n```\n")
SITE.pages["training.en.md"] = parse_page("training.en.md", FRONT.format(title="Training", description="Terms.") +
                                          "## Low-Rank Adaptation (LoRA) {#lora}\n\nLoRA is a method, with "
                                          "\"quotes\", commas; and [brackets].\n\n"
                                          "## Supervised Fine-Tuning (SFT) {#sft}\n\nSFT is training.\n")
TERMS = glossary(SITE)
ROWS = term_rows(TERMS, term_tags(TERMS, []))


def expected_rows(rows: list[TermRow], site_url: str) -> list[list[str]]:
    return [row.values(site_url) for row in rows]


def test_rows_name_terms_without_their_abbreviation():
    lora = ROWS[0]
    assert (lora.id, lora.zh, lora.en, lora.abbreviation, lora.family, lora.tags) == \
        ("lora", "低秩适配", "Low-Rank Adaptation", "LoRA", "training", ("training",))
    assert (lora.zh_url, lora.en_url) == ("training/#lora", "en/training/#lora")


def test_tsv_round_trip():
    text = to_tsv(ROWS, SITE_URL)
    lines = text.splitlines()
    assert lines[0].split("\t") == list(TABLE_COLUMNS)
    parsed = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == len(TABLE_COLUMNS) for row in parsed)
    expected = expected_rows(ROWS, SITE_URL)
    expected[0][TABLE_COLUMNS.index("zh_summary")] = expected[0][8].replace("\t", " ")  # no tab in a TSV field
    assert parsed == expected
    assert parsed[0][6] == "https://example.org/glossary/training/#lora"


def test_csv_round_trip_and_excel_mark():
    text = to_csv(ROWS, SITE_URL)
    assert text.startswith("\ufeff") and "\r\n" in text
    parsed = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert parsed[0] == list(TABLE_COLUMNS)
    assert parsed[1:] == expected_rows(ROWS, SITE_URL)  # quotes, commas and tabs survive


def test_llms_txt_round_trip():
    families = family_titles(SITE)
    text = llms_txt(TERMS, families, {"training": {"zh": "训练术语。", "en": "Terms."}}, SITE_URL)
    assert text.startswith("# 大模型术语表 · LLM Glossary\n\n> ")
    items = parse_llms_txt(text)
    terms = [(section, name, url, notes) for section, name, url, notes in items if "#" in url]
    expected = [(families[t.family][lang], t.text[lang].name, SITE_URL + t.text[lang].url, t.text[lang].summary)
                for lang in ("zh", "en") for t in TERMS]
    assert terms == expected
    pages = [(name, url) for section, name, url, _ in items if section in ("训练", "Training") and "#" not in url]
    assert pages == [("训练", SITE_URL + "training/"), ("Training", SITE_URL + "en/training/")]
    downloads = [url for section, _, url, _ in items if section == "Downloads"]
    assert downloads == [SITE_URL + name for name in ("llms-full.txt", "terms.tsv", "terms.csv")]


def test_llms_full_txt_makes_references_and_links_absolute_but_leaves_code():
    zh = FRONT.format(title="训练", description="训练术语。") + "见 [[sft]] 和 [监督微调](training.md#sft)，" \
        "[外部](https://arxiv.org/abs/1) 与 [本页](#lora)。\n\n```python\n[[lora]]\n```\n"
    assert absolute_markdown(zh, "training.md", "zh", SITE, SITE_URL).splitlines()[-5:] == [
        f"见 [监督微调（SFT）]({SITE_URL}training/#sft) 和 [监督微调]({SITE_URL}training/#sft)，"
        "[外部](https://arxiv.org/abs/1) 与 [本页](#lora)。", "", "```python", "[[lora]]", "```"]
    sources = {"training.md": zh, "training.en.md": FRONT.format(title="Training", description="Terms.") + "Text."}
    full = llms_full_txt(SITE, sources, ["training.md"], SITE_URL)
    headers = re.findall(r"^---\nurl: \"(.+)\"\nlanguage: \"(\w+)\"\ntitle: \"(.+)\"\n", full, re.M)
    assert headers == [(SITE_URL + "training/", "zh", "训练"), (SITE_URL + "en/training/", "en", "Training")]
    assert "description: 训练术语。" not in full  # front matter is replaced by the header


def test_a_term_missing_from_one_language_is_left_out_not_fatal():
    site = Site(pages=dict(SITE.pages))
    site.pages["training.en.md"] = parse_page("training.en.md", FRONT.format(title="Training", description="T.") +
                                              "## Supervised Fine-Tuning (SFT) {#sft}\n\nSFT is training.\n")
    terms = glossary(site)  # lora has no English text: translation_parity reports it
    assert [row.id for row in term_rows(terms, {})] == ["sft"]
    items = parse_llms_txt(llms_txt(terms, family_titles(site), {}, SITE_URL))
    assert [name for _, name, url, _ in items if "#" in url] == ["低秩适配（LoRA）", "监督微调（SFT）",
                                                                 "Supervised Fine-Tuning (SFT)"]


# --- The real glossary, and the built site ---------------------------------------------

DOCS = load_site(ROOT / "docs")
REAL = glossary(DOCS)
EXPECTED_IDS = [term_id for terms in written_terms().values() for term_id, _ in terms]


@pytest.fixture(scope="module")
def built_exports(site) -> dict[str, str]:
    return {name: (site / name).read_bytes().decode("utf-8-sig" if name.endswith(".csv") else "utf-8")
            for name in ("terms.tsv", "terms.csv", "llms.txt", "llms-full.txt")}


def test_the_site_serves_each_term_in_every_download(site, built_exports):
    """One term, LoRA, as each built download must give it, written out:
    the columns, its names, family, tags and absolute URLs, and its
    definitions as docs/training/index(.en).md state them (read from the
    Markdown, not through hooks/)."""
    base = "https://llm-glossary.github.io/llm-glossary/"
    zh_summary, _ = written_term("training/index.md", "lora")
    en_summary, _ = written_term("training/index.en.md", "lora")
    lora = ["lora", "低秩适配", "Low-Rank Adaptation", "LoRA", "training", "training,efficiency",
            f"{base}training/#lora", f"{base}en/training/#lora", zh_summary, en_summary]
    tsv = [line.split("\t") for line in built_exports["terms.tsv"].splitlines()]
    assert tsv[0] == ["id", "zh", "en", "abbreviation", "family", "tags", "zh_url", "en_url", "zh_summary",
                      "en_summary"]
    assert [row for row in tsv if row[0] == "lora"] == [lora]
    # The CSV holds the same table (no field of the real docs has a tab, which the TSV would replace).
    assert list(csv.reader(io.StringIO(built_exports["terms.csv"], newline=""))) == tsv
    assert (site / "terms.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "\r\n" in (site / "terms.csv").read_bytes().decode("utf-8-sig")
    llms = built_exports["llms.txt"].splitlines()
    assert f"- [低秩适配（LoRA）]({base}training/#lora): {zh_summary}" in llms
    assert f"- [Low-Rank Adaptation (LoRA)]({base}en/training/#lora): {en_summary}" in llms
    full = built_exports["llms-full.txt"]
    assert f'---\nurl: "{base}training/"\nlanguage: "zh"\ntitle: "训练与微调"\n' in full
    assert f'---\nurl: "{base}en/training/"\nlanguage: "en"\ntitle: "Training and Fine-Tuning"\n' in full
    assert f"## 低秩适配（LoRA） {{#lora}}\n\n{zh_summary}\n" in full
    assert not (site / "en" / "terms.tsv").exists()  # one copy, at the site root


def test_term_table_download_has_every_term_once(built_exports):
    rows = list(csv.DictReader(io.StringIO(built_exports["terms.csv"], newline="")))
    assert sorted(row["id"] for row in rows) == sorted(EXPECTED_IDS)
    tsv = [line.split("\t") for line in built_exports["terms.tsv"].splitlines()[1:]]
    assert [row[0] for row in tsv] == [row["id"] for row in rows]
    by_id = {row["id"]: row for row in rows}
    assert (by_id["lora"]["zh"], by_id["lora"]["en"], by_id["lora"]["abbreviation"]) == \
        ("低秩适配", "Low-Rank Adaptation", "LoRA")
    assert by_id["rlhf"]["abbreviation"] == "RLHF" and "training" in by_id["rlhf"]["tags"].split(",")
    for row in rows:
        assert row["zh_url"].startswith("https://") and row["en_url"].endswith("#" + row["id"])


def test_llms_txt_lists_every_term_in_both_languages(built_exports):
    items = parse_llms_txt(built_exports["llms.txt"])
    urls = {url for _, _, url, _ in items}
    for term in REAL:
        for lang in ("zh", "en"):
            text = term.text[lang]
            assert ("https://llm-glossary.github.io/llm-glossary/" + text.url) in urls
    summaries = {url: notes for _, _, url, notes in items}
    lora = next(t for t in REAL if t.id == "lora")
    assert summaries["https://llm-glossary.github.io/llm-glossary/en/training/#lora"] == lora.text["en"].summary


def test_llms_full_txt_holds_every_page_with_absolute_links(built_exports):
    full = built_exports["llms-full.txt"]
    urls = re.findall(r'^url: "(.+)"$', full, re.M)
    assert len(urls) == len(DOCS.pages)
    assert "[[" not in full.replace("```", "")  # every reference became a link
    assert not re.search(r"\]\((?!https?://|#|mailto:)[^)]*\.md", full)  # no link into docs/
    assert "$$" in full and "```mermaid" in full  # formulas and diagrams as their source


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"https://evil.example\")", "'=HYPERLINK(\"https://evil.example\")"),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("低秩适配", "低秩适配"), ("LoRA", "LoRA"),
], ids=["equals", "plus", "minus", "at", "chinese", "plain"])
def test_spreadsheet_formula_cells_are_written_as_text(value, expected):
    from term_exports import spreadsheet_safe

    assert spreadsheet_safe(value) == expected
