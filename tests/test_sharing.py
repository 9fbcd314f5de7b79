"""Sharing a term: short links, previews, language alternates, the export
and the 404 page. Unit tests of the pure functions, then assertions on the
strict build of the real docs (the `site` fixture), then one fault build
of the fixture site."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from jinja2 import Environment, FileSystemLoader
from mkdocs.exceptions import Abort

from conftest import written_term, written_terms
from glossary_docs import GlossaryTerm, TermText, load_site
from glossary_export import export_record, glossary_json, readable_glossary, readable_summary
from not_found_page import home_alternates
from page_meta import head_meta, sitemap_entries
from short_links import ShortLink, add_copy_buttons, redirect_target, short_link_page, short_path

ROOT = Path(__file__).resolve().parent.parent
# The default site_url (the tests build without SITE_URL).
SITE_URL = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text(
    encoding="utf-8"), re.M).group(1)
DOCS = load_site(ROOT / "docs")
TERMS = readable_glossary(DOCS)
EXPECTED_TERMS = written_terms()
EXPECTED_PAGES = {term_id: page for page, terms in EXPECTED_TERMS.items() for term_id, _ in terms}
EXPECTED_IDS = list(EXPECTED_PAGES)
CONTENT_PAGES = sorted(DOCS.pages)  # every page of docs/, both languages


class Head(HTMLParser):
    """The <link> and <meta> tags of a page, and its <html lang>."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[dict] = []
        self.metas: list[dict] = []
        self.lang = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "meta":
            self.metas.append(attributes)

    def meta(self, key: str) -> list[str]:
        return [m.get("content") for m in self.metas if key in (m.get("property"), m.get("name"))]

    def one(self, key: str) -> str:
        values = self.meta(key)
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def alternates(self) -> dict[str, str]:
        return {link["hreflang"]: link["href"] for link in self.links
                if link.get("rel") == "alternate" and "hreflang" in link}

    def canonical(self) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def built_path(url: str) -> str:
    """Site-relative URL (`en/training/`) -> the file that serves it."""
    return url.split("#")[0] + "index.html"


# --- unit: short links ---------------------------------------------------------

@pytest.mark.parametrize("term_id, lang, expected", [
    ("lora", "zh", "t/lora/"), ("kv-cache", "en", "en/t/kv-cache/"),
], ids=["zh", "en"])
def test_short_path(term_id, lang, expected):
    assert short_path(term_id, lang) == expected


@pytest.mark.parametrize("target, from_dir, expected", [
    ("training/#lora", "t/lora/", "../../training/#lora"),
    ("en/training/#lora", "en/t/lora/", "../../training/#lora"),
    ("", "t/lora/", "../../"),
    ("en/", "t/lora/", "../../en/"),
    ("training/", "training/", "./"),
], ids=["zh", "en", "home", "other-home", "same-directory"])
def test_relative_url(target, from_dir, expected):
    assert redirect_target(target, from_dir) == expected


# The page's template, as the build renders it (with the theme's environment there).
TEMPLATE = Environment(loader=FileSystemLoader(ROOT / "overrides")).get_template("short-link.html")
LINK = ShortLink("lora", "zh", "低秩适配（LoRA）", "低秩适配是一种 \"参数高效\" <微调> 方法。", "training/#lora")


def test_short_link_page_previews_the_term_and_redirects_to_its_heading():
    page = Head(short_link_page(LINK, "https://example.org/g/", "术语表", TEMPLATE))
    assert page.lang == "zh"
    assert page.one("og:title") == "低秩适配（LoRA）"
    assert page.one("og:description") == "低秩适配是一种 \"参数高效\" <微调> 方法。"
    assert page.one("description") == page.one("og:description")
    assert page.one("og:url") == "https://example.org/g/t/lora/"
    assert page.one("og:locale") == "zh_CN" and page.one("og:site_name") == "术语表"
    assert page.one("twitter:card") == "summary_large_image"
    assert page.one("og:image") == "https://example.org/g/assets/cards/zh/lora.png"
    assert page.one("og:image:alt") == "低秩适配（LoRA）：低秩适配是一种 \"参数高效\" <微调> 方法。"
    assert page.one("robots") == "noindex"
    refresh = [m["content"] for m in page.metas if m.get("http-equiv") == "refresh"]
    assert refresh == ["0; url=../../training/#lora"]


