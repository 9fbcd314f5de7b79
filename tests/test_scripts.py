"""The contributor scripts: scripts/new_term.py adds a term skeleton that
builds, and refuses a duplicate id; scripts/check_translations.py reports
parity and fails on a structural mismatch."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from check_translations import check, format_report
from conftest import fixture_nav, nav_yaml, real_config
from glossary_docs import load_site, parse_page
from move_term import move
from new_term import ScaffoldError, add_to_nav, add_to_tag, drop_abbreviation, insert_term, scaffold, skeleton
from translation_parity import check as parity_check
from translation_parity import page_stats

ROOT = Path(__file__).resolve().parent.parent
FRONT = "---\ntitle: 训练\ndescription: 训练术语。\n---\n\n# 训练\n\n"
FRONT_EN = "---\ntitle: Training\ndescription: Terms.\n---\n\n# Training\n\n"


def small_project(tmp_path: Path) -> Path:
    """docs/ with one family in both languages, tags.yml, abbreviations.yml and a nav."""
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True)
    (root / "docs/training.md").write_text(
        FRONT + "## 低秩适配（LoRA） {#lora}\n\n低秩适配是一种方法。\n\n### 秩 {#rank}\n\n秩是维数。\n\n"
                "## 监督微调 {#sft}\n\n监督微调是训练。\n", encoding="utf-8")
    (root / "docs/training.en.md").write_text(
        FRONT_EN + "## Low-Rank Adaptation (LoRA) {#lora}\n\nLoRA is a method.\n\n### Rank {#rank}\n\n"
                   "The rank is a dimension.\n\n## Supervised Fine-Tuning {#sft}\n\nSFT is training.\n",
        encoding="utf-8")
    (root / "docs/tags.yml").write_text("efficiency:\n  zh: 效率\n  en: Efficiency\n  terms:\n    - lora\n\n"
                                        "memory:\n  zh: 显存\n  en: Memory\n", encoding="utf-8")
    (root / "docs/abbreviations.yml").write_text("KV: {zh: 键值, en: Key-Value}\nQLoRA: {zh: 量化低秩适配, en: "
                                                 "Quantized LoRA}\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\nnav:\n  - index.md\n  # families\n  - training.md\n\n"
                                     "hooks:\n  - hooks/a.py\n", encoding="utf-8")
    return root


# --- new_term.py ---------------------------------------------------------------------

def test_skeleton_is_a_term_with_a_definition_see_also_and_references():
    doc = parse_page("training.md", FRONT + skeleton("qlora", "量化低秩适配", "QLoRA", 2, "zh"))
    term = doc.terms[0]
    assert (term.id, term.level, term.name) == ("qlora", 2, "量化低秩适配（QLoRA）")
    assert term.summary.startswith("量化低秩适配是……") and term.related_line is not None
    en = parse_page("training.en.md", FRONT_EN + skeleton("qlora", "Quantized LoRA", "QLoRA", 3, "en"))
    assert (en.terms[0].level, en.terms[0].name) == (3, "Quantized LoRA (QLoRA)")


def test_term_goes_after_the_named_terms_section_including_its_sub_terms():
    source = FRONT + "## A {#a}\n\n甲。\n\n### A1 {#a1}\n\n甲一。\n\n## B {#b}\n\n乙。\n"
    out = insert_term(source, "## N {#n}\n\n新。\n", "a")
    assert [h.id for h in parse_page("x.md", out).headings if h.id] == ["a", "a1", "n", "b"]
    assert [h.id for h in parse_page("x.md", insert_term(source, "## N {#n}\n", None)).headings if h.id] == \
        ["a", "a1", "b", "n"]
    with pytest.raises(ScaffoldError, match="no heading with that id"):
        insert_term(source, "## N {#n}\n", "zzz")


def test_nav_tags_and_abbreviations_are_edited_in_place():
    nav = add_to_nav("nav:\n  - index.md\n  # c\n  - training.md\n\nhooks:\n  - a.py\n", "agents.md")
    assert nav == "nav:\n  - index.md\n  # c\n  - training.md\n  - agents.md\n\nhooks:\n  - a.py\n"
    sections = "nav:\n  - index.md\n  - training:\n      - training/index.md\n      - training/a.md\n  - b:\n      - b/index.md\n"
    assert add_to_nav(sections, "training/c.md") == \
        "nav:\n  - index.md\n  - training:\n      - training/index.md\n      - training/a.md\n      - training/c.md\n" \
        "  - b:\n      - b/index.md\n"
    assert add_to_nav(sections, "agents/index.md").rstrip("\n").endswith("  - b:\n      - b/index.md\n  - agents:\n"
                                                            "      - agents/index.md")
    tags = "efficiency:\n  zh: 效率\n  en: E\n  terms:\n    - lora\n\nmemory:\n  zh: 显存\n  en: M\n"
    assert add_to_tag(tags, "efficiency", "qlora") == \
        "efficiency:\n  zh: 效率\n  en: E\n  terms:\n    - lora\n    - qlora\n\nmemory:\n  zh: 显存\n  en: M\n"
    assert add_to_tag(tags, "memory", "qlora").endswith("memory:\n  zh: 显存\n  en: M\n  terms:\n    - qlora\n")
    with pytest.raises(ScaffoldError, match="no such tag"):
        add_to_tag(tags, "nope", "qlora")
    assert drop_abbreviation("KV: {a}\nQLoRA: {b}\nX: {c}\n", "QLoRA") == "KV: {a}\nX: {c}\n"


def test_scaffold_adds_the_term_to_both_languages_at_the_same_place(tmp_path):
    root = small_project(tmp_path)
    written = scaffold(root, "training", "qlora", {"zh": "量化低秩适配", "en": "Quantized LoRA"},
                       abbreviation="QLoRA", after="lora", tags=["efficiency", "memory"])
    assert {p.name for p in written} == {"training.md", "training.en.md", "tags.yml", "abbreviations.yml",
                                         "published-ids.yml"}
    assert "qlora: training/" in (root / "docs/published-ids.yml").read_text(encoding="utf-8")
    site = load_site(root / "docs")
    for path in ("training.md", "training.en.md"):
        assert [t.id for t in site.pages[path].terms] == ["lora", "rank", "qlora", "sft"]
    tags = (root / "docs/tags.yml").read_text(encoding="utf-8")
    assert "    - lora\n    - qlora\n" in tags and tags.rstrip().endswith("terms:\n    - qlora")
    # The heading defines QLoRA now: a second definition would fail the build.
    assert "QLoRA" not in (root / "docs/abbreviations.yml").read_text(encoding="utf-8")


def test_scaffold_creates_a_new_family_pair_and_its_nav_entry(tmp_path):
    root = small_project(tmp_path)
    written = scaffold(root, "agents", "tool-use", {"zh": "工具调用", "en": "Tool Use"},
                       family_titles={"zh": "智能体", "en": "Agents"})
    assert {p.relative_to(root).as_posix() for p in written} == {
        "docs/agents/index.md", "docs/agents/index.en.md", "mkdocs.yml", "docs/published-ids.yml"}
    site = load_site(root / "docs")
    for path, title in (("agents/index.md", "智能体"), ("agents/index.en.md", "Agents")):
        page = site.pages[path]
        assert page.front_matter.data["title"] == title and page.front_matter.data["description"]
        assert re.fullmatch(r"\d{4}-\d{2}", page.front_matter.data["reviewed"])
        assert [(t.id, t.level) for t in page.terms] == [("tool-use", 2)]
    assert "  - training.md\n  - agents:\n      - agents/index.md\n" in (root / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (("training", "lora"), r"id 'lora' is already used by docs/training(\.en)?\.md:\d+"),
    (("training", "rank"), r"id 'rank' is already used"),  # a sub-term's id too
    (("training", "Bad_Id"), r"id 'Bad_Id' is not lowercase ASCII kebab-case"),
    (("agents", "tool-use"), r"page 'agents' is new: give its titles with --title-zh and --title-en"),
], ids=["duplicate-term", "duplicate-sub-term", "malformed-id", "new-family-without-titles"])
def test_scaffold_refuses_and_writes_nothing(tmp_path, args, message):
    root = small_project(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with pytest.raises(ScaffoldError, match=message):
        scaffold(root, *args, {"zh": "名称", "en": "Name"}, tags=["efficiency"])
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_command_line_refuses_a_duplicate_with_exit_status_1(tmp_path):
    root = small_project(tmp_path)
    result = subprocess.run([sys.executable, str(ROOT / "scripts/new_term.py"), "training", "sft", "--zh", "监督",
                             "--en", "SFT", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "new_term.py: id 'sft' is already used by docs/training" in result.stderr


def write_entries(docs: Path) -> None:
    """What a contributor does after new_term.py: the definition, the See-also
    line and a primary source in place of the skeleton's placeholders."""
    for path in docs.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if "待补充：" not in text and "to do:" not in text:
            continue
        text = re.sub(r"^(.+?)是……（待补充：一句话定义[^）]*）。$", r"\1是一个用于测试的示例术语。", text, flags=re.M)
        text = re.sub(r"^(.+?) is … \(to do: a one-sentence definition[^)]*\)\.$",
                      r"\1 is an example term that the tests write.", text, flags=re.M)
        text = text.replace("**相关术语**：\n", "**相关术语**：[[lora]]\n").replace(
            "**See also:**\n", "**See also:** [[lora]]\n")
        text = re.sub(r"^- （待补充：至少一篇论文或官方文档）$", "- [LoRA](https://arxiv.org/abs/2106.09685)",
                      text, flags=re.M)
        text = re.sub(r"^- \(to do: at least one paper or official documentation\)$",
                      "- [LoRA](https://arxiv.org/abs/2106.09685)", text, flags=re.M)
        text = text.replace("待补充：本页简介。", "示例页面。").replace("to do: describe this page.", "an example page.")
        text = text.replace("（待补充：本页术语的简介。）", "本页是测试写的示例页面。").replace(
            "(To do: an introduction to the terms of this page.)", "This page is an example the tests write.")
        path.write_text(text, encoding="utf-8")


