#!/usr/bin/env python3
"""What the project's hooks cost: CPU seconds of a strict build of the real
docs, against the same docs built with the `hooks:` block removed.

    python scripts/build_cost.py            # 3 builds of each, medians, one JSON line
    python scripts/build_cost.py --runs 5

Each build is a fresh `mkdocs build` process (imports included, as a
contributor's `make build` pays them), after one warm-up build of each so
that the caches in .cache/ are as a rebuild finds them. Without hooks the
build is not strict: the generated pages the nav lists are missing.
CPU time is user + system time of the child process, which two cores
shared with other work disturb less than wall time; the two kinds of build
take turns, and the ratio is the median of each pair's, so that a busy
spell of the machine weighs on both sides of a ratio alike.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def without_hooks(config_text: str) -> str:
    """mkdocs.yml without its hooks block, and not strict."""
    text = re.sub(r"(?m)^hooks:\n(?:[ \t]+.*\n|[ \t]*#.*\n)+", "", config_text)
    return re.sub(r"(?m)^strict: true$", "strict: false", text)


def cpu_seconds(args: list[str]) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind (default 3)")
    args = parser.parse_args(argv)
    mkdocs = [sys.executable, "-m", "mkdocs", "build"]
    with tempfile.TemporaryDirectory() as tmp:
        # The config must sit beside docs/: paths in it are relative to its folder.
        bare_config = ROOT / "mkdocs-without-hooks.yml"
        bare_config.write_text(without_hooks((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
        try:
            with_hooks = [*mkdocs, "--strict", "-d", f"{tmp}/with"]
            no_hooks = [*mkdocs, "-f", bare_config.name, "-d", f"{tmp}/without"]
            cpu_seconds(with_hooks), cpu_seconds(no_hooks)  # warm-up
            hooked, plain = [], []
            for _ in range(args.runs):
                hooked.append(cpu_seconds(with_hooks))
                plain.append(cpu_seconds(no_hooks))
        finally:
            bare_config.unlink(missing_ok=True)
    result = {"runs": args.runs, "with_hooks_cpu_s": round(statistics.median(hooked), 2),
              "without_hooks_cpu_s": round(statistics.median(plain), 2),
              "ratio": round(statistics.median(h / p for h, p in zip(hooked, plain)), 2),
              "with_hooks_all": [round(x, 2) for x in hooked], "without_hooks_all": [round(x, 2) for x in plain]}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
