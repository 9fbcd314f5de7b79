"""Load search, and the sitemap link previews read, only when a reader
reaches for them.

Material fetches the search index (about 300 KB for the Chinese site) and its
search worker (38 KB) on every page view, before anyone has typed. On a slow
phone that is most of the page's weight, spent for the few readers who
search. This hook makes both wait for a sign of intent: focus on the search
box (which Material's keyboard shortcuts and the mobile search button also
give), a hover or touch on it, a shared search link (`?q=`), or a page
opened from a search result (`?h=`, whose matches Material highlights).

- Material's bundle gets a small prelude, `__glSearchIndex(url)`, a promise
  of the index that starts the download on intent, and its index request is
  rewritten to use it (through Material's own `defer`).
- The search worker is replaced by a stub of a few lines that queues
  messages and loads the real worker (kept beside it) on the first one,
  which only comes once the index has arrived.

- Link previews (navigation.instant.preview) subscribe to the sitemap for
  every link at load, so every page fetched sitemap.xml (40 KB for 306
  terms in two languages, a sixth of a page's weight budget) though
  previews open only on hover or focus, which phones never give. The
  preview now asks for the sitemap on the first hover or focus of a link;
  Material caches it for the others, as before.

The rewrites are matched exactly once in Material's minified code; a
Material upgrade that changes them fails the build with a message instead of
silently loading search eagerly again (or not at all).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.glossary.search_on_demand")

BUNDLE_RE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
WORKER_RE = re.compile(r"^assets/javascripts/workers/(search\.[0-9a-f]+)\.min\.js$")
# Material's `defer`: function H(e){return new F(function(t){U(e()).subscribe(t)})}
_DEFER_RE = re.compile(r"function (\w+)\(e\)\{return new \w+\(function\(t\)\{\w+\(e\(\)\)"
                       r"\.subscribe\(t\)\}\)\}")
# The index request: ze(new URL("search/search_index.json",Or.base))
_INDEX_REQUEST_RE = re.compile(r"\b\w+\((new URL\(\"search/search_index\.json\",\w+\.base\))\)")
# A link's preview: combineLatest([sitemap$, hover$]).pipe(switchMap(([sitemap]) => …
# in the function that reads `{sitemap$: r} = t` (Material's mountLinkPreview).
_PREVIEW_RE = re.compile(r"(let\{sitemap\$:(\w+)\}=t;(?:(?!function ).)*?return )(\w+)\(\[\2,(\w+)\]\)"
                         r"\.pipe\((\w+)\(\(\[(\w+)\]\)=>")

PRELUDE = """/* hooks/search_on_demand.py: the search index loads on intent. */
var __glSearchIndex=(function(){
  var cache={},go,ready=new Promise(function(resolve){go=resolve});
  function onSearch(e){var t=e.target;if(t&&t.closest&&t.closest(".md-search,[for=__search]"))go()}
  if(/[?&][qh]=/.test(location.search))go();
  addEventListener("focusin",onSearch,true);
  addEventListener("pointerover",onSearch,true);
  addEventListener("touchstart",onSearch,{capture:true,passive:true});
  addEventListener("change",function(e){if(e.target&&e.target.id==="__search")go()},true);
  return function(url){var key=String(url);
    return cache[key]||(cache[key]=ready.then(function(){return fetch(key)})
      .then(function(r){if(!r.ok)throw new Error(r.status+" "+key);return r.json()}))};
})();
"""

WORKER_STUB = """/* hooks/search_on_demand.py: the search worker loads with its first
   message, which Material sends once the index has arrived. */
var __glQueue=[];
function __glHold(e){__glQueue.push(e.data);
  if(__glQueue.length===1){removeEventListener("message",__glHold);
    importScripts("{real}");
    __glQueue.forEach(function(d){dispatchEvent(new MessageEvent("message",{data:d}))})}}
addEventListener("message",__glHold);
"""


@dataclass(frozen=True)
class Rewrite:
    content: str | None
    problem: str | None = None


@lru_cache(maxsize=2)  # the same bundle in each language's pass
def lazy_index_bundle(bundle_js: str) -> Rewrite:
    """Material's bundle with its index request waiting for search intent."""
    defer = _DEFER_RE.findall(bundle_js)
    requests = _INDEX_REQUEST_RE.findall(bundle_js)
    if len(defer) != 1 or len(requests) != 1:
        return Rewrite(None, f"found {len(defer)} defer function(s) and {len(requests)} index "
                             "request(s) where exactly one of each was expected")
    rewritten = _INDEX_REQUEST_RE.sub(f"{defer[0]}(()=>__glSearchIndex({requests[0]}))",
                                      bundle_js)
    previews = _PREVIEW_RE.findall(rewritten)
    if len(previews) != 1:
        return Rewrite(None, f"found {len(previews)} link-preview sitemap subscriptions where exactly one "
                             "was expected")
    # hover$.pipe(switchMap(() => sitemap$), switchMap((sitemap) => …: the
    # sitemap is fetched on the first hover, then replayed by Material.
    rewritten = _PREVIEW_RE.sub(lambda m: f"{m.group(1)}{m.group(4)}.pipe({m.group(5)}(()=>{m.group(2)}),"
                                          f"{m.group(5)}(({m.group(6)})=>", rewritten)
    return Rewrite(PRELUDE + rewritten)


def worker_stub(real_name: str) -> str:
    return WORKER_STUB.replace("{real}", real_name)


def patch(files: Files, config: MkDocsConfig) -> list[str]:
    """Material's bundle with the index loaded on intent and its worker
    loaded with the first search; the warning when the bundle changed."""
    bundle = next((f for f in files if BUNDLE_RE.match(f.src_uri)), None)
    worker = next((f for f in files if WORKER_RE.match(f.src_uri)), None)
    if bundle is None or worker is None:
        return []
    rewrite = lazy_index_bundle(bundle.content_string)
    if rewrite.content is None:
        return [f"{bundle.src_uri}: Material's bundle changed ({rewrite.problem}); update "
                "hooks/search_on_demand.py or remove it (search would load eagerly)"]
    real = WORKER_RE.fullmatch(worker.src_uri)[1] + ".real.min.js"  # type: ignore[index]  # matched above
    worker_source = worker.content_string
    for old in (bundle, worker):
        files.remove(old)
    files.append(File.generated(config, bundle.src_uri, content=rewrite.content))
    files.append(File.generated(config, worker.src_uri, content=worker_stub(real)))
    files.append(File.generated(config, f"assets/javascripts/workers/{real}", content=worker_source))
    return []