def test_short_link_page_escapes_what_it_writes():
    hostile = ShortLink("x", "en", 'A "quoted" </script><b>', "Sum & <i>", "en/f/#x")
    text = short_link_page(hostile, "https://example.org/", "S", TEMPLATE)
    assert "</script><b>" not in text and "<i>" not in text
    assert Head(text).one("og:title") == 'A "quoted" </script><b>'
    # No inline script (the Content-Security-Policy allows none of ours):
    # the redirect is a file, its target an attribute.
    assert "<script>" not in text
    assert '<script src="../../../assets/javascripts/short-link.js" data-target="../../f/#x"></script>' in text
    assert "script-src 'self';" in text


def test_copy_buttons_go_to_term_headings_only():
    html = ('<h1 id="t">T</h1><h2 id="lora">LoRA<a class="headerlink" href="#lora">¶</a></h2>'
            '<h2 id="about">About</h2><h3 class="x" id="sub">Sub</h3>')
    urls = {"lora": "https://e.org/t/lora/", "sub": "https://e.org/t/sub/"}
    out = add_copy_buttons(html, urls, "en")
    assert out.count("<button") == 2
    assert ('<h2 id="lora">LoRA<a class="headerlink" aria-label="Permanent link to this term" href="#lora">¶</a>'
            '<button type="button" class="gl-copy-link" data-short-link="https://e.org/t/lora/" '
            'aria-label="Copy short link"></button></h2>' in out)
    # No titles: Material would mount a tooltip for each at load.
    assert "title=" not in out
    assert '<h2 id="about">About</h2>' in out
    zh = add_copy_buttons(html, urls, "zh")
    assert 'aria-label="复制短链接"' in zh and 'aria-label="此术语的永久链接"' in zh


# --- unit: export ---------------------------------------------------------------

def test_readable_summary_names_the_terms_it_refers_to():
    names = {"rlhf": "人类反馈强化学习（RLHF）"}
    assert readable_summary("在 [[rlhf]] 中用 [[rlhf|它]]，秩 $r=8$，**很**常见。", names) == \
        "在人类反馈强化学习（RLHF）中用它，秩 r=8，很常见。"


@pytest.mark.parametrize("markdown, text", [
    (r"编码器 $q_\phi(z\mid x)$ 给出后验", "编码器 q_φ(z | x) 给出后验"),
    (r"cost $O(n^2)$ in $N_d$ devices", "cost O(n²) in N_d devices"),
    (r"a velocity $v_\theta(x_t,t)$ with _emphasis_", "a velocity v_θ(x_t,t) with emphasis"),
], ids=["greek-and-mid", "superscript-and-subscript", "underscore-in-a-formula-is-no-emphasis"])
def test_readable_summary_writes_formulas_as_text(markdown, text):
    assert readable_summary(markdown, {}) == text


def test_export_record_has_the_documented_shape():
    term = GlossaryTerm("lora", "training", 2, None, {
        "zh": TermText("低秩适配（LoRA）", "低秩适配", ("LoRA",), "定义。", "training/#lora"),
        "en": TermText("Low-Rank Adaptation (LoRA)", "Low-Rank Adaptation", ("LoRA",), "Def.",
                       "en/training/#lora"),
    }, ("peft",))
    assert export_record(term) == {
        "id": "lora", "family": "training",
        "zh": {"name": "低秩适配（LoRA）", "aliases": ["LoRA"], "summary": "定义。", "url": "training/#lora"},
        "en": {"name": "Low-Rank Adaptation (LoRA)", "aliases": ["LoRA"], "summary": "Def.",
               "url": "en/training/#lora"},
        "related": ["peft"],
    }
    assert json.loads(glossary_json([term])) == {"terms": [export_record(term)]}


