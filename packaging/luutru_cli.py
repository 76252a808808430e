"""PyInstaller entry point for the console ``luutru-cli`` executable."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
