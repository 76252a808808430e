"""LuuTru: offline archive manager for a local Party office.

``desktop.core`` and ``desktop.cli`` never import Qt; only ``desktop.ui`` does.
"""

from functools import cache


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("luutru")
    except PackageNotFoundError:  # running from a checkout or a frozen bundle without metadata
        return "0.1.0"


def __getattr__(name: str) -> str:
    """``desktop.__version__``, looked up on first use: reading the package
    metadata costs more than the rest of ``luutru-cli --help``."""
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'desktop' has no attribute {name!r}")