def test_the_readme_recipe_for_a_new_term_works_end_to_end(mini_build):
    """README, "Add or fix a term", on the fixture site (built in-process):
    new terms on an existing page, on a new page of a family and in a new
    family; the build names what each skeleton still lacks; once the entries
    are written, the strict build passes with the nav new_term.py wrote."""
    project: dict[str, Path] = {}

    def scaffold_terms(docs: Path) -> None:
        root = project["root"] = docs.parent
        # The project's nav, which new_term.py edits.
        (root / "mkdocs.yml").write_text(nav_yaml(fixture_nav(real_config()["nav"], docs)), encoding="utf-8")
        for args in (["training", "lora-example", "--zh", "示例适配", "--en", "Example Adaptation", "--abbr", "ExA",
                      "--after", "lora", "--tag", "efficiency"],
                     ["training/example-page", "example-page-term", "--zh", "示例术语", "--en", "Example Term",
                      "--title-zh", "示例页", "--title-en", "Example Page"],
                     ["example-family", "example-root", "--zh", "示例族术语", "--en", "Example Root",
                      "--title-zh", "示例族", "--title-en", "Example Family"],
                     ["example-family", "example-sub", "--zh", "示例子术语", "--en", "Example Sub", "--level", "3",
                      "--after", "example-root"]):
            result = subprocess.run([sys.executable, str(ROOT / "scripts/new_term.py"), *args, "--root", str(root)],
                                    capture_output=True, text=True)
            assert result.returncode == 0, result.stderr
        lock = (docs / "published-ids.yml").read_text(encoding="utf-8")
        assert "lora-example: training/\n" in lock and "example-sub: example-family/\n" in lock

    unwritten = mini_build(scaffold_terms, name="scaffold")
    for expected in ("docs/training/index.md:", "term 'lora-example' still has the placeholder definition",
                     "term 'example-root' lists 0 related terms", "term 'example-page-term' links no primary source"):
        assert any(expected in warning for warning in unwritten.warnings), expected
    build = mini_build(scaffold_terms, write_entries, name="written")
    assert build.error is None and build.warnings == [], build.output[-3000:]
    root = project["root"]
    nav = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - training/example-page.md\n" in nav and "  - example-family:\n      - example-family/index.md" in nav
    # The A–Z index (all its pages) links each new term where it is.
    index = "".join(page.read_text(encoding="utf-8") for page in (build.site / "a-z").rglob("index.html"))
    for target in ("training/#lora-example", "training/example-page/#example-page-term",
                   "example-family/#example-sub"):
        assert re.search(rf'href="(\.\./)+{re.escape(target)}"', index), target
    assert (build.site / "en/example-family/index.html").is_file()
    assert (build.site / "en/alignment/index.html").is_file()
    assert check(root / "docs").ok


