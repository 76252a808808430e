"""Import Whoosh without two standard-library packages it loads and never uses.

``whoosh.compat`` imports ``urllib.request`` for a ``urlretrieve`` Whoosh never
calls (and with it ``http.client``, ``email`` and ``ssl``); ``whoosh.reading``
takes its one ``cached_property`` from the ``cached_property`` package, which
imports ``asyncio`` (and ``ssl`` again) for coroutine properties Whoosh has
none of.  Together that is some 50 ms of CPU on an office PC, a tenth of what a
command line search may cost (docs/startup.md).

:func:`import_whoosh` imports those two Whoosh modules with stand-ins in
``sys.modules``: a ``urlretrieve`` that imports the real one if it is ever
called, and :func:`functools.cached_property`, which caches a plain method's
value the same way.  The stand-ins are removed at once, so whoever imports
those packages afterwards gets the real ones.  A thread importing either
package meanwhile could get a stand-in, so only the command line, before it
starts any thread, calls this (desktop/core/quick_search.py).
"""

from __future__ import annotations

import functools
import sys
import types


def _urlretrieve(*args, **kwargs):
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def import_whoosh() -> None:
    """Import ``whoosh.compat`` and ``whoosh.reading`` (a no-op once Whoosh is loaded)."""
    if "whoosh.reading" in sys.modules:
        return
    request = types.ModuleType("urllib.request")
    request.urlretrieve = _urlretrieve
    cached = types.ModuleType("cached_property")
    cached.cached_property = functools.cached_property
    stand_ins = {name: module for name, module in (("urllib.request", request), ("cached_property", cached))
                 if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
