"""Reading docs/ and writing generated files: the build's one cache of what
it read, and its one way of writing.

`cached_read` re-reads (and re-parses) a file only when its modification
time changed, so that the two passes of a bilingual build, and every rebuild
of `mkdocs serve`, read each file once. `write_if_changed` leaves a file
alone when it already holds the content, so that `mkdocs serve` (which
watches the project) does not rebuild in a loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_cache: dict[tuple[str, str], tuple[int, object]] = {}


def cached_read(path: Path, kind: str, parse: Callable[[str], T]) -> T:
    """`parse(text of path)`, recomputed only when the file changed; `kind`
    names what `parse` makes of it (one file can be read as two things)."""
    key = (str(path), kind)
    mtime = path.stat().st_mtime_ns
    cached = _cache.get(key)
    if cached is None or cached[0] != mtime:
        cached = (mtime, parse(path.read_text(encoding="utf-8")))
        _cache[key] = cached
    return cached[1]  # type: ignore[return-value]


def read_text(path: Path) -> str:
    """The text of a file, re-read only when it changed."""
    return cached_read(path, "text", str)


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write `content` unless the file already holds it; whether it wrote."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
