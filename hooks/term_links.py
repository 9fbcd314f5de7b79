"""Term references (`[[lora]]`) and every link of a page must resolve.

Contributors link a term by its id; the hook writes the link with the term's
name in the page's language and the path of the page that holds it, so moving
a term between pages never breaks a reference. MkDocs validates Markdown
links; this module also checks what it does not see: links written as HTML,
and links into a page of the other language, which MkDocs leaves unresolved
without a word.
"""

from __future__ import annotations

import posixpath
import re
from html import unescape
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import Files

from glossary_docs import (
    DEFAULT_LANGUAGE,
    TERM_REF_RE,
    DocPage,
    Problem,
    Site,
    link_from,
    rewrite_prose,
    split_language,
)

_INLINE_CODE_RE = re.compile(r"(`+)(.+?)\1")


def term_targets(site: Site, lang: str) -> dict[str, tuple[str, str]]:
    """Term id -> (the default-language page that holds it, the term's name in `lang`).

    Links name the default-language file (`training.md`): mkdocs-static-i18n
    points them at the reader's language.
    """
    return {term_id: (page.base, term.name) for term_id, (page, term) in site.terms(lang).items()}


def unknown_ref_problems(page: DocPage, targets: dict[str, tuple[str, str]]) -> list[Problem]:
    return [Problem(page.path, line, f'term reference [[{ref}]] names no term; use the id of an '
                                     "existing heading (docs/published-ids.yml lists them all) or add the term")
            for line, ref in page.term_refs if ref not in targets]


def render_term_refs(markdown: str, page_path: str, targets: dict[str, tuple[str, str]]) -> str:
    """Replace `[[id]]` / `[[id|text]]` outside code with links: inline HTML
    tags around the text, which Markdown renders as the text of any link.
    Their targets are checked already (unknown_ref_problems), so they are
    written as the final relative URL instead of a Markdown link that MkDocs
    would resolve again, through mkdocs-static-i18n's lookup, for each of
    some 5,000 references a build."""
    if "[[" not in markdown:
        return markdown
    here = split_language(page_path)[0]

    def link(match: re.Match) -> str:
        ref, text = match.group(1).strip(), match.group(2)
        if ref not in targets:
            return match.group(0)  # reported with its line by unknown_ref_problems
        base, name = targets[ref]
        return f'<a href="{link_from(here, f"{base}#{ref}")}">{text.strip() if text else name}</a>'

    def rewrite(line: str) -> str:
        if "[[" not in line:
            return line
        # split() yields text, marker, code, text, …: rewrite the text only.
        pieces, marker = [], ""
        for i, part in enumerate(_INLINE_CODE_RE.split(line)):
            if i % 3 == 0:
                pieces.append(TERM_REF_RE.sub(link, part))
            elif i % 3 == 1:
                marker = part
            else:
                pieces.append(marker + part + marker)
        return "".join(pieces)

    return rewrite_prose(markdown, rewrite)


def link_problems(page: DocPage, page_url: str, pages: dict[str, set[str]],
                  other_urls: set[str]) -> list[Problem]:
    """Links MkDocs does not validate: raw HTML `<a href>`, and Markdown links
    into a page of the other language (`training.en.md` from a Chinese page).

    `pages` maps each page URL of this language to its heading ids;
    `other_urls` are the site's other files (stylesheets, downloads).
    """
    problems = []
    for line, target in page.md_links:
        path = urlsplit(target).path
        base, lang = split_language(posixpath.basename(path))
        if not urlsplit(target).scheme and path.endswith(".md") and lang != DEFAULT_LANGUAGE:
            problems.append(Problem(page.path, line,
                                    f"link '{target}' points into the {lang} translation; link "
                                    f"to '{posixpath.join(posixpath.dirname(path), base)}' "
                                    "instead (each reader is sent to their own language)"))
    own_ids = {h.id for h in page.headings if h.id}
    for line, raw in page.html_links:
        href = unescape(raw)
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            continue
        anchor = unquote(parts.fragment)
        if not parts.path:
            ids = own_ids
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page_url),
                                                       unquote(parts.path))).lstrip("/")
            target = "" if target == "." else target
            if parts.path.endswith("/") and target:
                target += "/"
            if target in other_urls and not anchor:
                continue
            found = pages.get(target)
            if found is None:
                problems.append(Problem(page.path, line,
                                        f"link '{href}' points to no page of the site; write "
                                        "the path as the built site has it (e.g. "
                                        "../training/#lora), or use a Markdown link"))
                continue
            ids = found
        if anchor and anchor not in ids:
            problems.append(Problem(page.path, line,
                                    f"link '{href}' points to anchor '#{anchor}', which "
                                    f"{'this page' if not parts.path else 'that page'} does not "
                                    "have; use an existing heading id"))
    return problems


def check(site: Site, lang: str, files: Files) -> tuple[dict[str, tuple[str, str]], list[Problem]]:
    """The term targets of this language, and every [[id]] and raw or
    cross-language link of its pages that leads nowhere."""
    targets = term_targets(site, lang)
    urls = {file.src_uri: file.url for file in files.documentation_pages()}
    ids = {url: {h.id for h in site.pages[src].headings if h.id} if src in site.pages else set()
           for src, url in urls.items()}
    other_urls = {file.url for file in files if not file.is_documentation_page()}
    problems = []
    for page in site.language(lang):
        problems += unknown_ref_problems(page, targets)
        if page.path in urls:
            problems += link_problems(page, urls[page.path], ids, other_urls)
    return targets, problems


