"""PyInstaller entry point for the windowed ``luutru`` executable."""

import multiprocessing
import sys

from desktop.ui.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
