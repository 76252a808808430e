"""PyInstaller entry point for the windowed ``luutru`` executable."""

import multiprocessing
import sys

from desktop.gui import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
