"""A checksum of every index file, recorded at each commit.

Whoosh reads its files without checking them: a damaged block gives a
``struct.error`` on one query and a silently wrong count on another.  Index
files are written once and never changed (a commit adds segment and table-
of-contents files and deletes merged ones), so a checksum taken when a file
first appears stays true while the file lives.

``changed`` is cheap enough for every open: it hashes only files whose size
or modification time differ from the record.  ``damaged`` hashes them all,
for the integrity check and after a failed read.

Segments' word lists (:mod:`wordlists`) are left out: each carries its own
checksum and, damaged, is rewritten from its segment, not the index rebuilt.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

from desktop.core.search.engine.whoosh_compat import in_flight
from desktop.core.search.engine.wordlists import EXTENSION as WORD_LIST

RECORD = "luutru-checksums.json"
_NOT_INDEX = ("luutru-", ".part")  # our own state files and half-written ones


def _index_files(folder: Path) -> dict[str, os.stat_result]:
    found = {}
    for entry in os.scandir(folder):
        name = entry.name
        if entry.is_file() and not name.endswith(("LOCK", _NOT_INDEX[1], WORD_LIST)) and not name.startswith(_NOT_INDEX[0]):
            found[name] = entry.stat()
    return found


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            crc = zlib.crc32(chunk, crc)
    return crc


def _read(folder: Path) -> dict | None:
    try:
        record = json.loads((folder / RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def record(folder: Path) -> None:
    """Record the checksum of every index file, hashing only files not recorded yet, and
    leaving out those of a segment still being written apart (a merge: half-written, and
    perhaps never the index's)."""
    folder = Path(folder)
    before = _read(folder) or {}
    now = {}
    writing = in_flight()
    for name, stat in _index_files(folder).items():
        if any(segment in name for segment in writing):
            continue
        known = before.get(name)
        if known and known["size"] == stat.st_size and known["mtime"] == stat.st_mtime_ns:
            now[name] = known
        else:
            now[name] = {"size": stat.st_size, "mtime": stat.st_mtime_ns, "crc32": _crc(folder / name)}
    part = folder / f"{RECORD}.{os.getpid()}.part"
    try:
        part.write_text(json.dumps(now), "utf-8")
        os.replace(part, folder / RECORD)
    except OSError:  # a full disk: the commit stands; files not recorded are recorded on the next open
        part.unlink(missing_ok=True)


def changed(folder: Path) -> list[str]:
    """Recorded files whose content no longer matches, looking only at those whose size or
    modification time moved (cheap: a stat per file).  A file that is gone is Whoosh's to
    miss: it fails to open, and the index is rebuilt."""
    return _mismatches(Path(folder), thorough=False)


def damaged(folder: Path) -> list[str]:
    """Recorded files whose content no longer matches (reads them all)."""
    return _mismatches(Path(folder), thorough=True)


def _mismatches(folder: Path, *, thorough: bool) -> list[str]:
    for _ in range(3):  # another process may commit meanwhile: judge against a steady record
        expected = _read(folder)
        if expected is None:
            return []
        files = _index_files(folder)
        bad = []
        for name, known in sorted(expected.items()):
            stat = files.get(name)
            if stat is None:
                continue  # merged away by a commit not recorded yet (a kill between the two)
            if thorough or stat.st_size != known["size"] or stat.st_mtime_ns != known["mtime"]:
                try:
                    if _crc(folder / name) != known["crc32"]:
                        bad.append(name)
                except OSError:
                    bad.append(name)
        if _read(folder) == expected:
            return bad
    return bad