# --- unit: head metadata, sitemap, 404 ------------------------------------------

@pytest.mark.parametrize("src_uri, url, og_type, locale", [
    ("training.md", "https://e.org/g/training/", "article", "zh_CN"),
    ("training.en.md", "https://e.org/g/en/training/", "article", "en_US"),
    ("index.md", "https://e.org/g/", "website", "zh_CN"),
    ("index.en.md", "https://e.org/g/en/", "website", "en_US"),
], ids=["zh", "en", "zh-home", "en-home"])
def test_head_meta(src_uri, url, og_type, locale):
    meta = head_meta("https://e.org/g/", src_uri, "Title", "Summary.", "Site")
    base = "https://e.org/g/" + ("" if src_uri.startswith("index") else "training/")
    assert meta.canonical == url
    assert meta.alternates == (("zh", base), ("en", base.replace("/g/", "/g/en/")), ("x-default", base))
    properties = dict(meta.properties)
    assert properties["og:url"] == url and properties["og:type"] == og_type
    assert properties["og:locale"] == locale and properties["og:locale:alternate"] != locale
    assert (properties["og:title"], properties["og:description"]) == ("Title", "Summary.")
    assert dict(meta.names)["twitter:card"] == "summary_large_image"
    card = "pages/index.png" if src_uri.startswith("index") else "pages/training.png"
    assert properties["og:image"] == f"https://e.org/g/assets/cards/{locale[:2]}/{card}"
    assert properties["og:image:alt"] == ("Title：Summary." if locale == "zh_CN" else "Title: Summary.")


def test_sitemap_entries_list_every_page_in_both_languages_default_first():
    entries = sitemap_entries("https://e.org/", ["training.md", "index.en.md", "a-z.md"])
    assert [e.canonical for e in entries] == [
        "https://e.org/", "https://e.org/a-z/", "https://e.org/training/",
        "https://e.org/en/", "https://e.org/en/a-z/", "https://e.org/en/training/"]
    assert dict(entries[-1].alternates)["x-default"] == "https://e.org/training/"


def test_404_language_switch_leads_home():
    entries = [{"name": "中文", "link": "../training/", "lang": "zh"},
               {"name": "English", "link": "../en/training/", "lang": "en"}]
    assert [e["link"] for e in home_alternates(entries, "https://e.org/g/")] == ["/g/", "/g/en/"]
    assert [e["link"] for e in home_alternates(entries, "http://127.0.0.1:8000/")] == ["/", "/en/"]


# --- the build ------------------------------------------------------------------

def page_urls(src: str) -> dict[str, str]:
    """The absolute URL of the page built from docs/<src> in each language,
    from its path alone (directory URLs, English under en/):
    training/fine-tuning.en.md -> .../training/fine-tuning/ and .../en/training/fine-tuning/."""
    parts = PurePosixPath(src.removesuffix(".md").removesuffix(".en")).parts
    path = "".join(f"{part}/" for part in (parts[:-1] if parts[-1] == "index" else parts))
    return {"zh": SITE_URL + path, "en": SITE_URL + "en/" + path}


def test_page_urls():
    assert page_urls("index.en.md") == {"zh": SITE_URL, "en": SITE_URL + "en/"}
    assert page_urls("training/index.md")["en"] == "https://llm-glossary.github.io/llm-glossary/en/training/"
    assert page_urls("training/fine-tuning.en.md")["zh"] == \
        "https://llm-glossary.github.io/llm-glossary/training/fine-tuning/"


@pytest.fixture(scope="module")
def export(site) -> dict:
    return json.loads(read(site, "glossary.json"))


