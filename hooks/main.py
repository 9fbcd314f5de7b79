"""The glossary's build, in one place: every stage, in the order it runs.

This is the only module mkdocs.yml registers as a hook. MkDocs calls the
events below; each event calls the stages, which are modules of pure
functions named for what they do (the tests call them directly). The order
of the calls inside an event is the order of the stages; the priorities
place each event relative to mkdocs-static-i18n (-100: it picks a pass's
pages, builds the other languages inside its on_post_build) and to
Material's search plugin (0).

    on_config     CJK-aware abbreviations; the formula and pinyin caches;
                  the jieba dictionary of term names
    on_files      parse docs/ once (glossary_docs); the checks of this
                  pass's language, all reported together; the files links
                  may point at, then the link check; generated pages and
                  exports; the preview cards; the theme's scripts patched
                  (search worker, lazy index)
    on_nav        section titles from the family pages
    on_page_markdown   term links [[id]]; the home pages' family table;
                  abbreviation definitions
    on_page_content    what a contribution may not hold (safe_html) and the
                  headings the build cannot check; then what search indexes:
                  moved-terms lists, review dates, A-Z pointers, See-also
                  lists, the marks that keep noise out of the index, and
                  what it reads besides (formulas' plain reading, table rows)
    on_page_context, on_template_context, on_post_template
                  head metadata and structured data, sitemap entries, the
                  one 404 page
    on_post_page  the theme's indentation collapsed; search-only text
                  dropped; what search leaves out anyway: formulas to MathML,
                  copy-link buttons, tag rows; what a reader sees around the
                  content (page_reading); named section toggles; search
                  pointed at the page's language; Material's invalid markup
                  fixed; last, the Content-Security-Policy with the page's
                  hashes
    on_post_build (once, after every language) the caches saved (and
                  the cards and site files no build used for two weeks
                  dropped);
                  one search index and one names index per language; the
                  sitemap per language;
                  the math fonts; unused theme CSS dropped; the site's own
                  CSS/JS minified

A stage can be left out of a build from mkdocs.yml, e.g. while working on
the theme: `extra: {skip_stages: [unused-css, minify]}` (STAGES lists the
names that can).
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import mkdocs.plugins
from jinja2 import Environment, Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import abbreviations
import compact_html
import content_policy
import content_rules
import english_spelling
import files_io
import front_matter
import glossary_export
import glossary_extras
import heading_ids
import math_font
import math_mathml
import mermaid_blocks
import minified_assets
import nav_sections
import not_found_page
import page_meta
import page_reading
import published_ids
import reserved_paths
import reviewed_date
import safe_html
import search_dictionary
import search_index
import search_names
import search_on_demand
import search_text
import search_worker
import see_also
import share_cards
import short_links
import structured_data
import term_exports
import term_index_pages
import term_links
import term_previews
import term_tags
import translation_parity
import unused_css
import valid_html
import vendor_assets
from glossary_docs import DEFAULT_LANGUAGE, Problem, Site, i18n_plugin, load_site, report, split_language

log = logging.getLogger("mkdocs.plugins.glossary")

# The stages a build may leave out (extra.skip_stages): the optional ones.
# The checks, term links and generated pages are what the site is; they
# always run.
STAGES = ("search-on-demand", "unused-css", "minify", "compact-html")


@dataclass
class BuildPass:
    """What one language's pass knows: its language (mkdocs-static-i18n's
    own state), the parsed docs, and what its stages computed for the
    events after on_files."""

    lang: str
    config: MkDocsConfig
    site: Site
    skip: frozenset[str] = frozenset()
    term_targets: dict = field(default_factory=dict)
    see_also_names: dict[str, str] = field(default_factory=dict)
    short_urls: dict[str, str] = field(default_factory=dict)
    tags: term_tags.TagState | None = None
    abbreviations: abbreviations.AbbreviationState | None = None
    moves: dict = field(default_factory=dict)
    generated_bodies: dict[str, str] = field(default_factory=dict)

    @property
    def is_default(self) -> bool:
        return self.lang == DEFAULT_LANGUAGE

    @functools.cached_property
    def env(self) -> Environment:
        # The theme's environment, made once a pass: get_env() builds a new
        # one on each call, and with it a new template cache (412 calls and
        # their template compilations were 0.15 s of a build).
        return self.config.theme.get_env()


_pass: BuildPass | None = None


def _current() -> BuildPass:
    if _pass is None:
        raise PluginError("hooks/main.py: a page event ran before on_files; MkDocs always calls on_files first")
    return _pass


def _skipped(config: MkDocsConfig) -> frozenset[str]:
    skip = config.extra.get("skip_stages") or []
    unknown = sorted(set(skip) - set(STAGES))
    if unknown:
        raise PluginError(f"mkdocs.yml: extra.skip_stages names {', '.join(unknown)}, which "
                          f"hooks/main.py does not know; use some of: {', '.join(STAGES)}")
    return frozenset(skip)


def _language(config: MkDocsConfig) -> str:
    # mkdocs-static-i18n sets it in its on_config, before every pass.
    return i18n_plugin(config).current_language


def _toc(toc) -> list[tuple[int, str, str]]:
    """(level, id, title) of every heading the Markdown renderer made."""
    return [(item.level, item.id, item.title) for item in _flat(toc)]


def _flat(items) -> list:
    return [child for item in items for child in [item, *_flat(item.children)]]


def _add(files: Files, config: MkDocsConfig, generated: Sequence[tuple[str, str | bytes]]) -> None:
    for path, content in generated:
        files.append(files_io.site_files.file(config, path, content))


# --- the build, event by event --------------------------------------------------

@mkdocs.plugins.event_priority(50)  # before the search plugin loads its jieba dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _skipped(config)
    config.markdown_extensions = abbreviations.use_cjk_abbr(config.markdown_extensions, config.mdx_configs)
    root = Path(config.config_file_path).parent
    math_mathml.open_cache(root / math_mathml.CACHE_FILE)
    term_index_pages.readings_cache.open(root / term_index_pages.READINGS_FILE)
    safe_html.clean_pages.open(root / safe_html.CACHE_FILE)
    search_dictionary.write_dictionary(config)
    return config


@mkdocs.plugins.event_priority(-150)  # after mkdocs-static-i18n picked this pass's pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _pass
    site = load_site(config.docs_dir)
    p = _pass = BuildPass(_language(config), config, site, _skipped(config))
    docs = config.docs_dir
    unreadable = [*site.unreadable, *glossary_extras.unreadable_data_files(docs)]
    if unreadable:  # nothing else can be checked reliably, and MkDocs would stop with a traceback
        report(log, unreadable)
        raise PluginError(f"{len(unreadable)} file(s) of docs/ cannot be read as text; see the warnings above")
    problems: list[Problem] = []

    # 1. Checks of the sources: pure functions of the parsed pages.
    problems += front_matter.check(site, p.lang)
    problems += heading_ids.check(site, p.lang)
    problems += translation_parity.check(site, p.lang, docs)
    lock_problems, p.moves = published_ids.check(site, p.lang, docs)
    problems += lock_problems
    problems += english_spelling.check(site, p.lang, docs)
    problems += mermaid_blocks.check(site, p.lang)
    problems += content_rules.check(site, p.lang, docs)
    p.see_also_names, see_problems = see_also.check(site, p.lang, docs)
    problems += see_problems
    p.tags, tag_problems = term_tags.load(site, docs, config.nav)
    p.abbreviations, abbreviation_problems = abbreviations.load(site, docs)
    if p.is_default:  # these files are in no language: reported once
        problems += tag_problems + abbreviation_problems
        problems += reserved_paths.problems(list(files), docs, config.theme.dirs)

    # 2. The files a page may link to besides pages: the vendored mermaid
    # (one copy, at the site root) and the stubs at the old URLs of moved
    # terms. Then every link and [[id]] of this language is checked.
    if p.is_default:
        _add(files, config, [(dest, content) for dest, content in
                             vendor_assets.vendor_files(Path(config.config_file_path).parent / "node_modules")
                             if files.get_file_from_path(dest) is None])
    _add(files, config, published_ids.moved_pages(p.moves, files, p.lang, p.env, config.site_name))
    p.term_targets, link_problems = term_links.check(site, p.lang, files)
    problems += link_problems

    # 3. Generated pages and exports: /glossary.json and the downloads (at
    # the site root, from the default pass), the short links /t/<id>/, the
    # A-Z, tags and term-table pages.
    if p.is_default:
        problems += glossary_export.add_export(files, config, site)
    problems += short_links.reserved_path_problems(files, p.lang)
    p.short_urls, pages = short_links.pages(site, p.lang, config.site_url or "", config.site_name, p.env)
    _add(files, config, pages)
    p.generated_bodies, page_problems = term_index_pages.add_pages(files, config, p.lang, p.env)
    problems += page_problems
    problems += share_cards.add_cards(files, config, site, p.lang, drawing=not problems)
    if p.is_default:
        _add(files, config, [(name, content) for name, content in
                             term_exports.exports(docs, config.nav, config.site_url or "").items()
                             if name not in files.src_uris])

    # 4. The theme's scripts: the search worker's fixes, then the index on
    # demand (which serves the fixed worker under another name).
    theme_warnings = search_worker.patch(files, config)
    if "search-on-demand" not in p.skip:
        theme_warnings += search_on_demand.patch(files, config)
    for warning in theme_warnings:
        log.warning(warning)

    report(log, problems)
    return files


@mkdocs.plugins.event_priority(-150)  # after mkdocs-static-i18n built this language's nav
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    p = _current()
    nav_sections.retitle_sections(nav, p.site, p.lang)
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    p = _current()
    lang = split_language(page.file.src_uri)[1]
    markdown = term_links.render_term_refs(markdown, page.file.src_uri, p.term_targets)
    markdown = term_index_pages.fill_families(markdown, p.site, config.nav, lang)
    if not page.file.generated_by and p.abbreviations:  # the index pages spell every name out
        markdown = abbreviations.append_definitions(markdown, p.abbreviations, lang)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The page's own HTML, as the search plugin will index it (in its
    on_page_context): what readers should find by searching."""
    p = _current()
    lang = split_language(page.file.src_uri)[1]
    if not page.file.generated_by:  # a contributor's page: nothing that could run or reach out
        source = page.file.content_string
        report(log, safe_html.problems(html, page.file.src_uri, source))
        doc = p.site.pages.get(page.file.src_uri)
        if doc is not None:
            report(log, heading_ids.unchecked_headings(_toc(page.toc), doc, source))
    html = term_index_pages.fill_body(html, page, p.generated_bodies)
    html = published_ids.add_moved_terms(html, page, p.moves, p.env)
    html = reviewed_date.add_reviewed(html, page.meta.get("reviewed"), lang, p.env)
    html = term_index_pages.add_letter_pointers(html, page, p.site, p.env)
    html = term_index_pages.fill_search_form(html, lang, p.env)
    html = see_also.render_see_also(html, p.see_also_names, lang)  # as a list search leaves out
    return search_text.for_search(search_index.exclude_from_search(html))


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["head_meta"] = page_meta.page_head_meta(page, config)
    context["structured_data"] = structured_data.page_data(page, config, _current().site)
    return context


