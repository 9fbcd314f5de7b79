#!/usr/bin/env python3
"""Build a synthetic glossary of N terms per language and measure the build.

    python scripts/bench.py --terms 2000          # one JSON line
    python scripts/bench.py --table 200 2000      # one line per size, then a table

The synthetic site follows the project's conventions (family pages of 50
terms, explicit ids, [[id]] cross-references, See-also lines, a formula every
10 terms, a mermaid diagram every 100) and is built strictly, in-process, with
the project's own mkdocs.yml, hooks and overrides, in a temporary folder.
`hook_seconds` is the time spent inside the project's hook functions, summed
over both language passes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from glossary_docs import load_site  # noqa: E402
from published_ids import LOCK_FILE, updated_lock  # noqa: E402

TERMS_PER_FAMILY = 50


def term_markdown(index: int, total: int, lang: str) -> str:
    """One synthetic term entry in one language."""
    ref_a, ref_b = (index * 7 + 3) % total, (index * 13 + 5) % total
    if lang == "zh":
        lines = [f"## 合成术语{index}（ST{index}） {{#term-{index}}}", "",
                 f"合成术语{index}（Synthetic Term {index}，ST{index}）是用于测量构建速度的第 {index} "
                 "个虚构术语。", "",
                 f"它的工作方式与 [[term-{ref_a}]] 相似，但与 [[term-{ref_b}]] 不同：参数量、"
                 "显存与吞吐量之间存在权衡，这一段文字模拟一个真实条目的正文长度。"]
    else:
        lines = [f"## Synthetic Term {index} (ST{index}) {{#term-{index}}}", "",
                 f"Synthetic Term {index} (ST{index}) is the fictional term number {index}, "
                 "used to measure the build.", "",
                 f"It works like [[term-{ref_a}]] but unlike [[term-{ref_b}]]: there is a "
                 "trade-off between parameters, memory and throughput, and this paragraph "
                 "imitates the length of a real entry's body."]
    if index % 10 == 0:
        lines += ["", "$$", rf"\mathrm{{Attention}}(Q,K,V)=\mathrm{{softmax}}\left("
                            rf"\frac{{QK^\top}}{{\sqrt{{d_{index}}}}}\right)V", "$$"]
    if index % 100 == 0:
        title = "合成流程" if lang == "zh" else "Synthetic flow"
        lines += ["", "```mermaid", "flowchart LR", f"  accTitle: {title} {index}",
                  f"  accDescr: {title}", "  A[Input] --> B[Model] --> C[Output]", "```"]
    label = "**相关术语**：" if lang == "zh" else "**See also:** "
    separator = "、" if lang == "zh" else ", "
    lines += ["", label + separator.join(f"[[term-{r}]]" for r in (ref_a, ref_b)), "",
              "**参考文献**：" if lang == "zh" else "**References:**", "",
              "- Vaswani, A. et al. (2017). Attention Is All You Need. "
              "[arXiv:1706.03762](https://arxiv.org/abs/1706.03762)", ""]
    return "\n".join(lines)


def write_docs(docs: Path, terms: int) -> list[str]:
    """Write the synthetic family pages (and home pages) into docs/; return the nav."""
    docs.mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    nav = ["index.md"]
    families = (terms + TERMS_PER_FAMILY - 1) // TERMS_PER_FAMILY
    for family in range(families):
        name = f"family-{family:03d}"
        nav.append(f"{name}.md")
        span = range(family * TERMS_PER_FAMILY, min(terms, (family + 1) * TERMS_PER_FAMILY))
        for lang, suffix, title in (("zh", ".md", f"合成术语族 {family}"),
                                    ("en", ".en.md", f"Synthetic family {family}")):
            body = "\n".join(term_markdown(i, terms, lang) for i in span)
            (docs / f"{name}{suffix}").write_text(
                f"---\ntitle: {title}\ndescription: {title} for the build benchmark.\nreviewed: 2026-12\n---\n\n"
                f"# {title}\n\n{body}\n", encoding="utf-8")
    for suffix, title in ((".md", "合成术语表"), (".en.md", "Synthetic glossary")):
        (docs / f"index{suffix}").write_text(
            f"---\ntitle: {title}\ndescription: {title}.\nreviewed: 2026-12\n---\n\n# {title}\n\n{title}.\n",
            encoding="utf-8")
    # Every synthetic term is published where it is: the lock the build checks.
    (docs / LOCK_FILE).write_text(updated_lock("", load_site(docs)), encoding="utf-8")
    return nav


def make_project(folder: Path, terms: int) -> Path:
    """A copy of the project with synthetic docs and a nav to match."""
    for name in ("hooks", "overrides"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    nav = write_docs(folder / "docs", terms)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # nav is the last block of mkdocs.yml: replace it with the synthetic pages.
    config = config[: config.index("\nnav:\n")] + "\nnav:\n" + "".join(f"  - {p}\n" for p in nav)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def timed_hooks(config, totals: dict[str, float]) -> None:
    """Wrap every event function of the project's hooks with a timer."""
    hooks_dir = str(Path(config.config_file_path).parent / "hooks")
    for event, methods in config.plugins.events.items():
        for position, method in enumerate(methods):
            module = sys.modules.get(getattr(method, "__module__", ""), None)
            if module is None or not str(getattr(module, "__file__", "")).startswith(hooks_dir):
                continue

            def wrapper(*args, __method=method, __name=f"{module.__name__}.{event}", **kwargs):
                start = time.perf_counter()
                try:
                    return __method(*args, **kwargs)
                finally:
                    totals[__name] += time.perf_counter() - start

            methods[position] = wrapper


