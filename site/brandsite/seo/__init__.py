"""Search-engine presence: page metadata, structured data, sitemaps, robots and the indexing gate."""
