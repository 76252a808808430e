"""Vietnamese full-text search over an archive (Whoosh, no Qt)."""
