"""Shared fixtures: a strict build of the real docs, the site served over
HTTP under its GitHub Pages sub-path, a headless Chromium, and in-process
strict builds of a small fixture site (tests/fixtures/mini) for the fault
tests."""

from __future__ import annotations

import copy
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from static_server import serve

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The sub-path of the default site_url (a GitHub project page): the tests
# serve the site there, as GitHub Pages will.
BASE_PATH = "/llm-glossary/"
# Debian's Chromium (Playwright cannot download a browser on this project's
# machines); elsewhere, e.g. on GitHub's runners, Playwright's own build.
CHROMIUM = os.environ.get("CHROMIUM") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` (never with -q: it hides warnings)."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("SITE_URL", None)  # the tests build for the default site_url
    environment.update(env or {})
    return subprocess.run([*MKDOCS, "build", "--strict", "-d", str(site_dir)], cwd=project,
                          env=environment, capture_output=True, text=True, timeout=300)


def pytest_collection_modifyitems(items) -> None:
    """Each test in one layer (see pytest.ini): browser tests say so
    themselves; a test that builds the fixture site in-process (through the
    `mini_build` fixture, directly or through another fixture) or a project
    of its own (run_build) is a fault test; one that reads the strict build
    of the real docs is a build test; the rest are unit tests of pure
    functions."""
    for item in items:
        if item.get_closest_marker("browser"):
            continue
        fixtures = getattr(item, "fixturenames", ())
        source = getattr(getattr(item, "function", None), "__code__", None)
        names = source.co_names if source else ()
        if "mini_build" in fixtures or "run_build" in names:
            item.add_marker(pytest.mark.fault)
        elif "site" in fixtures or "export" in fixtures:
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real docs, built strictly once for the whole session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stderr[-5000:]}")
    return site_dir


@pytest.fixture(scope="session")
def server(site: Path) -> str:
    """Base URL of the built site, served on 127.0.0.1 under BASE_PATH."""
    with serve(site, BASE_PATH) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,  # None: Playwright's own download
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A tab of its own; whatever the test does in it (search, diagrams,
    the 404 page), no Content-Security-Policy violation may happen."""
    context = browser.new_context()
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    tab = context.new_page()
    violations: list[str] = []
    tab.on("console", lambda message: message.type == "error" and message.text.startswith("CSP violation")
           and violations.append(message.text))
    yield tab
    context.close()
    if violations:
        pytest.fail(f"Content-Security-Policy violations: {violations}")


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


# Every Content-Security-Policy violation becomes a console error, which the
# page tests count: the policy of each page must allow everything it does.
REPORT_CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (e) =>
    console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} `
                  + `(${e.sourceFile}:${e.lineNumber})`));"""


def inject_axe(page) -> None:
    """axe-core (npm, from node_modules) into the page, evaluated through the
    browser's debugging protocol, which the page's Content-Security-Policy
    does not govern (a <script> tag would be refused, as it should be)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))