def on_pre_template(template: Template, *, template_name: str, config: MkDocsConfig) -> Template:
    return not_found_page.template_to_render(template, template_name, config)


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    page_meta.fill_sitemap(context, template_name, config)
    not_found_page.reset_language_switch(template_name, config)
    return context


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name == not_found_page.TEMPLATE and output:  # the other languages' passes render nothing
        output = page_reading.header_names(output, config.site_name, "", both=not_found_page.OTHER_LANGUAGE)
        output = content_policy.with_policy(valid_html.fix_theme_markup(output, template_name))
    return not_found_page.one_404_page(output, template_name, config)


@mkdocs.plugins.event_priority(-100)  # after mkdocs-static-i18n's own (it changes nothing here)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The whole page. First what the search index leaves out anyway, added
    after the search plugin has read the content (its HTML parser is a
    third of the build; MathML alone triples a formula page's tags)."""
    p = _current()
    lang = split_language(page.file.src_uri)[1]
    if "compact-html" not in p.skip:  # first: the theme's indentation is a third of a page, for every stage after
        output = compact_html.collapse_indentation(output)
    output = search_text.drop_search_only(output)
    output, math_problems = math_mathml.to_mathml(output, page.file.src_uri, page.file.content_string)
    report(log, math_problems)
    output = short_links.add_copy_buttons(output, p.short_urls, lang)
    if not page.file.generated_by and p.tags is not None:
        output = term_tags.add_tag_rows_to_page(output, p.tags, lang, page.url)
    output = page_reading.finish(output, src_uri=page.file.src_uri, page_url=page.url, page_title=page.title or "",
                                 lang=lang, site=p.site, site_name=config.site_name)
    output = nav_sections.name_section_navs(nav_sections.name_section_toggles(output))
    output = search_index.point_search_at_language(output, page.url)
    output = valid_html.fix_theme_markup(output, page.file.src_uri)
    return content_policy.with_policy(output)  # last: it hashes the page's final inline scripts


@mkdocs.plugins.event_priority(-100)  # after mkdocs-static-i18n built every language inside its own
def on_post_build(*, config: MkDocsConfig) -> None:
    if i18n_plugin(config).building:
        return  # a nested pass: the site-wide work waits until every language is on disk
    skip = _skipped(config)
    site_dir = Path(config.site_dir)
    math_mathml.save_cache()
    term_index_pages.readings_cache.save()
    safe_html.clean_pages.save()
    search_index.write_language_indexes(site_dir, load_site(config.docs_dir))
    search_names.write_names_indexes(site_dir, load_site(config.docs_dir))
    term_previews.copy_sitemaps(site_dir)
    share_cards.prune_cache(config)
    files_io.site_files.prune(time.time())
    math_font.write_fonts(site_dir, Path(config.config_file_path).parent)
    if "unused-css" not in skip:
        unused_css.prune_site(site_dir, unused_css.components_off(
            config.markdown_extensions, config.theme.get("features") or [], config.extra))
    if "minify" not in skip:
        minified_assets.minify_site(site_dir, Path(config.docs_dir))
