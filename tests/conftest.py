import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.archive import Archive  # noqa: E402
from desktop.paths import resources  # noqa: E402

SAMPLES = resources() / "sample"


def seed_path(prefix: str) -> Path:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture
def seeds() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture
def archive(tmp_path):
    """A fresh, empty archive for each test."""
    with Archive.open(tmp_path / "archive") as arch:
        yield arch


@pytest.fixture
def seeded(archive, seeds):
    """The archive with the five sample articles imported (ids 1–5 in file order)."""
    from desktop.core.importing import import_paths

    outcomes = import_paths(archive, seeds)
    assert [o.status for o in outcomes] == ["imported"] * 5
    return archive


@pytest.fixture
def demo_archive(tmp_path):
    """The demo archive: the samples with drawn photos, unit and topic trees, tags."""
    from desktop.core.maintenance.demo import build_demo

    archive = build_demo(tmp_path / "demo")
    yield archive
    archive.close()