def axe_violations(page) -> list[str]:
    """What axe-core finds on the page."""
    inject_axe(page)
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. `
                                      + v.nodes[0].target.join(" "));
    }""")


@dataclass
class PageLoad:
    """One load of a page of the served site, in the light scheme, up to
    network idle: what it requested and weighed, what it logged, and what
    axe found afterwards."""

    status: int
    outside: list[str]  # requests to another origin
    console_errors: list[str]
    sizes: dict[str, int]  # URL -> bytes of each response (0 if it failed), the page's own included
    axe: list[str]
    dialogs: list[str]  # alert/confirm/prompt a page opened (none may)


@pytest.fixture(scope="session")
def page_load(browser, server) -> Callable[[str], PageLoad]:
    """page_load(path): the PageLoad of the page at `path`, loaded once per
    session for every test that asks (the accessibility and page-weight
    tests read the same 96 loads: loading each page once per check cost
    minutes)."""
    loads: dict[str, PageLoad] = {}

    def load(path: str) -> PageLoad:
        if path not in loads:
            origin = urlsplit(server).netloc
            context = browser.new_context()
            context.add_init_script(REPORT_CSP_VIOLATIONS)
            try:
                tab = context.new_page()
                outside: list[str] = []
                errors: list[str] = []
                sizes: dict[str, int] = {}
                tab.on("request", lambda request: urlsplit(request.url).netloc not in (origin, "")
                       and not request.url.startswith("data:") and outside.append(request.url))
                tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
                tab.on("pageerror", lambda error: errors.append(str(error)))
                tab.on("response", lambda response: sizes.__setitem__(
                    response.url, len(response.body()) if response.ok else 0))
                dialogs: list[str] = []

                def dismiss(dialog) -> None:
                    dialogs.append(f"{dialog.type}: {dialog.message}")
                    dialog.dismiss()

                tab.on("dialog", dismiss)
                tab.emulate_media(color_scheme="light")
                status = tab.goto(server + path).status
                tab.wait_for_load_state("networkidle")
                weighed = dict(sizes)  # what the page loads as it opens, before scrolling and axe
                # Scrolled to the end: what loads as a reader reads (diagrams,
                # their renderer) must stay on the site and within the policy too.
                tab.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
                tab.wait_for_load_state("networkidle")
                violations = axe_violations(tab)
                loads[path] = PageLoad(status, list(outside), list(errors), weighed, violations, list(dialogs))
            finally:
                context.close()
        return loads[path]

    return load


_TERM_HEADING_RE = re.compile(r"^(#{2,4}) .*\{#([a-z0-9-]+)\}\s*$")


def written_terms(docs: Path = ROOT / "docs") -> dict[str, list[tuple[str, int]]]:
    """Page (docs path, Chinese) -> its (term id, heading level), in page
    order, for pages by path; read from the Markdown with nothing of hooks/
    (outside code fences), for expected values that do not come from the
    functions under test. The home pages hold no terms."""
    found: dict[str, list[tuple[str, int]]] = {}
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        if page.endswith(".en.md") or page == "index.md":
            continue
        fenced, terms = False, []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            match = None if fenced else _TERM_HEADING_RE.match(line)
            if match:
                terms.append((match.group(2), len(match.group(1))))
        found[page] = terms
    return found


def written_term(path: str, term_id: str) -> tuple[str, list[str]]:
    """A term as docs/<path> writes it, read from the Markdown with nothing
    of hooks/: the first paragraph under the heading {#term_id} (its
    definition, lines joined) and the ids of its See-also line. For expected
    values that do not come from the functions under test."""
    lines = (ROOT / "docs" / path).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and line.endswith(f"{{#{term_id}}}"))
    section = []
    for line in lines[start + 1:]:
        if line.startswith("#"):
            break
        section.append(line)
    paragraph = []
    for line in section:
        if line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            break
    see_also = next(line for line in section if line.startswith(("**相关术语**", "**See also:**")))
    return " ".join(paragraph), re.findall(r"\[\[([a-z0-9-]+)\]\]", see_also)


def heading_in_view(page, term_id: str) -> bool:
    """The heading is the :target and sits in the viewport, below the header
    (and so below anything sticky under it)."""
    return page.evaluate("""id => {
        const heading = document.getElementById(id);
        const header = document.querySelector(".md-header").getBoundingClientRect();
        const box = heading.getBoundingClientRect();
        return document.querySelector(":target") === heading
            && box.top >= header.bottom - 1 && box.bottom <= innerHeight;
    }""", term_id)


def assert_toast_covers_no_text(page) -> None:
    """The toast lies within the header, above the text column: what it
    covers is the header's band, not a line being read."""
    toast, header = (page.locator(selector).bounding_box() for selector in (".gl-toast", ".md-header"))
    assert toast is not None and header is not None
    assert header["y"] <= toast["y"] and toast["y"] + toast["height"] <= header["y"] + header["height"], (toast, header)


# --- In-process strict builds of the fixture site ----------------------------------------
#
# tests/fixtures/mini/docs is a glossary of two families (training,
# alignment) in two languages, five terms, with the real docs' conventions
# (family folders, home pages, tags.yml, abbreviations.yml, the lock of
# published ids, `reviewed:` months). A fault test copies it, breaks it and
# builds it strictly with the real mkdocs.yml (its plugins, extensions,
# validation, theme and hooks, whatever the hooks list holds), in this
# process: a build takes a second, not the ten of a subprocess build of the
# real docs.

MINI = ROOT / "tests" / "fixtures" / "mini"


@dataclass
class Build:
    """What one in-process build did: the exception that stopped it (None if
    it succeeded), every record logged under `mkdocs` (plugins and hooks
    included) and where it wrote."""

    error: Exception | None
    records: list[logging.LogRecord]
    docs: Path
    site: Path

    @property
    def warnings(self) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= logging.WARNING]

    @property
    def log(self) -> str:
        """The log as the command line prints it, one record a line."""
        return "\n".join(f"{r.levelname:<8}-  {r.getMessage()}" for r in self.records)

    @property
    def output(self) -> str:
        """The log and the final error: what `mkdocs build` would print."""
        return self.log + (f"\n{self.error}" if self.error else "")


def fixture_project(target: Path) -> Path:
    """A copy of the fixture site: its docs, the real docs' own assets (the
    site's CSS and JS, which the theme overrides load) and node_modules
    (linked). The folder stands for the project root: mkdocs.yml's relative
    paths (the jieba dictionary, the formula cache) land in it."""
    shutil.copytree(MINI / "docs", target / "docs")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def real_config() -> dict:
    """The real mkdocs.yml as data, with MkDocs' own YAML tags (!ENV,
    !!python/name) resolved as a build resolves them."""
    from mkdocs.utils import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        return yaml_load(handle)


def fixture_nav(real_nav: list, docs: Path) -> list:
    """The real nav, for the fixture's pages: its top-level pages that the
    fixture has or that the build generates (in the real nav but not files
    of the real docs: the A–Z, tags and term table pages), then one section
    per family of the fixture, in the real nav's order (families it does not
    list come last), each with the family's own page first."""
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}

    def kept(page: str) -> bool:
        return page in pages or not (ROOT / "docs" / page).exists()

    nav: list = []
    for item in real_nav:
        page = item if isinstance(item, str) else next(iter(item.values()))
        if isinstance(page, str) and page.endswith(".md") and kept(page):
            nav.append(item)
    families = sorted({p.split("/", 1)[0] for p in pages if "/" in p and not p.startswith("assets/")})
    order = [next(iter(item)) for item in real_nav if isinstance(item, dict)
             and isinstance(next(iter(item.values())), list)]
    for family in sorted(families, key=lambda f: (order.index(f) if f in order else len(order), f)):
        own = sorted(p for p in pages if p.startswith(f"{family}/") and not p.endswith(".en.md"))
        own.sort(key=lambda p: p != f"{family}/index.md")
        nav.append({family: own})
    return nav


def nav_yaml(nav: list) -> str:
    """A nav as mkdocs.yml writes it (scripts/new_term.py edits that layout)."""
    lines = ["nav:"]
    for item in nav:
        if isinstance(item, dict):
            for section, pages in item.items():
                lines.append(f"  - {section}:")
                lines += [f"      - {page}" for page in pages]
        else:
            lines.append(f"  - {item}")
    return "\n".join(lines) + "\n"


def fixture_config(project: Path, site_dir: Path):
    """The real mkdocs.yml, loaded as `mkdocs build` loads it, for the
    project at `project`: docs_dir and site_dir there, hooks and the theme's
    custom_dir resolved against the repository (they are code, not content),
    and the nav of the fixture's pages (fixture_nav), or the nav of
    project/mkdocs.yml when a test wrote one (a file of the nav alone, which
    scripts/new_term.py edits)."""
    from mkdocs.config import load_config

    real = real_config()
    theme = copy.deepcopy(real["theme"])
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    overrides = {
        "docs_dir": str(project / "docs"),
        "site_dir": str(site_dir),
        "hooks": [str(ROOT / hook) for hook in real.get("hooks") or []],
        "theme": theme,
    }
    own = project / "mkdocs.yml"
    if own.is_file():
        from mkdocs.utils import yaml_load

        overrides["nav"] = yaml_load(own.read_text(encoding="utf-8"))["nav"]
    elif real.get("nav"):
        overrides["nav"] = fixture_nav(real["nav"], project / "docs")
    # config_file_path: relative paths of mkdocs.yml are the project's.
    return load_config(str(ROOT / "mkdocs.yml"), config_file_path=str(project / "mkdocs.yml"), **overrides)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _like_the_command_line():
    """What `mkdocs build` sets up around a build, and what a build leaves
    behind that the next in-process build must not inherit.

    - The `mkdocs` logger at INFO, as the command line sets it without -q
      or -v: strict mode counts the warnings that reach the handler
      build() adds to that logger, so a level above WARNING (what -q does)
      would let a broken build pass. (The command line also drops repeated
      messages of mkdocs.commands.build, which can lower the count in
      "Aborted with N warnings", never make a failing build pass.)
    - No SITE_URL from the environment: the default site_url, as run_build.
    - mkdocs-static-i18n replaces mkdocs.utils.clean_directory with a no-op
      and adds a log filter while it builds the other languages, and undoes
      both only when that build succeeds: a fault build raises from inside
      it, so both are restored here (third-party state, not the project's).
    - glossary_extras._load_yaml: see the comment below.
    """
    from mkdocs import utils

    logger = logging.getLogger("mkdocs")
    build_logger = logging.getLogger("mkdocs.commands.build")
    saved = (logger.level, utils.clean_directory, list(build_logger.filters), os.environ.pop("SITE_URL", None))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.setLevel(saved[0])
        utils.clean_directory = saved[1]
        build_logger.filters[:] = saved[2]
        if saved[3] is not None:
            os.environ["SITE_URL"] = saved[3]


def build_in_process(project: Path, site_dir: Path) -> Build:
    """`mkdocs build --strict` of `project` with the real mkdocs.yml, in this
    process: load_config and build() as the command line calls them, with
    the startup and shutdown events. MkDocs' own exceptions (Abort, from the
    strict warning count or a BuildError, PluginError, a configuration error)
    are returned in Build.error; anything else is a crash and propagates."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    handler = _Records()
    logger = logging.getLogger("mkdocs")
    error: Exception | None = None
    with _like_the_command_line():
        logger.addHandler(handler)
        try:
            config = fixture_config(project, site_dir)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as caught:
            error = caught
        finally:
            logger.removeHandler(handler)
    return Build(error, handler.records, project / "docs", site_dir)


@pytest.fixture(scope="session")
def mini_build(tmp_path_factory) -> Callable[..., Build]:
    """mini_build(*injections, name=...) copies the fixture site, applies each
    injection (a function of the copy's docs folder), builds the copy
    strictly in-process and returns the Build. Tests that use it are fault
    tests (see pytest_collection_modifyitems)."""
    def run(*injections: Callable[[Path], None], name: str = "mini") -> Build:
        folder = tmp_path_factory.mktemp(name)
        project = fixture_project(folder / "project")
        for inject in injections:
            inject(project / "docs")
        return build_in_process(project, folder / "site")

    return run