def test_export_is_generated_from_the_docs(site, export):
    text = read(site, "glossary.json")
    # Indented two spaces, Chinese as itself (not \\u escapes), one final newline.
    assert text.startswith('{\n  "terms": [\n    {\n      "id": ') and text.endswith("}\n")
    assert '"name": "低秩适配（LoRA）"' in text
    # One term written out: names and URLs as its headings and page give
    # them, its definition and See-also ids as the Markdown writes them.
    zh_summary, related = written_term("training/index.md", "lora")
    en_summary, en_related = written_term("training/index.en.md", "lora")
    assert related == en_related
    assert [term for term in export["terms"] if term["id"] == "lora"] == [{
        "id": "lora", "family": "training",
        "zh": {"name": "低秩适配（LoRA）", "aliases": ["LoRA"], "summary": zh_summary, "url": "training/#lora"},
        "en": {"name": "Low-Rank Adaptation (LoRA)", "aliases": ["LoRA"], "summary": en_summary,
               "url": "en/training/#lora"},
        "related": related}]
    # Terms in page order: pages by path, each page's terms as its Markdown has them.
    assert [term["id"] for term in export["terms"]] == [
        term_id for page in sorted(EXPECTED_TERMS) for term_id, _ in EXPECTED_TERMS[page]]
    assert sorted(term["id"] for term in export["terms"]) == sorted(EXPECTED_IDS)
    for term in export["terms"]:
        assert list(term) == ["id", "family", "zh", "en", "related"]
        for lang in ("zh", "en"):
            assert list(term[lang]) == ["name", "aliases", "summary", "url"]
            url = page_urls(EXPECTED_PAGES[term["id"]])[lang].removeprefix(SITE_URL)
            assert term[lang]["url"] == f"{url}#{term['id']}"
            assert EXPECTED_PAGES[term["id"]].split("/")[0] == term["family"]
            assert term[lang]["summary"] and "[[" not in term[lang]["summary"]
            assert f'id="{term["id"]}"' in read(site, built_path(term[lang]["url"]))


@pytest.mark.parametrize("term", TERMS, ids=[term.id for term in TERMS])
def test_short_links_preview_the_term_and_point_at_its_heading(site, export, term):
    record = next(r for r in export["terms"] if r["id"] == term.id)
    for lang in ("zh", "en"):
        path = short_path(term.id, lang)
        page = Head(read(site, path + "index.html"))
        assert page.lang == lang
        assert page.one("og:title") == record[lang]["name"]
        assert page.one("og:description") == record[lang]["summary"]
        assert page.one("og:url") == SITE_URL + path
        refresh = [m["content"] for m in page.metas if m.get("http-equiv") == "refresh"]
        assert len(refresh) == 1 and refresh[0].startswith("0; url=")
        target = urljoin("https://host/" + path, refresh[0][len("0; url="):])
        assert target == "https://host/" + record[lang]["url"]
        # The heading it points at carries the button that copies this link.
        family_page = read(site, built_path(record[lang]["url"]))
        heading = re.search(rf'<h([2-4]) id="{term.id}".*?</h\1>', family_page, re.S).group(0)
        assert f'data-short-link="{SITE_URL}{path}"' in heading


@pytest.mark.parametrize("src", CONTENT_PAGES)
def test_content_page_head_has_absolute_alternates_and_previews(site, src):
    doc = DOCS.pages[src]
    urls = page_urls(src)
    canonical = urls["en" if src.endswith(".en.md") else "zh"]
    page = Head(read(site, built_path(canonical[len(SITE_URL):])))
    assert page.one("description") == doc.front_matter.data["description"]
    assert page.canonical() == [canonical]
    assert page.alternates() == {"zh": urls["zh"], "en": urls["en"], "x-default": urls["zh"]}
    assert page.one("og:url") == canonical
    assert page.one("og:title") == doc.front_matter.data["title"]
    assert page.one("og:description") == doc.front_matter.data["description"]
    assert page.one("og:type") == ("website" if src in ("index.md", "index.en.md") else "article")
    assert page.one("og:locale") == {"zh": "zh_CN", "en": "en_US"}[doc.lang]
    assert page.one("og:site_name")
    assert page.one("twitter:card") == "summary_large_image"