def run(terms: int) -> dict:
    """Build `terms` synthetic terms per language (0: the real docs) and measure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as temp:
        project = make_project(Path(temp) / "project", terms) if terms else ROOT
        site = Path(temp) / "site"
        cwd = os.getcwd()
        os.chdir(project)
        try:
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
            totals: dict[str, float] = defaultdict(float)
            timed_hooks(config, totals)
            start = time.perf_counter()
            build(config)
            seconds = time.perf_counter() - start
        finally:
            os.chdir(cwd)
        index_files = sorted(site.rglob("search/search_index.json"))
        raw = sum(f.stat().st_size for f in index_files)
        packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in index_files)
        pages = sum(1 for _ in site.rglob("*.html"))
    return {"terms": terms, "seconds": round(seconds, 2), "pages": pages,
            "search_index_bytes": raw, "search_index_gzip_bytes": packed,
            "hook_seconds": round(sum(totals.values()), 3),
            "hook_share": round(sum(totals.values()) / seconds, 3),
            "slowest_hooks": {k: round(v, 3) for k, v in
                              sorted(totals.items(), key=lambda kv: -kv[1])[:40]}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, help="terms per language (0: the real docs)")
    parser.add_argument("--table", type=int, nargs="+", metavar="N",
                        help="run each size in its own process and print a table")
    args = parser.parse_args()
    if args.terms is not None:
        print(json.dumps(run(args.terms), ensure_ascii=False))
        return 0
    if not args.table:
        parser.error("give --terms N or --table N [N …]")
    import subprocess

    rows = []
    for terms in args.table:
        # A fresh process per size: no cache or import is shared between runs.
        output = subprocess.run([sys.executable, __file__, "--terms", str(terms)], check=True,
                                capture_output=True, text=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
        print(output.strip().splitlines()[-1])
    print("\n| terms | build s | pages | index KB | index gzip KB | hooks s | hooks share |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['terms'] or 'real docs'} | {row['seconds']} | {row['pages']} | "
              f"{row['search_index_bytes'] / 1024:.0f} | {row['search_index_gzip_bytes'] / 1024:.0f}"
              f" | {row['hook_seconds']} | {row['hook_share']:.1%} |")
    synthetic = [row for row in rows if row["terms"]]
    if len(synthetic) >= 2:
        ratio = synthetic[-1]["seconds"] / synthetic[0]["seconds"]
        print(f"\n{synthetic[-1]['terms']} terms take {ratio:.1f}x the time of "
              f"{synthetic[0]['terms']} (terms ratio "
              f"{synthetic[-1]['terms'] / synthetic[0]['terms']:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
