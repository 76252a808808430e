"""Subprocess for the crash test: imports files, printing each one as soon as it is stored.

    python -m tests.helpers.import_worker ARCHIVE FILE...
"""

import sys
from pathlib import Path

from desktop.core.archive import Archive
from desktop.core.importing import import_file


def main() -> None:
    root, files = Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]]
    with Archive.open(root) as archive:
        for number, path in enumerate(files, start=1):
            outcome = import_file(archive, path, index=False)
            print(f"{outcome.status}\t{outcome.article_id}\t{path.name}", flush=True)
            if number % 5 == 0:
                archive.sync_index()
        archive.sync_index()


if __name__ == "__main__":
    main()
