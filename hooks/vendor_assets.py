"""Serve mermaid (and other front-end packages) from the site itself.

The packages come from npm (`npm ci`, pinned in package-lock.json) and are
added to the build as files, so no page ever asks a CDN. Which pages load
them is decided in overrides/main.html, from the page's content.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from glossary_docs import DEFAULT_LANGUAGE, build_language

log = logging.getLogger("mkdocs.plugins.glossary.vendor_assets")

# Site folder -> (folder inside node_modules, files to take). Mermaid's ES
# module build: an entry file and the chunks it imports on demand, so that a
# flowchart fetches what a flowchart needs.
VENDOR_TREES = {
    "assets/vendor/mermaid": ("mermaid/dist", ("mermaid.esm.min.mjs", "chunks/mermaid.esm.min/*.mjs")),
}
_SOURCE_MAP_RE = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


@lru_cache(maxsize=None)
def vendor_files(root: Path) -> tuple[tuple[str, bytes], ...]:
    """(site path, content) of every vendored file, read once per process.

    The source-map comments go: the maps are not shipped (13 MB), and a
    comment pointing at a missing map is an error in the browser's tools.
    """
    found = []
    for dest, (folder, patterns) in VENDOR_TREES.items():
        base = root / folder
        for pattern in patterns:
            matches = sorted(base.glob(pattern))
            if not matches:
                raise PluginError(f"{base}/{pattern} is missing; run `npm ci` (or `make build`, "
                                  "which runs it) to install the front-end packages of "
                                  "package.json")
            for path in matches:
                content = _SOURCE_MAP_RE.sub(b"\n", path.read_bytes())
                found.append((f"{dest}/{path.relative_to(base).as_posix()}", content))
    return tuple(found)


# After mkdocs-static-i18n sorted the files (it cannot handle generated
# ones), and only in the default language's pass: the site has one copy, at
# its root, which English pages link as they link the theme's assets.
@mkdocs.plugins.event_priority(-110)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    if build_language(files) != DEFAULT_LANGUAGE:
        return None
    root = Path(config.config_file_path).parent / "node_modules"
    for dest, content in vendor_files(root):
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, content=content))
    return files
