"""Material's search worker, with its Chinese query segmentation fixed and
a term whose name is the whole query ranked first.

The browser cuts a Chinese query into the longest words of the search index
that start it, but Material's loop never tries a word that ends with the
query's last character: 思维树 is searched as 思维* (which 思维链 matches as
well), 低秩适配 as 低* 秩*, and the last character of every query is dropped.
The fix is one character (`<` becomes `<=`) in the worker Material ships;
this hook serves the fixed copy under the same name. If a Material upgrade
changes that loop, the build says so instead of silently serving the bug.

Every query word gets a trailing wildcard, so 量化 matches the names 量化_,
量化低秩适配_ and 量化感知训练_ alike, and at 300 terms a longer name often
outranked the term the query names. The worker now adds one optional clause
to what it searches, the whole query as a name (`names:量化_`, the form
hooks/search_index.py indexes names in), boosted, so that an exact name wins.
The clause is not one of the query's words: the result list still shows and
highlights only what the reader typed.
"""

from __future__ import annotations

import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.glossary.search_worker")

WORKER_RE = re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
# segment(query, index) in Material 9's search worker, minified:
#   for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)
# `o<t.length` never lets the candidate word reach the end of the query.
_SEGMENT_LOOP_RE = re.compile(
    r"(for\(let (\w+)=(\w+)\+1;\2)<=?(\w+\.length;\2\+\+\)\w+\.slice\(\3,\2\)in \w+&&)")


# Material's search method: search(e){…let r=le(e)…,n=this.index.search(e)…
_SEARCH_START_RE = re.compile(r"\bsearch\((\w+)\)\{if\(\1=\1\.replace\(")
_INDEX_SEARCH_RE = re.compile(r"(\w+)=this\.index\.search\((\w+)\)")
# The query as a name word: what search_index._word does to a name (case
# folded, every character that is not a letter or digit dropped), with its
# NAME_END. Boosted tenfold over the names field's own boost.
EXACT_NAME = """/* hooks/search_worker.py: a term whose name is the whole query first. */
function __glExactName(q){var w=String(q).toLowerCase().normalize("NFKC").replace(/[^\\p{L}\\p{N}]+/gu,"");
  return w?" names:"+w+"_^10":""}
"""


def rank_exact_names(worker_js: str) -> str | None:
    """The worker with the exact-name clause added to each search; None when
    Material's search method is not found exactly once."""
    if len(_SEARCH_START_RE.findall(worker_js)) != 1 or len(_INDEX_SEARCH_RE.findall(worker_js)) != 1:
        return None
    worker_js = _SEARCH_START_RE.sub(lambda m: f"search({m.group(1)}){{var __glQuery={m.group(1)};"
                                               f"if({m.group(1)}={m.group(1)}.replace(", worker_js)
    worker_js = _INDEX_SEARCH_RE.sub(lambda m: f"{m.group(1)}=this.index.search({m.group(2)}"
                                               "+__glExactName(__glQuery))", worker_js)
    return EXACT_NAME + worker_js


# The segments of a Chinese query, joined with "* ": transform() then adds
# its own wildcard, and the clause term keeps a `*` of its own ("提示*"),
# which no index word starts with. The result list then called every
# Chinese word missing ("缺少: 提示* 工程") and showed the asterisk.
_SEGMENT_JOIN_RE = re.compile(r'(\[\.\.\.\w+\(\w+,this\.index\.invertedIndex\)\])\.join\("\* "\)')


def join_segments(worker_js: str) -> str | None:
    """The worker with a Chinese query's segments joined by a space; None
    when the join is not found exactly once."""
    fixed, count = _SEGMENT_JOIN_RE.subn(r'\1.join(" ")', worker_js)
    return fixed if count == 1 else None


def fix_segmenter(worker_js: str) -> str | None:
    """The worker with the segmenter's inner loop reaching the query's end
    (unchanged if it already does); None when the loop is not found exactly
    once (Material changed it)."""
    fixed, count = _SEGMENT_LOOP_RE.subn(r"\1<=\4", worker_js)
    return fixed if count == 1 else None


def patch(files: Files, config: MkDocsConfig) -> list[str]:
    """Material's search worker with its fixes; the warning when it changed."""
    worker = next((f for f in files if WORKER_RE.match(f.src_uri)), None)
    if worker is None:
        return []
    fixed = fix_segmenter(worker.content_string)
    if fixed is None:
        return [f"{worker.src_uri}: Material's search worker no longer has the query "
                "segmentation loop that hooks/search_worker.py fixes; check whether the "
                "upgrade fixed it (then remove the hook) or update _SEGMENT_LOOP_RE"]
    joined = join_segments(fixed)
    if joined is None:
        return [f"{worker.src_uri}: Material's search worker no longer joins a Chinese query's segments "
                'with "* " (hooks/search_worker.py: _SEGMENT_JOIN_RE); check whether it still leaks the '
                "asterisk into the missing terms, and update or remove the fix"]
    ranked = rank_exact_names(joined)
    if ranked is None:
        return [f"{worker.src_uri}: Material's search worker no longer has the search method "
                "that hooks/search_worker.py extends (search(e){{…this.index.search(e)…}}); update "
                "_SEARCH_START_RE and _INDEX_SEARCH_RE"]
    files.remove(worker)
    files.append(File.generated(config, worker.src_uri, content=ranked))
    return []
