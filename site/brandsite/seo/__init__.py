"""Search engines: page metadata, structured data, sitemaps, robots and the indexing gate."""
