"""Serve mermaid (and other front-end packages) from the site itself.

The packages come from npm (`npm ci`, pinned in package-lock.json) and are
added to the build as files, so no page ever asks a CDN. Which pages load
them is decided in overrides/main.html, from the page's content.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.glossary.vendor_assets")

# Site folder -> (folder inside node_modules, files to take). Mermaid's ES
# module build: an entry file and the chunks it imports on demand, so that a
# flowchart fetches what a flowchart needs.
VENDOR_TREES = {
    "assets/vendor/mermaid": ("mermaid/dist", ("mermaid.esm.min.mjs", "chunks/mermaid.esm.min/*.mjs")),
}
_SOURCE_MAP_RE = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


@cache
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



