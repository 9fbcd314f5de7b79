"""Load search, and the sitemap link previews read, only when a reader
reaches for them; then answer a term lookup before the full index is in.

Material fetches the search index (a megabyte for the Chinese site, 320 KB
gzipped) and its search worker on every page view, before anyone has typed.
This hook makes search wait for a sign of intent: focus on the search box
(which Material's keyboard shortcuts and the mobile search button also
give), a hover or touch on it, or a shared search link (`?q=`). A page
opened from a search result (`?h=`) highlights the matches without any
download (Material's highlighter only needs the search configuration), and
then drops `?h=` from its address, so that a copied link is clean.

- Material's bundle gets a prelude (PRELUDE). `__glSearchIndex(url)` answers
  Material's index request at once with the search configuration (the same
  for every language, written in here at build time) and the addresses of
  the language's two indexes, and no documents. The prelude also tells the
  search worker when the reader shows intent, loads the dialog's additions
  (docs/assets/javascripts/search-ui.js, stylesheets/search.css) then, and
  starts the full index's worker when the search worker asks for it.
- Material's search worker is replaced by a stub of a few lines
  (WORKER_STUB). On intent it fetches the names index
  (hooks/search_names.py) and loads the glossary's worker,
  docs/assets/javascripts/search-worker.js, which answers from it at once.
- Material's own worker is kept beside it with a prelude
  (docs/assets/javascripts/search-index-worker.js): the full index's
  worker, which the glossary's worker queries once it has built its index.
  Its prelude is not served on its own.

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

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from minified_assets import minified

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

# The search worker Material starts at load: its URL in each page's config.
WORKER_URL_RE = r"/workers/search\.[0-9a-f]+\.min\.js"
# The glossary's own parts of search, in docs/assets: the worker that
# answers (served as is), the prelude of the full-index worker (put
# into that worker's file, not served alone), the dialog's additions on the
# page and their stylesheet (loaded with the first sign of intent).
FRONT_WORKER = "assets/javascripts/search-worker.js"
INDEX_WORKER_PRELUDE = "assets/javascripts/search-index-worker.js"
SEARCH_UI = "assets/javascripts/search-ui.js"
SEARCH_CSS = "assets/stylesheets/search.css"

PRELUDE = """/* hooks/search_on_demand.py: search loads on intent. */
var __glSearch=(function(){
  var config={config},script=document.currentScript,intended=false,workers=[];
  var asset=function(path){return new URL(path,script&&script.src||location.href).href};
  function go(){if(intended)return;intended=true;
    workers.forEach(function(w){w.postMessage({type:"gl-go"})});
    var css=document.createElement("link");css.rel="stylesheet";css.href=asset("{css}");
    var ui=document.createElement("script");ui.src=asset("{ui}");
    document.head.appendChild(css);document.head.appendChild(ui)}
  function relay(e){var d=e.data,el=document.querySelector(".md-search");if(!d||!el)return;
    if(d.type==="gl-full"){var full=new Native(d.url),channel=new MessageChannel();
      full.postMessage({type:"gl-port"},[channel.port2]);e.target.postMessage({type:"gl-port"},[channel.port1])}
    if(d.type==="gl-state"){el.dataset.glSearch=d.state;el.dataset.glSearchWorkerMs=JSON.stringify(d.timings)}
    if(d.type===3){api.last=d.data.gl||null;setTimeout(function(){
      document.dispatchEvent(new CustomEvent("gl-search-result",{detail:api.last}))},0)}}
  var Native=window.Worker;
  if(Native){window.Worker=function(url,options){var w=new Native(url,options);
    if(/{worker}/.test(String(url))){workers.push(w);w.addEventListener("message",relay);
      if(intended)w.postMessage({type:"gl-go"})}
    return w};window.Worker.prototype=Native.prototype}
  function onSearch(e){var t=e.target;if(t&&t.closest&&t.closest(".md-search,[for=__search]"))go()}
  if(/[?&]q=/.test(location.search))go();
  if(/[?&]h=/.test(location.search))addEventListener("load",function(){setTimeout(function(){
    var u=new URL(location.href);u.searchParams.delete("h");history.replaceState(history.state,"",u.href)},0)});
  addEventListener("focusin",onSearch,true);
  addEventListener("pointerover",onSearch,true);
  addEventListener("touchstart",onSearch,{capture:true,passive:true});
  addEventListener("change",function(e){if(e.target&&e.target.id==="__search")go()},true);
  var api={workers:workers,last:null,index:function(url){url=String(url);
    return Promise.resolve({config:Object.assign({},config,{glIndex:url,
      glNames:url.replace(/search_index\\.json$/,"search_names.json")}),docs:[]})}};
  return api;
})();
var __glSearchIndex=__glSearch.index;
"""

WORKER_STUB = """/* hooks/search_on_demand.py: the search worker loads on intent (a
   gl-go message from the page), then the glossary's worker answers. */
