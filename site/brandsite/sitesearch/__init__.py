"""One site search over Wagtail pages and the forum topics and posts a visitor may read."""
