"""The orders a search's hits come in: here, not in the service, so that the window
knows them without loading the search engine before its first paint."""

SORTS = ("relevance", "date_desc", "date_asc")
