"""Paths of the built site that no file of docs/ may take.

MkDocs lets a docs/ file replace a theme file of the same path, and the
build's own outputs were kept or silently replaced by a hand-written file
of the same name: a pull request could swap Material's bundle on every page,
the vendored mermaid, the exports, the search index, the sitemap, the 404
page or the hosting files. Each such file now fails the build with its path
and the reason.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File

from glossary_docs import LANGUAGES, Problem

# What the build writes from the docs, at the site root.
# (glossary.json is glossary_export's to report, t/ short_links', the
# generated pages term_index_pages'.)
GENERATED = {
    "terms.tsv": "the term table export (hooks/term_exports.py)",
    "terms.csv": "the term table export (hooks/term_exports.py)",
    "llms.txt": "the site summary for language models (hooks/term_exports.py)",
    "llms-full.txt": "the full text for language models (hooks/term_exports.py)",
    "sitemap.xml": "the sitemap", "sitemap.xml.gz": "the sitemap",
    "404.html": "the site's one 404 page (overrides/404.html)",
}
PREFIXES = {
    "search/": "the search index", "assets/vendor/": "the vendored front-end packages (npm)",
    **{f"{lang}/": f"the {lang} site" for lang in LANGUAGES if lang != "zh"},
}
# Files a static host reads as its own configuration.
HOSTING = frozenset({"CNAME", "robots.txt", ".nojekyll", "_headers", "_redirects", ".htaccess"})


def reason(file: File, theme_dirs: list[Path]) -> str | None:
    """Why `file` (from docs/) may not be where it is, if it may not."""
    path = file.src_uri
    if path in GENERATED:
        return f"{GENERATED[path]} is written by the build"
    if path in HOSTING:
        return "a hosting configuration file is not part of the docs (it would change how the site is served)"
    for prefix, owner in PREFIXES.items():
        if path.startswith(prefix) or file.dest_uri.startswith(prefix):
            return f"{prefix} holds {owner}"
    for folder in theme_dirs:
        if (folder / path).is_file():
            return f"it would replace the theme's own {path}"
    return None


def problems(files: list[File], docs_dir: str, theme_dirs: list[str]) -> list[Problem]:
    """Every file of docs/ on a reserved path (pages and other files)."""
    root = Path(docs_dir).resolve()
    dirs = [Path(d) for d in theme_dirs]
    found = []
    for file in files:
        if file.generated_by or file.abs_src_path is None or root not in Path(file.abs_src_path).resolve().parents:
            continue
        why = reason(file, dirs)
        if why:
            found.append(Problem(file.src_uri, 1, f"docs/{file.src_uri} is on a reserved path: {why}; "
                                                  "rename or remove it"))
    return found
