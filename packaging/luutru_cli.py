"""PyInstaller entry point for the console ``luutru-cli`` executable."""

import multiprocessing

from desktop.cli import run

if __name__ == "__main__":
    multiprocessing.freeze_support()
    run()