var __glHeld=[],__glGo=false;
function __glHold(e){var d=e.data;if(d&&d.type==="gl-go")__glGo=true;else __glHeld.push(d);
  var setup=__glHeld.filter(function(m){return m&&m.type===0})[0];
  if(!__glGo||!setup)return;
  removeEventListener("message",__glHold);
  self.__glFront={held:__glHeld,real:"{real}",names:fetch(setup.data.config.glNames)};
  try{importScripts("{front}")}catch(x){
    importScripts("{real}");
    __glHeld.forEach(function(d){dispatchEvent(new MessageEvent("message",{data:d}))})}}
addEventListener("message",__glHold);
"""


@dataclass(frozen=True)
class Rewrite:
    content: str | None
    problem: str | None = None


def prelude(search_config: dict) -> str:
    """The bundle's prelude, with the search configuration Material's
    highlighter and worker read (the config part of search_index.json: the
    same for every language)."""
    return (PRELUDE.replace("{config}", json.dumps(search_config, ensure_ascii=False, separators=(",", ":")))
            .replace("{css}", "../" + SEARCH_CSS.removeprefix("assets/"))
            .replace("{ui}", SEARCH_UI.removeprefix("assets/javascripts/"))
            .replace("{worker}", WORKER_URL_RE.replace("/", "\\/")))


@lru_cache(maxsize=2)  # the same bundle in each language's pass
def lazy_index_bundle(bundle_js: str, bundle_prelude: str = "") -> Rewrite:
    """Material's bundle with its index request answered by the prelude
    (the configuration at once, the index itself through the worker, on
    intent)."""
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
    return Rewrite((bundle_prelude or prelude({})) + rewritten)


def worker_stub(real_name: str) -> str:
    return (WORKER_STUB.replace("{real}", real_name)
            .replace("{front}", "../" + FRONT_WORKER.removeprefix("assets/javascripts/")))


def search_config(config: MkDocsConfig) -> dict:
    """What Material writes as the `config` of its search index."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    if index is None:
        return {}
    return {key: index.config[key] for key in ("lang", "separator", "pipeline", "fields")}


def patch(files: Files, config: MkDocsConfig) -> list[str]:
    """Material's bundle with search loaded on intent, its worker replaced
    by the stub that then loads the glossary's worker, and Material's own
    worker (with the full-index prelude) kept for that worker to start;
    the warning when the bundle changed."""
    bundle = next((f for f in files if BUNDLE_RE.match(f.src_uri)), None)
    worker = next((f for f in files if WORKER_RE.match(f.src_uri)), None)
    if bundle is None or worker is None:
        return []
    # From docs/ itself: a language pass after the first lists no files of docs/assets.
    docs = Path(config.docs_dir)
    if not (docs / FRONT_WORKER).is_file() or not (docs / INDEX_WORKER_PRELUDE).is_file():
        return [f"docs/{FRONT_WORKER} or docs/{INDEX_WORKER_PRELUDE} is missing: search cannot load on "
                "intent (restore them from git, or skip the stage: extra.skip_stages: [search-on-demand])"]
    index_prelude = (docs / INDEX_WORKER_PRELUDE).read_text(encoding="utf-8")
    rewrite = lazy_index_bundle(bundle.content_string, prelude(search_config(config)))
    if rewrite.content is None:
        return [f"{bundle.src_uri}: Material's bundle changed ({rewrite.problem}); update "
                "hooks/search_on_demand.py or remove it (search would load eagerly)"]
    real = WORKER_RE.fullmatch(worker.src_uri)[1] + ".real.min.js"  # type: ignore[index]  # matched above
    worker_source = minified(index_prelude, ".js") + worker.content_string
    served_alone = files.get_file_from_path(INDEX_WORKER_PRELUDE)  # it only makes sense inside the worker
    for old in (bundle, worker, served_alone):
        if old is not None:
            files.remove(old)
    files.append(File.generated(config, bundle.src_uri, content=rewrite.content))
    files.append(File.generated(config, worker.src_uri, content=worker_stub(real)))
    files.append(File.generated(config, f"assets/javascripts/workers/{real}", content=worker_source))
    return []
