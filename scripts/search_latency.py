#!/usr/bin/env python3
"""How long a reader on a phone waits for search, in Chromium.

    python scripts/search_latency.py                       # build the docs, then measure
    python scripts/search_latency.py --site DIR            # measure a site already built (repeatable)
    python scripts/search_latency.py --synthetic 2000      # also a synthetic site of 2,000 terms a language
    python scripts/search_latency.py --runs 5

One JSON line per case and site: the median of the runs and every run.

- `cold`: a fresh browser context (empty cache) on a phone (390×844,
  touch), Lighthouse's mobile profile through the browser's debugging
  protocol (150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU 4× slower),
  the page loaded and idle; then a tap on the search button and the query
  typed at once (a reader who types takes longer, and search is readier).
  The time runs from the tap (the page's own clock, at touchstart) to the
  first result list for the query, and `top` is where its first term result
  points.
- `open`: the same tab once the whole index is in (the network idle and the
  worker done), one query after another: from the key-up that starts each
  query to the first result list shown for it (`ms`), and to the last one
  shown within 1.5 s (`settled_ms`: the same unless the answer came in two
  steps).

The CPU slowdown reaches the page only: the protocol refuses it for a
worker ("Operation is only supported for pages, not workers"), so the
search worker runs at this machine's speed and its share of a real phone's
wait is understated. `worker_ms` reports what the worker itself spent,
where the site's worker says so (docs/assets/javascripts/search-worker.js does).

The machine is shared: compare sites side by side in one run (`--site A
--site B`), and read medians, not single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from static_server import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BASE_PATH = "/llm-glossary/"

# Lighthouse's mobile profile (its "slow 4G"): throughput in bytes per second.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True}

# (case, page, query, where the first term result should point). The two
# queries the issue measured, plus a term page (heavier than a home page).
COLD_CASES = [
    ("zh-home 低秩适配", "", "低秩适配", "training/#lora"),
    ("en-home mixture of experts", "en/", "mixture of experts", "en/architecture/#moe"),
    ("zh-term-page 推测解码", "inference/", "推测解码", "inference/#speculative-decoding"),
]
SYNTHETIC_CASES = [
    ("zh-home 合成术语1234", "", "合成术语1234", "family-024/#term-1234"),
    ("en-home Synthetic Term 1234", "en/", "Synthetic Term 1234", "en/family-024/#term-1234"),
]
OPEN_QUERIES = {
    "": ["量化", "人类反馈强化学习", "思维链", "提示工程", "KV", "注意力"],
    "en/": ["lora", "speculative decoding", "hallucination", "retrieval augmented generation",
            "agent", "attention"],
}

# In the page, before its scripts: the tap's time and the first result's.
INSTRUMENT = """(() => {
  const lat = window.__lat = {tap: 0, first: 0, top: []};
  const tap = () => { if (!lat.tap) lat.tap = performance.now(); };
  addEventListener("touchstart", tap, {capture: true, passive: true});
  addEventListener("pointerdown", tap, {capture: true, passive: true});
  const sections = () => [...document.querySelectorAll(".md-search-result__list a.md-search-result__link")]
    .filter(a => a.querySelector("h2") && !a.closest("details")).map(a => a.href.split("?")[0]
      + (a.hash || ""));
  const watch = () => {
    const list = document.querySelector(".md-search-result__list");
    if (!list) return;
    // A list for the query: its links carry the query's words (?h=…); the
    // empty box's suggestions carry none.
    const forQuery = () => [...list.querySelectorAll("a[href]")].some(a => /[?&]h=[^&#]/.test(a.href));
    new MutationObserver(() => {
      if (lat.tap && !lat.first && forQuery()) {
        lat.first = performance.now();
        lat.top = sections().slice(0, 3);
      }
    }).observe(list, {childList: true});
  };
  document.readyState === "loading" ? addEventListener("DOMContentLoaded", watch) : watch();
})()"""

TYPE = """(query) => { const input = document.querySelector("input.md-search__input");
  input.value = query; input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"})); }"""

# One query in the open search box: key-up, then every result list shown
# within the window (the first, and the last if the answer came in steps).
ONE_QUERY = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const list = document.querySelector(".md-search-result__list");
  meta.textContent = "";
  const shown = [];
  const t0 = performance.now();
  const observer = new MutationObserver(() => {
    if (meta.textContent) shown.push({ms: performance.now() - t0,
      top: [...list.querySelectorAll("a.md-search-result__link")]
        .filter(a => a.querySelector("h2") && !a.closest("details")).slice(0, 1)
        .map(a => a.href.split("?")[0] + (a.hash || ""))[0] || null});
  });
  observer.observe(list, {childList: true});
  observer.observe(meta, {childList: true, characterData: true, subtree: true});
  input.value = query;
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}));
  const deadline = t0 + 5000;
  while (performance.now() < deadline) {
    await new Promise(r => setTimeout(r, 50));
    const last = shown.length ? shown[shown.length - 1].ms : null;
    if (last !== null && performance.now() - t0 - last > 1500) break;
  }
  observer.disconnect();
  return shown.length ? {ms: shown[0].ms, settled_ms: shown[shown.length - 1].ms,
                         top: shown[shown.length - 1].top} : {ms: null, settled_ms: null, top: null};
}"""

# What the site's own worker reports about its work, if it does (the
# bundle's prelude, hooks/search_on_demand.py, sets these on the dialog).
WORKER_STATE = """() => { const el = document.querySelector(".md-search");
  return el ? {state: el.dataset.glSearch || null, worker_ms: el.dataset.glSearchWorkerMs
    ? JSON.parse(el.dataset.glSearchWorkerMs) : null} : {} }"""


def build(project: Path, site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"build of {project} failed:\n{result.stderr[-3000:]}")


def synthetic_site(terms: int, folder: Path) -> Path:
    """scripts/bench.py's synthetic glossary of `terms` terms a language,
    built into folder/site."""
    from bench import make_project

    project = make_project(folder / "project", terms)
    build(project, folder / "site")
    return folder / "site"


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"])


def throttled_page(browser):
    context = browser.new_context(**PHONE)
    context.add_init_script(INSTRUMENT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return context, page


def cold_run(browser, url: str, query: str, with_open: list[str] | None) -> dict:
    context, page = throttled_page(browser)
    requests: list = []
    try:
        page.goto(url, timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        context.on("requestfinished", lambda request: requests.append(request))
        page.tap("label.md-header__button[for=__search]")
        # Typed at once, in the page: Playwright's fill() would first wait
        # for the search overlay to stop moving, which is not the site's time.
        page.evaluate(TYPE, query)
        page.wait_for_function("() => window.__lat.first", timeout=60_000)
        lat = page.evaluate("() => window.__lat")
        run = {"ms": round(lat["first"] - lat["tap"]), "top": lat["top"][:1]}
        if with_open is not None:
            page.wait_for_load_state("networkidle", timeout=120_000)
            # The worker may still be building its index after the last byte.
            page.wait_for_function("() => { const s = document.querySelector('.md-search').dataset.glSearch;"
                                   " return !s || s === 'full' }", timeout=60_000)
            page.wait_for_timeout(3000)
            run["bytes_after_tap"] = sum(sum(r.sizes()[k] for k in ("responseBodySize", "responseHeadersSize"))
                                         for r in list(requests))
            run.update(page.evaluate(WORKER_STATE))
            run["open"] = {q: page.evaluate(ONE_QUERY, q) for q in with_open}
        return run
    finally:
        context.close()


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values)) if values else None


def summarize(label: str, base: str, case: tuple, results: list[dict]) -> list[dict]:
    """The JSON lines of one case on one site: the cold wait, then each open query."""
    name, path, _, expected = case
    line = {"site": label, "case": f"cold {name}", "median_ms": median([r["ms"] for r in results]),
            "runs_ms": [r["ms"] for r in results],
            "first_is_expected": all(r["top"] == [base + expected] for r in results),
            "top": results[-1]["top"][0].removeprefix(base) if results[-1]["top"] else None}
    lines = [line]
    if "open" in results[0]:
        line["bytes_after_tap"] = median([r["bytes_after_tap"] for r in results])
        line["worker_ms"] = results[-1].get("worker_ms")
        for q in results[0]["open"]:
            per = [r["open"][q] for r in results]
            lines.append({"site": label, "case": f"open {path or 'zh/'} {q}",
                          "median_ms": median([p["ms"] for p in per]),
                          "median_settled_ms": median([p["settled_ms"] for p in per]),
                          "runs_ms": [None if p["ms"] is None else round(p["ms"]) for p in per],
                          "top": (per[-1]["top"] or "").removeprefix(base) or None})
    return lines


def measure(browser, sites: dict[str, str], cases: list[tuple], runs: int, open_queries: bool) -> None:
    """Every case on every site, run after run: the runs of the sites
    alternate, so that a busy spell of the machine hits each alike."""
    results: dict[tuple[str, str], list[dict]] = {}
    for _ in range(runs):
        for label, base in sites.items():
            for case in cases:
                queries = OPEN_QUERIES.get(case[1]) if open_queries else None
                results.setdefault((label, case[0]), []).append(
                    cold_run(browser, base + case[1], case[2], queries))
    for label, base in sites.items():
        for case in cases:
            for line in summarize(label, base, case, results[(label, case[0])]):
                print(json.dumps(line, ensure_ascii=False), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", action="append", type=Path, metavar="DIR",
                        help="a built site to measure (repeatable; default: build the docs)")
    parser.add_argument("--synthetic", type=int, metavar="N",
                        help="also build and measure a synthetic site of N terms per language")
    parser.add_argument("--synthetic-site", action="append", type=Path, default=[], metavar="DIR",
                        help="a synthetic site built already (scripts/bench.py's, repeatable)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build into DIR and keep the sites")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-open", action="store_true", help="only the cold cases")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="glossary-latency-") as temp:
        folder = args.keep or Path(temp)
        sites = args.site
        if not sites:
            sites = [folder / "docs-site"]
            build(ROOT, sites[0])
        synthetic = list(args.synthetic_site)
        if args.synthetic:
            synthetic.append(synthetic_site(args.synthetic, folder / f"synthetic-{args.synthetic}"))
        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                with ExitStack() as stack:
                    bases = {str(site): stack.enter_context(serve(site, BASE_PATH)) for site in sites}
                    measure(browser, bases, COLD_CASES, args.runs, not args.no_open)
                if synthetic:
                    with ExitStack() as stack:
                        bases = {str(site): stack.enter_context(serve(site, BASE_PATH)) for site in synthetic}
                        measure(browser, bases, SYNTHETIC_CASES, args.runs, False)
            finally:
                browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
