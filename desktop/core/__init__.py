"""LuuTru's Qt-free core: parsing, the archive facade, search and export.

Nothing under this package may import Qt; the GUI, the CLI and the tests
all call these services the same way.
"""
