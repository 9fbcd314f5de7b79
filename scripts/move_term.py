#!/usr/bin/env python3
"""Move a term (its heading, text and sub-terms) to another page, in both
languages, keeping every published link to it working.

    python scripts/move_term.py token foundations/tokens
    python scripts/move_term.py gqa architecture/attention --after mqa
    python scripts/move_term.py ewc training/continual-learning \\
        --title-zh 持续学习与遗忘 --title-en "Continual Learning and Forgetting"   # a new page

The target page is written as for new_term.py: a family (`training`, its
index page) or a page of it (`training/fine-tuning`); a new page gets its two
files and its nav entry. The term keeps its id; docs/published-ids.yml gets
its new page (the build then redirects the old link, see README, "Move a
term or split a page").
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from glossary_docs import LANGUAGES, load_site, parse_page, translation_path  # noqa: E402
from new_term import ScaffoldError, add_to_nav, insert_term, new_page, page_source, record_change  # noqa: E402


def cut_section(source: str, term_id: str, path: str) -> tuple[str, str, int]:
    """`source` without the section of `term_id` (its heading up to the next
    heading of the same or a higher level), the section, and its level."""
    headings = parse_page(path, source).headings
    start = next((h for h in headings if h.id == term_id), None)
    if start is None:
        raise ScaffoldError(f"docs/{path} has no heading {{#{term_id}}}")
    following = next((h for h in headings if h.line > start.line and h.level <= start.level), None)
    lines = source.split("\n")
    end = following.line - 1 if following else len(lines)
    section = "\n".join(lines[start.line - 1:end]).strip("\n") + "\n"
    rest = "\n".join(lines[:start.line - 1]).rstrip("\n") + "\n" + (
        "\n" + "\n".join(lines[end:]).lstrip("\n") if end < len(lines) else "")
    return rest, section, start.level


def move(root: Path, term_id: str, target: str, after: str | None = None,
         titles: dict[str, str] | None = None) -> list[Path]:
    docs = root / "docs"
    site = load_site(docs)
    source = next((p for p in site.pages.values() if p.lang == "zh" and any(t.id == term_id for t in p.terms)), None)
    if source is None:
        raise ScaffoldError(f"no page has a heading {{#{term_id}}}")
    target_path = page_source(docs, target)
    if target_path == source.base:
        raise ScaffoldError(f"{term_id} is already on docs/{target_path}")
    is_new = not (docs / target_path).is_file()
    if is_new and not (titles and all(titles.get(lang) for lang in LANGUAGES)):
        raise ScaffoldError(f"page '{target}' is new: give its titles with --title-zh and --title-en")
    written = []
    for lang in LANGUAGES:
        src = docs / translation_path(source.base, lang)
        dst = docs / translation_path(target_path, lang)
        rest, section, _ = cut_section(src.read_text(encoding="utf-8"), term_id, src.relative_to(docs).as_posix())
        text = dst.read_text(encoding="utf-8") if dst.is_file() else new_page((titles or {})[lang], lang)
        src.write_text(rest, encoding="utf-8")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_text(insert_term(text, section.rstrip("\n") + "\n", after, dst.name), encoding="utf-8")
        written += [src, dst]
    if is_new:
        config = root / "mkdocs.yml"
        config.write_text(add_to_nav(config.read_text(encoding="utf-8"), target_path), encoding="utf-8")
        written.append(config)
    return written + record_change(root)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("id", help="the term to move (its sub-terms come along)")
    parser.add_argument("page", help="where to: a family (training) or a page of one (training/fine-tuning)")
    parser.add_argument("--after", metavar="ID", help="place it after this term's section (default: at the end)")
    parser.add_argument("--title-zh", help="Chinese title of a new page")
    parser.add_argument("--title-en", help="English title of a new page")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        written = move(args.root, args.id, args.page, args.after, {"zh": args.title_zh, "en": args.title_en})
    except ScaffoldError as error:
        print(f"move_term.py: {error}", file=sys.stderr)
        return 1
    for path in dict.fromkeys(written):
        print(f"wrote {path.resolve().relative_to(args.root.resolve())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