def sitemap_locations(site: Path) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", read(site, "sitemap.xml"))


def test_sitemap_lists_both_languages_with_absolute_alternates(site):
    sitemap = read(site, "sitemap.xml")
    locations = sitemap_locations(site)
    docs = {page_urls(src)["en" if src.endswith(".en.md") else "zh"] for src in CONTENT_PAGES}
    assert docs <= set(locations)  # and the generated pages (A-Z index, ...)
    assert len(locations) == len(set(locations))
    zh = [loc for loc in locations if not loc.startswith(SITE_URL + "en/")]
    assert [loc.replace(SITE_URL, SITE_URL + "en/", 1) for loc in zh] == locations[len(zh):]
    for block in re.findall(r"<url>.*?</url>", sitemap, re.S):
        links = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', block))
        assert set(links) == {"zh", "en", "x-default"}
        assert all(href.startswith(SITE_URL) for href in links.values())
    assert not re.search(r"/t/[a-z]", sitemap)


def test_every_page_of_the_sitemap_has_its_head_tags(site):
    """Generated pages too: what the sitemap lists is what a reader can share."""
    for location in sitemap_locations(site):
        path = location[len(SITE_URL):]
        page = Head(read(site, built_path(path)))
        assert page.canonical() == [location], path
        assert page.one("og:url") == location
        assert page.alternates()["x-default"] == page.alternates()["zh"] != page.alternates()["en"]
        assert all(page.one(key) for key in ("description", "og:title", "og:description",
                                             "og:site_name", "twitter:card"))


def test_short_links_are_in_no_search_index_and_no_navigation(site):
    for index in site.rglob("search_index.json"):
        locations = [doc["location"] for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]]
        assert not [loc for loc in locations if re.match(r"(en/)?t/", loc)], index
    for path in ("training/index.html", "en/training/index.html"):
        nav = re.findall(r'<a href="([^"]+)"[^>]*class="md-nav__link', read(site, path))
        assert nav and not [href for href in nav if re.search(r"(^|/)t/", href)]


def test_404_page_speaks_both_languages_and_works_under_a_sub_path(site):
    page = read(site, "404.html")
    base = urlsplit(SITE_URL).path  # /llm-glossary/
    assert Head(page).lang == "zh" and Head(page).one("robots") == "noindex"
    assert page.index("找不到这个页面") < page.index("Page not found")
    assert f'action="{base}"' in page and f'action="{base}en/"' in page
    assert f'<a href="{base}">' in page and f'<a href="{base}en/">' in page
    # Root-relative assets: the page is served at any depth.
    for url in re.findall(r'(?:src|href)="([^"#][^"]*)"', page):
        assert url.startswith((base, "https://", "javascript:")), url
    # The language switch leads home (not to the page built last).
    assert re.findall(r'<a href="([^"]+)" hreflang="[a-z]+" class="md-select__link"', page) == \
        [base, f"{base}en/"]


# --- faults -------------------------------------------------------------------

def test_hand_kept_export_and_pages_under_t_fail_the_build(mini_build):
    """On the fixture site (tests/fixtures/mini), built in-process."""
    def hand_kept(docs: Path) -> None:
        (docs / "glossary.json").write_text('{"terms": []}\n', encoding="utf-8")
        (docs / "t").mkdir()
        (docs / "t" / "lora.txt").write_text("x\n", encoding="utf-8")

    build = mini_build(hand_kept, name="hand-kept")
    assert isinstance(build.error, Abort), build.output[-3000:]
    assert re.search(r"docs/glossary\.json:1: glossary\.json is written by the build", build.log)
    assert re.search(r"docs/t/lora\.txt:1: the site path t/ is reserved for short links", build.log)
