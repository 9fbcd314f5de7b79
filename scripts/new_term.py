#!/usr/bin/env python3
"""Add a term skeleton to both languages of a page.

    python scripts/new_term.py training qlora --zh 量化低秩适配 --en "Quantized LoRA" --abbr QLoRA
    python scripts/new_term.py training/fine-tuning post-training --zh 后训练 --en Post-Training
    python scripts/new_term.py training qlora --zh … --en … --after lora      # after that term
    python scripts/new_term.py training qlora --zh … --en … --level 3         # a sub-term
    python scripts/new_term.py agents/tools mcp --zh 模型上下文协议 --en "Model Context Protocol" \\
        --title-zh 工具调用与协议 --title-en "Tool Use and Protocols"           # a new page
    python scripts/new_term.py agents ai-agent --zh 智能体 --en "AI Agent" \\
        --title-zh 智能体 --title-en "AI Agents"                               # a new family

The first argument is the page: a family (`training`, its section's first
page docs/training/index.md) or a page of it (`training/fine-tuning`). It
writes the heading (same id, level and place in both files), a one-line
definition to replace, an empty See-also line and a References line, so the
page still builds strictly and the parity checks pass. A new page gets its
two files (front matter with this month's `reviewed:`, title) and its place
in mkdocs.yml's nav. The id must be new on the whole site: ids are permanent
links; the script adds it to docs/published-ids.yml.
`--tag` adds the term to a tag of docs/tags.yml.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The hooks folder is not a package: MkDocs puts it on sys.path for the
# hooks, and this script reads the docs with the same parser as the build.
sys.path.insert(0, str(ROOT / "hooks"))

from datetime import date  # noqa: E402

from content_rules import PLACEHOLDERS  # noqa: E402
from glossary_docs import ID_RE, LANGUAGES, load_site, parse_page, translation_path  # noqa: E402
from published_ids import LOCK_FILE, updated_lock  # noqa: E402


class ScaffoldError(Exception):
    """Why the term cannot be added (printed, exit status 1)."""


def heading_name(name: str, abbreviation: str | None, lang: str) -> str:
    if not abbreviation:
        return name
    return f"{name}（{abbreviation}）" if lang == "zh" else f"{name} ({abbreviation})"


def skeleton(term_id: str, name: str, abbreviation: str | None, level: int, lang: str) -> str:
    """The entry as a contributor starts from: heading, definition, See also, References."""
    title = heading_name(name, abbreviation, lang)
    if lang == "zh":
        lines = [f"{'#' * level} {title} {{#{term_id}}}", "",
                 f"{name}是……（{PLACEHOLDERS['zh']}一句话定义，它也是索引和预览中的摘要）。", "",
                 "**相关术语**：", "",
                 "**参考文献**：", "",
                 f"- （{PLACEHOLDERS['zh']}至少一篇论文或官方文档）"]
    else:
        lines = [f"{'#' * level} {title} {{#{term_id}}}", "",
                 f"{name} is … ({PLACEHOLDERS['en']} a one-sentence definition; it is also the summary in the index "
                 "and in link previews).", "",
                 "**See also:**", "",
                 "**References:**", "",
                 f"- ({PLACEHOLDERS['en']} at least one paper or official documentation)"]
    return "\n".join(lines) + "\n"


def family_page(title: str, description: str, lang: str, today: date | None = None) -> str:
    """A new page: front matter (JSON strings are YAML strings), with this
    month as its review month, and title."""
    month = (today or date.today()).strftime("%Y-%m")
    intro = "（待补充：本页术语的简介。）" if lang == "zh" else "(To do: an introduction to the terms of this page.)"
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\nreviewed: {month}\n---\n\n"
            f"# {title}\n\n{intro}\n")


def new_page(title: str, lang: str) -> str:
    """A new page with its title and a description still to write."""
    to_write = f"：{PLACEHOLDERS['zh']}本页简介。" if lang == "zh" else f": {PLACEHOLDERS['en']} describe this page."
    return family_page(title, title + to_write, lang)


def page_source(docs: Path, page: str) -> str:
    """The docs path of a page argument: `training` -> training/index.md
    (training.md where a family is one flat page), `training/fine-tuning`
    -> training/fine-tuning.md."""
    if "/" in page:
        return f"{page}.md"
    return f"{page}.md" if (docs / f"{page}.md").is_file() else f"{page}/index.md"


def insert_term(source: str, entry: str, after: str | None, path: str = "page.md") -> str:
    """`source` with `entry` after the section of term `after` (up to the next
    heading of the same or a higher level), or at the end."""
    lines = source.split("\n")
    position = len(lines)
    if after is not None:
        headings = parse_page(path, source).headings
        start = next((h for h in headings if h.id == after), None)
        if start is None:
            raise ScaffoldError(f"--after {after}: docs/{path} has no heading with that id")
        following = next((h for h in headings if h.line > start.line and h.level <= start.level), None)
        if following is not None:
            position = following.line - 1
    before = "\n".join(lines[:position]).rstrip("\n")
    rest = "\n".join(lines[position:]).lstrip("\n")
    return f"{before}\n\n{entry}" + (f"\n{rest}" if rest else "")


def add_to_nav(config: str, source: str) -> str:
    """mkdocs.yml with a new page in the nav: a page of an existing family
    after the last page of its section; a new family's index page as a new
    section (named by the family id) at the end of the nav."""
    lines = config.split("\n")
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "nav:"), None)
    if start is None:
        raise ScaffoldError("mkdocs.yml has no nav: section; add the page to it by hand")
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))),
               len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    family = source.split("/", 1)[0]
    if "/" not in source:  # a flat family page
        lines.insert(end, f"  - {source}")
        return "\n".join(lines)
    section = next((i for i in range(start + 1, end) if lines[i].rstrip() == f"  - {family}:"), None)
    if section is None:
        lines[end:end] = [f"  - {family}:", f"      - {source}"]
        return "\n".join(lines)
    last = section
    for index in range(section + 1, end):
        if not lines[index].startswith("      "):
            break
        last = index
    lines.insert(last + 1, f"      - {source}")
    return "\n".join(lines)


def add_to_tag(text: str, tag: str, term_id: str) -> str:
    """docs/tags.yml with `term_id` appended to the terms of `tag` (created if missing)."""
    lines = text.rstrip("\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.rstrip() == f"{tag}:"), None)
    if start is None:
        raise ScaffoldError(f"--tag {tag}: docs/tags.yml has no such tag; add it there (zh, en "
                            "labels) first")
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i].startswith((" ", "#"))),
               len(lines))
    block = lines[start:end]
    terms_at = next((i for i, line in enumerate(block) if line.strip() == "terms:"), None)
    if terms_at is None:
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        lines[end:end] = ["  terms:", f"    - {term_id}"]
    else:
        last = start + terms_at
        for i in range(start + terms_at + 1, end):
            if lines[i].strip().startswith("- "):
                last = i
        lines.insert(last + 1, f"    - {term_id}")
    return "\n".join(lines) + "\n"


def drop_abbreviation(text: str, abbreviation: str) -> str:
    """docs/abbreviations.yml without the entry of `abbreviation` (a term's
    heading now defines it; the build reports a repeated definition)."""
    pattern = re.compile(rf"^{re.escape(abbreviation)}\s*:.*\n?", re.MULTILINE)
    return pattern.sub("", text, count=1)


def scaffold(root: Path, family: str, term_id: str, names: dict[str, str], *, abbreviation: str | None = None,
             level: int = 2, after: str | None = None, family_titles: dict[str, str] | None = None,
             tags: list[str] | None = None) -> list[Path]:
    """Add the term to a page (`family`: `training` or `training/fine-tuning`)
    in both languages; return the files written."""
    docs = root / "docs"
    if not ID_RE.match(term_id):
        raise ScaffoldError(f"id '{term_id}' is not lowercase ASCII kebab-case (letters, digits, hyphens, "
                            "starting with a letter)")
    parts = family.split("/")
    if len(parts) > 2 or not all(ID_RE.match(part) for part in parts) or parts[0] == "index" or \
            parts[-1] == "index":
        raise ScaffoldError(f"page '{family}' is not a family or a page of one (training, "
                            "training/fine-tuning: lowercase kebab-case, not 'index')")
    for lang in LANGUAGES:
        if not names.get(lang, "").strip():
            raise ScaffoldError(f"the {lang} name is empty")
    site = load_site(docs)
    for page in site.pages.values():
        for heading in page.headings:
            if heading.id == term_id:
                raise ScaffoldError(f"id '{term_id}' is already used by docs/{page.path}:{heading.line} "
                                    f'("{heading.text}"); ids are unique and permanent, choose another')
    source_path = page_source(docs, family)
    paths = {lang: docs / translation_path(source_path, lang) for lang in LANGUAGES}
    existing = {lang: path.is_file() for lang, path in paths.items()}
    if any(existing.values()) and not all(existing.values()):
        missing = next(p for lang, p in paths.items() if not existing[lang])
        raise ScaffoldError(f"docs/{missing.relative_to(docs)} is missing; a page has both languages or neither")
    new_family = not any(existing.values())
    if new_family and not (family_titles and all(family_titles.get(lang) for lang in LANGUAGES)):
        raise ScaffoldError(f"page '{family}' is new: give its titles with --title-zh and --title-en")
    if level > 2 and after is None and new_family:
        raise ScaffoldError("a sub-term (--level 3) needs a term above it; add an h2 term first")
    written = []
    if tags:  # checked before anything is written
        tags_file = docs / "tags.yml"
        text = tags_file.read_text(encoding="utf-8") if tags_file.is_file() else ""
        for tag in tags:
            text = add_to_tag(text, tag, term_id)
    for lang in LANGUAGES:
        source = (paths[lang].read_text(encoding="utf-8") if existing[lang] else
                  new_page((family_titles or {})[lang], lang))
        entry = skeleton(term_id, names[lang].strip(), abbreviation, level, lang)
        updated = insert_term(source, entry, after, paths[lang].name)
        paths[lang].parent.mkdir(parents=True, exist_ok=True)
        paths[lang].write_text(updated, encoding="utf-8")
        written.append(paths[lang])
    if tags:
        tags_file.write_text(text, encoding="utf-8")
        written.append(tags_file)
    abbreviations = docs / "abbreviations.yml"
    if abbreviation and abbreviations.is_file():
        text = abbreviations.read_text(encoding="utf-8")
        if drop_abbreviation(text, abbreviation) != text:
            abbreviations.write_text(drop_abbreviation(text, abbreviation), encoding="utf-8")
            written.append(abbreviations)
    if new_family:
        config = root / "mkdocs.yml"
        config.write_text(add_to_nav(config.read_text(encoding="utf-8"), source_path), encoding="utf-8")
        written.append(config)
    # The new id is published with this change: the lock learns it (the build
    # fails until it does).
    return written + record_change(root)


def record_change(root: Path) -> list[Path]:
    """docs/published-ids.yml brought up to date with the docs (new ids
    added, moves recorded); the files written."""
    lock = root / "docs" / LOCK_FILE
    lock_text = lock.read_text(encoding="utf-8") if lock.is_file() else ""
    lock.write_text(updated_lock(lock_text, load_site(root / "docs")), encoding="utf-8")
    return [lock]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("family", metavar="page", help="a family (training) or a page of one "
                        "(training/fine-tuning), without .md")
    parser.add_argument("id", help="the term's permanent id: lowercase kebab-case (qlora, kv-cache)")
    parser.add_argument("--zh", required=True, help="the Chinese name (量化低秩适配)")
    parser.add_argument("--en", required=True, help="the English name (Quantized LoRA)")
    parser.add_argument("--abbr", help="an abbreviation shown in both headings (QLoRA)")
    parser.add_argument("--level", type=int, choices=(2, 3, 4), default=2,
                        help="2 for a term (default), 3 or 4 for a sub-term of the term above")
    parser.add_argument("--after", metavar="ID", help="insert after this term's section (default: at the end)")
    parser.add_argument("--title-zh", "--family-zh", dest="family_zh", help="Chinese title of a new page")
    parser.add_argument("--title-en", "--family-en", dest="family_en", help="English title of a new page")
    parser.add_argument("--tag", action="append", default=[], help="add the term to this tag of docs/tags.yml")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        written = scaffold(args.root, args.family, args.id, {"zh": args.zh, "en": args.en},
                           abbreviation=args.abbr, level=args.level, after=args.after,
                           family_titles={"zh": args.family_zh, "en": args.family_en}, tags=args.tag)
    except ScaffoldError as error:
        print(f"new_term.py: {error}", file=sys.stderr)
        return 1
    root = args.root.resolve()
    for path in written:
        print(f"wrote {path.resolve().relative_to(root)}")
    print("Next: write the definition and body in both files, fill See also with [[id]]s and cite a source; "
          "then `make check` and `make test`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
