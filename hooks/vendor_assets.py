"""Serve mermaid (and other front-end packages) from the site itself.

The packages come from npm (`npm ci`, pinned in package-lock.json) and are
added to the build as files, so no page ever asks a CDN. Which pages load
them is decided in overrides/main.html, from the page's content.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.glossary.vendor_assets")

# Site path -> path inside node_modules.
VENDOR_FILES = {
    "assets/vendor/mermaid/mermaid.min.js": "mermaid/dist/mermaid.min.js",
}


def node_modules(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "node_modules"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = node_modules(config)
    missing = [source for source in VENDOR_FILES.values() if not (root / source).is_file()]
    if missing:
        raise PluginError(f"{root}/{missing[0]} is missing; run `npm ci` (or `make build`, "
                          "which runs it) to install the front-end packages of package.json")
    for dest, source in VENDOR_FILES.items():
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, abs_src_path=str(root / source)))
    return files
