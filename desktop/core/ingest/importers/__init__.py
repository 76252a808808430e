"""One parser per file format; each turns a file into an :class:`ArticleDraft`.

The archive services do the rest (de-duplication, storing, indexing), the
same way for every format.
"""
