"""Published links never break: the lock of published term ids, and the
redirects of terms that moved.

`docs/published-ids.yml` lists every term id the site has published, with
the pages it has lived on, oldest first (`token: [foundations/, foundations/tokens/]`).
The build fails, naming the file, line and fix,

- when a published id has no heading any more (ids are people's links: a
  term can move, never vanish);
- when a term's page is not the last one its entry lists: it moved, and the
  old link would land on a page without it; adding the new page to the
  entry (`python scripts/id_lock.py --update`) makes the build
  generate the redirect;
- when a heading's id is in no entry (the same command adds it).

For each page a term has left, the build generates the way back:

- the old page, if it still exists, ends with a short list "terms that moved
  from this page", one item per term with the term's id as its anchor: a
  reader with JavaScript off who opens `foundations/#token` lands on the item
  that links to the term's new place; `assets/javascripts/moved-terms.js`,
  loaded only on such pages, sends everyone else straight on;
- an old page that no longer exists becomes a small stub page with the same
  list, a meta refresh to the new page of its first term and the same script.

Short links (`/t/<id>/`) follow a term by themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from jinja2 import Environment
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from content_policy import with_policy
from glossary_docs import DEFAULT_LANGUAGE, ID_RE, Problem, Site, is_family, page_url, safe_yaml_node, split_language
from glossary_extras import read_data_file

LOCK_FILE = "published-ids.yml"
UPDATE_COMMAND = "python scripts/id_lock.py --update"
LABELS = {
    "zh": {"heading": "已移到其他页面的术语", "moved": "已移至“{page}”", "redirect": "这个页面的术语已移到新位置。"},
    "en": {"heading": "Terms that moved from this page", "moved": "now on {page}", "redirect":
           "The terms of this page have moved."},
}


@dataclass(frozen=True)
class Publication:
    """A published id and the site-relative, language-neutral URLs of the
    pages it has lived on, oldest first (the last is where it is now)."""

    id: str
    urls: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Placement:
    """Where a term is now, in one language."""

    id: str
    path: str  # docs-relative source: foundations/tokens.en.md
    line: int
    url: str  # language-neutral page URL: foundations/tokens/
    name: str  # the heading, for the moved-terms list


@dataclass(frozen=True)
class Move:
    """A term that left the page at `old_url`."""

    id: str
    name: str
    new_url: str  # language-neutral page URL of its place now
    page_title: str


def parse_lock(text: str, path: str = LOCK_FILE) -> tuple[dict[str, Publication], list[Problem]]:
    """The entries of published-ids.yml, and what is wrong with the file."""
    if not text.strip():
        return {}, [Problem(path, 1, f"the lock of published term ids is missing or empty; "
                                     f"run `{UPDATE_COMMAND}` to create it")]
    try:
        data, root = safe_yaml_node(text)
    except Exception as error:  # yaml.YAMLError; its mark names the line
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(path, mark.line + 1 if mark else 1, f"not valid YAML ({error}); fix the syntax")]
    if not isinstance(data, dict) or root is None:
        return {}, [Problem(path, 1, "must map each term id to its page URL (or a list of them)")]
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in root.value}
    lock: dict[str, Publication] = {}
    problems: list[Problem] = []
    for term_id, value in data.items():
        term_id, line = str(term_id), lines.get(str(term_id), 1)
        urls = [value] if isinstance(value, str) else value
        if not ID_RE.match(term_id):
            problems.append(Problem(path, line, f"'{term_id}' is not a term id (lowercase ASCII kebab-case)"))
            continue
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) and _is_page_url(u) for u in urls):
            problems.append(Problem(path, line, f"'{term_id}' must map to a page URL such as training/ "
                                                "(or a list of them, oldest first)"))
            continue
        lock[term_id] = Publication(term_id, tuple(urls), line)
    return lock, problems


def _is_page_url(url: str) -> bool:
    return (url == "" or url.endswith("/")) and not url.startswith(("/", "en/")) and "#" not in url \
        and ".." not in url.split("/")


def placements(site: Site, lang: str) -> dict[str, Placement]:
    """Term id -> where its heading is now, in one language."""
    found: dict[str, Placement] = {}
    for page in sorted(site.language(lang), key=lambda p: p.path):
        if not is_family(page):
            continue  # the home page's headings are sections, not terms
        for term in page.terms:
            found.setdefault(term.id, Placement(term.id, page.path, term.line,
                                                page_url(page.base, DEFAULT_LANGUAGE), term.name))
    return found


def lock_problems(lock: dict[str, Publication], current: dict[str, Placement], lang: str,
                  path: str = LOCK_FILE) -> list[Problem]:
    """What breaks a published link, or leaves a term out of the lock."""
    problems = []
    for entry in lock.values():
        if entry.id not in current:
            problems.append(Problem(path, entry.line, f"term '{entry.id}' was published at "
                                    f"{entry.urls[-1]}#{entry.id} but no {lang} page has a heading "
                                    f"{{#{entry.id}}} any more; restore the heading (a published id "
                                    "never disappears: move the term, keep its id)"))
    for place in current.values():
        found = lock.get(place.id)
        if found is None:
            problems.append(Problem(place.path, place.line, f"term '{place.id}' is not in docs/{path}; "
                                    f"run `{UPDATE_COMMAND}` to add it"))
        elif found.urls[-1] != place.url:
            problems.append(Problem(place.path, place.line, f"term '{place.id}' moved here from "
                                    f"{found.urls[-1]}#{place.id} without a redirect; run "
                                    f"`{UPDATE_COMMAND}` (it adds {place.url} to the term's entry, "
                                    "and the build redirects the old link)"))
    return problems


def moves(lock: dict[str, Publication], current: dict[str, Placement],
          titles: dict[str, str]) -> dict[str, list[Move]]:
    """Old page URL -> the terms that left it (in lock order). `titles`: page
    URL -> its title in this language."""
    result: dict[str, list[Move]] = {}
    for entry in lock.values():
        place = current.get(entry.id)
        if place is None:
            continue
        for old in dict.fromkeys(entry.urls[:-1]):
            if old != place.url:
                result.setdefault(old, []).append(
                    Move(entry.id, place.name, place.url, titles.get(place.url, place.url)))
    return result


def updated_lock(text: str, site: Site) -> str:
    """The lock's text with every current id added and every move recorded;
    nothing is ever removed. Entries keep their order; new ones follow in
    page order."""
    lock, _ = parse_lock(text) if text.strip() else ({}, [])
    current = placements(site, DEFAULT_LANGUAGE)
    entries: dict[str, list[str]] = {term_id: list(entry.urls) for term_id, entry in lock.items()}
    for place in current.values():
        urls = entries.setdefault(place.id, [])
        if not urls or urls[-1] != place.url:
            urls.append(place.url)
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#")) or HEADER
    body = "".join(f"{term_id}: {urls[0]}\n" if len(urls) == 1 else f"{term_id}: [{', '.join(urls)}]\n"
                   for term_id, urls in entries.items())
    return header + "\n" + body


HEADER = """\
# Every term id this site has published, with the pages it has lived on,
# oldest first: `lora: training/`, `token: [foundations/, foundations/tokens/]`.
# Ids are people's links: an entry is never removed, and the build fails when
# a listed id loses its heading or moves without its new page listed here.
# From the listed pages the build generates the redirects to the term's page
# now. `python scripts/id_lock.py --update` adds new ids and records
# moves; review its change like any other.
"""


# --- The stages -------------------------------------------------------------------------


def check(site: Site, lang: str, docs_dir: str) -> tuple[list[Problem], dict[str, list[Move]]]:
    """What is wrong with the lock for this language's pages, and the moves
    it records (old page URL -> the terms that left it)."""
    lock, problems = parse_lock(read_data_file(docs_dir, LOCK_FILE))
    current = placements(site, lang)
    if not problems:
        problems = lock_problems(lock, current, lang)
    titles = {page_url(p.base, DEFAULT_LANGUAGE): str((p.front_matter.data or {}).get("title", ""))
              for p in site.language(lang)}
    return problems, moves(lock, current, titles)


def moved_pages(found: dict[str, list[Move]], files: Files, lang: str, env: Environment,
                site_name: str) -> list[tuple[str, str]]:
    """(path, HTML) of a stub page at each old URL that no page has any more."""
    existing = {page_url(split_language(f.src_uri)[0], DEFAULT_LANGUAGE) for f in files.documentation_pages()}
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    pages = []
    for old_url, moved in found.items():
        if old_url in existing:
            continue
        counts = Counter(move.new_url for move in moved)
        target = get_relative_url(counts.most_common(1)[0][0], old_url)
        links = _links(moved, old_url)
        html_text = env.get_template("moved-page.html").render(
            lang=lang, labels=LABELS[lang], target=target, moves=links,
            moved={link["id"]: link["href"] for link in links},
            script=get_relative_url("assets/javascripts/", prefix + old_url) + "moved-terms.js",
            site_name=site_name)
        pages.append((prefix + old_url + "index.html", with_policy(html_text)))
    return pages


def add_moved_terms(html_text: str, page: Page, found: dict[str, list[Move]], env: Environment) -> str:
    """The moved-terms list at the end of a page that terms have left."""
    base, lang = split_language(page.file.src_uri)
    moved = found.get(page_url(base, DEFAULT_LANGUAGE))
    if not moved:
        return html_text
    links = _links(moved, page_url(base, DEFAULT_LANGUAGE))
    page.meta["moved_terms"] = {link["id"]: link["href"] for link in links}
    listing = env.get_template("partials/moved-terms.html").render(labels=LABELS[lang], moves=links)
    return html_text + listing


def _links(moved: list[Move], from_url: str) -> list[dict[str, str]]:
    return [{"id": m.id, "name": m.name, "href": get_relative_url(m.new_url, from_url) + "#" + m.id,
             "page": m.page_title} for m in moved]



