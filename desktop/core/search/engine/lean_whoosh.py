"""Import Whoosh without the modules it loads at import and LuuTru never uses.

``whoosh.compat`` imports ``urllib.request`` for a ``urlretrieve`` Whoosh never
calls (and with it ``http.client``, ``email`` and ``ssl``); ``whoosh.reading``
takes its one ``cached_property`` from the ``cached_property`` package, which
imports ``asyncio`` (and ``ssl`` again) for coroutine properties Whoosh has
none of; ``whoosh.query`` and ``whoosh.analysis`` import English word forms,
Porter's stemmer and Double Metaphone, which no Vietnamese field uses.
Together some 70 ms of CPU on this VM, a sixth of a command line search
(docs/startup.md).

:func:`import_whoosh` imports Whoosh with stand-ins for those modules in
``sys.modules``: each name Whoosh takes from them is a function that imports
the real module if it is ever called, and ``cached_property`` is
:func:`functools.cached_property`, which caches a plain method's value the
same way.  The stand-ins are removed at once, so whoever imports those modules
afterwards gets the real ones.  A thread importing one of them meanwhile could
get a stand-in, so only the command line, before it starts any thread, calls
this (desktop/core/quick_search.py).
"""

from __future__ import annotations

import functools
import importlib
import sys
import types

# Module → the names Whoosh imports from it, each called through to the real module.
_CALLED_LATER = {
    "urllib.request": ("urlretrieve",),
    "whoosh.lang.morph_en": ("variations",),
    "whoosh.lang.porter": ("stem",),
    "whoosh.lang.dmetaphone": ("double_metaphone",),
}
# The Whoosh modules that import them (and so the whole of what a search loads).
_WHOOSH = ("whoosh.compat", "whoosh.reading", "whoosh.analysis", "whoosh.query")


def _later(module: str, name: str):
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


def _stand_ins() -> dict[str, types.ModuleType]:
    made = {}
    for module, names in _CALLED_LATER.items():
        made[module] = types.ModuleType(module)
        for name in names:
            setattr(made[module], name, _later(module, name))
    made["cached_property"] = types.ModuleType("cached_property")
    made["cached_property"].cached_property = functools.cached_property
    return made


def import_whoosh() -> None:
    """Import the Whoosh modules a search needs, with the stand-ins (a no-op once Whoosh is loaded)."""
    if "whoosh.reading" in sys.modules:
        return
    stand_ins = {name: module for name, module in _stand_ins().items() if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        for name in _WHOOSH:
            importlib.import_module(name)
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
