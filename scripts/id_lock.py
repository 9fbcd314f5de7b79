#!/usr/bin/env python3
"""Keep docs/published-ids.yml, the lock of published term ids, up to date.

    python scripts/id_lock.py            # what --update would change (exit 1 if anything)
    python scripts/id_lock.py --update   # add new ids, record moved terms' new pages

It never removes an entry: a published id stays a link forever (the build
fails if its heading disappears). The build reads the same file with the
same functions (hooks/published_ids.py) and generates the redirects.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from glossary_docs import load_site  # noqa: E402
from published_ids import LOCK_FILE, updated_lock  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--update", action="store_true", help="write the changes")
    args = parser.parse_args(argv)
    lock = args.docs / LOCK_FILE
    old = lock.read_text(encoding="utf-8") if lock.exists() else ""
    new = updated_lock(old, load_site(args.docs))
    if new == old:
        print(f"{lock.relative_to(args.docs.parent)}: up to date")
        return 0
    if args.update:
        lock.write_text(new, encoding="utf-8")
        print(f"{lock.relative_to(args.docs.parent)}: updated")
        return 0
    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                               str(lock), str(lock) + " (updated)"))
    return 1


if __name__ == "__main__":
    sys.exit(main())
