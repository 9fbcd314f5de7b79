"""Material's search worker, with its Chinese query segmentation fixed.

The browser cuts a Chinese query into the longest words of the search index
that start it, but Material's loop never tries a word that ends with the
query's last character: 思维树 is searched as 思维* (which 思维链 matches as
well), 低秩适配 as 低* 秩*, and the last character of every query is dropped.
The fix is one character (`<` becomes `<=`) in the worker Material ships;
this hook serves the fixed copy under the same name. If a Material upgrade
changes that loop, the build says so instead of silently serving the bug.
"""

from __future__ import annotations

import logging
import re

import mkdocs.plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.glossary.search_worker")

WORKER_RE = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
# segment(query, index) in Material 9's search worker, minified:
#   for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)
# `o<t.length` never lets the candidate word reach the end of the query.
_SEGMENT_LOOP_RE = re.compile(
    r"(for\(let (\w+)=(\w+)\+1;\2)<=?(\w+\.length;\2\+\+\)\w+\.slice\(\3,\2\)in \w+&&)")


def fix_segmenter(worker_js: str) -> str | None:
    """The worker with the segmenter's inner loop reaching the query's end
    (unchanged if it already does); None when the loop is not found exactly
    once (Material changed it)."""
    fixed, count = _SEGMENT_LOOP_RE.subn(r"\1<=\4", worker_js)
    return fixed if count == 1 else None


# After mkdocs-static-i18n (priority -100) has settled this pass's files.
@mkdocs.plugins.event_priority(-150)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    worker = next((f for f in files if WORKER_RE.match(f.src_uri)), None)
    if worker is None:
        return None
    source = worker.content_string
    fixed = fix_segmenter(source)
    if fixed is None:
        log.warning(f"{worker.src_uri}: Material's search worker no longer has the query "
                    "segmentation loop that hooks/search_worker.py fixes; check whether the "
                    "upgrade fixed it (then remove the hook) or update _SEGMENT_LOOP_RE")
        return None
    if fixed == source:
        return None
    files.remove(worker)
    files.append(File.generated(config, worker.src_uri, content=fixed))
    return files
