"""The search engine proper: posting arrays, term files and the fast writer over Whoosh."""
