"""Every built page passes the W3C Nu HTML Checker (vnu-jar from npm, on a
Java runtime), and the fixes of Material's markup that this needs
(hooks/valid_html.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from valid_html import TOC_LABEL, TOGGLES, fix_theme_markup

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGE = "".join(TOGGLES) + '<nav>' + TOC_LABEL + '目录</label></nav>'


def test_the_toggles_lose_autocomplete():
    fixed = fix_theme_markup(PAGE, "training/index.md")
    assert "autocomplete" not in fixed
    assert fixed.count('type="checkbox"') == 2


def test_a_toc_label_keeps_its_target_when_the_page_has_one():
    fixed = fix_theme_markup(PAGE + '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">', "x.md")
    assert TOC_LABEL in fixed
    assert '<label class="md-nav__title">目录' in fix_theme_markup(PAGE, "x.md")


def test_markup_material_no_longer_writes_stops_the_build():
    with pytest.raises(PluginError, match=r"training/index.md: Material no longer writes .*hooks/valid_html.py"):
        fix_theme_markup(PAGE.replace(' autocomplete="off"', ""), "training/index.md")


def test_every_built_page_passes_the_nu_html_checker(site):
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime on this machine: `apt-get install default-jre-headless` (.ci/run installs it)")
    assert VNU.is_file(), f"{VNU} is missing; run `npm ci`"
    pages = sorted(str(path) for path in site.rglob("*.html"))
    assert len(pages) > 700
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '?').rsplit(str(site), 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              for m in messages if m.get("type") in ("error", "non-document-error")]
    assert errors == [], "\n".join(errors[:40])
