"""Shared fixtures: a strict build of the real docs, the site served over
HTTP under its GitHub Pages sub-path, and a headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def copy_project(target: Path) -> Path:
    """A copy of what a build reads, for fault injection; node_modules is linked."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "hooks", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def pytest_collection_modifyitems(items) -> None:
    """Each test in one layer (see pytest.ini): browser tests say so
    themselves; a test that builds a copy of the project is a fault test; one
    that reads the strict build of the real docs is a build test; the rest
    are unit tests of pure functions."""
    for item in items:
        if item.get_closest_marker("browser"):
            continue
        fixtures = getattr(item, "fixturenames", ())
        source = getattr(getattr(item, "function", None), "__code__", None)
        names = source.co_names if source else ()
        if "copy_project" in names or "run_build" in names:
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
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


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
