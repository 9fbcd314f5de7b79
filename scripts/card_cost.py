#!/usr/bin/env python3
"""What the preview cards cost a build of the real docs, drawn and cached.

    python scripts/card_cost.py              # one JSON line
    python scripts/card_cost.py --warm 5     # five rebuilds, medians

Strict in-process builds of the real docs: the first with an empty card
cache (every card drawn: a first build on a fresh clone), then `--warm`
rebuilds (default 3) with the cache the first left. For each: the seconds
spent in hooks/share_cards.py's stage (both language passes) and those
MkDocs spends copying the cards into the site, as CPU time of this process
(two cores shared with other work disturb it less than wall time) and as
wall time; the number of cards and their sizes. The cards go to a scratch
folder of .cache/, removed afterwards: the project's own cache is left as
it was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))


def build_once(site: Path) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import File

    import share_cards
    from page_meta import CARD_FOLDER

    spent = {"stage": 0.0, "copy": 0.0, "stage_wall": 0.0, "copy_wall": 0.0}
    add_cards, copy_file = share_cards.add_cards, File.copy_file

    def timed_add(*args, **kwargs):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return add_cards(*args, **kwargs)
        finally:
            spent["stage"] += time.process_time() - cpu
            spent["stage_wall"] += time.perf_counter() - wall

    def timed_copy(self, dirty=False):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return copy_file(self, dirty)
        finally:
            if self.src_uri.startswith(CARD_FOLDER):
                spent["copy"] += time.process_time() - cpu
                spent["copy_wall"] += time.perf_counter() - wall

    with mock.patch.object(share_cards, "add_cards", timed_add), mock.patch.object(File, "copy_file", timed_copy):
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), strict=True))
    sizes = [path.stat().st_size for path in (site / CARD_FOLDER).rglob("*.png")]
    return {**{f"{key}_s": round(value, 3) for key, value in spent.items()}, "cards": len(sizes),
            "max_kb": round(max(sizes) / 1024, 1), "mean_kb": round(sum(sizes) / len(sizes) / 1024, 1)}


def main(argv: list[str] | None = None) -> int:
    import share_cards

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=3, help="rebuilds with the cache (default 3)")
    args = parser.parse_args(argv)

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.environ.pop("SITE_URL", None)
    os.chdir(ROOT)
    scratch = Path(tempfile.mkdtemp(prefix="cards-", dir=ROOT / ".cache"))
    share_cards.CACHE_DIR = scratch.relative_to(ROOT).as_posix()
    try:
        with tempfile.TemporaryDirectory() as temp:
            cold = build_once(Path(temp) / "cold")
            warm = [build_once(Path(temp) / f"warm{run}") for run in range(args.warm)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    medians = {key: round(statistics.median(run[key] for run in warm), 3) for key in warm[0]}
    print(json.dumps({"cold": cold, "warm_median": medians, "warm_runs": warm}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
