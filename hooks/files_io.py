"""Reading docs/ and writing generated files: the build's one cache of what
it read, and its one way of writing.

`cached_read` re-reads (and re-parses) a file only when its modification
time changed, so that the two passes of a bilingual build, and every rebuild
of `mkdocs serve`, read each file once. `write_if_changed` leaves a file
alone when it already holds the content, so that `mkdocs serve` (which
watches the project) does not rebuild in a loop, and replaces it whole when
it does not (never writing through a hard link into the cache).

`LinkedFile` and `site_files` put the build's generated files (short links,
cards, exports, vendored scripts) into site/ as hard links to copies kept
in .cache/: a build makes about 1,400 of them, and creating a file is the
dearest thing it does (1.2 ms a file on the project's machine, 0.1 ms for
a link; PERFORMANCE.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

T = TypeVar("T")

_cache: dict[tuple[str, str], tuple[int, object]] = {}

# What the build reads at all: past these a page is not prose any more (the
# longest line of the docs is under 2,000 characters, the longest page under
# 40,000), and the parsers' cost would grow with the size, so a page of one
# 30 KB line of `[[` took minutes instead of getting a message.
MAX_LINE = 4_000
MAX_FILE = 200_000


class SourceError(ValueError):
    """A file of docs/ the build cannot read as text: the line, and why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def decode(data: bytes) -> str:
    """A file's text: UTF-8, with or without a byte-order mark (MkDocs reads
    it so too), within the size limits; SourceError otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SourceError(line, f"is not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8") from None
    if len(text) > MAX_FILE:
        raise SourceError(1, f"is {len(text):,} characters long (the limit is {MAX_FILE:,}); split the page "
                             "(scripts/move_term.py moves terms to a new page)")
    for number, row in enumerate(text.splitlines(), start=1):
        if len(row) > MAX_LINE:
            raise SourceError(number, f"has a line of {len(row):,} characters (the limit is {MAX_LINE:,}); "
                                      "break it into shorter paragraphs, list items or table rows")
    return text


def cached_read(path: Path, kind: str, parse: Callable[[str], T]) -> T:
    """`parse(text of path)`, recomputed only when the file changed; `kind`
    names what `parse` makes of it (one file can be read as two things).
    Raises SourceError for a file that is not text the build can read."""
    key = (str(path), kind)
    mtime = path.stat().st_mtime_ns
    cached = _cache.get(key)
    if cached is None or cached[0] != mtime:
        cached = (mtime, parse(decode(path.read_bytes())))
        _cache[key] = cached
    return cached[1]  # type: ignore[return-value]


def read_text(path: Path) -> str:
    """The text of a file, re-read only when it changed."""
    return cached_read(path, "text", str)


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write `content` unless the file already holds it; whether it wrote.
    The file is replaced whole: an interrupted build leaves no half file,
    and a file of site/ that is a hard link into .cache/ is never written
    through."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
    return True


def link_or_copy(source: Path, dest: Path) -> None:
    """`dest` as a hard link to `source`, or a copy where the two are on
    filesystems that cannot link (site_dir on another disk, say). The
    common case (a new file in an existing folder) costs one system call."""
    try:
        os.link(source, dest)
        return
    except FileNotFoundError:  # its folder is new
        dest.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a dirty build's earlier file
        dest.unlink()
    except OSError:
        shutil.copyfile(source, dest)
        return
    try:
        os.link(source, dest)
    except OSError:
        shutil.copyfile(source, dest)


class LinkedFile(File):
    """A generated file whose bytes already sit in .cache/: MkDocs puts it
    in site/ as a hard link instead of a copy."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        if self.abs_src_path is None:  # content given in memory: MkDocs writes it
            super().copy_file(dirty)
            return
        link_or_copy(Path(self.abs_src_path), Path(self.abs_dest_path))


class SiteFiles:
    """Generated files kept in .cache/site-files/ under the hash of their
    bytes (the same bytes are stored once, and a stored file is never
    rewritten), each linked into site/ by a LinkedFile. A file no build has
    used for KEEP_DAYS leaves the folder, as the cards do: `make serve` and
    `make build` (two site URLs, so other short links) and a test build
    running beside them each keep what the others link."""

    DIR = ".cache/site-files"
    KEEP_DAYS = 14

    def __init__(self) -> None:
        self.root: Path | None = None
        self.used: set[str] = set()

    def file(self, config: MkDocsConfig, dest: str, content: str | bytes) -> File:
        data = content.encode("utf-8") if isinstance(content, str) else content
        digest = hashlib.sha256(data).hexdigest()[:32]
        self.root = Path(config.config_file_path).parent / self.DIR
        path = self.root / digest
        if not path.is_file():
            write_if_changed(path, data)
        self.used.add(digest)
        return LinkedFile.generated(config, dest, abs_src_path=str(path))

    def prune(self, now: float) -> None:
        """After every language: the date of each used file's last use (at
        most a day old), and the files unused for KEEP_DAYS dropped."""
        day = 86400
        if self.root is not None and self.root.is_dir():
            for path in self.root.iterdir():
                age = now - path.stat().st_mtime
                if path.name in self.used:
                    if age > day:
                        os.utime(path)
                elif age > self.KEEP_DAYS * day:
                    path.unlink(missing_ok=True)
        self.used = set()


site_files = SiteFiles()


# --- what one build computed, for the next ------------------------------------------

def read_cache(text: str, key: str, field: str) -> dict[str, object]:
    """The entries of a cache file's text; none if it was written for another
    key (another library version, another version of the code) or is not a
    cache at all."""
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get(field), dict):
        return {}
    return {k: v for k, v in data[field].items() if isinstance(k, str)}


def cache_text(entries: dict[str, object], key: str, field: str) -> str:
    return json.dumps({"key": key, field: dict(sorted(entries.items()))}, ensure_ascii=False, indent=0) + "\n"


class BuildCache:
    """The previous build's results, and this build's: all that is written
    back, so that what no page needs any more drops out. Kept in .cache/,
    beside mkdocs.yml; `key` says what computed the values."""

    def __init__(self, key: str, field: str, valid: Callable[[object], bool] = lambda value: True) -> None:
        self.key, self.field, self.valid = key, field, valid
        self.path: Path | None = None
        self.previous: dict[str, object] = {}
        self.used: dict[str, object] = {}

    def open(self, path: Path) -> None:
        if self.path == path:
            return  # mkdocs-static-i18n's nested pass: the same build
        self.path, self.used = path, {}
        found = read_cache(path.read_text(encoding="utf-8"), self.key, self.field) if path.is_file() else {}
        self.previous = {k: v for k, v in found.items() if self.valid(v)}

    def get(self, name: str, compute: Callable[[], T]) -> T:
        found = self.used.get(name)
        if found is None:
            found = self.previous.get(name)
        if found is None:
            found = compute()
        self.used[name] = found
        return found  # type: ignore[return-value]

    def known(self, name: str) -> bool:
        """Whether this build or the previous one has a value for `name`
        (keeping it for the next build)."""
        if name not in self.used and name in self.previous:
            self.used[name] = self.previous[name]
        return name in self.used

    def put(self, name: str, value: object) -> None:
        self.used[name] = value

    def save(self) -> None:
        if self.path is None or self.used == self.previous:
            return
        write_if_changed(self.path, cache_text(self.used, self.key, self.field))
        self.previous = dict(self.used)
