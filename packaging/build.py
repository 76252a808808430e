"""Build the one-folder LuuTru bundle with PyInstaller, then run its self-test.

    python packaging/build.py            # build into dist/LuuTru and self-test it
    python packaging/build.py --no-test

Works the same on Windows (dist\\LuuTru\\luutru.exe) and Linux.  Prints the
bundle size and the self-test's timings; exits non-zero if either step fails.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYINSTALLER = "pyinstaller==6.22.3"
DIST = ROOT / "dist" / "LuuTru"


def version_file() -> None:
    """Windows version resource, from pyproject.toml."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    parts = (version.split(".") + ["0", "0", "0"])[:4]
    numbers = ", ".join(str(int(p)) for p in parts)
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({numbers}), prodvers=({numbers})),
  kids=[StringFileInfo([StringTable('040904B0', [
    StringStruct('CompanyName', 'LuuTru'), StringStruct('FileDescription', 'LuuTru - kho lưu trữ bài viết'),
    StringStruct('FileVersion', '{version}'), StringStruct('ProductName', 'LuuTru'),
    StringStruct('ProductVersion', '{version}')])]), VarFileInfo([VarStruct('Translation', [1033, 1200])])]
)
"""
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "version_info.txt").write_text(text, "utf-8")


def size_mb(path: Path) -> float:
    """Unpacked size on disk, each file once (symlinked libraries are not counted twice)."""
    seen, total = set(), 0
    for p in path.rglob("*"):
        info = p.lstat()
        if p.is_symlink() or not p.is_file() or (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        total += info.st_size
    return total / 1024 / 1024


MODEL = "vie.traineddata"


def check_ocr_parts(root: Path, where: str) -> None:
    """Stop the build when OCR would be missing from it: the Vietnamese model, or
    tesserocr (the binding with Tesseract inside)."""
    if not any(root.rglob(MODEL)):
        sys.exit(f"build: {where} lacks {MODEL} (the Vietnamese OCR model, resources/tessdata)")
    if not any(p.suffix in (".so", ".pyd") for p in root.rglob("tesserocr*")):
        sys.exit(f"build: {where} lacks tesserocr (the OCR library; pip install -e . installs it)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-test", action="store_true")
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", PYINSTALLER], check=True)
    version_file()
    try:
        import tesserocr
    except ImportError:
        sys.exit("build: this Python lacks tesserocr (the OCR library; pip install -e . installs it)")
    if not (ROOT / "resources" / "tessdata" / MODEL).is_file():
        sys.exit(f"build: resources/tessdata/{MODEL} is missing (the Vietnamese OCR model)")
    print(f"build: OCR from {tesserocr.tesseract_version().splitlines()[0]}")
    shutil.rmtree(DIST, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
         str(ROOT / "packaging" / "luutru.spec")],
        check=True, cwd=ROOT,
    )
    check_ocr_parts(DIST, "the bundle")
    print(f"build: {time.perf_counter() - started:.0f} s, bundle {size_mb(DIST):.0f} MB unpacked at {DIST}")
    if args.no_test:
        return 0
    exe = DIST / ("luutru.exe" if os.name == "nt" else "luutru")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([str(exe), "--self-test"], env=env, capture_output=True, text=True, timeout=300)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    cli = DIST / ("luutru-cli.exe" if os.name == "nt" else "luutru-cli")
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True)
    print(f"cli: {version.stdout.strip()}")
    return result.returncode or version.returncode or check_server(cli)


def check_server(cli: Path) -> int:
    """The bundle on an office server: ``init``, ``import`` and ``search`` against a
    throw-away PostgreSQL (its drivers are loaded by name, so only a run shows they
    were bundled).  Skipped, and said, where PostgreSQL is not installed."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers.pgcluster import Cluster, binaries

    if binaries() is None:
        print("server: skipped (PostgreSQL is not installed here)")
        return 0
    cluster = Cluster(binaries()).start()
    cache = Path(cluster.folder) / "cache"
    env = dict(os.environ, XDG_CACHE_HOME=str(cache), LOCALAPPDATA=str(cache))
    try:
        cluster.sql("CREATE DATABASE luutru")
        archive = ["--archive", cluster.url("luutru")]
        samples = sorted(str(p) for p in (ROOT / "resources" / "sample").glob("*.txt"))
        for args in (["init"], ["import", *samples], ["search", "giao ban thi uy"]):
            run = subprocess.run([str(cli), *archive, *args], env=env, capture_output=True, text=True, timeout=300)
            if run.returncode:
                sys.stderr.write(run.stdout + run.stderr)
                print(f"server: luutru-cli {args[0]} failed on PostgreSQL")
                return run.returncode
        found = re.search(r"^(\d+) kết quả", run.stdout, re.MULTILINE)
        if not found or not int(found.group(1)):
            sys.stderr.write(run.stdout)
            print("server: the search found nothing on PostgreSQL")
            return 1
        print(f"server: init, import {len(samples)}, search on PostgreSQL: {found.group(1)} hits")
        return 0
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
