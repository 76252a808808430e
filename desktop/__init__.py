"""LuuTru: offline archive manager for a local Party office.

``desktop.core`` and ``desktop.cli`` never import Qt; only ``desktop.ui`` does.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("luutru")
except PackageNotFoundError:  # running from a checkout or a frozen bundle without metadata
    __version__ = "0.1.0"