# --- check_translations.py --------------------------------------------------------------

ZH = FRONT + ("## 甲 {#a}\n\n甲是一个术语，长度为十个字。\n\n$$\nx^2\n$$\n\n公式 $y$ 与 [[b]]。\n\n"
              "```mermaid\nflowchart LR\n  A --> B\n```\n\n**相关术语**：[[b]]\n\n## 乙 {#b}\n\n乙。\n")
EN = FRONT_EN + ("## A {#a}\n\nA is a term of some length.\n\n$$\nx^2\n$$\n\nFormula $y$ and [[b]].\n\n"
                 "```mermaid\nflowchart LR\n  A --> B\n```\n\n**See also:** [[b]]\n\n## B {#b}\n\nB.\n")


def stats(path: str, source: str):
    return page_stats(parse_page(path, source), source)


def test_page_stats_count_per_term():
    zh = stats("training.md", ZH)
    a = zh.terms[0]
    assert (a.id, a.display_formulas, a.inline_formulas, a.diagrams, a.links) == ("a", 1, 1, 1, 2)
    assert a.han == len("甲是一个术语长度为十个字公式与") + len("相关术语")
    en = stats("training.en.md", EN)
    assert en.terms[0].words == len("A is a term of some length Formula and See also".split())


def parity(zh: str, en: str, tmp_path) -> list[str]:
    """The build's parity problems of a page pair (the script reports the same)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "training.md").write_text(zh, encoding="utf-8")
    (docs / "training.en.md").write_text(en, encoding="utf-8")
    site = load_site(docs)
    return [str(p) for lang in ("zh", "en") for p in parity_check(site, lang, docs)]


def test_a_faithful_translation_has_no_parity_problem(tmp_path):
    assert parity(ZH, EN, tmp_path) == []


@pytest.mark.parametrize("change, expected", [
    (("```mermaid\nflowchart LR\n  A --> B\n```\n\n", ""),
     "docs/training.md:8: term 'a' has 1 diagram(s) here but 0 in docs/training.en.md:8; translate every one"),
    (("$$\nx^2\n$$\n\n", ""),
     "docs/training.md:8: term 'a' has 1 display formula(s) here but 0 in docs/training.en.md:8"),
    (("**See also:** [[b]]", "**See also:** [[a]]"),
     "docs/training.md:23: See-also of 'a' lists b here but a in docs/training.en.md:23; list the same terms"),
    (("## B {#b}", "### B {#b}"),
     'docs/training.md:25: heading "b" is h2 here but h3 in docs/training.en.md:25; use the same level'),
], ids=["diagram", "display-formula", "see-also", "level"])
def test_structural_mismatches_name_the_line(change, expected, tmp_path):
    found = parity(ZH, EN.replace(*change), tmp_path)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_report_and_exit_status(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "training.md").write_text(ZH, encoding="utf-8")
    (docs / "training.en.md").write_text(EN.replace("$y$", "y"), encoding="utf-8")
    (docs / "safety.md").write_text(FRONT + "## 丙 {#c}\n\n丙。\n", encoding="utf-8")
    report = check(docs)
    text = format_report(report)
    assert text.splitlines()[2].split() == ["page", "terms", "zh/en", "zh", "chars", "en", "words", "ratio",
                                            "links", "zh/en", "formulas", "zh/en", "diagrams", "zh/en"]
    row = next(line for line in text.splitlines() if line.startswith("training.md"))
    assert row.split()[1] == "2/2" and row.split()[-2:] == ["2/1", "1/1"]
    assert "docs/training.en.md: 0 inline formulas, docs/training.md: 1" in text  # a note, not a failure
    assert "docs/safety.md:1: page has no English translation; create docs/safety.en.md" in text
    result = subprocess.run([sys.executable, str(ROOT / "scripts/check_translations.py"), "--docs", str(docs)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "1 structural mismatch(es):" in result.stdout
    shutil.copy(docs / "training.md", docs / "safety.md")
    (docs / "safety.en.md").write_text((docs / "training.en.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert subprocess.run([sys.executable, str(ROOT / "scripts/check_translations.py"), "--docs", str(docs)],
                          capture_output=True).returncode == 0


def test_the_real_docs_have_no_structural_mismatch():
    report = check(ROOT / "docs")
    assert report.ok, format_report(report)
    assert len(report.rows) == len({p.base for p in load_site(ROOT / "docs").pages.values()})


# --- move_term.py ------------------------------------------------------------------------

def test_move_term_takes_its_sub_terms_to_a_new_page_and_records_the_move(tmp_path):
    root = small_project(tmp_path)
    (root / "docs/published-ids.yml").write_text("lora: training/\nrank: training/\nsft: training/\n",
                                                 encoding="utf-8")
    move(root, "lora", "adapters", titles={"zh": "适配", "en": "Adapters"})
    site = load_site(root / "docs")
    for lang_suffix in ("", ".en"):
        assert [t.id for t in site.pages[f"training{lang_suffix}.md"].terms] == ["sft"]
        assert [(t.id, t.level) for t in site.pages[f"adapters/index{lang_suffix}.md"].terms] == \
            [("lora", 2), ("rank", 3)]
    lock = (root / "docs/published-ids.yml").read_text(encoding="utf-8")
    assert "lora: [training/, adapters/]\n" in lock and "rank: [training/, adapters/]\n" in lock
    assert "sft: training/\n" in lock


def test_move_term_refuses_an_unknown_term_or_an_untitled_new_page(tmp_path):
    root = small_project(tmp_path)
    with pytest.raises(ScaffoldError, match=r"no page has a heading \{#nope\}"):
        move(root, "nope", "training")
    with pytest.raises(ScaffoldError, match="page 'elsewhere' is new: give its titles"):
        move(root, "lora", "elsewhere")


# --- build_cost.py and the pipeline's switches ---------------------------------------------

def test_build_cost_compares_against_the_config_without_its_hooks():
    from build_cost import without_hooks

    config = "site_name: x\nstrict: true\nhooks:\n  # the one hook\n  - hooks/main.py\n\nnav:\n  - index.md\n"
    assert without_hooks(config) == "site_name: x\nstrict: false\n\nnav:\n  - index.md\n"


def test_an_unknown_stage_to_skip_is_named_with_the_ones_that_exist():
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    import main

    config = SimpleNamespace(extra={"skip_stages": ["minify", "no-such-stage"]})
    with pytest.raises(PluginError, match=r"^mkdocs\.yml: extra\.skip_stages names no-such-stage, which hooks/main\.py "
                                          r"does not know; use some of: search-on-demand, unused-css, minify, "
                                          r"compact-html$"):
        main._skipped(config)
    assert main._skipped(SimpleNamespace(extra={"skip_stages": ["minify"]})) == frozenset({"minify"})
